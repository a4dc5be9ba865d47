package kr.dure.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import kr.dure.reliability.BookingLoad.Outcome;

/** Checks shared by the fault tests. */
final class Faults {

  private Faults() {
  }

  /**
   * Every request got an HTTP answer (none hung or was reset), and every error was a 503 problem with
   * Retry-After: never a 500.
   */
  static void assertCleanAnswers(List<Outcome> outcomes) {
    for (Outcome o : outcomes) {
      assertThat(o.status()).as("answer to %s", o).isNotEqualTo(-1);
      if (!o.ok()) {
        assertThat(o.status()).as("error answer to %s", o).isEqualTo(503);
        assertThat(o.contentType()).isEqualTo("application/problem+json");
        assertThat(o.retryAfter()).as("Retry-After of %s", o).isNotNull();
        assertThat(Long.parseLong(o.retryAfter())).isBetween(1L, 5L);
        JsonObject problem = new JsonObject(o.body());
        assertThat(problem.getInteger("status")).isEqualTo(503);
      }
    }
  }

  /** Every request that started more than {@code withinMs} after {@code faultAt} succeeded, and some did. */
  static void assertRecoveredWithin(List<Outcome> outcomes, long faultAt, long withinMs) {
    List<Outcome> late = outcomes.stream().filter(o -> o.startedAt() > faultAt + withinMs).toList();
    assertThat(late).as("requests more than %d ms after the fault", withinMs).isNotEmpty().allMatch(Outcome::ok);
    long lastError = outcomes.stream().filter(o -> !o.ok()).mapToLong(Outcome::endedAt).max().orElse(faultAt);
    System.out.printf("  last error answer %d ms after the fault%n", lastError - faultAt);
  }
}
