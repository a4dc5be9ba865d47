package kr.dure.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import kr.dure.resource.Blackout;
import kr.dure.resource.OpeningHours;
import org.junit.jupiter.api.Test;

class OpenTimeTest {

  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  // 2026-12-07 is a Monday; 2026-12-25 (Friday) is Christmas
  private static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);

  private static Instant at(LocalDate day, int hour, int minute) {
    return LocalDateTime.of(day, java.time.LocalTime.of(hour, minute)).atZone(SEOUL).toInstant();
  }

  private static List<OpeningHours> weekdays(int opens, int closes) {
    return java.util.stream.IntStream.rangeClosed(1, 5).mapToObj(d -> new OpeningHours(d, opens, closes)).toList();
  }

  @Test
  void without_opening_hours_a_resource_is_open_around_the_clock_and_across_days() {
    OpenTime open = new OpenTime(List.of(), false, Set.of(), List.of(), SEOUL);
    assertThat(open.covers(at(MONDAY, 22, 0), at(MONDAY.plusDays(3), 6, 0))).isTrue();
    assertThat(open.open(at(MONDAY, 0, 0), at(MONDAY.plusDays(2), 0, 0))).hasSize(1);
  }

  @Test
  void opening_hours_are_local_time_and_a_booking_must_lie_inside_one_stretch() {
    OpenTime open = new OpenTime(weekdays(9 * 60, 18 * 60), true, Set.of(), List.of(), SEOUL);
    assertThat(open.covers(at(MONDAY, 9, 0), at(MONDAY, 18, 0))).isTrue();
    assertThat(open.covers(at(MONDAY, 8, 30), at(MONDAY, 9, 30))).isFalse();
    assertThat(open.covers(at(MONDAY, 17, 0), at(MONDAY.plusDays(1), 10, 0))).isFalse();
    assertThat(open.covers(at(MONDAY.plusDays(5), 10, 0), at(MONDAY.plusDays(5), 11, 0))).as("Saturday").isFalse();
    assertThat(open.open(at(MONDAY, 0, 0), at(MONDAY.plusDays(7), 0, 0))).hasSize(5);
  }

  @Test
  void midnight_to_midnight_hours_join_into_one_open_stretch_over_several_days() {
    OpenTime open = new OpenTime(weekdays(0, 1440), true, Set.of(), List.of(), SEOUL);
    assertThat(open.covers(at(MONDAY, 20, 0), at(MONDAY.plusDays(2), 8, 0))).isTrue();
    assertThat(open.open(at(MONDAY, 0, 0), at(MONDAY.plusDays(7), 0, 0))).hasSize(1);
  }

  @Test
  void holidays_close_only_resources_that_close_on_holidays() {
    LocalDate christmas = LocalDate.of(2026, 12, 25);
    OpenTime closes = new OpenTime(weekdays(9 * 60, 18 * 60), true, Set.of(christmas), List.of(), SEOUL);
    OpenTime stays = new OpenTime(weekdays(9 * 60, 18 * 60), false, Set.of(christmas), List.of(), SEOUL);
    assertThat(closes.covers(at(christmas, 10, 0), at(christmas, 11, 0))).isFalse();
    assertThat(closes.holidayWithin(at(christmas, 10, 0), at(christmas, 11, 0))).contains(christmas);
    assertThat(stays.covers(at(christmas, 10, 0), at(christmas, 11, 0))).isTrue();
    assertThat(stays.holidayWithin(at(christmas, 10, 0), at(christmas, 11, 0))).isEmpty();
  }

  @Test
  void blackouts_cut_holes_in_open_time() {
    Blackout service = new Blackout(1, 1, at(MONDAY, 12, 0), at(MONDAY, 14, 0), "점검");
    OpenTime open = new OpenTime(weekdays(9 * 60, 18 * 60), true, Set.of(), List.of(service), SEOUL);
    assertThat(open.open(at(MONDAY, 0, 0), at(MONDAY.plusDays(1), 0, 0)))
        .containsExactly(new Interval(at(MONDAY, 9, 0), at(MONDAY, 12, 0)), new Interval(at(MONDAY, 14, 0), at(MONDAY, 18, 0)));
    assertThat(open.covers(at(MONDAY, 11, 0), at(MONDAY, 13, 0))).isFalse();
    assertThat(open.blackoutOverlapping(at(MONDAY, 11, 0), at(MONDAY, 13, 0))).contains(service);
    assertThat(open.covers(at(MONDAY, 14, 0), at(MONDAY, 15, 0))).isTrue();
  }
}
