package kr.dure.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import kr.dure.common.ValidationException;
import kr.dure.resource.FeeBasis;
import kr.dure.resource.Resource;
import kr.dure.resource.ResourceKind;
import kr.dure.resource.ResourceRules;
import org.junit.jupiter.api.Test;

class FeeAndRecurrenceTest {

  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  private static Resource resource(FeeBasis basis, long fee) {
    return new Resource(1, 1, ResourceKind.FACILITY, "가", "", "", "", "", 4, "", "", "", fee, basis, ResourceRules.defaults(), true, List.of(), false);
  }

  @Test
  void fees_follow_the_basis_of_the_resource() {
    assertThat(FeeCalculator.fee(resource(FeeBasis.PER_HOUR, 10_000), 90, 1, 0)).isEqualTo(15_000);
    assertThat(FeeCalculator.fee(resource(FeeBasis.PER_HOUR, 10_000), 60, 2, 0)).as("per unit-hour").isEqualTo(20_000);
    assertThat(FeeCalculator.fee(resource(FeeBasis.PER_UNIT_DAY, 5_000), 60, 3, 0)).as("part of a day is a day").isEqualTo(15_000);
    assertThat(FeeCalculator.fee(resource(FeeBasis.PER_UNIT_DAY, 5_000), 1441, 1, 0)).isEqualTo(10_000);
    assertThat(FeeCalculator.fee(resource(FeeBasis.PER_PALLET, 20_000), 0, 1, 3)).isEqualTo(60_000);
    assertThat(FeeCalculator.fee(resource(FeeBasis.FREE, 99_999), 600, 4, 4)).isZero();
    assertThat(FeeCalculator.percentOf(15_001, 50)).isEqualTo(7_501);
  }

  private static Instant at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(SEOUL).toInstant();
  }

  @Test
  void weekly_occurrences_keep_their_local_time_and_stop_at_the_until_date() {
    var r = new BookingRequest.Recurrence(BookingRequest.Frequency.WEEKLY, 1, LocalDate.of(2026, 12, 29), null, false);
    List<Interval> list = Recurrences.expand(at("2026-12-01T09:00"), at("2026-12-01T10:30"), r, SEOUL);
    assertThat(list).hasSize(5);
    assertThat(list.get(4).start()).isEqualTo(at("2026-12-29T09:00"));
    assertThat(list.get(4).end()).isEqualTo(at("2026-12-29T10:30"));
  }

  @Test
  void monthly_occurrences_skip_months_without_that_day() {
    var r = new BookingRequest.Recurrence(BookingRequest.Frequency.MONTHLY, 1, null, 3, false);
    List<Interval> list = Recurrences.expand(at("2027-01-31T09:00"), at("2027-01-31T10:00"), r, SEOUL);
    assertThat(list).extracting(i -> i.start().atZone(SEOUL).toLocalDate().toString())
        .containsExactly("2027-01-31", "2027-03-31", "2027-05-31");
  }

  @Test
  void more_than_a_hundred_occurrences_are_refused() {
    var r = new BookingRequest.Recurrence(BookingRequest.Frequency.DAILY, 1, LocalDate.of(2027, 12, 31), null, false);
    assertThatThrownBy(() -> Recurrences.expand(at("2026-12-01T09:00"), at("2026-12-01T10:00"), r, SEOUL))
        .isInstanceOf(ValidationException.class).hasMessageContaining("at most 100");
  }
}
