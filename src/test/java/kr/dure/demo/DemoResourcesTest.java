package kr.dure.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.Test;

/** The demo's resources, departures and bookings: present everywhere, and true to the invariants and rules. */
class DemoResourcesTest {

  private final Pool pool = TestApp.get().app().pool();

  /** Rows written by the demo load share its transaction's timestamp (other tests may add resources of their own). */
  private static final String DEMO = "r.created_at = (SELECT created_at FROM program WHERE code = 'MSS-2026-COLLAB')";
  private static final String LOADED_AT = "(SELECT created_at FROM program WHERE code = 'MSS-2026-COLLAB')";
  /** The demo's bookings of its resources: made before the load committed, unlike any a test makes through the service. */
  private static final String DEMO_B = DEMO + " AND b.created_at < " + LOADED_AT;
  /** The planned fee of a booking, as FeeCalculator computes it. */
  private static final String PLANNED_FEE = """
      CASE r.fee_basis
        WHEN 'FREE' THEN 0
        WHEN 'PER_HOUR' THEN round(r.fee_won * b.units * (extract(epoch FROM b.ends_at - b.starts_at) / 60) / 60.0)
        WHEN 'PER_UNIT_DAY' THEN r.fee_won * b.units * greatest(1, ceil(extract(epoch FROM b.ends_at - b.starts_at) / 86400))
        ELSE r.fee_won * b.pallets END""";

  private List<Row> rows(String sql) {
    List<Row> out = new ArrayList<>();
    pool.query(sql).execute().await().forEach(out::add);
    return out;
  }

  private long count(String sql) {
    return rows(sql).get(0).getLong(0);
  }

  @Test
  void every_project_has_six_to_ten_active_resources_of_all_three_kinds() {
    List<Row> projects = rows("""
        SELECT p.code, count(*) FILTER (WHERE r.active) AS active, count(DISTINCT r.kind) AS kinds,
               count(*) FILTER (WHERE r.name_en = '' OR r.description_ko = '' OR r.description_en = '') AS unnamed
          FROM project p JOIN resource r ON r.project_id = p.id AND %s
         GROUP BY p.code""".formatted(DEMO));
    assertThat(projects).hasSize(3).allSatisfy(p -> {
      assertThat(p.getLong("active")).as(p.getString("code")).isBetween(6L, 10L);
      assertThat(p.getLong("kinds")).as(p.getString("code")).isEqualTo(3);
      assertThat(p.getLong("unnamed")).as(p.getString("code")).isZero();
    });
    // rules of every sort are shown somewhere
    Row rules = rows("""
        SELECT bool_or(approval_required) AS approval, bool_or(qualification_required) AS qualification,
               bool_or(weekly_quota IS NOT NULL) AS weekly, bool_or(monthly_quota IS NOT NULL) AS monthly,
               bool_or(buffer_minutes > 0) AS buffer, bool_or(no_show_after_minutes IS NOT NULL) AS no_show,
               bool_or(NOT closed_on_holidays) AS open_on_holidays, bool_or(fee_basis = 'FREE') AS free,
               bool_or(fee_basis = 'PER_HOUR') AS per_hour, bool_or(fee_basis = 'PER_UNIT_DAY') AS per_day,
               bool_or(fee_basis = 'PER_PALLET') AS per_pallet,
               bool_or(EXISTS (SELECT 1 FROM resource_opening_hours h WHERE h.resource_id = r.id AND h.weekday = 6)) AS saturday
          FROM resource r WHERE %s""".formatted(DEMO)).get(0);
    for (String column : List.of("approval", "qualification", "weekly", "monthly", "buffer", "no_show", "open_on_holidays", "free",
        "per_hour", "per_day", "per_pallet", "saturday")) {
      assertThat(rules.getBoolean(column)).as(column).isTrue();
    }
  }

  @Test
  void bookings_in_every_state_are_spread_over_the_member_firms_of_every_project() {
    List<Row> statuses = rows("""
        SELECT r.project_id, array_agg(DISTINCT b.status) AS statuses,
               count(*) FILTER (WHERE b.status = 'CANCELLED' AND b.late_cancel AND b.fee_won > 0) AS late_cancels
          FROM booking b JOIN resource r ON r.id = b.resource_id WHERE %s GROUP BY r.project_id""".formatted(DEMO_B));
    assertThat(statuses).hasSize(3).allSatisfy(p -> {
      assertThat(p.getArrayOfStrings("statuses"))
          .contains("REQUESTED", "CONFIRMED", "CHECKED_IN", "COMPLETED", "CANCELLED", "REJECTED", "NO_SHOW");
      assertThat(p.getLong("late_cancels")).isPositive();
    });
    List<Row> projects = rows("""
        SELECT p.code, count(DISTINCT b.organisation_id) AS firms, count(*) AS bookings,
               count(*) FILTER (WHERE b.ends_at <= %2$s) AS past, count(*) FILTER (WHERE b.starts_at > %2$s) AS future,
               count(*) FILTER (WHERE b.status = 'CHECKED_IN' AND b.starts_at <= now() AND b.ends_at > now()) AS in_use,
               count(*) FILTER (WHERE o.kind <> 'SME' OR NOT EXISTS (SELECT 1 FROM project_organisation po
                                 WHERE po.project_id = p.id AND po.organisation_id = b.organisation_id)) AS strangers
          FROM project p JOIN resource r ON r.project_id = p.id
          JOIN booking b ON b.resource_id = r.id JOIN organisation o ON o.id = b.organisation_id
         WHERE %1$s
         GROUP BY p.code""".formatted(DEMO_B, LOADED_AT));
    assertThat(projects).hasSize(3).allSatisfy(p -> {
      String code = p.getString("code");
      assertThat(p.getLong("firms")).as(code).isEqualTo(4);
      assertThat(p.getLong("bookings")).as(code).isGreaterThan(100);
      assertThat(p.getLong("past")).as(code).isGreaterThan(30);
      assertThat(p.getLong("future")).as(code).isGreaterThan(30);
      assertThat(p.getLong("in_use")).as(code).isPositive();
      assertThat(p.getLong("strangers")).as(code).isZero();
    });
    // every state looks like its history
    assertThat(count("""
        SELECT count(*) FROM booking b JOIN resource r ON r.id = b.resource_id WHERE %s AND NOT CASE b.status
          WHEN 'COMPLETED' THEN b.checked_in_at IS NOT NULL AND b.checked_out_at > b.checked_in_at AND b.ends_at <= %s
          WHEN 'CHECKED_IN' THEN b.checked_in_at IS NOT NULL AND b.checked_out_at IS NULL AND b.starts_at <= %2$s
          WHEN 'REQUESTED' THEN r.approval_required AND b.decided_at IS NULL AND b.starts_at > %2$s
          WHEN 'CONFIRMED' THEN b.starts_at > %2$s AND (b.decided_by IS NOT NULL) = r.approval_required
          WHEN 'REJECTED' THEN r.approval_required AND b.reason <> '' AND b.fee_won = 0
                              AND (b.decided_by IS NOT NULL OR b.reason = 'not decided before the start')
          WHEN 'CANCELLED' THEN b.cancelled_at IS NOT NULL AND b.cancelled_at < b.starts_at AND b.cancelled_at >= b.created_at
          WHEN 'NO_SHOW' THEN r.no_show_after_minutes IS NOT NULL
                              AND b.starts_at + make_interval(mins => r.no_show_after_minutes) <= now()
          ELSE true END""".formatted(DEMO_B, LOADED_AT))).isZero();
    assertThat(count("""
        SELECT count(*) FROM booking b JOIN resource r ON r.id = b.resource_id
         WHERE %s AND (b.decided_at < b.created_at OR b.checked_in_at < b.created_at OR b.cancelled_at < b.created_at
                     OR b.updated_at < b.created_at)""".formatted(DEMO_B)))
        .isZero();
    assertThat(count("SELECT count(*) FROM booking b JOIN resource r ON r.id = b.resource_id WHERE b.series_id IS NOT NULL AND " + DEMO_B))
        .isGreaterThan(5);
  }

  @Test
  void every_run_has_departures_whose_booked_space_is_the_sum_of_its_bookings() {
    List<Row> runs = rows("""
        SELECT r.id, count(d.id) AS departures, min(d.departs_at) < now() - interval '20 days' AS past,
               max(d.departs_at) > now() + interval '30 days' AS ahead
          FROM resource r LEFT JOIN delivery_departure d ON d.resource_id = r.id
         WHERE r.kind = 'DELIVERY_RUN' AND %s GROUP BY r.id""".formatted(DEMO));
    assertThat(runs).hasSizeGreaterThanOrEqualTo(3).allSatisfy(r -> {
      assertThat(r.getLong("departures")).isGreaterThan(8);
      assertThat(r.getBoolean("past")).isTrue();
      assertThat(r.getBoolean("ahead")).isTrue();
    });
    List<Row> wrong = rows("""
        SELECT d.id, d.booked_pallets, d.booked_kg, coalesce(sum(b.pallets), 0) AS pallets, coalesce(sum(b.kg), 0) AS kg
          FROM delivery_departure d JOIN resource r ON r.id = d.resource_id AND %s
          LEFT JOIN booking b ON b.departure_id = d.id AND b.holds_slot
         GROUP BY d.id
        HAVING d.booked_pallets <> coalesce(sum(b.pallets), 0) OR d.booked_kg <> coalesce(sum(b.kg), 0)
            OR d.booked_pallets > d.pallet_capacity OR d.booked_kg > d.kg_capacity""".formatted(DEMO));
    assertThat(wrong).isEmpty();
    // run bookings ride their departure
    assertThat(count("""
        SELECT count(*) FROM booking b JOIN delivery_departure d ON d.id = b.departure_id JOIN resource r ON r.id = b.resource_id
         WHERE %s AND (b.starts_at <> d.departs_at OR b.ends_at <> d.arrives_at OR b.pallets < 1)""".formatted(DEMO_B))).isZero();
    // one departure is full and a firm waits for space on it
    assertThat(count("""
        SELECT count(*) FROM waitlist_entry w JOIN delivery_departure d ON d.id = w.departure_id
         WHERE w.status = 'WAITING' AND d.booked_pallets = d.pallet_capacity""")).isPositive();
  }

  @Test
  void no_facility_is_over_capacity_and_no_equipment_is_double_booked() {
    // the units in use at every start, which is where the count can rise
    assertThat(rows("""
        SELECT b.id FROM booking b JOIN resource r ON r.id = b.resource_id
         WHERE r.kind = 'FACILITY' AND b.holds_slot AND %s
           AND (SELECT sum(o.units) FROM booking o WHERE o.resource_id = b.resource_id AND o.holds_slot
                  AND o.starts_at <= b.starts_at AND o.blocked_until > b.starts_at) > r.capacity""".formatted(DEMO_B))).isEmpty();
    assertThat(count("""
        SELECT count(*) FROM booking a JOIN booking b ON a.resource_id = b.resource_id AND a.id < b.id
          JOIN resource r ON r.id = b.resource_id
         WHERE a.resource_kind = 'EQUIPMENT' AND a.holds_slot AND b.holds_slot AND %s
           AND tstzrange(a.starts_at, a.blocked_until) && tstzrange(b.starts_at, b.blocked_until)""".formatted(DEMO))).isZero();
    assertThat(count("""
        SELECT count(*) FROM booking b JOIN resource r ON r.id = b.resource_id
         WHERE %s AND b.blocked_until <> b.ends_at + CASE WHEN r.kind = 'DELIVERY_RUN' THEN interval '0'
                                                           ELSE make_interval(mins => r.buffer_minutes) END""".formatted(DEMO_B))).isZero();
    // the facilities are really used: some instant has at least half the units taken
    assertThat(count("""
        SELECT count(*) FROM booking b JOIN resource r ON r.id = b.resource_id
         WHERE r.kind = 'FACILITY' AND %s AND b.holds_slot
           AND (SELECT sum(o.units) FROM booking o WHERE o.resource_id = b.resource_id AND o.holds_slot
                  AND o.starts_at <= b.starts_at AND o.blocked_until > b.starts_at) * 2 >= r.capacity""".formatted(DEMO_B)))
        .isPositive();
  }

  @Test
  void time_bookings_keep_the_rules_of_their_resource() {
    String local = """
        FROM booking b JOIN resource r ON r.id = b.resource_id
        CROSS JOIN LATERAL (SELECT b.starts_at AT TIME ZONE 'Asia/Seoul' AS ls, b.ends_at AT TIME ZONE 'Asia/Seoul' AS le) t
        CROSS JOIN LATERAL (SELECT extract(epoch FROM t.ls - date_trunc('day', t.ls)) / 60 AS start_minute,
                                   extract(epoch FROM t.le - date_trunc('day', t.ls)) / 60 AS end_minute,
                                   extract(epoch FROM b.ends_at - b.starts_at) / 60 AS minutes) m
        WHERE b.resource_kind <> 'DELIVERY_RUN' AND %s""".formatted(DEMO_B);
    // steps and lengths
    assertThat(count("""
        SELECT count(*) %s AND (m.start_minute::int %% r.slot_minutes <> 0 OR m.minutes::int %% r.slot_minutes <> 0
                                 OR m.minutes < coalesce(r.min_minutes, 0) OR m.minutes > coalesce(r.max_minutes, 1000000)
                                 OR b.units > r.capacity)""".formatted(local))).isZero();
    // inside opening hours, on one day
    assertThat(count("""
        SELECT count(*) %s AND EXISTS (SELECT 1 FROM resource_opening_hours h WHERE h.resource_id = r.id)
           AND NOT EXISTS (SELECT 1 FROM resource_opening_hours h WHERE h.resource_id = r.id
                            AND h.weekday = extract(isodow FROM t.ls) AND h.opens_minute <= m.start_minute
                            AND m.end_minute <= h.closes_minute)""".formatted(local))).isZero();
    // not on public holidays where the resource closes on them, never in a blackout
    assertThat(count("""
        SELECT count(*) %s AND r.closed_on_holidays
           AND EXISTS (SELECT 1 FROM holiday d WHERE d.day BETWEEN t.ls::date AND (t.le - interval '1 second')::date)""".formatted(local)))
        .isZero();
    assertThat(count("""
        SELECT count(*) %s AND EXISTS (SELECT 1 FROM resource_blackout x WHERE x.resource_id = r.id
                                         AND x.during && tstzrange(b.starts_at, b.ends_at))""".formatted(local))).isZero();
    // whoever holds a resource that needs training had a valid record on the day
    assertThat(count("""
        SELECT count(*) %s AND r.qualification_required AND b.holds_slot
           AND NOT EXISTS (SELECT 1 FROM qualification q WHERE q.resource_id = r.id AND q.user_id = b.user_id
                            AND q.valid_from <= t.ls::date AND q.valid_until >= t.ls::date)""".formatted(local))).isZero();
  }

  @Test
  void quotas_hold_for_every_firm_week_and_month() {
    for (String period : List.of("week", "month")) {
      String quota = period.equals("week") ? "weekly_quota" : "monthly_quota";
      assertThat(rows("""
          SELECT r.id, b.organisation_id, date_trunc('%1$s', b.starts_at AT TIME ZONE 'Asia/Seoul') AS period
            FROM booking b JOIN resource r ON r.id = b.resource_id
           WHERE %2$s AND b.holds_slot AND r.%3$s IS NOT NULL
           GROUP BY r.id, r.%3$s, b.organisation_id, 3
          HAVING sum(CASE WHEN r.kind = 'DELIVERY_RUN' THEN b.pallets
                          ELSE extract(epoch FROM b.ends_at - b.starts_at) / 3600.0 * b.units END) > r.%3$s"""
          .formatted(period, DEMO, quota))).as(quota).isEmpty();
    }
  }

  @Test
  void fees_are_what_the_fee_calculator_gives() {
    String from = "FROM booking b JOIN resource r ON r.id = b.resource_id WHERE " + DEMO_B;
    assertThat(count("SELECT count(*) " + from + " AND b.fee_won < 0")).isZero();
    // planned fee while booked; late cancels and no-shows pay their share; rejections and free cancels nothing
    assertThat(count("""
        SELECT count(*) %s AND b.fee_won <> CASE
          WHEN b.status IN ('REQUESTED', 'CONFIRMED', 'CHECKED_IN') THEN %s
          WHEN b.status = 'NO_SHOW' THEN round((%2$s) * r.no_show_fee_percent / 100.0)
          WHEN b.status = 'CANCELLED' AND b.late_cancel THEN round((%2$s) * r.late_cancel_fee_percent / 100.0)
          WHEN b.status IN ('CANCELLED', 'REJECTED') THEN 0
          ELSE b.fee_won END""".formatted(from, PLANNED_FEE))).isZero();
    // a completed booking pays for the longer of planned and actual use
    assertThat(count("""
        SELECT count(*) %s AND b.status = 'COMPLETED' AND b.fee_won <> CASE r.fee_basis
          WHEN 'FREE' THEN 0
          WHEN 'PER_HOUR' THEN round(r.fee_won * b.units * greatest(extract(epoch FROM b.ends_at - b.starts_at) / 60,
                                     floor(extract(epoch FROM b.checked_out_at - b.checked_in_at) / 60)) / 60.0)
          WHEN 'PER_UNIT_DAY' THEN r.fee_won * b.units * greatest(1, ceil(greatest(extract(epoch FROM b.ends_at - b.starts_at),
                                     floor(extract(epoch FROM b.checked_out_at - b.checked_in_at) / 60) * 60) / 86400))
          ELSE r.fee_won * b.pallets END""".formatted(from))).isZero();
    assertThat(count("SELECT count(*) " + from + " AND b.status = 'COMPLETED' AND r.fee_basis <> 'FREE' AND b.fee_won = 0")).isZero();
    assertThat(count("SELECT count(*) " + from + " AND b.status = 'COMPLETED' AND r.fee_basis <> 'FREE'")).isGreaterThan(50);
    // the late cancellations are late, the free ones are not
    assertThat(count("""
        SELECT count(*) %s AND b.status = 'CANCELLED'
           AND b.late_cancel <> (b.cancelled_at > b.starts_at - make_interval(hours => r.free_cancel_hours))""".formatted(from))).isZero();
    assertThat(count("SELECT count(*) " + from + " AND b.status = 'CANCELLED' AND b.late_cancel AND b.fee_won > 0")).isPositive();
    assertThat(count("SELECT count(*) " + from + " AND b.status = 'NO_SHOW' AND b.fee_won > 0")).isPositive();
  }

  @Test
  void there_are_training_records_blackouts_waitlist_entries_and_notifications() {
    List<Row> training = rows("""
        SELECT r.id, count(*) FILTER (WHERE q.valid_until >= current_date) AS valid,
               count(*) FILTER (WHERE q.valid_until < current_date) AS expired
          FROM resource r LEFT JOIN qualification q ON q.resource_id = r.id
         WHERE r.qualification_required AND %s GROUP BY r.id""".formatted(DEMO));
    assertThat(training).hasSizeGreaterThanOrEqualTo(3).allSatisfy(t -> assertThat(t.getLong("valid")).isGreaterThanOrEqualTo(2));
    assertThat(training.stream().mapToLong(t -> t.getLong("expired")).sum()).isPositive();
    List<Row> blackouts = rows("""
        SELECT r.project_id, x.reason, lower(x.during) AS starts_at FROM resource_blackout x JOIN resource r ON r.id = x.resource_id
         WHERE %s""".formatted(DEMO));
    assertThat(blackouts).hasSizeGreaterThanOrEqualTo(3);
    assertThat(blackouts.stream().map(b -> b.getLong("project_id")).distinct()).hasSize(3);
    assertThat(blackouts).allSatisfy(b -> assertThat(b.getString("reason")).isNotBlank());
    assertThat(count("""
        SELECT count(*) FROM waitlist_entry w JOIN resource r ON r.id = w.resource_id
         WHERE w.status = 'WAITING' AND w.starts_at > now() AND %s""".formatted(DEMO))).isGreaterThanOrEqualTo(2);
    assertThat(count("""
        SELECT count(*) FROM waitlist_entry w JOIN booking b ON b.id = w.offered_booking_id
         WHERE w.status = 'EXPIRED' AND b.status = 'EXPIRED'""")).isPositive();
    assertThat(count("""
        SELECT count(*) FROM notification n JOIN app_user u ON u.id = n.user_id
         WHERE n.kind = 'booking.requested' AND u.role = 'COORDINATOR'""")).isPositive();
  }
}
