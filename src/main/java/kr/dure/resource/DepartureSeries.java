package kr.dure.resource;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import kr.dure.common.Validator;

/** A weekly timetable of departures: weekdays, departure time, trip length, cut-off, capacity, and the dates it runs. */
public record DepartureSeries(Set<Integer> weekdays, int departsMinute, int durationMinutes, int cutoffDaysBefore,
    int cutoffMinute, int pallets, int kg, LocalDate from, LocalDate until) {

  public static DepartureSeries fromJson(JsonObject json) {
    Validator v = Validator.of(json);
    Set<Integer> weekdays = new HashSet<>();
    Object raw = v.raw("weekdays");
    if (raw instanceof JsonArray days && !days.isEmpty()) {
      for (Object d : days) {
        if (d instanceof Integer i && i >= 1 && i <= 7) {
          weekdays.add(i);
        } else {
          v.add("weekdays", "validation.weekday", "weekdays must list days 1 (Monday) to 7 (Sunday).");
          break;
        }
      }
    } else {
      v.add("weekdays", "validation.required", "weekdays is required, e.g. [2, 5] for Tuesday and Friday.");
    }
    Integer departs = ResourceInput.minuteOfDay(v.raw("departs"), false);
    if (departs == null) {
      v.add("departs", "validation.clock", "departs must be a time HH:MM such as 06:00.");
    }
    Integer cutoff = ResourceInput.minuteOfDay(v.raw("cutoffTime"), false);
    if (cutoff == null) {
      v.add("cutoffTime", "validation.clock", "cutoffTime must be a time HH:MM such as 17:00.");
    }
    int duration = v.intOr("durationMinutes", 15, 24 * 60, 240);
    int cutoffDays = v.intOr("cutoffDaysBefore", 0, 14, 1);
    Long pallets = v.requiredLong("pallets", 1, 1000);
    Long kg = v.requiredLong("kg", 1, 1_000_000);
    LocalDate from = v.requiredDate("from");
    LocalDate until = v.requiredDate("until");
    if (from != null && until != null) {
      if (until.isBefore(from)) {
        v.add("until", "validation.endAfterStart", "until must not be before from.");
      } else if (ChronoUnit.DAYS.between(from, until) > 366) {
        v.add("until", "validation.range", "A series may cover at most a year.");
      }
    }
    v.throwIfInvalid();
    return new DepartureSeries(weekdays, departs, duration, cutoffDays, cutoff, pallets.intValue(), kg.intValue(), from, until);
  }

}
