package kr.dure.booking;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import kr.dure.resource.Blackout;
import kr.dure.resource.OpeningHours;

/**
 * When a resource is open: its opening hours per weekday (always open when it has none), less
 * public holidays when it closes on them, less blackouts. Computed in local (Asia/Seoul) time.
 */
public final class OpenTime {

  private final List<OpeningHours> hours;
  private final boolean closedOnHolidays;
  private final Set<LocalDate> holidays;
  private final List<Blackout> blackouts;
  private final ZoneId zone;

  public OpenTime(List<OpeningHours> hours, boolean closedOnHolidays, Set<LocalDate> holidays, List<Blackout> blackouts, ZoneId zone) {
    this.hours = hours;
    this.closedOnHolidays = closedOnHolidays;
    this.holidays = holidays;
    this.blackouts = blackouts;
    this.zone = zone;
  }

  /** The open intervals within [from, to), merged where they touch. */
  public List<Interval> open(Instant from, Instant to) {
    List<Interval> result = new ArrayList<>();
    LocalDate last = to.minusNanos(1).atZone(zone).toLocalDate();
    for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
      if (closedOnHolidays && holidays.contains(day)) {
        continue;
      }
      for (Interval daily : dailyIntervals(day)) {
        Instant s = max(daily.start(), from);
        Instant e = min(daily.end(), to);
        if (s.isBefore(e)) {
          result.addAll(minusBlackouts(new Interval(s, e)));
        }
      }
    }
    return merge(result);
  }

  /** True when [start, end) lies wholly in open time. */
  public boolean covers(Instant start, Instant end) {
    return open(start, end).stream().anyMatch(i -> i.contains(start, end));
  }

  public Optional<Blackout> blackoutOverlapping(Instant start, Instant end) {
    return blackouts.stream().filter(b -> b.startsAt().isBefore(end) && start.isBefore(b.endsAt())).findFirst();
  }

  /** The first public holiday the interval touches, when the resource closes on holidays. */
  public Optional<LocalDate> holidayWithin(Instant start, Instant end) {
    if (!closedOnHolidays) {
      return Optional.empty();
    }
    LocalDate last = end.minusNanos(1).atZone(zone).toLocalDate();
    for (LocalDate day = start.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
      if (holidays.contains(day)) {
        return Optional.of(day);
      }
    }
    return Optional.empty();
  }

  private List<Interval> dailyIntervals(LocalDate day) {
    Instant midnight = day.atStartOfDay(zone).toInstant();
    if (hours.isEmpty()) {
      return List.of(new Interval(midnight, day.plusDays(1).atStartOfDay(zone).toInstant()));
    }
    int weekday = day.getDayOfWeek().getValue();
    List<Interval> list = new ArrayList<>();
    for (OpeningHours h : hours) {
      if (h.weekday() == weekday) {
        list.add(new Interval(day.atStartOfDay(zone).plusMinutes(h.opensMinute()).toInstant(),
            day.atStartOfDay(zone).plusMinutes(h.closesMinute()).toInstant()));
      }
    }
    return list;
  }

  private List<Interval> minusBlackouts(Interval interval) {
    List<Interval> pieces = new ArrayList<>(List.of(interval));
    for (Blackout b : blackouts) {
      List<Interval> next = new ArrayList<>();
      for (Interval p : pieces) {
        if (!p.overlaps(b.startsAt(), b.endsAt())) {
          next.add(p);
          continue;
        }
        if (p.start().isBefore(b.startsAt())) {
          next.add(new Interval(p.start(), b.startsAt()));
        }
        if (b.endsAt().isBefore(p.end())) {
          next.add(new Interval(b.endsAt(), p.end()));
        }
      }
      pieces = next;
    }
    return pieces;
  }

  static List<Interval> merge(List<Interval> intervals) {
    List<Interval> sorted = new ArrayList<>(intervals);
    sorted.sort(Comparator.comparing(Interval::start));
    List<Interval> merged = new ArrayList<>();
    for (Interval i : sorted) {
      if (!merged.isEmpty() && !merged.get(merged.size() - 1).end().isBefore(i.start())) {
        Interval last = merged.remove(merged.size() - 1);
        merged.add(new Interval(last.start(), max(last.end(), i.end())));
      } else {
        merged.add(i);
      }
    }
    return merged;
  }

  static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
