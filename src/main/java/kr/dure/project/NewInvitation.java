package kr.dure.project;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.List;
import kr.dure.auth.Role;
import kr.dure.common.Validator;

/** Who to invite into a project, as typed on the members page or sent to the API. */
public record NewInvitation(String email, String name, Role role, long organisationId) {

  /** The roles an invitation can carry; the inviter's own role narrows them further. */
  public static final List<Role> ROLES = List.of(Role.FIRM, Role.COORDINATOR, Role.LOCAL_GOV);
  public static final int NAME_MAX = 100;

  public static NewInvitation fromJson(JsonObject json) {
    return parse(Validator.of(json));
  }

  public static NewInvitation fromForm(MultiMap form) {
    return parse(Validator.ofForm(form));
  }

  private static NewInvitation parse(Validator v) {
    String email = v.requiredEmail("email");
    String name = v.requiredText("name", NAME_MAX);
    Role role = v.requiredEnum("role", Role.class);
    if (role != null && !ROLES.contains(role)) {
      v.add("role", "validation.choice", "role must be one of " + ROLES + ".");
    }
    Long organisationId = v.requiredLong("organisationId", 1, Long.MAX_VALUE);
    v.throwIfInvalid();
    return new NewInvitation(email, name, role, organisationId);
  }
}
