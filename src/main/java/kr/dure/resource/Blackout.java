package kr.dure.resource;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** A time the resource cannot be booked (maintenance, repair), with the reason shown to users. */
public record Blackout(long id, long resourceId, Instant startsAt, Instant endsAt, String reason) {

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("resourceId", resourceId)
        .put("startsAt", startsAt.toString()).put("endsAt", endsAt.toString()).put("reason", reason);
  }
}
