package kr.dure.booking;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** A half-open time interval [start, end). */
public record Interval(Instant start, Instant end) {

  public Interval {
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("empty interval " + start + " .. " + end);
    }
  }

  public boolean overlaps(Instant s, Instant e) {
    return start.isBefore(e) && s.isBefore(end);
  }

  public boolean contains(Instant s, Instant e) {
    return !s.isBefore(start) && !e.isAfter(end);
  }

  public JsonObject toJson() {
    return new JsonObject().put("start", start.toString()).put("end", end.toString());
  }
}
