package kr.dure.auth;

import java.util.Locale;
import java.util.Optional;

/** What a user does on the platform; each role has its home page and its menu. */
public enum Role {
  MINISTRY("/ministry"),
  REVIEWER("/review"),
  DESIGN_AGENCY("/design"),
  LOCAL_GOV("/local-gov"),
  COORDINATOR("/coordinator"),
  FIRM("/firm");

  private final String homePath;

  Role(String homePath) {
    this.homePath = homePath;
  }

  public String homePath() {
    return homePath;
  }

  /** Message-bundle key of the role's display name. */
  public String labelKey() {
    return "role." + name();
  }

  public static Optional<Role> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
