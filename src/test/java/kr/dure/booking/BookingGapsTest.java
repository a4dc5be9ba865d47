package kr.dure.booking;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import kr.dure.support.Api;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The known weak spots of the booking engine, each as the behaviour a user relies on: the waitlist
 * refuses what could never be offered, a series is cancelled whole or not at all, one bad row does
 * not stop the jobs, and a request nobody decided lets its slot go at the start.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BookingGapsTest {

  private static final String COORDINATOR = "coordinator.imsil@dure.demo";
  private static final String CHEESE = "cheese@dure.demo";
  private static final String DAIRY = "dairy@dure.demo";
  private static final String LOCALFOOD = "localfood@dure.demo";

  private final Api api = new Api();

  private WaitlistService jobs() {
    return TestApp.get().app().services().bookings().waitlist();
  }

  private static JsonObject created(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  private static void refused(HttpResponse<Buffer> response, String rule, String text) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(422);
    JsonArray violations = response.bodyAsJsonObject().getJsonArray("violations");
    assertThat(violations.stream().map(v -> ((JsonObject) v).getString("rule"))).contains(rule);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains(text);
  }

  private HttpResponse<Buffer> waits(String email, JsonObject body) {
    return api.post("/api/v1/waitlist", email, body);
  }

  private long entries(long resource) {
    return api.count("SELECT count(*) FROM waitlist_entry WHERE resource_id = $1", resource);
  }

  private String status(long booking) {
    return api.pool().preparedQuery("SELECT status FROM booking WHERE id = $1").execute(Tuple.of(booking)).await()
        .iterator().next().getString(0);
  }

  /** A trigger that makes any update of the named bookings fail, as a row broken in some unforeseen way would. */
  private void breakUpdatesOf(List<Long> ids) {
    String list = String.join(", ", ids.stream().map(String::valueOf).toList());
    api.pool().query("""
        CREATE OR REPLACE FUNCTION test_h9_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'test: this row cannot be updated'; END $$""").execute().await();
    api.pool().query("DROP TRIGGER IF EXISTS test_h9_refuse_update ON booking").execute().await();
    api.pool().query("CREATE TRIGGER test_h9_refuse_update BEFORE UPDATE ON booking FOR EACH ROW WHEN (OLD.id IN (" + list
        + ")) EXECUTE FUNCTION test_h9_refuse_update()").execute().await();
  }

  private void repairUpdates() {
    api.pool().query("DROP TRIGGER IF EXISTS test_h9_refuse_update ON booking").execute().await();
    api.pool().query("DROP FUNCTION IF EXISTS test_h9_refuse_update()").execute().await();
  }

  // ---- 1. the waitlist applies the booking rules

  @Test
  void the_waitlist_refuses_entries_that_could_never_be_offered_with_the_bookings_messages() {
    long r = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject().put("openingHours", Api.weekdays9to18())
        .put("minMinutes", 60).put("maxMinutes", 240).put("horizonDays", 30)).getLong("id");
    LocalDate day = api.workday(5);
    created(api.post("/api/v1/bookings", DAIRY, Api.booking(r, Api.at(day, "09:00"), Api.at(day, "18:00").minusSeconds(5 * 3600))));
    var blackout = api.post("/api/v1/resources/" + r + "/blackouts", COORDINATOR, new JsonObject()
        .put("start", Api.at(day, "12:00").toString()).put("end", Api.at(day, "13:00").toString()).put("reason", "점검 (service)"));
    assertThat(blackout.statusCode()).isEqualTo(201);
    created(api.post("/api/v1/bookings", DAIRY, Api.booking(r, Api.at(day, "14:00"), Api.at(day, "15:00"))));

    refused(waits(CHEESE, Api.booking(r, Api.at(day, "07:00"), Api.at(day, "10:00"))), "openingHours", "outside the opening hours");
    refused(waits(CHEESE, Api.booking(r, Api.at(day, "10:00"), Api.at(day, "10:30"))), "minLength", "at least 60 minutes");
    refused(waits(CHEESE, Api.booking(r, Api.at(day, "09:00"), Api.at(day, "14:30"))), "maxLength", "at most 240 minutes");
    refused(waits(CHEESE, Api.booking(r, Api.at(day, "11:00"), Api.at(day, "13:00"))), "blackout", "점검 (service)");
    LocalDate far = api.workday(45);
    refused(waits(CHEESE, Api.booking(r, Api.at(far, "10:00"), Api.at(far, "11:00"))), "horizon", "at most 30 days ahead");
    Instant past = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
    refused(waits(CHEESE, Api.booking(r, past, past.plusSeconds(3600))), "past", "already passed");
    assertThat(waits(CHEESE, Api.booking(r, Api.at(day, "10:00"), Api.at(day, "10:15"))).statusCode()).isEqualTo(422);
    assertThat(entries(r)).as("nothing written for refused joins").isZero();

    // a join the rules allow is taken once; the same user on the same slot again is 409
    created(waits(CHEESE, Api.booking(r, Api.at(day, "10:00"), Api.at(day, "11:00"))));
    HttpResponse<Buffer> again = waits(CHEESE, Api.booking(r, Api.at(day, "10:00"), Api.at(day, "11:00")));
    assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(409);
    assertThat(again.bodyAsJsonObject().getString("detail")).contains("already on the waitlist").contains("WAITING");
    // another slot, or another firm on this one, is fine
    created(waits(CHEESE, Api.booking(r, Api.at(day, "14:00"), Api.at(day, "15:00"))));
    created(waits(LOCALFOOD, Api.booking(r, Api.at(day, "10:00"), Api.at(day, "11:00"))));
    assertThat(entries(r)).isEqualTo(3);
  }

  @Test
  void racing_duplicate_joins_leave_one_entry() {
    long r = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject()).getLong("id");
    LocalDate day = api.workday(6);
    JsonObject slot = Api.booking(r, Api.at(day, "10:00"), Api.at(day, "11:00"));
    created(api.post("/api/v1/bookings", DAIRY, slot));
    var futures = new java.util.ArrayList<io.vertx.core.Future<HttpResponse<Buffer>>>();
    for (int i = 0; i < 6; i++) {
      futures.add(api.postAsync("/api/v1/waitlist", CHEESE, slot));
    }
    io.vertx.core.Future.join(new java.util.ArrayList<>(futures)).await();
    assertThat(futures.stream().filter(f -> f.result().statusCode() == 201)).hasSize(1);
    assertThat(futures.stream().filter(f -> f.result().statusCode() == 409)).hasSize(5);
    assertThat(entries(r)).isEqualTo(1);
  }

  @Test
  void the_waitlist_checks_qualification_quota_and_units() {
    LocalDate day = api.workday(8);
    long trained = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject().put("qualificationRequired", true))
        .getLong("id");
    assertThat(api.post("/api/v1/resources/" + trained + "/qualifications", COORDINATOR, new JsonObject().put("userId", api.userId(DAIRY))
        .put("validUntil", LocalDate.now(Api.SEOUL).plusYears(1).toString())).statusCode()).isEqualTo(201);
    JsonObject slot = Api.booking(trained, Api.at(day, "10:00"), Api.at(day, "11:00"));
    created(api.post("/api/v1/bookings", DAIRY, slot));
    refused(waits(CHEESE, slot), "qualification", "training record");

    long quota = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject().put("weeklyQuota", 2)).getLong("id");
    created(api.post("/api/v1/bookings", CHEESE, Api.booking(quota, Api.at(day, "09:00"), Api.at(day, "11:00"))));
    JsonObject other = Api.booking(quota, Api.at(day, "13:00"), Api.at(day, "14:00"));
    created(api.post("/api/v1/bookings", DAIRY, other));
    refused(waits(CHEESE, other), "weeklyQuota", "2 hours a week; it has 2 already");

    long facility = api.createResource(COORDINATOR, "P-2026-01", "FACILITY", new JsonObject().put("capacity", 2)).getLong("id");
    JsonObject room = Api.booking(facility, Api.at(day, "10:00"), Api.at(day, "11:00"));
    created(api.post("/api/v1/bookings", DAIRY, room.copy().put("units", 2)));
    refused(waits(CHEESE, room.copy().put("units", 3)), "units", "has 2 units");
    created(waits(CHEESE, room.copy().put("units", 1)));
    assertThat(entries(trained) + entries(quota) + entries(facility)).isEqualTo(1);
  }

  @Test
  void the_waitlist_for_a_run_checks_its_size_and_cutoff() {
    long run = api.createResource(COORDINATOR, "P-2026-01", "DELIVERY_RUN", new JsonObject().put("feeBasis", "PER_PALLET")
        .put("feeWon", 1000)).getLong("id");
    LocalDate day = api.workday(6);
    long open = api.post("/api/v1/resources/" + run + "/departures", COORDINATOR, new JsonObject()
        .put("weekdays", new JsonArray().add(day.getDayOfWeek().getValue())).put("departs", "06:00").put("cutoffDaysBefore", 1)
        .put("cutoffTime", "17:00").put("durationMinutes", 180).put("pallets", 4).put("kg", 1000)
        .put("from", day.toString()).put("until", day.toString())).bodyAsJsonArray().getJsonObject(0).getLong("id");
    created(api.post("/api/v1/bookings", DAIRY, new JsonObject().put("resourceId", run).put("departureId", open).put("pallets", 4)
        .put("kg", 500)));
    refused(waits(CHEESE, new JsonObject().put("resourceId", run).put("departureId", open).put("pallets", 5).put("kg", 100)),
        "runSize", "at most 4 pallets");
    refused(waits(CHEESE, new JsonObject().put("resourceId", run).put("departureId", open).put("pallets", 1).put("kg", 1500)),
        "runSize", "1000 kg");
    created(waits(CHEESE, new JsonObject().put("resourceId", run).put("departureId", open).put("pallets", 1).put("kg", 100)));

    LocalDate tomorrow = LocalDate.now(Api.SEOUL).plusDays(1);
    long closed = api.post("/api/v1/resources/" + run + "/departures", COORDINATOR, new JsonObject()
        .put("weekdays", new JsonArray().add(tomorrow.getDayOfWeek().getValue())).put("departs", "23:00").put("cutoffDaysBefore", 1)
        .put("cutoffTime", "00:00").put("durationMinutes", 60).put("pallets", 4).put("kg", 1000)
        .put("from", tomorrow.toString()).put("until", tomorrow.toString())).bodyAsJsonArray().getJsonObject(0).getLong("id");
    refused(waits(CHEESE, new JsonObject().put("resourceId", run).put("departureId", closed).put("pallets", 1).put("kg", 100)),
        "cutoff", "closed at");
    assertThat(entries(run)).isEqualTo(1);
  }

  // ---- 2. cancelling the rest of a series is atomic

  @Test
  void cancelling_the_rest_of_a_series_cancels_all_or_none_with_late_fees_per_occurrence() {
    long r = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject().put("freeCancelHours", 24)
        .put("lateCancelFeePercent", 50).put("feeBasis", "PER_HOUR").put("feeWon", 10000)).getLong("id");
    Instant start = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    JsonObject series = created(api.post("/api/v1/bookings", CHEESE, Api.booking(r, start, start.plusSeconds(3600))
        .put("recurrence", new JsonObject().put("frequency", "DAILY").put("count", 4).put("mode", "ALL_OR_NONE"))));
    List<Long> ids = series.getJsonArray("created").stream().map(o -> ((JsonObject) o).getLong("id")).toList();
    assertThat(ids).hasSize(4);
    // a firm waits for the second date
    Instant second = start.plus(Duration.ofDays(1));
    created(waits(DAIRY, Api.booking(r, second, second.plusSeconds(3600))));
    // another firm cannot cancel it
    assertThat(api.post("/api/v1/bookings/" + ids.get(0) + "/cancel-series", DAIRY, null).statusCode()).isEqualTo(404);

    // the third occurrence cannot be changed: nothing may be cancelled then
    breakUpdatesOf(List.of(ids.get(2)));
    try {
      HttpResponse<Buffer> failed = api.post("/api/v1/bookings/" + ids.get(0) + "/cancel-series", CHEESE, null);
      assertThat(failed.statusCode()).isNotEqualTo(200);
    } finally {
      repairUpdates();
    }
    for (long id : ids) {
      assertThat(status(id)).as("booking %d after a failed cancel-series", id).isEqualTo("CONFIRMED");
    }
    assertThat(api.count("SELECT count(*) FROM waitlist_entry WHERE resource_id = $1 AND status = 'WAITING'", r)).isEqualTo(1);

    HttpResponse<Buffer> done = api.post("/api/v1/bookings/" + ids.get(0) + "/cancel-series", CHEESE,
        new JsonObject().put("reason", "일정 변경"));
    assertThat(done.statusCode()).as(done.bodyAsString()).isEqualTo(200);
    JsonArray cancelled = done.bodyAsJsonArray();
    assertThat(cancelled).hasSize(4);
    // within 24 hours of its start the first is a late cancel at 50 %; the later ones are free
    assertThat(cancelled.getJsonObject(0).getBoolean("lateCancel")).isTrue();
    assertThat(cancelled.getJsonObject(0).getLong("feeWon")).isEqualTo(5000);
    for (int i = 1; i < 4; i++) {
      assertThat(cancelled.getJsonObject(i).getBoolean("lateCancel")).isFalse();
      assertThat(cancelled.getJsonObject(i).getLong("feeWon")).isZero();
    }
    assertThat(api.count("SELECT count(*) FROM booking WHERE resource_id = $1 AND holds_slot AND organisation_id = $2", r,
        api.organisationOf(CHEESE))).isZero();
    // the freed second date went to the waiting firm with the cancel
    JsonObject entry = api.get("/api/v1/waitlist", DAIRY).bodyAsJsonArray().stream().map(o -> (JsonObject) o)
        .filter(e -> e.getLong("resourceId") == r).findFirst().orElseThrow();
    assertThat(entry.getString("status")).isEqualTo("OFFERED");
    assertThat(api.count("SELECT count(*) FROM audit_log WHERE action = 'booking.cancel' AND target_id = ANY($1)",
        (Object) ids.stream().map(String::valueOf).toArray(String[]::new))).isEqualTo(4);
  }

  // ---- 3. one failing row does not stop the jobs

  private long insertBooking(long resource, String email, Instant start, String status, Instant holdExpires) {
    return api.pool().preparedQuery("""
        INSERT INTO booking (resource_id, resource_kind, organisation_id, user_id, starts_at, ends_at, blocked_until, status, fee_won,
                             hold_expires_at)
        VALUES ($1, 'EQUIPMENT', $2, $3, $4, $5, $5, $6, 12000, $7) RETURNING id""")
        .execute(Tuple.of(resource, api.organisationOf(email), api.userId(email), start.atOffset(ZoneOffset.UTC),
            start.plus(Duration.ofMinutes(30)).atOffset(ZoneOffset.UTC), status,
            holdExpires == null ? null : holdExpires.atOffset(ZoneOffset.UTC)))
        .await().iterator().next().getLong(0);
  }

  @Test
  void a_failing_row_is_skipped_and_the_other_rows_of_the_no_show_and_hold_jobs_are_processed() {
    long r = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject().put("noShowAfterMinutes", 15)
        .put("noShowFeePercent", 100)).getLong("id");
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    List<Long> missed = List.of(insertBooking(r, CHEESE, now.minus(Duration.ofMinutes(160)), "CONFIRMED", null),
        insertBooking(r, DAIRY, now.minus(Duration.ofMinutes(100)), "CONFIRMED", null),
        insertBooking(r, LOCALFOOD, now.minus(Duration.ofMinutes(40)), "CONFIRMED", null));
    Instant later = now.plus(Duration.ofDays(3));
    List<Long> holds = List.of(insertBooking(r, CHEESE, later, "HELD", now.minusSeconds(60)),
        insertBooking(r, DAIRY, later.plus(Duration.ofHours(1)), "HELD", now.minusSeconds(60)),
        insertBooking(r, LOCALFOOD, later.plus(Duration.ofHours(2)), "HELD", now.minusSeconds(60)));
    breakUpdatesOf(List.of(missed.get(1), holds.get(0)));
    try {
      jobs().releaseNoShows().await();
      jobs().expireHolds().await();
      assertThat(status(missed.get(0))).isEqualTo("NO_SHOW");
      assertThat(status(missed.get(1))).as("the broken row is rolled back alone").isEqualTo("CONFIRMED");
      assertThat(status(missed.get(2))).isEqualTo("NO_SHOW");
      assertThat(status(holds.get(0))).isEqualTo("HELD");
      assertThat(status(holds.get(1))).isEqualTo("EXPIRED");
      assertThat(status(holds.get(2))).isEqualTo("EXPIRED");
      assertThat(api.count("SELECT count(*) FROM audit_log WHERE action = 'booking.noShow' AND target_id = $1",
          Long.toString(missed.get(1)))).isZero();
      assertThat(api.count("SELECT count(*) FROM notification WHERE kind = 'booking.noShow' AND params->>'bookingId' = $1",
          Long.toString(missed.get(2)))).isEqualTo(1);
    } finally {
      repairUpdates();
    }
    // repaired, the next run takes the rows it skipped
    jobs().releaseNoShows().await();
    jobs().expireHolds().await();
    assertThat(status(missed.get(1))).isEqualTo("NO_SHOW");
    assertThat(status(holds.get(0))).isEqualTo("EXPIRED");
    assertThat(api.count("SELECT count(*) FROM audit_log WHERE action = 'booking.noShow' AND target_id = ANY($1)",
        (Object) missed.stream().map(String::valueOf).toArray(String[]::new))).isEqualTo(3);
  }

  // ---- 4. a request nobody decided before its start lets its slot go

  @Test
  void an_undecided_request_is_rejected_at_its_start_the_booker_is_told_and_the_waitlist_gets_the_slot() {
    long r = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject().put("approvalRequired", true)).getLong("id");
    Instant start = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    JsonObject request = created(api.post("/api/v1/bookings", CHEESE, Api.booking(r, start, start.plus(Duration.ofHours(3)))));
    assertThat(request.getString("status")).isEqualTo("REQUESTED");
    long id = request.getLong("id");
    Instant later = start.plus(Duration.ofDays(2));
    long pending = created(api.post("/api/v1/bookings", CHEESE, Api.booking(r, later, later.plusSeconds(3600)))).getLong("id");
    // another firm waits for the last hour of the requested time
    created(waits(DAIRY, Api.booking(r, start.plus(Duration.ofHours(2)), start.plus(Duration.ofHours(3)))));

    // nothing happens before the start
    jobs().expireUndecided().await();
    assertThat(status(id)).isEqualTo("REQUESTED");

    // the start passes without a decision (the request is moved back in time)
    api.pool().preparedQuery("UPDATE booking SET starts_at = now() - interval '5 minutes' WHERE id = $1").execute(Tuple.of(id)).await();
    // two instances (and the app's timer) at once still end it once
    var first = jobs().expireUndecided();
    var second = jobs().expireUndecided();
    first.await();
    second.await();

    JsonObject ended = api.get("/api/v1/bookings/" + id, CHEESE).bodyAsJsonObject();
    assertThat(ended.getString("status")).isEqualTo("REJECTED");
    assertThat(ended.getString("reason")).isEqualTo("not decided before the start");
    assertThat(ended.getLong("feeWon")).isZero();
    assertThat(status(pending)).isEqualTo("REQUESTED");
    assertThat(api.count("SELECT count(*) FROM audit_log WHERE action = 'booking.undecidedExpired' AND target_id = $1",
        Long.toString(id))).isEqualTo(1);
    assertThat(api.count("SELECT count(*) FROM notification WHERE kind = 'booking.expired' AND user_id = $1 AND params->>'bookingId' = $2",
        api.userId(CHEESE), Long.toString(id))).isEqualTo(1);
    JsonObject entry = api.get("/api/v1/waitlist", DAIRY).bodyAsJsonArray().stream().map(o -> (JsonObject) o)
        .filter(e -> e.getLong("resourceId") == r).findFirst().orElseThrow();
    assertThat(entry.getString("status")).isEqualTo("OFFERED");
    // the booker reads it in either language
    assertThat(api.get("/api/v1/notifications?lang=en&limit=50", CHEESE).bodyAsString()).contains("Booking request ended:");
    assertThat(api.get("/api/v1/notifications?lang=ko&limit=50", CHEESE).bodyAsString()).contains("예약 요청이 종료되었습니다");
    // "my bookings" gives the reason in the reader's language, not the stored English phrase
    assertThat(TestApp.get().browserSignedInAs(CHEESE).get("/bookings").send().await().bodyAsString())
        .contains("시작 시각까지 승인되지 않아 종료됨").doesNotContain("not decided before the start");
    // a decision after the job is refused: the request is no longer pending
    assertThat(api.post("/api/v1/bookings/" + id + "/approve", COORDINATOR, null).statusCode()).isEqualTo(409);
  }

  // ---- 5. the board groups a facility's bookings per hour

  @Test
  void the_board_groups_a_facilitys_hour_as_units_used_of_capacity_with_the_bookings_in_a_details_list() {
    JsonObject facility = api.createResource(COORDINATOR, "P-2026-01", "FACILITY", new JsonObject().put("capacity", 4));
    long r = facility.getLong("id");
    LocalDate day = api.workday(11);
    created(api.post("/api/v1/bookings", CHEESE, Api.booking(r, Api.at(day, "10:00"), Api.at(day, "11:00")).put("units", 1)));
    created(api.post("/api/v1/bookings", DAIRY, Api.booking(r, Api.at(day, "10:30"), Api.at(day, "12:00")).put("units", 2)));
    var browser = TestApp.get().browserSignedInAs(COORDINATOR);
    var page = browser.get("/coordinator/board?project=" + api.projectId("P-2026-01") + "&date=" + day).send().await();
    assertThat(page.statusCode()).isEqualTo(200);
    String html = page.bodyAsString();
    int row = html.indexOf(facility.getString("nameKo"));
    assertThat(row).isPositive();
    String facilityRow = html.substring(row, html.indexOf("</tr>", row));
    // 10:00–11:00: both at 10:30, 3 of 4 units; 11:00–12:00: only the second, 2 of 4
    assertThat(facilityRow).contains("<details class=\"cell-group\"><summary>3/4 ").contains("예약 2건")
        .contains("<summary>2/4 ").contains("예약 1건")
        .contains("(주)임실숲골치즈 · 예약 확정");
    assertThat(facilityRow.indexOf("<summary>3/4")).isLessThan(facilityRow.indexOf("<summary>2/4"));
  }
}
