package kr.dure.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** A person who signs in; belongs to one organisation. */
public record User(
    long id,
    String email,
    String name,
    Role role,
    long organisationId,
    String organisationName,
    OrganisationKind organisationKind,
    String locale,
    boolean active) {

  static User from(Row row) {
    return new User(
        row.getLong("id"),
        row.getString("email"),
        row.getString("name"),
        Role.valueOf(row.getString("role")),
        row.getLong("organisation_id"),
        row.getString("organisation_name"),
        OrganisationKind.valueOf(row.getString("organisation_kind")),
        row.getString("locale"),
        row.getBoolean("active"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("email", email)
        .put("name", name)
        .put("role", role.name())
        .put("organisation", new JsonObject()
            .put("id", organisationId)
            .put("name", organisationName)
            .put("kind", organisationKind.name()))
        .put("locale", locale);
  }
}
