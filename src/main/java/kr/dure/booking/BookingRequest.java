package kr.dure.booking;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Function;
import kr.dure.common.Validator;

/**
 * What a firm asks for: a resource and a time (with units for facilities), or a departure of a run
 * with pallets and kilograms; optionally repeated.
 */
public record BookingRequest(
    long resourceId,
    Instant start,
    Instant end,
    int units,
    Long departureId,
    int pallets,
    int kg,
    String purpose,
    Long organisationId,
    Recurrence recurrence) {

  /** Longest single booking: 31 days (cold storage by the month). */
  static final Duration LONGEST = Duration.ofDays(31);

  /** How a booking repeats, until a date or for a count, and what to do when some dates are taken. */
  public record Recurrence(Frequency frequency, int interval, LocalDate until, Integer count, boolean bookFreeOnes) {
  }

  public enum Frequency {
    DAILY,
    WEEKLY,
    MONTHLY
  }

  public static BookingRequest fromJson(JsonObject json) {
    return parse(Validator.of(json), json == null ? null : json.getValue("recurrence"));
  }

  public static BookingRequest fromForm(MultiMap form) {
    JsonObject recurrence = null;
    String frequency = form.get("repeat");
    if (frequency != null && !frequency.isBlank() && !"NONE".equalsIgnoreCase(frequency)) {
      recurrence = new JsonObject().put("frequency", frequency)
          .put("until", blankToNull(form.get("repeatUntil"))).put("count", blankToNull(form.get("repeatCount")))
          .put("mode", form.get("repeatMode"));
    }
    return parse(Validator.ofForm(form), recurrence);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static BookingRequest parse(Validator v, Object recurrenceRaw) {
    Long resourceId = v.requiredLong("resourceId", 1, Long.MAX_VALUE);
    Long departureId = v.raw("departureId") == null || "".equals(v.raw("departureId")) ? null : v.requiredLong("departureId", 1, Long.MAX_VALUE);
    Instant start = null;
    Instant end = null;
    int units = 1;
    int pallets = 0;
    int kg = 0;
    if (departureId == null) {
      start = v.requiredInstant("start");
      end = v.requiredInstant("end");
      units = v.intOr("units", 1, 100_000, 1);
      if (start != null && end != null) {
        if (!end.isAfter(start)) {
          v.add("end", "validation.endAfterStart", "end must be after start.");
        } else if (Duration.between(start, end).compareTo(LONGEST) > 0) {
          v.add("end", "validation.tooLongBooking", "A single booking may last at most 31 days.");
        }
      }
    } else {
      Long p = v.requiredLong("pallets", 0, 1000);
      Long k = v.requiredLong("kg", 0, 1_000_000);
      pallets = p == null ? 0 : p.intValue();
      kg = k == null ? 0 : k.intValue();
      if (p != null && k != null && pallets == 0 && kg == 0) {
        v.add("pallets", "validation.emptyShipment", "Book at least one pallet or one kilogram.");
      }
    }
    String purpose = v.optionalText("purpose", 500);
    Integer org = v.optionalInt("organisationId", 1, Integer.MAX_VALUE);
    Recurrence recurrence = recurrence(v, recurrenceRaw, departureId != null);
    v.throwIfInvalid();
    return new BookingRequest(resourceId, start, end, units, departureId, pallets, kg, purpose,
        org == null ? null : org.longValue(), recurrence);
  }

  private static Recurrence recurrence(Validator v, Object raw, boolean run) {
    if (raw == null) {
      return null;
    }
    if (!(raw instanceof JsonObject json)) {
      v.add("recurrence", "validation.recurrence", "recurrence must be an object {frequency, until or count, mode}.");
      return null;
    }
    if (run) {
      v.add("recurrence", "validation.recurrenceRun", "Delivery runs are booked per departure: book each departure.");
      return null;
    }
    Function<String, Object> get = json::getValue;
    Validator r = Validator.of(json);
    Frequency frequency = r.requiredEnum("frequency", Frequency.class);
    int interval = r.intOr("interval", 1, 12, 1);
    LocalDate until = null;
    Object untilRaw = get.apply("until");
    if (untilRaw != null) {
      until = Validator.parseDate(untilRaw.toString());
      if (until == null) {
        r.add("until", "validation.date", "until must be a date such as 2026-12-31.");
      }
    }
    Integer count = r.optionalInt("count", 1, Recurrences.MAX_OCCURRENCES);
    if (until == null && count == null && untilRaw == null) {
      r.add("until", "validation.recurrenceEnd", "Give until (a date) or count (1-" + Recurrences.MAX_OCCURRENCES + ").");
    }
    Object mode = get.apply("mode");
    boolean bookFreeOnes = "FREE_ONES".equals(mode);
    if (mode != null && !"FREE_ONES".equals(mode) && !"ALL_OR_NONE".equals(mode)) {
      r.add("mode", "validation.recurrenceMode", "mode must be FREE_ONES (book the free dates) or ALL_OR_NONE.");
    }
    if (r.hasErrors()) {
      try {
        r.throwIfInvalid();
      } catch (kr.dure.common.ValidationException e) {
        e.errors().forEach(fe -> v.add("recurrence." + fe.field(), fe.code(), "recurrence." + fe.message()));
      }
      return null;
    }
    return new Recurrence(frequency, interval, until, count, bookFreeOnes);
  }
}
