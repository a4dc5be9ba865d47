package kr.dure.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

/**
 * Steady booking load: {@code clients} threads, each booking the next free 30-minute slot of its own
 * resource over HTTP, one request after another, each with its own Idempotency-Key (also stored as
 * the booking's purpose), until stopped. Records every answer for the checks.
 */
final class BookingLoad {

  /** One request and its answer; status -1 when no HTTP answer came (connection refused, reset, timeout). */
  record Outcome(String key, int client, long resource, int slot, int status, String body, long startedAt, long endedAt,
      String error, String retryAfter, String contentType) {

    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final Node node;
  private final IntSupplier port;
  private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;
  /** This load's requests (keys and purposes start with it), apart from other tests' on the same database. */
  private final String prefix = "rel-" + UUID.randomUUID().toString().substring(0, 8) + "-";

  BookingLoad(Node node, IntSupplier port) {
    this.node = node;
    this.port = port;
  }

  /** Starts {@code clients} clients, firm {@code i % 4}, each on a new resource. */
  BookingLoad start(int clients) {
    String coordinator = node.token(Node.COORDINATOR);
    for (int i = 0; i < clients; i++) {
      int client = i;
      String token = node.token(Node.FIRMS[i % Node.FIRMS.length]);
      long resource = node.createEquipment(coordinator);
      Thread t = new Thread(() -> run(client, token, resource), "load-" + i);
      threads.add(t);
    }
    threads.forEach(Thread::start);
    return this;
  }

  private void run(int client, String token, long resource) {
    int slot = 0;
    while (running) {
      String key = prefix + UUID.randomUUID();
      long started = System.currentTimeMillis();
      Outcome outcome;
      try {
        HttpResponse<Buffer> r = node.book(port.getAsInt(), token, resource, Node.slot(slot), key).await();
        outcome = new Outcome(key, client, resource, slot, r.statusCode(), r.bodyAsString(), started, System.currentTimeMillis(), null,
            r.getHeader("Retry-After"), r.getHeader("Content-Type"));
      } catch (Throwable e) {
        outcome = new Outcome(key, client, resource, slot, -1, null, started, System.currentTimeMillis(), e.toString(), null, null);
      }
      outcomes.add(outcome);
      if (outcome.ok() || outcome.status() == 409) {
        slot++;
      }
      if (!outcome.ok()) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  List<Outcome> stop() throws InterruptedException {
    running = false;
    for (Thread t : threads) {
      t.join(Node.REQUEST_TIMEOUT_MS + 5_000);
      assertThat(t.isAlive()).as("load client %s ended", t.getName()).isFalse();
    }
    return List.copyOf(outcomes);
  }

  /** Answers counted by status. */
  static Map<Integer, Long> statuses(List<Outcome> outcomes) {
    Map<Integer, Long> out = new TreeMap<>();
    outcomes.forEach(o -> out.merge(o.status(), 1L, Long::sum));
    return out;
  }

  /**
   * The database against the answers: every 2xx booking is stored, whole (booking row with its id,
   * audit entry, completed idempotency key); a request answered with an error left nothing, or (its
   * connection lost during COMMIT) a whole booking that a retry with the same key returns. Returns the
   * number of such ambiguous commits.
   */
  int verify(List<Outcome> outcomes) {
    Map<String, Row> stored = new HashMap<>();
    for (Row r : node.query("""
        SELECT b.id, b.purpose, b.resource_id,
               (SELECT count(*) FROM audit_log a WHERE a.action = 'booking.create' AND a.target_type = 'booking'
                  AND a.target_id = b.id::text) AS audits,
               (SELECT count(*) FROM idempotency_key k WHERE k.key = b.purpose AND k.status BETWEEN 200 AND 299) AS keys
          FROM booking b WHERE b.purpose LIKE $1""", prefix + "%")) {
      stored.put(r.getString("purpose"), r);
    }
    assertThat(node.queryLong("SELECT count(*) FROM idempotency_key WHERE key LIKE $1 AND status = 0", prefix + "%"))
        .as("idempotency keys claimed but never completed").isZero();
    int ambiguous = 0;
    for (Outcome o : outcomes) {
      Row row = stored.get(o.key());
      if (o.ok()) {
        assertThat(row).as("booking of 2xx request %s", o).isNotNull();
        assertThat(row.getLong("id")).isEqualTo(new io.vertx.core.json.JsonObject(o.body()).getLong("id"));
      } else if (row != null) {
        ambiguous++;
        HttpResponse<Buffer> replay = node.book(node.token(Node.FIRMS[o.client() % Node.FIRMS.length]), o.resource(),
            Node.slot(o.slot()), o.key()).await();
        assertThat(replay.statusCode()).as("replay of %s", o).isEqualTo(201);
        assertThat(replay.bodyAsJsonObject().getLong("id")).isEqualTo(row.getLong("id"));
      }
      if (row != null) {
        assertThat(row.getLong("audits")).as("audit of %s", o.key()).isEqualTo(1);
        assertThat(row.getLong("keys")).as("idempotency key of %s", o.key()).isEqualTo(1);
      }
    }
    // nothing stored that no request asked for
    assertThat(outcomes.stream().map(Outcome::key).toList()).containsAll(stored.keySet());
    return ambiguous;
  }
}
