package kr.dure.notify;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import kr.dure.common.TooManyRequestsException;

/**
 * The Server-Sent-Events clients connected to this app instance, and the fan-out of booking changes
 * to them. Each client is written on the event loop of its own connection; a closed connection
 * leaves the registry at once.
 */
public final class LiveHub {

  /** Open streams one user may hold on one instance (tabs, devices). */
  public static final int MAX_PER_USER = 5;
  /** A comment this often keeps proxies and load balancers from closing an idle stream. */
  public static final long KEEP_ALIVE_MS = 20_000;
  /** How long the browser waits before reconnecting a dropped stream. */
  public static final long RETRY_MS = 5_000;

  /** Which changes a client follows and what it may see of each (null: nothing). */
  public record Client(long id, long userId, Context context, HttpServerResponse response, Function<BookingChange, JsonObject> view) {
  }

  private final Vertx vertx;
  private final Map<Long, Client> clients = new ConcurrentHashMap<>();
  private final Map<Long, Integer> perUser = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong eventIds = new AtomicLong();
  private final long keepAliveMs;
  private long timer = -1;

  public LiveHub(Vertx vertx) {
    this(vertx, KEEP_ALIVE_MS);
  }

  LiveHub(Vertx vertx, long keepAliveMs) {
    this.vertx = vertx;
    this.keepAliveMs = keepAliveMs;
  }

  /** Starts the keep-alive timer. */
  public void start() {
    if (timer < 0) {
      timer = vertx.setPeriodic(keepAliveMs, id -> clients.values().forEach(c -> write(c, ": keep-alive\n\n")));
    }
  }

  /**
   * Opens the event stream on {@code response} (already authorised) and registers it; answers 429
   * when the user has {@link #MAX_PER_USER} streams open here.
   */
  public Client open(long userId, HttpServerResponse response, Function<BookingChange, JsonObject> view) {
    int[] held = new int[1];
    perUser.compute(userId, (k, n) -> {
      held[0] = n == null ? 0 : n;
      return held[0] >= MAX_PER_USER ? n : held[0] + 1;
    });
    if (held[0] >= MAX_PER_USER) {
      throw new TooManyRequestsException("error.tooManyStreams",
          "You have " + MAX_PER_USER + " live-update streams open already: close a tab, or reload the page without live updates.",
          java.time.Instant.now().plusMillis(RETRY_MS));
    }
    Client client = new Client(ids.incrementAndGet(), userId, vertx.getOrCreateContext(), response, view);
    clients.put(client.id(), client);
    response.closeHandler(v -> remove(client));
    response.exceptionHandler(e -> remove(client));
    response.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no")
        // a compressed stream would sit in the compressor's buffer
        .putHeader("Content-Encoding", "identity");
    response.write("retry: " + RETRY_MS + "\n: connected\n\n");
    return client;
  }

  /** Passes a change to every client that follows it, on each client's own event loop. */
  public void publish(BookingChange change) {
    for (Client c : clients.values()) {
      JsonObject data;
      try {
        data = c.view().apply(change);
      } catch (RuntimeException e) {
        continue;
      }
      if (data != null) {
        write(c, "id: " + eventIds.incrementAndGet() + "\nevent: booking\ndata: " + data.encode() + "\n\n");
      }
    }
  }

  /**
   * Tells every client to fetch its page again: changes made while the listening connection was
   * down were not heard, so nobody may rely on the events alone.
   */
  public void resync() {
    for (Client c : clients.values()) {
      write(c, "id: " + eventIds.incrementAndGet() + "\nevent: resync\ndata: {}\n\n");
    }
  }

  private void write(Client c, String frame) {
    c.context().runOnContext(v -> {
      if (!clients.containsKey(c.id())) {
        return;
      }
      try {
        c.response().write(frame).onFailure(e -> remove(c));
      } catch (IllegalStateException closed) {
        remove(c);
      }
    });
  }

  void remove(Client c) {
    if (clients.remove(c.id()) != null) {
      perUser.computeIfPresent(c.userId(), (k, n) -> n <= 1 ? null : n - 1);
    }
  }

  /** Open streams on this instance. */
  public int size() {
    return clients.size();
  }

  /** Ends every stream (at shutdown: browsers reconnect to another instance). */
  public void close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    for (Client c : clients.values()) {
      remove(c);
      c.context().runOnContext(v -> {
        try {
          c.response().end();
        } catch (IllegalStateException alreadyClosed) {
          // the browser left first
        }
      });
    }
  }
}
