package kr.dure.booking;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import kr.dure.common.ValidationException;

/** Expands a recurring booking into its occurrences, in local time (09:00 stays 09:00). */
final class Recurrences {

  static final int MAX_OCCURRENCES = 100;

  private Recurrences() {
  }

  static List<Interval> expand(Instant start, Instant end, BookingRequest.Recurrence r, ZoneId zone) {
    ZonedDateTime first = start.atZone(zone);
    Duration length = Duration.between(start, end);
    List<Interval> occurrences = new ArrayList<>();
    for (int i = 0; ; i++) {
      ZonedDateTime occurrence = switch (r.frequency()) {
        case DAILY -> first.plusDays((long) i * r.interval());
        case WEEKLY -> first.plusWeeks((long) i * r.interval());
        case MONTHLY -> first.plusMonths((long) i * r.interval());
      };
      if (r.until() != null && occurrence.toLocalDate().isAfter(r.until())) {
        break;
      }
      if (r.count() != null && occurrences.size() >= r.count()) {
        break;
      }
      // the 31st of a shorter month does not exist: that month is skipped, not moved
      if (r.frequency() == BookingRequest.Frequency.MONTHLY && occurrence.getDayOfMonth() != first.getDayOfMonth()) {
        continue;
      }
      if (occurrences.size() == MAX_OCCURRENCES) {
        throw ValidationException.of("recurrence.until", "validation.tooManyOccurrences",
            "A series may have at most " + MAX_OCCURRENCES + " occurrences: choose an earlier until date or a count.");
      }
      Instant s = occurrence.toInstant();
      occurrences.add(new Interval(s, s.plus(length)));
      if (i > 10_000) {
        break;
      }
    }
    if (occurrences.isEmpty()) {
      throw ValidationException.of("recurrence.until", "validation.recurrenceEmpty",
          "The series has no date: until must not be before the first date.");
    }
    return occurrences;
  }
}
