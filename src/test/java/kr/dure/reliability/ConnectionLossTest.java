package kr.dure.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import kr.dure.reliability.BookingLoad.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Under steady booking load, every connection the app holds to the database is terminated
 * ({@code pg_terminate_backend}). The app answers every request (a 503 problem with Retry-After while it
 * lacks a connection, never a 500 or a hang), books again by itself within 5 s, and the database holds
 * exactly the bookings that were confirmed.
 */
@Timeout(90)
class ConnectionLossTest {

  private final Node node = Node.shared();

  @Test
  void terminated_connections_are_replaced_and_no_confirmed_booking_is_lost() throws Exception {
    HealthWatch health = HealthWatch.start(node, node::port);
    BookingLoad load = new BookingLoad(node, node::port).start(8);
    Thread.sleep(2_000);
    long faultAt = System.currentTimeMillis();
    long terminated = node.terminateAppConnections();
    Thread.sleep(6_500);
    List<Outcome> outcomes = load.stop();
    List<HealthWatch.Probe> probes = health.stop();

    assertThat(terminated).as("connections terminated").isPositive();
    Faults.assertCleanAnswers(outcomes);
    Faults.assertRecoveredWithin(outcomes, faultAt, 5_000);
    assertThat(outcomes.stream().filter(o -> o.ok() && o.startedAt() < faultAt)).as("bookings before the fault").isNotEmpty();
    assertThat(probes.get(probes.size() - 1).status()).as("ready at the end").isEqualTo(200);
    int ambiguous = load.verify(outcomes);
    System.out.printf("ConnectionLossTest: %d connections terminated; answers %s; %d ambiguous commits; health %s%n",
        terminated, BookingLoad.statuses(outcomes), ambiguous, HealthWatch.summary(probes, faultAt));
  }
}
