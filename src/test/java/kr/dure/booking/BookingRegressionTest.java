package kr.dure.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import kr.dure.support.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Review findings on the booking engine, each written as the behaviour a user relies on: every test
 * here fails against the reviewed code and passes once the defect it names is fixed.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BookingRegressionTest {

  private static final String COORDINATOR = "coordinator.imsil@dure.demo";
  private static final String CHEESE = "cheese@dure.demo";
  private static final String DAIRY = "dairy@dure.demo";
  private static final String LOCALFOOD = "localfood@dure.demo";

  private final Api api = new Api();

  private HttpResponse<Buffer> created(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response;
  }

  /** Waits until some statement is blocked on a lock of the given kind (a table name, or "transactionid"). */
  private void awaitLockWaiter(String relation) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      long waiting = api.count("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = $1::regclass", relation);
      if (waiting > 0) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("nobody ever waited on " + relation);
  }

  /** Sign in before the audit log is locked (sign-ins write it), and never leave the lock behind. */
  private SqlConnection lockAuditLog(Transaction[] tx, String... emails) {
    for (String e : emails) {
      api.token(e);
    }
    SqlConnection locker = api.pool().getConnection().await();
    tx[0] = locker.begin().await();
    locker.query("LOCK TABLE audit_log IN SHARE MODE").execute().await();
    new Thread(() -> {
      try {
        Thread.sleep(15_000);
      } catch (InterruptedException e) {
        return;
      }
      locker.close();
    }).start();
    return locker;
  }

  private void awaitRowLockWaiter() throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      if (api.count("SELECT count(*) FROM pg_locks WHERE NOT granted AND locktype IN ('transactionid', 'tuple')") > 0) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("nobody ever waited on a row");
  }

  // ---- input answered with 500

  /** The new year bounds convert the instant to Seoul time before checking it; near Instant's limits that throws. */
  @Test
  void instants_at_the_end_of_the_calendar_are_400_not_500() {
    long r = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject()).getLong("id");
    HttpResponse<Buffer> booking = api.post("/api/v1/bookings", CHEESE, new JsonObject().put("resourceId", r)
        .put("start", "+999999999-12-31T23:00:00Z").put("end", "+999999999-12-31T23:30:00Z"));
    assertThat(booking.statusCode()).as(booking.bodyAsString()).isEqualTo(400);
    HttpResponse<Buffer> mine = api.get("/api/v1/bookings?from=%2B999999999-12-31T23:00:00Z", CHEESE);
    assertThat(mine.statusCode()).as(mine.bodyAsString()).isEqualTo(400);
    HttpResponse<Buffer> early = api.get("/api/v1/resources/" + r + "/availability?from=-999999999-01-01T00:00:00%2B18:00", CHEESE);
    assertThat(early.statusCode()).as(early.bodyAsString()).isEqualTo(400);
  }

  /** A series whose until lies before its first date has no occurrence: bad input, not a conflict. */
  @Test
  void a_series_ending_before_it_starts_is_400() {
    long r = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject()).getLong("id");
    LocalDate day = api.workday(5);
    HttpResponse<Buffer> response = api.post("/api/v1/bookings", CHEESE, Api.booking(r, Api.at(day, "10:00"), Api.at(day, "11:00"))
        .put("recurrence", new JsonObject().put("frequency", "WEEKLY").put("until", day.minusDays(1).toString())));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
  }

  // ---- money

  /** A coordinator cancelling a firm's booking (a breakdown, a change of plan) must not charge the firm a late-cancel fee. */
  @Test
  void a_coordinator_cancelling_a_firms_booking_does_not_charge_the_firm() {
    long r = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject().put("freeCancelHours", 24)
        .put("lateCancelFeePercent", 50).put("feeBasis", "PER_HOUR").put("feeWon", 10000)).getLong("id");
    Instant start = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    long id = created(api.post("/api/v1/bookings", CHEESE, Api.booking(r, start, start.plusSeconds(3600)))).bodyAsJsonObject().getLong("id");
    JsonObject cancelled = api.post("/api/v1/bookings/" + id + "/cancel", COORDINATOR, new JsonObject().put("reason", "장비 고장"))
        .bodyAsJsonObject();
    assertThat(cancelled.getString("status")).isEqualTo("CANCELLED");
    assertThat(cancelled.getLong("feeWon")).as("fee charged to cheese for the coordinator's cancel").isZero();
    assertThat(cancelled.getBoolean("lateCancel")).isFalse();
  }

  /**
   * Checking in late and staying past the booked end is an overrun: the slot was the firm's from its
   * start, and the time after the end was not. Counting use from the check-in makes the overrun free.
   */
  @Test
  void staying_past_the_booked_end_is_charged_even_after_a_late_check_in() {
    long r = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject().put("slotMinutes", 5)
        .put("checkInOpensMinutes", 30).put("feeBasis", "PER_HOUR").put("feeWon", 10000)).getLong("id");
    Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    start = start.plus(Duration.ofMinutes(10 - start.atZone(Api.SEOUL).getMinute() % 5));
    long id = created(api.post("/api/v1/bookings", CHEESE, Api.booking(r, start, start.plus(Duration.ofHours(1)))))
        .bodyAsJsonObject().getLong("id");
    assertThat(api.post("/api/v1/bookings/" + id + "/check-in", CHEESE, null).statusCode()).isEqualTo(200);
    // fast-forward: booked 90 to 30 minutes ago, checked in 30 minutes late, checking out now (30 minutes past the end)
    api.pool().preparedQuery("""
        UPDATE booking SET starts_at = now() - interval '90 minutes', ends_at = now() - interval '30 minutes',
                           blocked_until = now() - interval '30 minutes', checked_in_at = now() - interval '60 minutes'
         WHERE id = $1""").execute(Tuple.of(id)).await();
    HttpResponse<Buffer> out = api.post("/api/v1/bookings/" + id + "/check-out", CHEESE, null);
    assertThat(out.statusCode()).isEqualTo(200);
    assertThat(out.bodyAsJsonObject().getLong("feeWon")).as("booked start to check-out is 90 minutes").isEqualTo(15000);
  }

  /**
   * A request nobody decided before its start stays REQUESTED (holding the slot, counting against the
   * quota, not cancellable by the firm). Approving it afterwards confirms a booking that is already a
   * no-show: the next job run charges the firm the full no-show fee.
   */
  @Test
  void a_request_whose_start_has_passed_cannot_be_approved_into_a_no_show() {
    long r = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject().put("approvalRequired", true)
        .put("noShowAfterMinutes", 15).put("feeBasis", "PER_HOUR").put("feeWon", 12000)).getLong("id");
    Instant start = Instant.now().minus(Duration.ofMinutes(40)).truncatedTo(ChronoUnit.MINUTES);
    long id = api.pool().preparedQuery("""
        INSERT INTO booking (resource_id, resource_kind, organisation_id, user_id, starts_at, ends_at, blocked_until, status, fee_won)
        VALUES ($1, 'EQUIPMENT', $2, $3, $4, $5, $5, 'REQUESTED', 12000) RETURNING id""")
        .execute(Tuple.of(r, api.organisationOf(CHEESE), api.userId(CHEESE), start.atOffset(java.time.ZoneOffset.UTC),
            start.plus(Duration.ofHours(1)).atOffset(java.time.ZoneOffset.UTC)))
        .await().iterator().next().getLong(0);
    HttpResponse<Buffer> approved = api.post("/api/v1/bookings/" + id + "/approve", COORDINATOR, null);
    kr.dure.support.TestApp.get().app().services().bookings().waitlist().releaseNoShows().await();
    JsonObject after = api.get("/api/v1/bookings/" + id, CHEESE).bodyAsJsonObject();
    assertThat(approved.statusCode()).as("approving a request 40 minutes after its start; it is now %s, fee %d",
        after.getString("status"), after.getLong("feeWon")).isBetween(400, 499);
  }

  // ---- state changes under concurrency

  /**
   * Leaving the waitlist reads the entry without a lock and sets LEFT unconditionally: racing the
   * promotion that offers it a hold, the entry ends LEFT while its HELD booking keeps the slot.
   */
  @Test
  void leaving_the_waitlist_while_it_is_offered_the_slot_does_not_leave_a_hidden_hold() throws Exception {
    long r = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject()).getLong("id");
    LocalDate day = api.workday(5);
    JsonObject slot = Api.booking(r, Api.at(day, "10:00"), Api.at(day, "11:00"));
    long a = created(api.post("/api/v1/bookings", CHEESE, slot)).bodyAsJsonObject().getLong("id");
    long entry = created(api.post("/api/v1/waitlist", DAIRY, slot)).bodyAsJsonObject().getLong("id");

    Transaction[] tx = new Transaction[1];
    SqlConnection locker = lockAuditLog(tx, CHEESE, DAIRY);
    // the cancel offers dairy the slot and waits at its audit record, the entry locked and OFFERED
    Future<HttpResponse<Buffer>> cancel = api.request(HttpMethod.POST, "/api/v1/bookings/" + a + "/cancel", CHEESE)
        .sendJsonObject(new JsonObject());
    awaitLockWaiter("audit_log");
    Thread.sleep(300);
    Future<HttpResponse<Buffer>> leave = api.request(HttpMethod.DELETE, "/api/v1/waitlist/" + entry, DAIRY).send();
    awaitRowLockWaiter();
    tx[0].commit().await();
    locker.close().await();
    assertThat(cancel.timeout(20, java.util.concurrent.TimeUnit.SECONDS).await().statusCode()).isEqualTo(200);
    int left = leave.timeout(20, java.util.concurrent.TimeUnit.SECONDS).await().statusCode();

    String status = api.pool().preparedQuery("SELECT status FROM waitlist_entry WHERE id = $1").execute(Tuple.of(entry))
        .await().iterator().next().getString(0);
    long held = api.count("SELECT count(*) FROM booking WHERE resource_id = $1 AND status = 'HELD'", r);
    assertThat(status.equals("LEFT") && held > 0).as("leave answered %d; entry %s with %d HELD booking(s) on the slot", left, status, held)
        .isFalse();
  }

  /**
   * Lock order: a cancel's waitlist promotion takes the waiting firm's quota lock and then needs the
   * resource row (its insert's foreign-key check). When a booking of quota-limited equipment locked
   * that row before the quota lock, the two deadlocked (and a cancel is not retried); now neither locks
   * the row of quota-limited equipment (BookingContext.locksRow), and both queue on the quota lock.
   */
  @Test
  void a_cancel_promoting_the_waitlist_and_a_booking_by_the_waiting_firm_do_not_deadlock_into_a_500() throws Exception {
    long r = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject().put("weeklyQuota", 20)).getLong("id");
    LocalDate day = api.workday(5);
    JsonObject slot = Api.booking(r, Api.at(day, "10:00"), Api.at(day, "11:00"));
    long a = created(api.post("/api/v1/bookings", CHEESE, slot)).bodyAsJsonObject().getLong("id");
    created(api.post("/api/v1/waitlist", DAIRY, slot));
    api.token(CHEESE);
    api.token(DAIRY);

    // stand in the quota lock of dairy on this resource, so both requests queue behind it: the cancel first
    SqlConnection locker = api.pool().getConnection().await();
    Transaction tx = locker.begin().await();
    locker.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended('quota:' || $1 || ':' || $2, 0))")
        .execute(Tuple.of(Long.toString(r), Long.toString(api.organisationOf(DAIRY)))).await();
    Future<HttpResponse<Buffer>> cancel = api.request(HttpMethod.POST, "/api/v1/bookings/" + a + "/cancel", CHEESE)
        .sendJsonObject(new JsonObject());
    awaitAdvisoryWaiters(1);
    Future<HttpResponse<Buffer>> booking = api.request(HttpMethod.POST, "/api/v1/bookings", DAIRY)
        .sendJsonObject(Api.booking(r, Api.at(day, "14:00"), Api.at(day, "15:00")));
    // both wait: the cancel's promotion and the booking on dairy's quota lock
    awaitWaiters("SELECT count(*) FROM pg_locks WHERE NOT granted", 2);
    Thread.sleep(1500);
    tx.commit().await();
    locker.close().await();
    HttpResponse<Buffer> cancelled = cancel.timeout(30, java.util.concurrent.TimeUnit.SECONDS).await();
    HttpResponse<Buffer> booked = booking.timeout(30, java.util.concurrent.TimeUnit.SECONDS).await();
    assertThat(booked.statusCode()).as(booked.bodyAsString()).isEqualTo(201);
    assertThat(cancelled.statusCode()).as(cancelled.bodyAsString()).isEqualTo(200);
  }

  /**
   * A waitlist promotion takes facility capacity without the resource row lock that every other
   * facility booking serialises on. While a new booking holds that lock (after its peak check,
   * before its commit), the promotion reads the peak without the new booking and inserts its hold
   * as soon as the booking commits: the facility ends over capacity.
   */
  @Test
  void a_waitlist_promotion_racing_a_new_booking_never_overbooks_a_facility() throws Exception {
    long r = api.createResource(COORDINATOR, "P-2026-01", "FACILITY", new JsonObject().put("capacity", 1)).getLong("id");
    LocalDate day = api.workday(5);
    long a = created(api.post("/api/v1/bookings", CHEESE, Api.booking(r, Api.at(day, "10:00"), Api.at(day, "11:00"))))
        .bodyAsJsonObject().getLong("id");
    // dairy waits for 10:00-12:00, full because of cheese's 10:00-11:00
    created(api.post("/api/v1/waitlist", DAIRY, Api.booking(r, Api.at(day, "10:00"), Api.at(day, "12:00"))));

    // pause a new booking of 11:00-12:00 just before its commit (its audit insert waits), resource lock held
    // sign-ins write the audit log: sign in before it is locked
    api.token(LOCALFOOD);
    api.token(CHEESE);
    SqlConnection locker = api.pool().getConnection().await();
    Transaction tx = locker.begin().await();
    locker.query("SET lock_timeout = '30s'").execute().await();
    locker.query("LOCK TABLE audit_log IN SHARE MODE").execute().await();
    // never leave the lock behind, whatever happens below
    api.pool().getConnection().await().close();
    new Thread(() -> {
      try {
        Thread.sleep(15_000);
      } catch (InterruptedException e) {
        return;
      }
      locker.close();
    }).start();
    Future<HttpResponse<Buffer>> racing = api.request(HttpMethod.POST, "/api/v1/bookings", LOCALFOOD)
        .sendJsonObject(Api.booking(r, Api.at(day, "11:00"), Api.at(day, "12:00")));
    awaitLockWaiter("audit_log");
    Thread.sleep(500);
    // meanwhile cheese cancels: the slot is offered to dairy, reading the peak without the uncommitted booking
    Future<HttpResponse<Buffer>> cancel = api.request(HttpMethod.POST, "/api/v1/bookings/" + a + "/cancel", CHEESE)
        .sendJsonObject(new JsonObject());
    Thread.sleep(1500);
    tx.commit().await();
    locker.close().await();
    HttpResponse<Buffer> booked = racing.timeout(20, java.util.concurrent.TimeUnit.SECONDS).await();
    HttpResponse<Buffer> cancelled = cancel.timeout(20, java.util.concurrent.TimeUnit.SECONDS).await();
    assertThat(booked.statusCode()).as(booked.bodyAsString()).isEqualTo(201);
    assertThat(cancelled.statusCode()).as(cancelled.bodyAsString()).isEqualTo(200);

    long unitsAt1130 = api.count("""
        SELECT coalesce(sum(units), 0) FROM booking
         WHERE resource_id = $1 AND holds_slot AND starts_at <= $2 AND blocked_until > $2""",
        r, Api.at(day, "11:30").atOffset(java.time.ZoneOffset.UTC));
    assertThat(unitsAt1130).as("units in use at 11:30 on a 1-unit facility").isLessThanOrEqualTo(1);
  }

  private void awaitAdvisoryWaiters(int n) throws InterruptedException {
    awaitWaiters("SELECT count(*) FROM pg_locks WHERE NOT granted AND locktype = 'advisory'", n);
  }

  private void awaitWaiters(String sql, int n) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      if (api.count(sql) >= n) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("fewer than " + n + " lock waiters: " + sql);
  }
}
