package kr.dure.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import kr.dure.Application;
import kr.dure.Config;
import kr.dure.booking.WaitlistService;
import kr.dure.notify.OutboxSender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two app instances on one database: racing bookings split across both never double-book, and the
 * background jobs (no-show release, hold expiry, undecided expiry, e-mail outbox), run by both at the
 * same time and repeatedly, handle every row exactly once.
 */
@Timeout(90)
class TwoInstancesTest {

  private static Node first;
  private static Node second;

  @BeforeAll
  static void startSecond() throws Exception {
    first = Node.shared();
    second = Node.startOnDatabaseOf(first);
  }

  @AfterAll
  static void stopSecond() {
    second.close();
  }

  @Test
  void forty_racing_requests_across_both_instances_give_exactly_one_booking() {
    String coordinator = first.token(Node.COORDINATOR);
    long resource = first.createEquipment(coordinator);
    List<String> tokens = new ArrayList<>();
    for (String firm : Node.FIRMS) {
      tokens.add(first.token(firm));
    }
    Instant start = Node.slot(3);
    List<Future<HttpResponse<Buffer>>> requests = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      int port = i % 2 == 0 ? first.port() : second.port();
      requests.add(first.book(port, tokens.get(i % tokens.size()), resource, start, "race-" + UUID.randomUUID()));
    }
    Future.join(new ArrayList<>(requests)).await();
    Map<Integer, Long> statuses = new TreeMap<>();
    requests.forEach(f -> statuses.merge(f.result().statusCode(), 1L, Long::sum));
    assertThat(statuses).containsEntry(201, 1L).containsEntry(409, 39L).hasSize(2);
    assertThat(first.queryLong("SELECT count(*) FROM booking WHERE resource_id = $1", resource)).isEqualTo(1);
  }

  /** Creates {@code n} bookings on a new resource through the API and returns their ids. */
  private List<Long> bookings(int n, boolean noShowRule) {
    String coordinator = first.token(Node.COORDINATOR);
    long resource = first.createEquipment(coordinator);
    if (noShowRule) {
      first.query("UPDATE resource SET no_show_after_minutes = 15 WHERE id = $1", resource);
    }
    String firm = first.token(Node.FIRMS[0]);
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      HttpResponse<Buffer> r = first.book(firm, resource, Node.slot(100 + 2 * i), "jobs-" + UUID.randomUUID()).await();
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
      ids.add(r.bodyAsJsonObject().getLong("id"));
    }
    return ids;
  }

  /** Moves bookings 60 days into the past (their order and lengths kept). */
  private void intoThePast(List<Long> ids) {
    first.query("""
        UPDATE booking SET starts_at = starts_at - interval '80 days', ends_at = ends_at - interval '80 days',
               blocked_until = blocked_until - interval '80 days' WHERE id = ANY($1::bigint[])""", (Object) ids.toArray(new Long[0]));
  }

  /** Runs {@code job} on both instances at once, {@code rounds} times. */
  private static void runOnBoth(Function<Application, Future<?>> job, int rounds) throws Exception {
    for (int i = 0; i < rounds; i++) {
      Future.all(job.apply(first.app), job.apply(second.app), job.apply(first.app), job.apply(second.app))
          .await(60, TimeUnit.SECONDS);
    }
  }

  private static WaitlistService waitlist(Application app) {
    return app.services().bookings().waitlist();
  }

  private long audits(String action, List<Long> ids) {
    return first.queryLong("SELECT count(*) FROM audit_log WHERE action = $1 AND target_type = 'booking' AND target_id = ANY($2::text[])",
        action, ids.stream().map(String::valueOf).toArray(String[]::new));
  }

  private Map<Long, Long> auditsPerBooking(String action, List<Long> ids) {
    Map<Long, Long> out = new TreeMap<>();
    for (Row r : first.query("""
        SELECT target_id::bigint AS id, count(*) AS n FROM audit_log WHERE action = $1 AND target_type = 'booking'
           AND target_id = ANY($2::text[]) GROUP BY target_id""", action, ids.stream().map(String::valueOf).toArray(String[]::new))) {
      out.put(r.getLong("id"), r.getLong("n"));
    }
    return out;
  }

  @Test
  void no_show_release_hold_expiry_and_undecided_expiry_handle_each_row_once_on_two_instances() throws Exception {
    List<Long> noShows = bookings(12, true);
    intoThePast(noShows);
    List<Long> holds = bookings(12, false);
    first.query("UPDATE booking SET status = 'HELD', hold_expires_at = now() - interval '1 minute' WHERE id = ANY($1::bigint[])",
        (Object) holds.toArray(new Long[0]));
    List<Long> undecided = bookings(12, false);
    intoThePast(undecided);
    first.query("UPDATE booking SET status = 'REQUESTED' WHERE id = ANY($1::bigint[])", (Object) undecided.toArray(new Long[0]));

    runOnBoth(app -> waitlist(app).releaseNoShows(), 3);
    runOnBoth(app -> waitlist(app).expireHolds(), 3);
    runOnBoth(app -> waitlist(app).expireUndecided(), 3);

    assertThat(auditsPerBooking("booking.noShow", noShows)).hasSize(12).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    assertThat(first.queryLong("SELECT count(*) FROM notification WHERE kind = 'booking.noShow' AND (params->>'bookingId')::bigint = ANY($1::bigint[])",
        (Object) noShows.toArray(new Long[0]))).isEqualTo(12);
    assertThat(first.queryLong("SELECT count(*) FROM booking WHERE status = 'NO_SHOW' AND id = ANY($1::bigint[])",
        (Object) noShows.toArray(new Long[0]))).isEqualTo(12);
    assertThat(auditsPerBooking("booking.holdExpired", holds)).hasSize(12).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    assertThat(first.queryLong("SELECT count(*) FROM booking WHERE status = 'EXPIRED' AND id = ANY($1::bigint[])",
        (Object) holds.toArray(new Long[0]))).isEqualTo(12);
    assertThat(auditsPerBooking("booking.undecidedExpired", undecided)).hasSize(12).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    assertThat(first.queryLong("SELECT count(*) FROM notification WHERE kind = 'booking.expired' AND (params->>'bookingId')::bigint = ANY($1::bigint[])",
        (Object) undecided.toArray(new Long[0]))).isEqualTo(12);
    assertThat(audits("booking.noShow", holds)).isZero();
  }

  @Test
  void the_mail_outbox_sent_by_both_instances_at_once_sends_each_mail_once() throws Exception {
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.icegreen")).setLevel(ch.qos.logback.classic.Level.WARN);
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    Config.Smtp settings = new Config.Smtp("127.0.0.1", port, Optional.empty(), Optional.empty(), "noreply@dure.test", Optional.of(false));
    OutboxSender a = new OutboxSender(first.app.vertx(), first.app.pool(), first.app.services().outbox(), settings, Clock.systemUTC());
    OutboxSender b = new OutboxSender(second.app.vertx(), second.app.pool(), second.app.services().outbox(), settings, Clock.systemUTC());
    try {
      // only this test's mail is due: set aside what other tests or the demo queued
      first.query("UPDATE email_outbox SET status = 'FAILED', last_error = 'set aside by a test', lease_until = NULL "
          + "WHERE status IN ('PENDING', 'SENDING')");
      String run = UUID.randomUUID().toString().substring(0, 8);
      for (int i = 0; i < 30; i++) {
        first.query("INSERT INTO email_outbox (recipient, kind, subject, body_text) VALUES ($1, 'test.reliability', $2, 'body')",
            "r" + i + "-" + run + "@dure.test", "mail " + i + " " + run);
      }
      for (int round = 0; round < 3; round++) {
        Future.all(a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()).await(60, TimeUnit.SECONDS);
      }
      assertThat(first.queryLong("SELECT count(*) FROM email_outbox WHERE subject LIKE $1 AND status = 'SENT'", "% " + run))
          .isEqualTo(30);
      assertThat(smtp.waitForIncomingEmail(5_000, 30)).isTrue();
      Thread.sleep(300);
      assertThat(smtp.getReceivedMessages()).hasSize(30);
    } finally {
      a.stop().await();
      b.stop().await();
      smtp.stop();
    }
  }
}
