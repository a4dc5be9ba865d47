package kr.dure.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import kr.dure.Config;
import kr.dure.Services;
import kr.dure.support.Api;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The e-mail outbox against a real SMTP server (GreenMail) started here: the shared test app runs
 * no sender (it has no SMTP settings), so each test runs its own senders on the app's pool.
 */
class EmailOutboxTest {

  private static final String COORDINATOR = "coordinator.imsil@dure.demo";
  private static final String FIRM = "cheese@dure.demo";
  private static final String OTHER_FIRM = "dairy@dure.demo";

  private static GreenMail smtp;
  private static int smtpPort;

  private final Api api = new Api();
  private final Services services = TestApp.get().app().services();

  @BeforeAll
  static void startSmtp() throws IOException {
    // GreenMail logs every mailbox it creates
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.icegreen")).setLevel(ch.qos.logback.classic.Level.WARN);
    smtpPort = freePort();
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @AfterAll
  static void stopSmtp() {
    smtp.stop();
  }

  @BeforeEach
  void setAsideOtherMail() throws Exception {
    // other tests queue e-mails too; they are not what these tests send
    api.pool().query("UPDATE email_outbox SET status = 'FAILED', last_error = 'set aside by a test', lease_until = NULL "
        + "WHERE status IN ('PENDING', 'SENDING')").execute().await();
    smtp.purgeEmailFromAllMailboxes();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static Config.Smtp settings(int port) {
    return new Config.Smtp("127.0.0.1", port, Optional.empty(), Optional.empty(), "noreply@dure.test", Optional.of(false));
  }

  private OutboxSender sender(int port, Clock clock) {
    return new OutboxSender(TestApp.get().app().vertx(), api.pool(), services.outbox(), settings(port), clock);
  }

  private Row outboxRow(String recipient, String kind, long since) {
    var rows = api.pool().preparedQuery("SELECT * FROM email_outbox WHERE recipient = $1 AND kind = $2 AND id > $3 ORDER BY id")
        .execute(Tuple.of(recipient, kind, since)).await();
    assertThat(rows.size()).as("outbox rows of " + kind + " to " + recipient).isEqualTo(1);
    return rows.iterator().next();
  }

  private long lastOutboxId() {
    return api.count("SELECT coalesce(max(id), 0) FROM email_outbox");
  }

  private JsonObject requestBooking(String firm, int daysAhead) {
    long resource = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject().put("approvalRequired", true))
        .getLong("id");
    LocalDate day = api.workday(daysAhead);
    var response = api.post("/api/v1/bookings", firm, Api.booking(resource, Api.at(day, "09:00"), Api.at(day, "10:00")));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  @Test
  void a_booking_confirmation_reaches_the_mail_server_in_korean() throws Exception {
    long since = lastOutboxId();
    JsonObject booking = requestBooking(FIRM, 5);
    String resourceName = api.pool().preparedQuery("SELECT name_ko FROM resource WHERE id = $1")
        .execute(Tuple.of(booking.getLong("resourceId"))).await().iterator().next().getString(0);
    // the coordinators were asked to approve, by e-mail too
    assertThat(api.count("SELECT count(*) FROM email_outbox WHERE kind = 'booking.requested' AND id > $1 AND recipient = $2",
        since, COORDINATOR)).isEqualTo(1);
    assertThat(api.post("/api/v1/bookings/" + booking.getLong("id") + "/approve", COORDINATOR, null).statusCode()).isEqualTo(200);
    Row queued = outboxRow(FIRM, "booking.confirmed", since);
    assertThat(queued.getString("status")).isEqualTo("PENDING");

    OutboxSender sender = sender(smtpPort, Clock.systemUTC());
    try {
      assertThat(sender.runOnce().await(30, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(1);
    } finally {
      sender.stop().await();
    }
    assertThat(smtp.waitForIncomingEmail(5_000, 2)).isTrue();
    MimeMessage mail = Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> recipients(m).contains(FIRM)).findFirst().orElseThrow();
    assertThat(mail.getSubject()).isEqualTo("[두레] 예약이 확정되었습니다: " + resourceName);
    assertThat(mail.getFrom()[0].toString()).isEqualTo("noreply@dure.test");
    // plain text and HTML with the same words: multipart/alternative
    jakarta.mail.internet.MimeMultipart parts = (jakarta.mail.internet.MimeMultipart) mail.getContent();
    String body = null;
    String html = null;
    for (int i = 0; i < parts.getCount(); i++) {
      jakarta.mail.BodyPart part = parts.getBodyPart(i);
      if (part.isMimeType("text/plain")) {
        body = String.valueOf(part.getContent());
      } else if (part.isMimeType("text/html")) {
        html = String.valueOf(part.getContent());
      }
    }
    assertThat(mail.getContentType()).startsWith("multipart/alternative");
    assertThat(body).contains("예약이 확정되었습니다").contains("/bookings").contains("/settings/notifications");
    assertThat(html).contains("<html lang=\"ko\">").contains("예약이 확정되었습니다")
        .contains("/bookings\" style=").contains("/settings/notifications\"").contains("바로 가기");
    Row sent = outboxRow(FIRM, "booking.confirmed", since);
    assertThat(sent.getString("status")).isEqualTo("SENT");
    assertThat(sent.getInteger("attempts")).isEqualTo(1);
    assertThat(sent.getOffsetDateTime("sent_at")).isNotNull();
  }

  private static List<String> recipients(MimeMessage m) {
    try {
      return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void with_the_mail_server_down_a_mail_is_retried_with_backoff_and_sent_when_it_is_back() throws Exception {
    long since = lastOutboxId();
    String to = "retry-" + System.nanoTime() + "@dure.test";
    services.outbox().enqueue(api.pool(), List.of(new OutboxRepository.Mail(to, null, "test.retry", "다시 보내기", "본문", null))).await();
    int downPort = freePort();
    MutableClock clock = new MutableClock(Instant.now());
    OutboxSender sender = sender(downPort, clock);
    GreenMail late = null;
    try {
      assertThat(sender.runOnce().await(30, TimeUnit.SECONDS)).isZero();
      Row failed = outboxRow(to, "test.retry", since);
      assertThat(failed.getString("status")).isEqualTo("PENDING");
      assertThat(failed.getInteger("attempts")).isEqualTo(1);
      assertThat(failed.getString("last_error")).isNotBlank();
      // first retry one minute later
      assertThat(Duration.between(clock.instant(), failed.getOffsetDateTime("next_attempt_at").toInstant()))
          .isBetween(Duration.ofSeconds(50), Duration.ofSeconds(70));

      // not due yet: nothing is tried
      assertThat(sender.runOnce().await(30, TimeUnit.SECONDS)).isZero();
      assertThat(outboxRow(to, "test.retry", since).getInteger("attempts")).isEqualTo(1);

      // still down at the second attempt: the wait grows to five minutes
      clock.advance(Duration.ofSeconds(61));
      sender.runOnce().await(30, TimeUnit.SECONDS);
      Row again = outboxRow(to, "test.retry", since);
      assertThat(again.getInteger("attempts")).isEqualTo(2);
      assertThat(Duration.between(clock.instant(), again.getOffsetDateTime("next_attempt_at").toInstant()))
          .isBetween(Duration.ofMinutes(4), Duration.ofMinutes(6));

      // the server comes back on that port; once due, the mail goes out
      late = new GreenMail(new ServerSetup(downPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      late.start();
      clock.advance(Duration.ofMinutes(5).plusSeconds(1));
      assertThat(sender.runOnce().await(30, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(late.waitForIncomingEmail(5_000, 1)).isTrue();
      assertThat(late.getReceivedMessages()[0].getSubject()).isEqualTo("다시 보내기");
      Row sent = outboxRow(to, "test.retry", since);
      assertThat(sent.getString("status")).isEqualTo("SENT");
      assertThat(sent.getInteger("attempts")).isEqualTo(3);
    } finally {
      sender.stop().await();
      if (late != null) {
        late.stop();
      }
    }
  }

  @Test
  void a_mail_that_keeps_failing_is_given_up_after_the_last_attempt() throws Exception {
    long since = lastOutboxId();
    String to = "never-" + System.nanoTime() + "@dure.test";
    services.outbox().enqueue(api.pool(), List.of(new OutboxRepository.Mail(to, null, "test.never", "실패", "본문", null))).await();
    MutableClock clock = new MutableClock(Instant.now());
    OutboxSender sender = sender(freePort(), clock);
    try {
      for (int i = 0; i < OutboxSender.MAX_ATTEMPTS; i++) {
        sender.runOnce().await(30, TimeUnit.SECONDS);
        clock.advance(Duration.ofHours(7));
      }
      Row row = outboxRow(to, "test.never", since);
      assertThat(row.getString("status")).isEqualTo("FAILED");
      assertThat(row.getInteger("attempts")).isEqualTo(OutboxSender.MAX_ATTEMPTS);
      // a FAILED row is never claimed again
      sender.runOnce().await(30, TimeUnit.SECONDS);
      assertThat(outboxRow(to, "test.never", since).getInteger("attempts")).isEqualTo(OutboxSender.MAX_ATTEMPTS);
    } finally {
      sender.stop().await();
    }
  }

  @Test
  void a_claim_whose_sender_died_is_taken_again_after_its_lease_and_stale_mail_is_dropped() throws Exception {
    long since = lastOutboxId();
    String orphan = "orphan-" + System.nanoTime() + "@dure.test";
    String stale = "stale-" + System.nanoTime() + "@dure.test";
    services.outbox().enqueue(api.pool(), List.of(new OutboxRepository.Mail(orphan, null, "test.lease", "주인 잃은 메일", "본문", null),
        new OutboxRepository.Mail(stale, null, "test.stale", "오래된 메일", "본문", null))).await();
    // a sender claimed the first and died (its lease still running), the second waited three days for a mail server
    api.pool().preparedQuery("UPDATE email_outbox SET status = 'SENDING', attempts = 1, lease_until = now() + interval '4 minutes' "
        + "WHERE recipient = $1").execute(Tuple.of(orphan)).await();
    api.pool().preparedQuery("UPDATE email_outbox SET created_at = now() - interval '3 days' WHERE recipient = $1")
        .execute(Tuple.of(stale)).await();
    MutableClock clock = new MutableClock(Instant.now());
    OutboxSender sender = sender(smtpPort, clock);
    try {
      assertThat(sender.runOnce().await(30, TimeUnit.SECONDS)).isZero();
      assertThat(outboxRow(orphan, "test.lease", since).getString("status")).isEqualTo("SENDING");
      Row dropped = outboxRow(stale, "test.stale", since);
      assertThat(dropped.getString("status")).isEqualTo("FAILED");
      assertThat(dropped.getString("last_error")).contains("48 hours");
      clock.advance(Duration.ofMinutes(5));
      assertThat(sender.runOnce().await(30, TimeUnit.SECONDS)).isEqualTo(1);
      Row sent = outboxRow(orphan, "test.lease", since);
      assertThat(sent.getString("status")).isEqualTo("SENT");
      assertThat(sent.getInteger("attempts")).isEqualTo(2);
    } finally {
      sender.stop().await();
    }
    assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
    assertThat(Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipients(m).contains(stale))).isEmpty();
  }

  @Test
  void two_senders_running_at_once_never_send_the_same_mail_twice() throws Exception {
    long since = lastOutboxId();
    String tag = "race-" + System.nanoTime();
    List<OutboxRepository.Mail> mails = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      mails.add(new OutboxRepository.Mail(tag + "-" + i + "@dure.test", null, "test.race", tag + " #" + i, "본문 " + i, null));
    }
    services.outbox().enqueue(api.pool(), mails).await();
    OutboxSender a = sender(smtpPort, Clock.systemUTC());
    OutboxSender b = sender(smtpPort, Clock.systemUTC());
    try {
      int sent = 0;
      for (int round = 0; round < 10 && sent < 45; round++) {
        Future<Integer> first = a.runOnce();
        Future<Integer> second = b.runOnce();
        Future.all(first, second).await(60, TimeUnit.SECONDS);
        sent += first.result() + second.result();
      }
      assertThat(sent).isEqualTo(45);
    } finally {
      a.stop().await();
      b.stop().await();
    }
    assertThat(smtp.waitForIncomingEmail(5_000, 45)).isTrue();
    List<String> subjects = new ArrayList<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      if (m.getSubject().startsWith(tag)) {
        subjects.add(m.getSubject());
      }
    }
    Set<String> distinct = new HashSet<>(subjects);
    assertThat(subjects).hasSize(45);
    assertThat(distinct).hasSize(45);
    assertThat(api.count("SELECT count(*) FROM email_outbox WHERE kind = 'test.race' AND id > $1 AND status = 'SENT' AND attempts = 1",
        since)).isEqualTo(45);
  }

  @Test
  void switching_a_kinds_email_off_queues_no_mail_but_keeps_the_in_app_notification() {
    long userId = api.userId(OTHER_FIRM);
    var off = api.put("/api/v1/me/notification-preferences", OTHER_FIRM, new JsonObject().put("kinds", new io.vertx.core.json.JsonArray()
        .add(new JsonObject().put("kind", "booking.confirmed").put("inApp", true).put("email", false))));
    assertThat(off.statusCode()).as(off.bodyAsString()).isEqualTo(200);
    try {
      long since = lastOutboxId();
      JsonObject booking = requestBooking(OTHER_FIRM, 6);
      assertThat(api.post("/api/v1/bookings/" + booking.getLong("id") + "/approve", COORDINATOR, null).statusCode()).isEqualTo(200);
      assertThat(api.count("SELECT count(*) FROM email_outbox WHERE recipient = $1 AND kind = 'booking.confirmed' AND id > $2",
          OTHER_FIRM, since)).isZero();
      assertThat(api.count("SELECT count(*) FROM notification WHERE user_id = $1 AND kind = 'booking.confirmed' AND params->>'bookingId' = $2",
          userId, booking.getLong("id").toString())).isEqualTo(1);

      // and in English when the user asks for English e-mails; in-app off stores no notification
      var english = api.put("/api/v1/me/notification-preferences", OTHER_FIRM, new JsonObject().put("emailLanguage", "en")
          .put("kinds", new io.vertx.core.json.JsonArray()
              .add(new JsonObject().put("kind", "booking.confirmed").put("inApp", false).put("email", true))));
      assertThat(english.statusCode()).isEqualTo(200);
      assertThat(english.bodyAsJsonObject().getString("emailLanguage")).isEqualTo("en");
      JsonObject second = requestBooking(OTHER_FIRM, 7);
      assertThat(api.post("/api/v1/bookings/" + second.getLong("id") + "/approve", COORDINATOR, null).statusCode()).isEqualTo(200);
      Row mail = outboxRow(OTHER_FIRM, "booking.confirmed", since);
      assertThat(mail.getString("subject")).startsWith("[Dure] Booking confirmed: ");
      assertThat(api.count("SELECT count(*) FROM notification WHERE user_id = $1 AND kind = 'booking.confirmed' AND params->>'bookingId' = $2",
          userId, second.getLong("id").toString())).isZero();
    } finally {
      api.put("/api/v1/me/notification-preferences", OTHER_FIRM, new JsonObject().put("emailLanguage", "ko")
          .put("kinds", new io.vertx.core.json.JsonArray()
              .add(new JsonObject().put("kind", "booking.confirmed").put("inApp", true).put("email", true))));
    }
  }
}
