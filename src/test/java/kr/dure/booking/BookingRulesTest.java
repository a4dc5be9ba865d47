package kr.dure.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import kr.dure.support.Api;
import org.junit.jupiter.api.Test;

/** Every booking rule once allowing and once refusing, through the API, with the message checked. */
class BookingRulesTest {

  private static final String COORDINATOR = "coordinator.imsil@dure.demo";
  private static final String FIRM = "cheese@dure.demo";
  private static final String OTHER_FIRM = "dairy@dure.demo";

  private final Api api = new Api();

  private long equipment(JsonObject rules) {
    return api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", rules).getLong("id");
  }

  private HttpResponse<Buffer> book(String email, long resource, Instant start, Instant end) {
    return api.post("/api/v1/bookings", email, Api.booking(resource, start, end));
  }

  private static void refused(HttpResponse<Buffer> response, String rule, String text) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(422);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonArray violations = response.bodyAsJsonObject().getJsonArray("violations");
    assertThat(violations.stream().map(v -> ((JsonObject) v).getString("rule"))).contains(rule);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains(text);
  }

  private static JsonObject created(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  /** The next full hour at least {@code hours} from now. */
  private static Instant hoursFromNow(int hours) {
    return Instant.now().plus(Duration.ofHours(hours)).truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
  }

  @Test
  void a_start_in_the_past_is_refused() {
    long r = equipment(new JsonObject());
    Instant past = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
    refused(book(FIRM, r, past, past.plusSeconds(3600)), "past", "already passed");
    created(book(FIRM, r, hoursFromNow(2), hoursFromNow(3)));
  }

  @Test
  void minimum_notice_is_enforced() {
    long r = equipment(new JsonObject().put("minNoticeMinutes", 6 * 60));
    refused(book(FIRM, r, hoursFromNow(1), hoursFromNow(2)), "notice", "at least 360 minutes ahead");
    created(book(FIRM, r, hoursFromNow(8), hoursFromNow(9)));
  }

  @Test
  void the_booking_horizon_is_enforced() {
    long r = equipment(new JsonObject().put("horizonDays", 14));
    LocalDate far = LocalDate.now(Api.SEOUL).plusDays(20);
    refused(book(FIRM, r, Api.at(far, "10:00"), Api.at(far, "11:00")), "horizon", "at most 14 days ahead");
    LocalDate near = LocalDate.now(Api.SEOUL).plusDays(10);
    created(book(FIRM, r, Api.at(near, "10:00"), Api.at(near, "11:00")));
  }

  @Test
  void start_and_end_must_fall_on_slot_steps() {
    long r = equipment(new JsonObject().put("slotMinutes", 30));
    LocalDate day = api.workday(2);
    refused(book(FIRM, r, Api.at(day, "09:15"), Api.at(day, "10:15")), "step", "30-minute steps");
    refused(book(FIRM, r, Api.at(day, "09:00"), Api.at(day, "09:45")), "step", "30-minute steps");
    created(book(FIRM, r, Api.at(day, "09:30"), Api.at(day, "10:30")));
  }

  @Test
  void minimum_and_maximum_length_are_enforced() {
    long r = equipment(new JsonObject().put("minMinutes", 60).put("maxMinutes", 240));
    LocalDate day = api.workday(2);
    refused(book(FIRM, r, Api.at(day, "09:00"), Api.at(day, "09:30")), "minLength", "at least 60 minutes");
    refused(book(FIRM, r, Api.at(day, "09:00"), Api.at(day, "14:00")), "maxLength", "at most 240 minutes");
    created(book(FIRM, r, Api.at(day, "09:00"), Api.at(day, "13:00")));
  }

  @Test
  void opening_hours_are_enforced_including_weekends() {
    long r = equipment(new JsonObject().put("openingHours", Api.weekdays9to18()));
    LocalDate day = api.workday(2);
    refused(book(FIRM, r, Api.at(day, "08:00"), Api.at(day, "09:00")), "openingHours", "outside the opening hours");
    refused(book(FIRM, r, Api.at(day, "17:00"), Api.at(day, "19:00")), "openingHours", "outside the opening hours");
    LocalDate saturday = day.with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.SATURDAY));
    refused(book(FIRM, r, Api.at(saturday, "10:00"), Api.at(saturday, "11:00")), "openingHours", "outside the opening hours");
    created(book(FIRM, r, Api.at(day, "09:00"), Api.at(day, "18:00")));
  }

  @Test
  void public_holidays_close_a_resource_that_closes_on_holidays_and_ministry_added_days_count_too() {
    long closes = equipment(new JsonObject().put("closedOnHolidays", true));
    long open = equipment(new JsonObject().put("closedOnHolidays", false));
    LocalDate holiday = LocalDate.now(Api.SEOUL).plusDays(9);
    api.pool().preparedQuery("INSERT INTO holiday (day, name_ko, name_en, kind, source) VALUES ($1, '임시공휴일', 'Temporary holiday', 'temporary', 'ministry') ON CONFLICT DO NOTHING")
        .execute(io.vertx.sqlclient.Tuple.of(holiday)).await();
    refused(book(FIRM, closes, Api.at(holiday, "10:00"), Api.at(holiday, "11:00")), "holiday", "closed on public holidays");
    created(book(FIRM, open, Api.at(holiday, "10:00"), Api.at(holiday, "11:00")));
    api.pool().preparedQuery("DELETE FROM holiday WHERE day = $1 AND source = 'ministry'").execute(io.vertx.sqlclient.Tuple.of(holiday)).await();
  }

  @Test
  void a_blackout_refuses_bookings_with_its_reason() {
    long r = equipment(new JsonObject());
    LocalDate day = api.workday(3);
    var blackout = api.post("/api/v1/resources/" + r + "/blackouts", COORDINATOR, new JsonObject()
        .put("start", Api.at(day, "12:00").toString()).put("end", Api.at(day, "15:00").toString()).put("reason", "정기 점검 (annual service)"));
    assertThat(blackout.statusCode()).isEqualTo(201);
    refused(book(FIRM, r, Api.at(day, "14:00"), Api.at(day, "16:00")), "blackout", "정기 점검 (annual service)");
    created(book(FIRM, r, Api.at(day, "15:00"), Api.at(day, "16:00")));
    // a firm may not add blackouts
    assertThat(api.post("/api/v1/resources/" + r + "/blackouts", FIRM, new JsonObject()
        .put("start", Api.at(day, "08:00").toString()).put("end", Api.at(day, "09:00").toString()).put("reason", "x")).statusCode())
        .isEqualTo(403);
  }

  @Test
  void the_buffer_after_a_booking_blocks_the_next_start_until_it_ends() {
    long r = equipment(new JsonObject().put("bufferMinutes", 30));
    LocalDate day = api.workday(3);
    created(book(FIRM, r, Api.at(day, "09:00"), Api.at(day, "10:00")));
    HttpResponse<Buffer> tooSoon = book(OTHER_FIRM, r, Api.at(day, "10:00"), Api.at(day, "11:00"));
    assertThat(tooSoon.statusCode()).isEqualTo(409);
    assertThat(tooSoon.bodyAsJsonObject().getString("detail")).contains("changeover until");
    // the conflict offers the nearest free starts, all after the changeover
    JsonArray alternatives = tooSoon.bodyAsJsonObject().getJsonArray("alternatives");
    assertThat(alternatives).isNotEmpty();
    assertThat(alternatives.stream().map(a -> Instant.parse(((JsonObject) a).getString("start"))))
        .contains(Api.at(day, "10:30"))
        .allSatisfy(s -> assertThat(s.isBefore(Api.at(day, "08:00")) || !s.isBefore(Api.at(day, "10:30"))).isTrue());
    // and nothing of another firm's booking leaks in the answer
    assertThat(tooSoon.bodyAsString()).doesNotContain("organisation").doesNotContain("cheese");
    created(book(OTHER_FIRM, r, Api.at(day, "10:30"), Api.at(day, "11:30")));
    // a booking whose own changeover would run into the next one is refused as well
    assertThat(book(OTHER_FIRM, r, Api.at(day, "08:00"), Api.at(day, "09:00")).statusCode()).isEqualTo(409);
  }

  @Test
  void approval_required_bookings_hold_the_slot_as_requests_until_the_coordinator_decides() {
    long r = equipment(new JsonObject().put("approvalRequired", true));
    LocalDate day = api.workday(3);
    JsonObject requested = created(book(FIRM, r, Api.at(day, "09:00"), Api.at(day, "10:00")));
    assertThat(requested.getString("status")).isEqualTo("REQUESTED");
    // the request already holds its slot
    assertThat(book(OTHER_FIRM, r, Api.at(day, "09:00"), Api.at(day, "10:00")).statusCode()).isEqualTo(409);
    assertThat(api.count("SELECT count(*) FROM notification WHERE kind = 'booking.requested' AND params->>'bookingId' = $1",
        requested.getLong("id").toString())).isPositive();
    // a firm cannot approve its own request
    assertThat(api.post("/api/v1/bookings/" + requested.getLong("id") + "/approve", FIRM, null).statusCode()).isEqualTo(403);
    var approved = api.post("/api/v1/bookings/" + requested.getLong("id") + "/approve", COORDINATOR, null);
    assertThat(approved.statusCode()).isEqualTo(200);
    assertThat(approved.bodyAsJsonObject().getString("status")).isEqualTo("CONFIRMED");
    JsonObject second = created(book(OTHER_FIRM, r, Api.at(day, "11:00"), Api.at(day, "12:00")));
    var noReason = api.post("/api/v1/bookings/" + second.getLong("id") + "/reject", COORDINATOR, new JsonObject());
    assertThat(noReason.statusCode()).isEqualTo(400);
    var rejected = api.post("/api/v1/bookings/" + second.getLong("id") + "/reject", COORDINATOR,
        new JsonObject().put("reason", "장비 점검 일정과 겹칩니다"));
    assertThat(rejected.bodyAsJsonObject().getString("status")).isEqualTo("REJECTED");
    assertThat(rejected.bodyAsJsonObject().getString("reason")).isEqualTo("장비 점검 일정과 겹칩니다");
    // the rejected slot is free again
    created(book(FIRM, r, Api.at(day, "11:00"), Api.at(day, "12:00")));
  }

  @Test
  void qualification_required_needs_a_valid_training_record() {
    long r = equipment(new JsonObject().put("qualificationRequired", true));
    LocalDate day = api.workday(3);
    refused(book(FIRM, r, Api.at(day, "09:00"), Api.at(day, "10:00")), "qualification", "training record");
    long cheeseUser = api.userId(FIRM);
    LocalDate today = LocalDate.now(Api.SEOUL);
    // an expired record does not count
    assertThat(api.post("/api/v1/resources/" + r + "/qualifications", COORDINATOR, new JsonObject().put("userId", cheeseUser)
        .put("validFrom", today.minusYears(2).toString()).put("validUntil", today.minusDays(1).toString())).statusCode()).isEqualTo(201);
    refused(book(FIRM, r, Api.at(day, "09:00"), Api.at(day, "10:00")), "qualification", "training record");
    assertThat(api.post("/api/v1/resources/" + r + "/qualifications", COORDINATOR, new JsonObject().put("userId", cheeseUser)
        .put("validUntil", today.plusYears(1).toString())).statusCode()).isEqualTo(201);
    created(book(FIRM, r, Api.at(day, "09:00"), Api.at(day, "10:00")));
    // a user of another project's firm cannot be recorded
    assertThat(api.post("/api/v1/resources/" + r + "/qualifications", COORDINATOR, new JsonObject()
        .put("userId", api.userId("garlic@dure.demo")).put("validUntil", today.plusYears(1).toString())).statusCode()).isEqualTo(400);
  }

  @Test
  void weekly_and_monthly_quotas_count_per_firm() {
    long weekly = equipment(new JsonObject().put("weeklyQuota", 3));
    LocalDate day = api.workday(8);
    created(book(FIRM, weekly, Api.at(day, "09:00"), Api.at(day, "11:00")));
    refused(book(FIRM, weekly, Api.at(day, "13:00"), Api.at(day, "15:00")), "weeklyQuota", "3 hours a week; it has 2 already");
    created(book(FIRM, weekly, Api.at(day, "13:00"), Api.at(day, "14:00")));
    created(book(OTHER_FIRM, weekly, Api.at(day, "15:00"), Api.at(day, "17:00")));

    long monthly = equipment(new JsonObject().put("monthlyQuota", 2));
    LocalDate first = LocalDate.now(Api.SEOUL).plusMonths(1).withDayOfMonth(5);
    created(book(FIRM, monthly, Api.at(first, "09:00"), Api.at(first, "11:00")));
    refused(book(FIRM, monthly, Api.at(first.plusDays(7), "09:00"), Api.at(first.plusDays(7), "10:00")), "monthlyQuota",
        "2 hours a month");
  }

  @Test
  void a_cancel_before_the_deadline_is_free_and_a_later_one_is_a_charged_late_cancel() {
    long r = equipment(new JsonObject().put("freeCancelHours", 24).put("lateCancelFeePercent", 50)
        .put("feeBasis", "PER_HOUR").put("feeWon", 10000));
    LocalDate day = LocalDate.now(Api.SEOUL).plusDays(5);
    JsonObject early = created(book(FIRM, r, Api.at(day, "09:00"), Api.at(day, "11:00")));
    assertThat(early.getLong("feeWon")).isEqualTo(20000);
    JsonObject cancelled = api.post("/api/v1/bookings/" + early.getLong("id") + "/cancel", FIRM, null).bodyAsJsonObject();
    assertThat(cancelled.getString("status")).isEqualTo("CANCELLED");
    assertThat(cancelled.getBoolean("lateCancel")).isFalse();
    assertThat(cancelled.getLong("feeWon")).isZero();

    JsonObject soon = created(book(FIRM, r, hoursFromNow(3), hoursFromNow(4)));
    JsonObject late = api.post("/api/v1/bookings/" + soon.getLong("id") + "/cancel", FIRM, null).bodyAsJsonObject();
    assertThat(late.getBoolean("lateCancel")).isTrue();
    assertThat(late.getLong("feeWon")).isEqualTo(5000);
    // cancelling twice is a conflict, not a second charge
    assertThat(api.post("/api/v1/bookings/" + soon.getLong("id") + "/cancel", FIRM, null).statusCode()).isEqualTo(409);
  }

  @Test
  void check_in_opens_shortly_before_the_start_and_check_out_records_actual_use() {
    long r = equipment(new JsonObject().put("slotMinutes", 5).put("checkInOpensMinutes", 30));
    Instant soon = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    soon = soon.plus(Duration.ofMinutes(10 - soon.atZone(Api.SEOUL).getMinute() % 5));
    JsonObject now = created(book(FIRM, r, soon, soon.plus(Duration.ofHours(1))));
    JsonObject later = created(book(FIRM, r, soon.plus(Duration.ofDays(2)), soon.plus(Duration.ofDays(2)).plusSeconds(3600)));
    var tooEarly = api.post("/api/v1/bookings/" + later.getLong("id") + "/check-in", FIRM, null);
    refused(tooEarly, "checkInWindow", "Check-in is open from");
    var checkedIn = api.post("/api/v1/bookings/" + now.getLong("id") + "/check-in", FIRM, null);
    assertThat(checkedIn.statusCode()).as(checkedIn.bodyAsString()).isEqualTo(200);
    assertThat(checkedIn.bodyAsJsonObject().getString("status")).isEqualTo("CHECKED_IN");
    assertThat(checkedIn.bodyAsJsonObject().getString("checkedInAt")).isNotNull();
    var out = api.post("/api/v1/bookings/" + now.getLong("id") + "/check-out", FIRM, null);
    assertThat(out.bodyAsJsonObject().getString("status")).isEqualTo("COMPLETED");
    assertThat(out.bodyAsJsonObject().getString("checkedOutAt")).isNotNull();
    // another firm cannot check in someone else's booking
    assertThat(api.post("/api/v1/bookings/" + later.getLong("id") + "/check-in", OTHER_FIRM, null).statusCode()).isEqualTo(404);
  }

  @Test
  void the_no_show_job_releases_missed_bookings_charges_them_and_runs_once() {
    long r = equipment(new JsonObject().put("noShowAfterMinutes", 15).put("noShowFeePercent", 100)
        .put("feeBasis", "PER_HOUR").put("feeWon", 12000));
    Instant start = Instant.now().minus(Duration.ofMinutes(40)).truncatedTo(ChronoUnit.MINUTES);
    long org = api.organisationOf(FIRM);
    long id = api.pool().preparedQuery("""
        INSERT INTO booking (resource_id, resource_kind, organisation_id, user_id, starts_at, ends_at, blocked_until, status, fee_won)
        VALUES ($1, 'EQUIPMENT', $2, $3, $4, $5, $5, 'CONFIRMED', 12000) RETURNING id""")
        .execute(io.vertx.sqlclient.Tuple.of(r, org, api.userId(FIRM), start.atOffset(java.time.ZoneOffset.UTC),
            start.plus(Duration.ofHours(1)).atOffset(java.time.ZoneOffset.UTC)))
        .await().iterator().next().getLong(0);
    WaitlistService jobs = kr.dure.support.TestApp.get().app().services().bookings().waitlist();
    // two instances running the job at once (and the app's own timer) still record it once
    var first = jobs.releaseNoShows();
    var second = jobs.releaseNoShows();
    first.await();
    second.await();
    assertThat(api.count("SELECT count(*) FROM audit_log WHERE action = 'booking.noShow' AND target_id = $1", Long.toString(id))).isEqualTo(1);
    JsonObject booking = api.get("/api/v1/bookings/" + id, FIRM).bodyAsJsonObject();
    assertThat(booking.getString("status")).isEqualTo("NO_SHOW");
    assertThat(booking.getLong("feeWon")).isEqualTo(12000);
    assertThat(api.count("SELECT count(*) FROM notification WHERE kind = 'booking.noShow' AND params->>'bookingId' = $1", Long.toString(id)))
        .isEqualTo(1);
  }
}
