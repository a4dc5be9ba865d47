package kr.dure.project;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** A person named on a project, e.g. its coordinator. */
public record ProjectPerson(long userId, String name, String email, String organisationName, String projectRole) {

  static ProjectPerson from(Row r) {
    return new ProjectPerson(r.getLong("id"), r.getString("name"), r.getString("email"),
        r.getString("organisation_name"), r.getString("project_role"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("userId", userId).put("name", name).put("email", email)
        .put("organisation", organisationName).put("projectRoleKey", "projectRole." + projectRole);
  }
}
