package kr.dure.resource;

import io.vertx.core.json.JsonObject;

/** One opening interval on an ISO weekday (1 = Monday), in minutes after local midnight; 1440 is midnight. */
public record OpeningHours(int weekday, int opensMinute, int closesMinute) {

  public static String clock(int minute) {
    return String.format("%02d:%02d", minute / 60, minute % 60);
  }

  public JsonObject toJson() {
    return new JsonObject().put("weekday", weekday).put("opens", clock(opensMinute)).put("closes", clock(closesMinute));
  }
}
