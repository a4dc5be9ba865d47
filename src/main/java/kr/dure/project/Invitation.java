package kr.dure.project;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import kr.dure.auth.Role;

/**
 * An invitation to join a project as a firm user, a coordinator or an official of the lead local
 * government. Its token is never part of it: only the token's hash is stored.
 */
public record Invitation(long id, long projectId, String projectCode, String projectTitleKo, String projectTitleEn,
    long organisationId, String organisationName, String email, String name, Role role, String status,
    long invitedById, String invitedByName, String invitedByOrganisation, Instant createdAt, Instant expiresAt,
    Instant acceptedAt, Instant revokedAt) {

  /** A pending invitation whose time has run out counts as expired, whether or not a row says so yet. */
  static Invitation from(Row r) {
    boolean expired = "PENDING".equals(r.getString("status")) && r.getBoolean("expired");
    return new Invitation(r.getLong("id"), r.getLong("project_id"), r.getString("project_code"), r.getString("title_ko"),
        r.getString("title_en"), r.getLong("organisation_id"), r.getString("organisation_name"), r.getString("email"),
        r.getString("name"), Role.valueOf(r.getString("role")), expired ? "EXPIRED" : r.getString("status"),
        r.getLong("invited_by"), r.getString("invited_by_name"), r.getString("invited_by_organisation"),
        instant(r.getOffsetDateTime("created_at")), instant(r.getOffsetDateTime("expires_at")),
        instant(r.getOffsetDateTime("accepted_at")), instant(r.getOffsetDateTime("revoked_at")));
  }

  public boolean pending() {
    return "PENDING".equals(status);
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("projectId", projectId).put("projectCode", projectCode)
        .put("projectTitleKo", projectTitleKo).put("projectTitleEn", projectTitleEn == null ? "" : projectTitleEn)
        .put("organisationId", organisationId).put("organisationName", organisationName)
        .put("email", email).put("name", name).put("role", role.name()).put("roleKey", role.labelKey())
        .put("status", status).put("statusKey", "invitationStatus." + status)
        .put("invitedBy", new JsonObject().put("userId", invitedById).put("name", invitedByName)
            .put("organisation", invitedByOrganisation))
        .put("createdAt", createdAt.toString()).put("expiresAt", expiresAt.toString())
        .put("acceptedAt", acceptedAt == null ? null : acceptedAt.toString())
        .put("revokedAt", revokedAt == null ? null : revokedAt.toString());
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
