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
 * Guards the fix of b5f9ff7 (a waitlist promotion now takes the facility's row lock): without that
 * lock a promotion racing a new booking overbooked a facility. Passes on HEAD; fails if the lock goes.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WaitlistPromotionRaceTest {

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
}
