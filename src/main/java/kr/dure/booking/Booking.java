package kr.dure.booking;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import kr.dure.resource.ResourceKind;

/** A booking of a resource by a firm. */
public record Booking(
    long id,
    long resourceId,
    ResourceKind resourceKind,
    Long departureId,
    long organisationId,
    long userId,
    Instant startsAt,
    Instant endsAt,
    Instant blockedUntil,
    int units,
    int pallets,
    int kg,
    BookingStatus status,
    Instant holdExpiresAt,
    UUID seriesId,
    String purpose,
    long feeWon,
    boolean lateCancel,
    Instant checkedInAt,
    Instant checkedOutAt,
    Instant cancelledAt,
    String reason,
    Instant createdAt) {

  // starts with a space: text blocks drop the trailing space of "RETURNING " that precedes it
  static final String COLUMNS = " " + """
      id, resource_id, resource_kind, departure_id, organisation_id, user_id, starts_at, ends_at, blocked_until,
      units, pallets, kg, status, hold_expires_at, series_id, purpose, fee_won, late_cancel, checked_in_at,
      checked_out_at, cancelled_at, reason, created_at
      """;

  static Booking from(Row r) {
    return new Booking(r.getLong("id"), r.getLong("resource_id"), ResourceKind.valueOf(r.getString("resource_kind")),
        r.getLong("departure_id"), r.getLong("organisation_id"), r.getLong("user_id"),
        instant(r.getOffsetDateTime("starts_at")), instant(r.getOffsetDateTime("ends_at")),
        instant(r.getOffsetDateTime("blocked_until")), r.getInteger("units"), r.getInteger("pallets"), r.getInteger("kg"),
        BookingStatus.valueOf(r.getString("status")), instant(r.getOffsetDateTime("hold_expires_at")),
        r.getUUID("series_id"), r.getString("purpose"), r.getLong("fee_won"), r.getBoolean("late_cancel"),
        instant(r.getOffsetDateTime("checked_in_at")), instant(r.getOffsetDateTime("checked_out_at")),
        instant(r.getOffsetDateTime("cancelled_at")), r.getString("reason"), instant(r.getOffsetDateTime("created_at")));
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  /** Everything, for the booking firm, its project's coordinators and the ministry. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id).put("resourceId", resourceId).put("resourceKind", resourceKind.name())
        .put("departureId", departureId).put("organisationId", organisationId).put("userId", userId)
        .put("startsAt", startsAt.toString()).put("endsAt", endsAt.toString()).put("blockedUntil", blockedUntil.toString())
        .put("units", units).put("pallets", pallets).put("kg", kg).put("status", status.name())
        .put("holdExpiresAt", holdExpiresAt == null ? null : holdExpiresAt.toString())
        .put("seriesId", seriesId == null ? null : seriesId.toString()).put("purpose", purpose)
        .put("feeWon", feeWon).put("lateCancel", lateCancel)
        .put("checkedInAt", checkedInAt == null ? null : checkedInAt.toString())
        .put("checkedOutAt", checkedOutAt == null ? null : checkedOutAt.toString())
        .put("cancelledAt", cancelledAt == null ? null : cancelledAt.toString())
        .put("reason", reason).put("createdAt", createdAt.toString());
  }
}
