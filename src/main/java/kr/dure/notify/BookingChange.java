package kr.dure.notify;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One committed change of a booking, as the {@code booking_changed} notification carries it (see
 * migration V16): ids, status and times only.
 */
public record BookingChange(long bookingId, long resourceId, long projectId, long organisationId, String status, boolean holdsSlot,
    Instant start, Instant end, Instant blockedUntil) {

  /** Reads a notification payload; a payload that is not ours throws {@link IllegalArgumentException}. */
  public static BookingChange fromPayload(String payload) {
    try {
      JsonObject json = new JsonObject(payload);
      return new BookingChange(json.getLong("bookingId"), json.getLong("resourceId"), json.getLong("projectId"),
          json.getLong("organisationId"), json.getString("status"), json.getBoolean("holdsSlot", false),
          Instant.parse(json.getString("start")), Instant.parse(json.getString("end")),
          Instant.parse(json.getString("blockedUntil")));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a booking_changed payload", e);
    }
  }

  /** Everything, for the project's coordinators and the ministry. */
  public JsonObject full() {
    return new JsonObject().put("bookingId", bookingId).put("resourceId", resourceId).put("projectId", projectId)
        .put("organisationId", organisationId).put("status", status).put("busy", holdsSlot)
        .put("start", start.toString()).put("end", end.toString()).put("blockedUntil", blockedUntil.toString());
  }

  /**
   * Busy or free time only, for a firm or another member: another firm's booking shows no id, status
   * or organisation (the same rule as the availability API); the viewer's own booking keeps its id and status.
   */
  public JsonObject busyFree(long viewerOrganisationId) {
    boolean mine = organisationId == viewerOrganisationId;
    JsonObject json = new JsonObject().put("resourceId", resourceId).put("busy", holdsSlot).put("mine", mine)
        .put("start", start.toString()).put("end", end.toString()).put("blockedUntil", blockedUntil.toString());
    if (mine) {
      json.put("bookingId", bookingId).put("status", status);
    }
    return json;
  }
}
