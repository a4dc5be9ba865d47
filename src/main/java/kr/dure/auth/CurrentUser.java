package kr.dure.auth;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** The authenticated caller, as the verified token says. */
public record CurrentUser(long userId, Role role, long organisationId, String email, Instant expiresAt) {

  /** Reads the claims of a verified token; a token without the expected claims is not ours. */
  static CurrentUser fromClaims(JsonObject claims) {
    String sub = claims.getString("sub");
    Role role = Role.parse(claims.getString("role")).orElseThrow(() -> new IllegalArgumentException("role"));
    Long org = claims.getLong("org");
    Long exp = claims.getLong("exp");
    if (sub == null || org == null || exp == null) {
      throw new IllegalArgumentException("claims");
    }
    return new CurrentUser(Long.parseLong(sub), role, org, claims.getString("email", ""), Instant.ofEpochSecond(exp));
  }

  public boolean hasRole(Role... roles) {
    for (Role r : roles) {
      if (r == role) {
        return true;
      }
    }
    return false;
  }
}
