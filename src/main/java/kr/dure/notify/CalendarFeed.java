package kr.dure.notify;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;

/** A calendar feed a user subscribed to: whose bookings it carries (scope), and whether it still works. */
public record CalendarFeed(long id, long userId, String name, Scope scope, Long organisationId, Long resourceId,
    String resourceNameKo, String resourceNameEn, Instant createdAt, Instant revokedAt, Instant lastUsedAt) {

  /** USER: the owner's own bookings; ORGANISATION: every booking of the owner's firm; RESOURCE: one resource's bookings. */
  public enum Scope { USER, ORGANISATION, RESOURCE }

  static CalendarFeed from(Row r) {
    return new CalendarFeed(r.getLong("id"), r.getLong("user_id"), r.getString("name"), Scope.valueOf(r.getString("scope")),
        r.getLong("organisation_id"), r.getLong("resource_id"), r.getString("resource_name_ko"), r.getString("resource_name_en"),
        instant(r.getOffsetDateTime("created_at")), instant(r.getOffsetDateTime("revoked_at")),
        instant(r.getOffsetDateTime("last_used_at")));
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  public boolean active() {
    return revokedAt == null;
  }

  /** Never the token or its hash: the feed's URL is shown once, when it is created. */
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name).put("scope", scope.name())
        .put("organisationId", organisationId).put("resourceId", resourceId)
        .put("resourceNameKo", resourceNameKo).put("resourceNameEn", resourceNameEn)
        .put("createdAt", createdAt.toString())
        .put("revokedAt", revokedAt == null ? null : revokedAt.toString())
        .put("lastUsedAt", lastUsedAt == null ? null : lastUsedAt.toString())
        .put("active", active());
  }
}
