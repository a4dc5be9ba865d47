package kr.dure.booking;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kr.dure.common.UnprocessableException.Violation;
import kr.dure.resource.Blackout;
import kr.dure.resource.Departure;
import kr.dure.resource.Resource;
import kr.dure.resource.ResourceKind;
import kr.dure.resource.ResourceRules;

/**
 * The rules a booking must pass before it may take capacity: step, length, notice, horizon,
 * opening hours, holidays, blackouts, qualification and quotas. Pure: the caller gathers the facts.
 */
public final class BookingRules {

  private final ZoneId zone;

  public BookingRules(ZoneId zone) {
    this.zone = zone;
  }

  /** The facts a check needs beyond the request itself. */
  public record Facts(Instant now, OpenTime openTime, boolean qualified, QuotaUse quotaUse) {
  }

  /** Every rule a time booking (equipment, facility) breaks; empty when it may be booked. */
  public List<Violation> checkTime(Resource resource, Instant start, Instant end, int units, Facts facts) {
    ResourceRules r = resource.rules();
    List<Violation> v = new ArrayList<>();
    long minutes = Duration.between(start, end).toMinutes();
    if (start.isBefore(facts.now())) {
      v.add(violation("past", "rule.past", "The start " + local(start) + " has already passed: choose a later time.", new JsonObject()));
    } else if (start.isBefore(facts.now().plus(Duration.ofMinutes(r.minNoticeMinutes())))) {
      v.add(violation("notice", "rule.notice", "Book at least " + r.minNoticeMinutes() + " minutes ahead.",
          new JsonObject().put("minutes", r.minNoticeMinutes())));
    }
    if (start.isAfter(facts.now().plus(Duration.ofDays(r.horizonDays())))) {
      v.add(violation("horizon", "rule.horizon", "Bookings open at most " + r.horizonDays() + " days ahead.",
          new JsonObject().put("days", r.horizonDays())));
    }
    ZonedDateTime localStart = start.atZone(zone);
    int minuteOfDay = localStart.getHour() * 60 + localStart.getMinute();
    if (localStart.getSecond() != 0 || localStart.getNano() != 0 || minuteOfDay % r.slotMinutes() != 0
        || Duration.between(start, end).toSeconds() % (r.slotMinutes() * 60L) != 0) {
      v.add(violation("step", "rule.step", "Start and end must fall on " + r.slotMinutes() + "-minute steps from midnight.",
          new JsonObject().put("minutes", r.slotMinutes())));
    }
    if (r.minMinutes() != null && minutes < r.minMinutes()) {
      v.add(violation("minLength", "rule.minLength", "Book at least " + r.minMinutes() + " minutes.",
          new JsonObject().put("minutes", r.minMinutes())));
    }
    if (r.maxMinutes() != null && minutes > r.maxMinutes()) {
      v.add(violation("maxLength", "rule.maxLength", "Book at most " + r.maxMinutes() + " minutes at a time.",
          new JsonObject().put("minutes", r.maxMinutes())));
    }
    if (resource.kind() == ResourceKind.FACILITY && units > resource.capacity()) {
      v.add(violation("units", "rule.units", "This facility has " + resource.capacity() + " units: ask for at most that many.",
          new JsonObject().put("capacity", resource.capacity())));
    }
    Optional<Blackout> blackout = facts.openTime().blackoutOverlapping(start, end);
    Optional<LocalDate> holiday = facts.openTime().holidayWithin(start, end);
    if (blackout.isPresent()) {
      v.add(violation("blackout", "rule.blackout", "The resource is unavailable from " + local(blackout.get().startsAt()) + " to "
          + local(blackout.get().endsAt()) + ": " + blackout.get().reason(), new JsonObject().put("reason", blackout.get().reason())
          .put("from", local(blackout.get().startsAt())).put("to", local(blackout.get().endsAt()))));
    } else if (holiday.isPresent()) {
      v.add(violation("holiday", "rule.holiday", "The resource is closed on public holidays (" + holiday.get() + ").",
          new JsonObject().put("day", holiday.get().toString())));
    } else if (!facts.openTime().covers(start, end)) {
      v.add(violation("openingHours", "rule.openingHours", "The time lies outside the opening hours of the resource.",
          new JsonObject()));
    }
    checkCommon(resource, hours(minutes, units), facts, v);
    return v;
  }

  /** Every rule a delivery-run booking breaks. */
  public List<Violation> checkRun(Resource resource, Departure departure, int pallets, int kg, Facts facts) {
    List<Violation> v = new ArrayList<>();
    if (departure.cancelled()) {
      v.add(violation("departureCancelled", "rule.departureCancelled", "This departure has been cancelled.", new JsonObject()));
    } else if (!facts.now().isBefore(departure.cutoffAt())) {
      v.add(violation("cutoff", "rule.cutoff", "Booking for this departure closed at " + local(departure.cutoffAt()) + ".",
          new JsonObject().put("cutoff", local(departure.cutoffAt()))));
    }
    if (departure.departsAt().isAfter(facts.now().plus(Duration.ofDays(resource.rules().horizonDays())))) {
      v.add(violation("horizon", "rule.horizon", "Bookings open at most " + resource.rules().horizonDays() + " days ahead.",
          new JsonObject().put("days", resource.rules().horizonDays())));
    }
    if (pallets > departure.palletCapacity() || kg > departure.kgCapacity()) {
      v.add(violation("runSize", "rule.runSize", "This departure carries at most " + departure.palletCapacity() + " pallets and "
          + departure.kgCapacity() + " kg.", new JsonObject().put("pallets", departure.palletCapacity()).put("kg", departure.kgCapacity())));
    }
    checkCommon(resource, pallets, facts, v);
    return v;
  }

  private void checkCommon(Resource resource, double amount, Facts facts, List<Violation> v) {
    ResourceRules r = resource.rules();
    if (r.qualificationRequired() && !facts.qualified()) {
      v.add(violation("qualification", "rule.qualification",
          "This resource needs a valid training record: ask the coordinator to record your training first.", new JsonObject()));
    }
    String unit = resource.kind() == ResourceKind.DELIVERY_RUN ? "pallets" : "hours";
    if (r.weeklyQuota() != null && facts.quotaUse().week() + amount > r.weeklyQuota() + 1e-9) {
      v.add(violation("weeklyQuota", "rule.weeklyQuota", "Your firm may book " + r.weeklyQuota() + " " + unit + " a week; it has "
          + trim(facts.quotaUse().week()) + " already and this asks " + trim(amount) + ".",
          new JsonObject().put("quota", r.weeklyQuota()).put("used", facts.quotaUse().week()).put("asked", amount)));
    }
    if (r.monthlyQuota() != null && facts.quotaUse().month() + amount > r.monthlyQuota() + 1e-9) {
      v.add(violation("monthlyQuota", "rule.monthlyQuota", "Your firm may book " + r.monthlyQuota() + " " + unit + " a month; it has "
          + trim(facts.quotaUse().month()) + " already and this asks " + trim(amount) + ".",
          new JsonObject().put("quota", r.monthlyQuota()).put("used", facts.quotaUse().month()).put("asked", amount)));
    }
  }

  /** The amount a booking counts against quotas: hours times units. */
  public static double hours(long minutes, int units) {
    return minutes * units / 60.0;
  }

  private String local(Instant instant) {
    return instant.atZone(zone).toLocalDateTime().toString().replace('T', ' ');
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : String.format(java.util.Locale.ROOT, "%.1f", value);
  }

  private static Violation violation(String rule, String key, String message, JsonObject params) {
    return new Violation(rule, key, message, params);
  }
}
