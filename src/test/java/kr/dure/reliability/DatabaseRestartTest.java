package kr.dure.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import kr.dure.db.EmbeddedDatabase;
import kr.dure.reliability.BookingLoad.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Under steady booking load, the embedded PostgreSQL is stopped for two seconds and started again on
 * the same data directory and port. While it is down the app answers 503 promptly (bookings and
 * {@code /health/ready}); within 5 s of its return the app books again by itself, and the database
 * holds exactly the confirmed bookings.
 */
@Timeout(90)
class DatabaseRestartTest {

  private final Node node = Node.shared();

  @Test
  void the_app_recovers_by_itself_after_the_database_restarts() throws Exception {
    EmbeddedDatabase db = node.app.embeddedDatabase().orElseThrow();
    HealthWatch health = HealthWatch.start(node, node::port);
    BookingLoad load = new BookingLoad(node, node::port).start(8);
    Thread.sleep(2_000);
    long downAt = System.currentTimeMillis();
    db.stopServer();
    long stoppedAt = System.currentTimeMillis();
    Thread.sleep(2_000);
    // the server accepts connections a little before startAgain() returns: "down" ends here
    long restartAt = System.currentTimeMillis();
    db.startAgain();
    long backAt = System.currentTimeMillis();
    Thread.sleep(6_500);
    List<Outcome> outcomes = load.stop();
    List<HealthWatch.Probe> probes = health.stop();

    Faults.assertCleanAnswers(outcomes);
    Faults.assertRecoveredWithin(outcomes, backAt, 5_000);
    assertThat(outcomes.stream().filter(o -> o.startedAt() > stoppedAt && o.endedAt() < restartAt))
        .as("requests while the database was down").isNotEmpty().noneMatch(Outcome::ok);
    // readiness: not ready while down, answered promptly, ready again after
    assertThat(probes.stream().filter(p -> p.at() > stoppedAt && p.at() + p.tookMs() < restartAt))
        .as("readiness while down").isNotEmpty().allMatch(p -> p.status() == 503);
    assertThat(probes).allMatch(p -> p.tookMs() < 3_000, "every readiness answer within 3 s");
    List<HealthWatch.Probe> late = probes.stream().filter(p -> p.at() > backAt + 5_000).toList();
    assertThat(late).as("readiness 5 s after the database is back").isNotEmpty().allMatch(p -> p.status() == 200);
    int ambiguous = load.verify(outcomes);
    System.out.printf("DatabaseRestartTest: stop took %d ms, down %d ms; answers %s; %d ambiguous commits; health %s%n",
        stoppedAt - downAt, backAt - stoppedAt, BookingLoad.statuses(outcomes), ambiguous, HealthWatch.summary(probes, downAt));
  }
}
