package kr.dure.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import kr.dure.Services;
import kr.dure.support.Api;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.Test;

/** Reminders before a booking: once a day ahead and once an hour ahead, even with two jobs running at once. */
class ReminderJobTest {

  private static final String COORDINATOR = "coordinator.imsil@dure.demo";
  private static final String FIRM = "cheese@dure.demo";

  private final Api api = new Api();
  private final Services services = TestApp.get().app().services();

  private ReminderJob job() {
    return new ReminderJob(TestApp.get().app().vertx(), api.pool(), services.reminders(), services.notifier(), Clock.systemUTC());
  }

  private long reminders(long bookingId) {
    return api.count("SELECT count(*) FROM notification WHERE kind = 'booking.reminder' AND params->>'bookingId' = $1",
        Long.toString(bookingId));
  }

  @Test
  void a_confirmed_booking_is_reminded_once_a_day_ahead_and_once_an_hour_ahead() throws Exception {
    long resource = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject()).getLong("id");
    Instant start = Instant.now().plus(Duration.ofHours(30)).truncatedTo(ChronoUnit.HOURS);
    var created = api.post("/api/v1/bookings", FIRM, Api.booking(resource, start, start.plus(Duration.ofHours(1))));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    long id = created.bodyAsJsonObject().getLong("id");
    ReminderJob a = job();
    ReminderJob b = job();

    // 30 hours ahead: nothing yet
    a.runOnce(start.minus(Duration.ofHours(30))).await();
    assertThat(reminders(id)).isZero();

    // 23 hours ahead, two instances at once: one reminder
    Future.all(a.runOnce(start.minus(Duration.ofHours(23))), b.runOnce(start.minus(Duration.ofHours(23)))).await(30, TimeUnit.SECONDS);
    assertThat(reminders(id)).isEqualTo(1);
    a.runOnce(start.minus(Duration.ofHours(20))).await();
    assertThat(reminders(id)).isEqualTo(1);
    JsonObject day = api.get("/api/v1/notifications?limit=20", FIRM).bodyAsJsonObject().getJsonArray("items").stream()
        .map(o -> (JsonObject) o).filter(o -> "booking.reminder".equals(o.getString("kind")) && o.getString("body").contains("시작합니다"))
        .findFirst().orElseThrow();
    assertThat(day.getString("title")).startsWith("예약 알림 (하루 전): ");
    // the reminder e-mail is queued with it (the kind's e-mail is on by default)
    assertThat(api.count("SELECT count(*) FROM email_outbox WHERE kind = 'booking.reminder' AND recipient = $1 AND created_at > now() - interval '1 minute'",
        FIRM)).isPositive();

    // 30 minutes ahead: the hour reminder, once
    Future.all(a.runOnce(start.minus(Duration.ofMinutes(30))), b.runOnce(start.minus(Duration.ofMinutes(30)))).await(30, TimeUnit.SECONDS);
    a.runOnce(start.minus(Duration.ofMinutes(10))).await();
    assertThat(reminders(id)).isEqualTo(2);
    assertThat(api.count("SELECT count(*) FROM booking_reminder WHERE booking_id = $1", id)).isEqualTo(2);
  }

  @Test
  void a_cancelled_booking_and_one_made_within_the_day_get_no_day_reminder() {
    long resource = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject()).getLong("id");
    Instant soon = Instant.now().plus(Duration.ofHours(5)).truncatedTo(ChronoUnit.HOURS);
    long late = api.post("/api/v1/bookings", FIRM, Api.booking(resource, soon, soon.plus(Duration.ofHours(1))))
        .bodyAsJsonObject().getLong("id");
    Instant later = Instant.now().plus(Duration.ofHours(40)).truncatedTo(ChronoUnit.HOURS);
    long cancelled = api.post("/api/v1/bookings", FIRM, Api.booking(resource, later, later.plus(Duration.ofHours(1))))
        .bodyAsJsonObject().getLong("id");
    assertThat(api.post("/api/v1/bookings/" + cancelled + "/cancel", FIRM, new JsonObject()).statusCode()).isEqualTo(200);
    ReminderJob job = job();
    job.runOnce(soon.minus(Duration.ofHours(3))).await();
    job.runOnce(later.minus(Duration.ofHours(2))).await();
    assertThat(reminders(late)).isZero();
    assertThat(reminders(cancelled)).isZero();
    // made five hours ahead, it still gets the hour reminder
    job.runOnce(soon.minus(Duration.ofMinutes(40))).await();
    assertThat(reminders(late)).isEqualTo(1);
  }
}
