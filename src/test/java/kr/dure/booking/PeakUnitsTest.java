package kr.dure.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import kr.dure.resource.ResourceKind;
import org.junit.jupiter.api.Test;

/** The alternatives search's peak load, against the plain definition, on random facility days. */
class PeakUnitsTest {

  private static final Instant DAY = Instant.parse("2026-12-01T00:00:00Z");

  @Test
  void peak_equals_the_load_at_every_point_where_it_can_change() {
    Random random = new Random(20261127);
    for (int round = 0; round < 2000; round++) {
      List<Booking> busy = new ArrayList<>();
      int n = random.nextInt(12);
      for (int i = 0; i < n; i++) {
        Instant start = DAY.plusSeconds(60L * 15 * random.nextInt(64));
        Instant end = start.plusSeconds(60L * 15 * (1 + random.nextInt(12)));
        busy.add(booking(start, end, end.plusSeconds(60L * 15 * random.nextInt(3)), 1 + random.nextInt(4)));
      }
      Instant from = DAY.plusSeconds(60L * 15 * random.nextInt(64));
      Instant to = from.plusSeconds(60L * 15 * (1 + random.nextInt(16)));
      assertThat(AvailabilityService.peak(busy, from, to)).as("round %d", round).isEqualTo(byDefinition(busy, from, to));
    }
  }

  @Test
  void nothing_overlapping_is_no_load() {
    Booking before = booking(DAY, DAY.plusSeconds(3600), DAY.plusSeconds(3600), 3);
    assertThat(AvailabilityService.peak(List.of(before), DAY.plusSeconds(3600), DAY.plusSeconds(7200))).isZero();
    assertThat(AvailabilityService.peak(List.of(before), DAY.plusSeconds(1800), DAY.plusSeconds(7200))).isEqualTo(3);
  }

  /** The load at {@code from} and at every start inside [from, to), at most. */
  private static int byDefinition(List<Booking> busy, Instant from, Instant to) {
    Set<Instant> points = new TreeSet<>();
    points.add(from);
    busy.stream().map(Booking::startsAt).filter(t -> t.isAfter(from) && t.isBefore(to)).forEach(points::add);
    int peak = 0;
    for (Instant p : points) {
      peak = Math.max(peak, busy.stream().filter(b -> !b.startsAt().isAfter(p) && b.blockedUntil().isAfter(p))
          .mapToInt(Booking::units).sum());
    }
    return peak;
  }

  private static Booking booking(Instant start, Instant end, Instant blockedUntil, int units) {
    return new Booking(1, 1, ResourceKind.FACILITY, null, 1, 1, start, end, blockedUntil, units, 0, 0, BookingStatus.CONFIRMED,
        null, null, "", 0, false, null, null, null, "", start);
  }
}
