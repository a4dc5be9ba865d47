package kr.dure.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

/** Polls {@code /health/ready} every 100 ms and records the answers. */
final class HealthWatch {

  /** One poll; status -1 when no answer came. */
  record Probe(long at, int status, long tookMs) {
  }

  private final List<Probe> probes = new CopyOnWriteArrayList<>();
  private volatile boolean running = true;
  private Thread thread;

  static HealthWatch start(Node node, IntSupplier port) {
    HealthWatch w = new HealthWatch();
    w.thread = new Thread(() -> {
      while (w.running) {
        long at = System.currentTimeMillis();
        int status;
        try {
          status = node.client.get(port.getAsInt(), "localhost", "/health/ready").timeout(Node.REQUEST_TIMEOUT_MS).send().await()
              .statusCode();
        } catch (Throwable e) {
          status = -1;
        }
        w.probes.add(new Probe(at, status, System.currentTimeMillis() - at));
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "health-watch");
    w.thread.start();
    return w;
  }

  List<Probe> stop() throws InterruptedException {
    running = false;
    thread.join(Node.REQUEST_TIMEOUT_MS + 1_000);
    return new ArrayList<>(probes);
  }

  /** The status sequence with times relative to {@code t0}, runs of equal statuses merged. */
  static String summary(List<Probe> probes, long t0) {
    StringBuilder out = new StringBuilder();
    int last = 0;
    for (Probe p : probes) {
      if (p.status() != last) {
        out.append(String.format("%+dms:%d ", p.at() - t0, p.status()));
        last = p.status();
      }
    }
    return out.toString().trim();
  }
}
