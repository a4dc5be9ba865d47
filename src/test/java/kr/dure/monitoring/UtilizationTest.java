package kr.dure.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import kr.dure.support.Api;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Utilization, run load, no-show and late-cancel rates of resources with a booking pattern worked
 * out by hand; the trigger-kept aggregate against a from-scratch computation after every kind of
 * state change; local circulation of hand-made flows; fairness flags.
 */
class UtilizationTest {

  private static final Api API = new Api();
  private static final String COORDINATOR = "coordinator.imsil@dure.demo";
  private static final String CHEESE = "cheese@dure.demo";
  private static final String DAIRY = "dairy@dure.demo";
  // 2026-12-21 is a Monday; Friday 2026-12-25 (Christmas) is a public holiday
  private static final LocalDate MONDAY = LocalDate.of(2026, 12, 21);
  private static final List<Long> RESOURCES = new ArrayList<>();
  private static final List<Long> ORGANISATIONS = new ArrayList<>();

  @AfterAll
  static void removeWhatWasAdded() {
    // leave the shared project's figures as the demo made them
    for (long r : RESOURCES) {
      API.pool().preparedQuery("DELETE FROM booking WHERE resource_id = $1").execute(Tuple.of(r)).await();
      API.pool().preparedQuery("UPDATE resource SET active = false WHERE id = $1").execute(Tuple.of(r)).await();
    }
    API.pool().query("DELETE FROM value_chain_trade WHERE item LIKE 'UT-%'").execute().await();
    API.pool().query("DELETE FROM local_service_usage WHERE service_id IN (SELECT id FROM local_service WHERE name LIKE 'UT-%')").execute().await();
    API.pool().query("DELETE FROM local_service WHERE name LIKE 'UT-%'").execute().await();
    for (long o : ORGANISATIONS) {
      API.pool().preparedQuery("DELETE FROM booking WHERE organisation_id = $1").execute(Tuple.of(o)).await();
      API.pool().preparedQuery("DELETE FROM organisation WHERE id = $1").execute(Tuple.of(o)).await();
    }
  }

  private static long resource(String kind, JsonObject rules) {
    long id = API.createResource(COORDINATOR, "P-2026-01", kind, rules).getLong("id");
    RESOURCES.add(id);
    return id;
  }

  private static Instant at(LocalDate day, String clock) {
    return Api.at(day, clock);
  }

  private static long insertBooking(long resource, String kind, Long departure, String email, Instant start, Instant end, int units,
      int pallets, int kg, String status, boolean late, long fee) {
    return insertBooking(resource, kind, departure, API.organisationOf(email), API.userId(email), start, end, units, pallets, kg, status,
        late, fee);
  }

  private static long insertBooking(long resource, String kind, Long departure, long organisation, long user, Instant start, Instant end,
      int units, int pallets, int kg, String status, boolean late, long fee) {
    return API.pool().preparedQuery("""
        INSERT INTO booking (resource_id, resource_kind, departure_id, organisation_id, user_id, starts_at, ends_at, blocked_until,
                             units, pallets, kg, status, late_cancel, fee_won)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9, $10, $11, $12, $13) RETURNING id""")
        .execute(Tuple.from(new Object[] {resource, kind, departure, organisation, user, start.atOffset(ZoneOffset.UTC),
            end.atOffset(ZoneOffset.UTC), units, pallets, kg, status, late, fee}))
        .await().iterator().next().getLong(0);
  }

  private static void blackout(long resource, Instant from, Instant to) {
    API.pool().preparedQuery("INSERT INTO resource_blackout (resource_id, during, reason) VALUES ($1, tstzrange($2, $3), 'test')")
        .execute(Tuple.of(resource, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC))).await();
  }

  private static long departure(long resource, Instant departs, int pallets, int kg, boolean cancelled) {
    return API.pool().preparedQuery("""
        INSERT INTO delivery_departure (resource_id, departs_at, arrives_at, cutoff_at, pallet_capacity, kg_capacity, cancelled)
        VALUES ($1, $2, $2 + interval '2 hours', $2 - interval '12 hours', $3, $4, $5) RETURNING id""")
        .execute(Tuple.of(resource, departs.atOffset(ZoneOffset.UTC), pallets, kg, cancelled)).await().iterator().next().getLong(0);
  }

  private static JsonObject monitoring(long projectId, LocalDate from, LocalDate to) {
    return monitoring(projectId, from, to, COORDINATOR);
  }

  private static JsonObject monitoring(long projectId, LocalDate from, LocalDate to, String email) {
    HttpResponse<Buffer> response = API.get("/api/v1/projects/" + projectId + "/monitoring?from=" + from + "&to=" + to, email);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private static JsonObject row(JsonObject monitoring, long resource) {
    JsonArray list = monitoring.getJsonArray("resources");
    for (int i = 0; i < list.size(); i++) {
      if (list.getJsonObject(i).getLong("id") == resource) {
        return list.getJsonObject(i);
      }
    }
    throw new AssertionError("resource " + resource + " not in " + list.encode());
  }

  @Test
  void equipment_utilization_counts_opening_hours_less_a_holiday_and_blackouts() {
    long e = resource("EQUIPMENT", new JsonObject().put("closedOnHolidays", true).put("openingHours", Api.weekdays9to18()));
    // Mon–Fri 9 h, Friday is Christmas: 4 × 9 h = 36 h; less Tue 13–15 (2 h) and Wed 17–20, of which 17–18 is open (1 h): 33 h
    blackout(e, at(MONDAY.plusDays(1), "13:00"), at(MONDAY.plusDays(1), "15:00"));
    blackout(e, at(MONDAY.plusDays(2), "17:00"), at(MONDAY.plusDays(2), "20:00"));
    insertBooking(e, "EQUIPMENT", null, CHEESE, at(MONDAY, "10:00"), at(MONDAY, "12:00"), 1, 0, 0, "COMPLETED", false, 20000);
    insertBooking(e, "EQUIPMENT", null, DAIRY, at(MONDAY.plusDays(1), "09:00"), at(MONDAY.plusDays(1), "12:00"), 1, 0, 0, "CONFIRMED", false, 0);
    insertBooking(e, "EQUIPMENT", null, CHEESE, at(MONDAY.plusDays(2), "10:00"), at(MONDAY.plusDays(2), "11:00"), 1, 0, 0, "CANCELLED", true, 5000);
    insertBooking(e, "EQUIPMENT", null, CHEESE, at(MONDAY.plusDays(3), "14:00"), at(MONDAY.plusDays(3), "16:00"), 1, 0, 0, "NO_SHOW", false, 20000);

    JsonObject r = row(monitoring(API.projectId("P-2026-01"), MONDAY, MONDAY.plusDays(6)), e);
    assertThat(r.getDouble("openHours")).isEqualTo(33.0);
    // booked: Mon 2 h + Tue 3 h (the cancellation and the no-show gave their time back); used: Monday's 2 h
    assertThat(r.getDouble("bookedUnitHours")).isEqualTo(5.0);
    assertThat(r.getDouble("utilizationBooked")).isCloseTo(5.0 / 33, within(1e-9));
    assertThat(r.getDouble("utilizationUsed")).isCloseTo(2.0 / 33, within(1e-9));
    assertThat(r.getLong("bookings")).isEqualTo(4);
    assertThat(r.getLong("noShows")).isEqualTo(1);
    assertThat(r.getLong("lateCancels")).isEqualTo(1);
    assertThat(r.getLong("activeFirms")).isEqualTo(2);

    // the resource's week page says the same, a day at a time, with Friday (the holiday) closed
    var page = TestApp.get().browserSignedInAs("ministry@dure.demo").get("/ministry/dashboard/resources/" + e + "?week=" + MONDAY.plusDays(3))
        .send().await();
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.bodyAsString()).contains(MONDAY.toString()).contains("15.2%").contains("6.1%");
  }

  @Test
  void facility_utilization_is_in_unit_hours_across_midnight_and_a_blackout_day() {
    long f = resource("FACILITY", new JsonObject().put("capacity", 4).put("closedOnHolidays", false));
    // always open, 7 × 24 h = 168 h; a whole-day blackout on Wednesday leaves 144 h, × 4 units = 576 unit-hours
    blackout(f, at(MONDAY.plusDays(2), "00:00"), at(MONDAY.plusDays(3), "00:00"));
    insertBooking(f, "FACILITY", null, CHEESE, at(MONDAY, "10:00"), at(MONDAY, "14:00"), 2, 0, 0, "COMPLETED", false, 0);
    // Saturday 22:00 to Sunday 02:00, three units: 12 unit-hours, split over two days
    insertBooking(f, "FACILITY", null, DAIRY, at(MONDAY.plusDays(5), "22:00"), at(MONDAY.plusDays(6), "02:00"), 3, 0, 0, "CONFIRMED", false, 0);

    JsonObject r = row(monitoring(API.projectId("P-2026-01"), MONDAY, MONDAY.plusDays(6)), f);
    assertThat(r.getDouble("openHours")).isEqualTo(144.0);
    assertThat(r.getDouble("bookedUnitHours")).isEqualTo(20.0);
    assertThat(r.getDouble("utilizationBooked")).isCloseTo(20.0 / 576, within(1e-9));
    assertThat(r.getDouble("utilizationUsed")).isCloseTo(8.0 / 576, within(1e-9));
    // only Sunday: the booking's last two hours
    JsonObject sunday = row(monitoring(API.projectId("P-2026-01"), MONDAY.plusDays(6), MONDAY.plusDays(6)), f);
    assertThat(sunday.getDouble("bookedUnitHours")).isEqualTo(6.0);
    assertThat(sunday.getDouble("openHours")).isEqualTo(24.0);

    // heatmap: Saturday 22 and 23, Sunday 0 and 1 each hold one booked hour
    long sat22 = API.count("SELECT coalesce(sum(booked_minutes), 0) FROM booking_usage_hourly WHERE resource_id = $1 AND day = $2 AND hour = 22",
        f, MONDAY.plusDays(5));
    long sun1 = API.count("SELECT coalesce(sum(booked_minutes), 0) FROM booking_usage_hourly WHERE resource_id = $1 AND day = $2 AND hour = 1",
        f, MONDAY.plusDays(6));
    assertThat(sat22).isEqualTo(60);
    assertThat(sun1).isEqualTo(60);
  }

  @Test
  void delivery_runs_count_pallets_and_kg_against_their_departures() {
    long run = resource("DELIVERY_RUN", new JsonObject().put("feeBasis", "PER_PALLET").put("feeWon", 10000));
    long tue = departure(run, at(MONDAY.plusDays(1), "06:00"), 10, 1000, false);
    long thu = departure(run, at(MONDAY.plusDays(3), "06:00"), 10, 1000, false);
    departure(run, at(MONDAY.plusDays(2), "06:00"), 10, 1000, true);
    insertBooking(run, "DELIVERY_RUN", tue, CHEESE, at(MONDAY.plusDays(1), "06:00"), at(MONDAY.plusDays(1), "08:00"), 1, 3, 300, "CONFIRMED", false, 30000);
    insertBooking(run, "DELIVERY_RUN", thu, DAIRY, at(MONDAY.plusDays(3), "06:00"), at(MONDAY.plusDays(3), "08:00"), 1, 2, 500, "COMPLETED", false, 20000);
    insertBooking(run, "DELIVERY_RUN", thu, CHEESE, at(MONDAY.plusDays(3), "06:00"), at(MONDAY.plusDays(3), "08:00"), 1, 4, 100, "CANCELLED", false, 0);

    JsonObject r = row(monitoring(API.projectId("P-2026-01"), MONDAY, MONDAY.plusDays(6)), run);
    // the cancelled departure offers nothing: 20 pallets, 2,000 kg
    assertThat(r.getLong("palletCapacity")).isEqualTo(20);
    assertThat(r.getLong("pallets")).isEqualTo(5);
    assertThat(r.getDouble("palletLoad")).isEqualTo(0.25);
    assertThat(r.getDouble("kgLoad")).isEqualTo(0.4);
    assertThat(r.getValue("utilizationBooked")).isNull();
  }

  /** Folds the queued booking changes into the aggregates, as every dashboard read does first. */
  private static void fold() {
    API.count("SELECT booking_usage_fold()");
  }

  /** The folded rows equal the set-based recomputation, over the whole database. */
  private static void assertAggregateMatchesRecomputation() {
    fold();
    String nonZero = "(booked_minutes, booked_unit_minutes, used_minutes, used_unit_minutes, booked_pallets, booked_kg, bookings, "
        + "reached_start, no_shows, cancellations, late_cancels, charged_fee_won) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)";
    assertThat(API.count("SELECT count(*) FROM (SELECT * FROM booking_usage_daily WHERE " + nonZero
        + " EXCEPT SELECT * FROM booking_usage_daily_computed()) x")).isZero();
    assertThat(API.count("SELECT count(*) FROM (SELECT * FROM booking_usage_daily_computed() EXCEPT SELECT * FROM booking_usage_daily) x"))
        .isZero();
    String hourNonZero = "(booked_minutes, booked_unit_minutes, used_minutes, used_unit_minutes) <> (0, 0, 0, 0)";
    assertThat(API.count("SELECT count(*) FROM (SELECT * FROM booking_usage_hourly WHERE " + hourNonZero
        + " EXCEPT SELECT * FROM booking_usage_hourly_computed()) x")).isZero();
    assertThat(API.count("SELECT count(*) FROM (SELECT * FROM booking_usage_hourly_computed() EXCEPT SELECT * FROM booking_usage_hourly) x"))
        .isZero();
    // the months are the days rolled up
    String months = "SELECT date_trunc('month', day)::date, resource_id, organisation_id, sum(booked_minutes), sum(booked_unit_minutes), "
        + "sum(used_minutes), sum(used_unit_minutes), sum(booked_pallets), sum(booked_kg), sum(bookings)::int, sum(reached_start)::int, "
        + "sum(no_shows)::int, sum(cancellations)::int, sum(late_cancels)::int, sum(charged_fee_won) FROM booking_usage_daily GROUP BY 1, 2, 3";
    assertThat(API.count("SELECT count(*) FROM ((" + months + ") EXCEPT SELECT * FROM booking_usage_monthly) x")).isZero();
    assertThat(API.count("SELECT count(*) FROM (SELECT * FROM booking_usage_monthly EXCEPT (" + months + ")) x")).isZero();
  }

  @Test
  void a_period_of_whole_and_partial_months_adds_up_like_its_days() {
    LocalDate today = LocalDate.now(Api.SEOUL);
    LocalDate from = today.minusMonths(2).withDayOfMonth(10);
    LocalDate to = today.plusMonths(1).withDayOfMonth(5);
    JsonArray resources = monitoring(API.projectId("P-2026-02"), from, to, "ministry@dure.demo").getJsonArray("resources");
    assertThat(resources).isNotEmpty();
    long sawUse = 0;
    for (int i = 0; i < resources.size(); i++) {
      JsonObject r = resources.getJsonObject(i);
      long id = r.getLong("id");
      long booked = API.count("SELECT coalesce(sum(booked_unit_minutes), 0) FROM booking_usage_daily WHERE resource_id = $1 AND day BETWEEN $2 AND $3",
          id, from, to);
      long bookings = API.count("SELECT coalesce(sum(bookings), 0) FROM booking_usage_daily WHERE resource_id = $1 AND day BETWEEN $2 AND $3",
          id, from, to);
      assertThat(Math.round(r.getDouble("bookedUnitHours") * 60)).as(r.encode()).isEqualTo(booked);
      assertThat(r.getLong("bookings")).isEqualTo(bookings);
      sawUse += bookings;
      if (!"DELIVERY_RUN".equals(r.getString("kind"))) {
        long open = API.count("SELECT coalesce(sum(open_minutes), 0) FROM resource_open_minutes($1, $2, NULL, $3)", from, to, id);
        assertThat(Math.round(r.getDouble("openHours") * 60)).as("open time of " + r.encode()).isEqualTo(open);
      }
    }
    assertThat(sawUse).as("the demo books these months").isPositive();
  }

  @Test
  void the_aggregate_equals_a_recomputation_after_creates_approvals_cancels_check_ins_and_no_shows() {
    assertAggregateMatchesRecomputation();
    long e = resource("EQUIPMENT", new JsonObject().put("slotMinutes", 5).put("checkInOpensMinutes", 30).put("noShowAfterMinutes", 15)
        .put("feeBasis", "PER_HOUR").put("feeWon", 12000).put("freeCancelHours", 24));
    long f = resource("FACILITY", new JsonObject().put("capacity", 6).put("approvalRequired", true).put("slotMinutes", 5));
    Instant soon = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    soon = soon.plus(Duration.ofMinutes(10 - soon.atZone(Api.SEOUL).getMinute() % 5));

    // used: booked, checked in, checked out
    long used = created(API.post("/api/v1/bookings", CHEESE, Api.booking(e, soon, soon.plus(Duration.ofHours(1)))));
    assertThat(API.post("/api/v1/bookings/" + used + "/check-in", CHEESE, null).statusCode()).isEqualTo(200);
    assertAggregateMatchesRecomputation();
    assertThat(API.post("/api/v1/bookings/" + used + "/check-out", CHEESE, null).statusCode()).isEqualTo(200);
    // a late cancellation (inside the 24 h) and a free one
    long late = created(API.post("/api/v1/bookings", DAIRY, Api.booking(e, soon.plus(Duration.ofHours(3)), soon.plus(Duration.ofHours(4)))));
    assertThat(API.post("/api/v1/bookings/" + late + "/cancel", DAIRY, null).bodyAsJsonObject().getBoolean("lateCancel")).isTrue();
    long free = created(API.post("/api/v1/bookings", DAIRY, Api.booking(e, soon.plus(Duration.ofDays(3)), soon.plus(Duration.ofDays(3)).plusSeconds(5400))));
    assertThat(API.post("/api/v1/bookings/" + free + "/cancel", DAIRY, null).statusCode()).isEqualTo(200);
    // requests approved and rejected, across midnight
    Instant evening = at(LocalDate.now(Api.SEOUL).plusDays(4), "22:00");
    long approved = created(API.post("/api/v1/bookings", CHEESE, Api.booking(f, evening, evening.plus(Duration.ofHours(5))).put("units", 2)));
    long rejected = created(API.post("/api/v1/bookings", DAIRY, Api.booking(f, evening, evening.plus(Duration.ofHours(3))).put("units", 3)));
    assertAggregateMatchesRecomputation();
    assertThat(API.post("/api/v1/bookings/" + approved + "/approve", COORDINATOR, null).statusCode()).isEqualTo(200);
    assertThat(API.post("/api/v1/bookings/" + rejected + "/reject", COORDINATOR, new JsonObject().put("reason", "full")).statusCode())
        .isEqualTo(200);
    // a missed booking released by the no-show job
    Instant past = Instant.now().minus(Duration.ofMinutes(50)).truncatedTo(ChronoUnit.MINUTES);
    insertBooking(e, "EQUIPMENT", null, CHEESE, past.minus(Duration.ofHours(3)), past.minus(Duration.ofHours(2)), 1, 0, 0, "CONFIRMED", false, 12000);
    TestApp.get().app().services().bookings().waitlist().releaseNoShows().await();
    // moved and deleted by hand
    API.pool().preparedQuery("UPDATE booking SET starts_at = starts_at + interval '1 day', ends_at = ends_at + interval '1 day', "
        + "blocked_until = blocked_until + interval '1 day' WHERE id = $1").execute(Tuple.of(approved)).await();
    API.pool().preparedQuery("DELETE FROM booking WHERE id = $1").execute(Tuple.of(free)).await();
    assertAggregateMatchesRecomputation();
    // nothing is left queued, and folding again changes nothing
    assertThat(API.count("SELECT count(*) FROM booking_usage_change")).isZero();
    fold();
    assertAggregateMatchesRecomputation();
    assertThat(API.count("SELECT sum(no_shows) FROM booking_usage_daily WHERE resource_id = $1", e)).isEqualTo(1);
    assertThat(API.count("SELECT sum(used_minutes) FROM booking_usage_daily WHERE resource_id = $1", e)).isGreaterThanOrEqualTo(60);
    assertThat(API.count("SELECT sum(booked_unit_minutes) FROM booking_usage_daily WHERE resource_id = $1", f)).isEqualTo(600);
  }

  @Test
  void concurrent_bookings_of_one_facility_hour_add_up_exactly() {
    long f = resource("FACILITY", new JsonObject().put("capacity", 50).put("slotMinutes", 30));
    Instant start = at(LocalDate.now(Api.SEOUL).plusDays(6), "10:00");
    List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      all.add(API.postAsync("/api/v1/bookings", i % 2 == 0 ? CHEESE : DAIRY, Api.booking(f, start, start.plus(Duration.ofMinutes(90))).put("units", 2)));
    }
    Future.join(all).await();
    long created = all.stream().filter(r -> r.result().statusCode() == 201).count();
    assertThat(created).isEqualTo(12);
    fold();
    assertThat(API.count("SELECT sum(booked_unit_minutes) FROM booking_usage_daily WHERE resource_id = $1", f)).isEqualTo(12 * 2 * 90);
    assertThat(API.count("SELECT sum(bookings) FROM booking_usage_daily WHERE resource_id = $1", f)).isEqualTo(12);
    assertAggregateMatchesRecomputation();
  }

  @Test
  void folds_racing_bookings_and_each_other_count_every_change_once() {
    long f = resource("FACILITY", new JsonObject().put("capacity", 50).put("slotMinutes", 30));
    Instant start = at(LocalDate.now(Api.SEOUL).plusDays(8), "09:00");
    List<Future<?>> all = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      Instant s = start.plus(Duration.ofMinutes(30L * (i % 4)));
      all.add(API.postAsync("/api/v1/bookings", i % 2 == 0 ? CHEESE : DAIRY, Api.booking(f, s, s.plus(Duration.ofMinutes(60))).put("units", 1)));
      if (i % 3 == 0) {
        all.add(API.pool().query("SELECT booking_usage_fold()").execute());
      }
    }
    Future.join(all).await();
    assertThat(all.stream().filter(Future::failed).toList()).isEmpty();
    fold();
    assertThat(API.count("SELECT sum(bookings) FROM booking_usage_daily WHERE resource_id = $1", f)).isEqualTo(16);
    assertThat(API.count("SELECT sum(booked_unit_minutes) FROM booking_usage_daily WHERE resource_id = $1", f)).isEqualTo(16 * 60);
    assertAggregateMatchesRecomputation();
  }

  private static long created(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getLong("id");
  }

  @Test
  void circulation_is_the_share_of_money_with_both_sides_in_the_region() {
    // a month no demo data reaches
    LocalDate first = LocalDate.of(2029, 3, 1);
    LocalDate last = LocalDate.of(2029, 3, 31);
    long project = API.projectId("P-2026-01");
    long outside = API.pool().query("INSERT INTO organisation (kind, name, region_code) VALUES ('UNIVERSITY', 'UT 서울 대학', '11110') RETURNING id")
        .execute().await().iterator().next().getLong(0);
    ORGANISATIONS.add(outside);
    long cheese = API.organisationOf(CHEESE);
    long dairy = API.organisationOf(DAIRY);
    long coordinatorUser = API.userId(COORDINATOR);
    long e = resource("EQUIPMENT", new JsonObject());
    // fees: a member firm's 10,000 (inside); the outside organisation's no-show fee of 5,000; a free cancellation counts nothing
    insertBooking(e, "EQUIPMENT", null, cheese, API.userId(CHEESE), at(first.plusDays(1), "10:00"), at(first.plusDays(1), "11:00"), 1, 0, 0,
        "COMPLETED", false, 10000);
    insertBooking(e, "EQUIPMENT", null, outside, coordinatorUser, at(first.plusDays(2), "10:00"), at(first.plusDays(2), "11:00"), 1, 0, 0,
        "NO_SHOW", false, 5000);
    insertBooking(e, "EQUIPMENT", null, dairy, API.userId(DAIRY), at(first.plusDays(3), "10:00"), at(first.plusDays(3), "11:00"), 1, 0, 0,
        "CANCELLED", false, 0);
    // trades: 30,000 between members (inside), 20,000 sold to the outside organisation, one in April (outside the period)
    String trade = "INSERT INTO value_chain_trade (project_id, seller_id, buyer_id, item, quantity, amount_won, traded_on, recorded_by) "
        + "VALUES ($1, $2, $3, $4, 1, $5, $6, $7)";
    API.pool().preparedQuery(trade).execute(Tuple.from(new Object[] {project, cheese, dairy, "UT-milk", 30000L, first.plusDays(4), coordinatorUser})).await();
    API.pool().preparedQuery(trade).execute(Tuple.from(new Object[] {project, cheese, outside, "UT-cheese", 20000L, first.plusDays(5), coordinatorUser})).await();
    API.pool().preparedQuery(trade).execute(Tuple.from(new Object[] {project, cheese, dairy, "UT-april", 99000L, last.plusDays(1), coordinatorUser})).await();
    // services: 8,000 with a provider in the region, 2,000 with a provider that is no registered organisation
    long inside = API.pool().preparedQuery("INSERT INTO local_service (project_id, name, category, provider_organisation_id) VALUES ($1, 'UT-bus', 'TRANSPORT', $2) RETURNING id")
        .execute(Tuple.of(project, dairy)).await().iterator().next().getLong(0);
    long unknown = API.pool().preparedQuery("INSERT INTO local_service (project_id, name, category, provider) VALUES ($1, 'UT-care', 'CHILDCARE', '마을 돌봄') RETURNING id")
        .execute(Tuple.of(project)).await().iterator().next().getLong(0);
    API.pool().preparedQuery("INSERT INTO local_service_usage (service_id, period, uses, amount_won) VALUES ($1, '2029-03', 4, 8000)").execute(Tuple.of(inside)).await();
    API.pool().preparedQuery("INSERT INTO local_service_usage (service_id, period, uses, amount_won) VALUES ($1, '2029-03', 1, 2000)").execute(Tuple.of(unknown)).await();

    HttpResponse<Buffer> response = API.get("/api/v1/projects/" + project + "/circulation?from=" + first + "&to=" + last, COORDINATOR);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    JsonObject c = response.bodyAsJsonObject();
    JsonArray flows = c.getJsonArray("flows");
    assertThat(flows.getJsonObject(0).getString("type")).isEqualTo("FEES");
    assertThat(flows.getJsonObject(0).getLong("insideWon")).isEqualTo(10000);
    assertThat(flows.getJsonObject(0).getLong("totalWon")).isEqualTo(15000);
    assertThat(flows.getJsonObject(1).getLong("insideWon")).isEqualTo(30000);
    assertThat(flows.getJsonObject(1).getLong("totalWon")).isEqualTo(50000);
    assertThat(flows.getJsonObject(2).getLong("insideWon")).isEqualTo(8000);
    assertThat(flows.getJsonObject(2).getLong("totalWon")).isEqualTo(10000);
    assertThat(c.getDouble("rate")).isCloseTo(48000.0 / 75000, within(1e-9));
    assertThat(c.getString("definition")).contains("lead organisation");

    // the outside organisation's booking makes it active, but it is no member: the fairness list marks it, firms share the rest
    JsonObject m = monitoring(project, first, last);
    JsonArray fairness = m.getJsonArray("fairness");
    JsonObject cheeseRow = null;
    for (int i = 0; i < fairness.size(); i++) {
      if (fairness.getJsonObject(i).getLong("organisationId") == cheese) {
        cheeseRow = fairness.getJsonObject(i);
      }
    }
    assertThat(cheeseRow).isNotNull();
    // cheese booked 1 of the 1 used... of the 2 booked hours in the period? Only COMPLETED counts as booked: 60 of 60 minutes
    assertThat(cheeseRow.getDouble("share")).isEqualTo(1.0);
    assertThat(cheeseRow.getString("flag")).isEqualTo("HIGH");
    assertThat(m.getJsonArray("noShows").size()).isEqualTo(1);
    assertThat(m.getJsonArray("noShows").getJsonObject(0).getLong("chargeWon")).isEqualTo(5000);
  }

  @Test
  void fairness_flags_firms_above_twice_or_below_half_an_equal_share() {
    var firms = List.of(
        new UtilizationRepository.FirmUse(1, "a", "", true, 600, 0, 3, 0),
        new UtilizationRepository.FirmUse(2, "b", "", true, 250, 0, 2, 0),
        new UtilizationRepository.FirmUse(3, "c", "", true, 100, 0, 1, 0),
        new UtilizationRepository.FirmUse(4, "d", "", true, 50, 0, 1, 0));
    // equal share 25 %: 60 % is over twice (HIGH), 25 % fair, 10 % under half (LOW), 5 % LOW
    var flags = UtilizationService.fairness(firms).stream().map(UtilizationService.Fairness::flag).toList();
    assertThat(flags).containsExactly("HIGH", "OK", "LOW", "LOW");
    assertThat(UtilizationService.fairness(firms).get(0).share()).isEqualTo(0.6);
    // exactly twice and exactly half are still fair
    var edge = List.of(new UtilizationRepository.FirmUse(1, "a", "", true, 500, 0, 1, 0),
        new UtilizationRepository.FirmUse(2, "b", "", true, 125, 0, 1, 0),
        new UtilizationRepository.FirmUse(3, "c", "", true, 250, 0, 1, 0),
        new UtilizationRepository.FirmUse(4, "d", "", true, 125, 0, 1, 0));
    assertThat(UtilizationService.fairness(edge).stream().map(UtilizationService.Fairness::flag).toList())
        .containsExactly("OK", "OK", "OK", "OK");
    // nothing booked at all: no share, no flag
    var none = List.of(new UtilizationRepository.FirmUse(1, "a", "", true, 0, 0, 0, 0));
    assertThat(UtilizationService.fairness(none).get(0).flag()).isEqualTo("NONE");
  }
}
