package kr.dure.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load: {@code clients} loops each send one operation and the next when it completes,
 * until {@code total} operations are done. Latencies go into an HdrHistogram (1 µs to 60 s, 3
 * significant digits), outcomes are counted by status code.
 */
final class Load {

  /** One measured run: throughput, latency percentiles, counts by status. */
  record Result(String name, int clients, long total, double seconds, Histogram latency, Map<Integer, Long> statuses) {

    double throughput() {
      return total / seconds;
    }

    double ms(double percentile) {
      return latency.getValueAtPercentile(percentile) / 1000.0;
    }

    long count(int status) {
      return statuses.getOrDefault(status, 0L);
    }

    long fiveHundreds() {
      return statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(Map.Entry::getValue).sum();
    }

    JsonObject toJson() {
      JsonObject s = new JsonObject();
      new TreeMap<>(statuses).forEach((k, v) -> s.put(String.valueOf(k), v));
      return new JsonObject().put("clients", clients).put("operations", total).put("seconds", seconds)
          .put("throughputPerSecond", throughput()).put("p50Ms", ms(50)).put("p95Ms", ms(95)).put("p99Ms", ms(99))
          .put("maxMs", latency.getMaxValue() / 1000.0).put("statuses", s);
    }

    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "%-28s c=%-3d n=%-6d %8.0f/s  p50 %7.2f  p95 %7.2f  p99 %7.2f ms  %s",
          name, clients, total, throughput(), ms(50), ms(95), ms(99), new TreeMap<>(statuses));
    }
  }

  private Load() {
  }

  /**
   * Runs {@code total} operations from {@code clients} loops; {@code op} gets the operation's index
   * and answers its status (a failed future counts as status 599: the client saw no answer).
   */
  static Result run(String name, int clients, int total, IntFunction<Future<Integer>> op) {
    Histogram latency = new Histogram(1, 60_000_000, 3);
    Map<Integer, Long> statuses = new ConcurrentHashMap<>();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger running = new AtomicInteger(clients);
    AtomicLong end = new AtomicLong();
    Promise<Void> finished = Promise.promise();
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      loop(op, total, next, latency, statuses, running, end, finished);
    }
    finished.future().await();
    double seconds = (end.get() - start) / 1e9;
    return new Result(name, clients, total, seconds, latency, statuses);
  }

  private static void loop(IntFunction<Future<Integer>> op, int total, AtomicInteger next, Histogram latency,
      Map<Integer, Long> statuses, AtomicInteger running, AtomicLong end, Promise<Void> finished) {
    int i = next.getAndIncrement();
    if (i >= total) {
      if (running.decrementAndGet() == 0) {
        end.set(System.nanoTime());
        finished.complete();
      }
      return;
    }
    long t0 = System.nanoTime();
    Future<Integer> f;
    try {
      f = op.apply(i);
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onComplete(ar -> {
      long micros = Math.max(1, (System.nanoTime() - t0) / 1000);
      synchronized (latency) {
        latency.recordValue(Math.min(micros, 60_000_000));
      }
      statuses.merge(ar.succeeded() ? ar.result() : 599, 1L, Long::sum);
      loop(op, total, next, latency, statuses, running, end, finished);
    });
  }

  /** All operations at once (a burst): every one started before any is awaited. */
  static Result burst(String name, int total, IntFunction<Future<Integer>> op) {
    return run(name, total, total, op);
  }
}
