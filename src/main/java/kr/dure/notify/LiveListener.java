package kr.dure.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's one listening connection: {@code LISTEN booking_changed} on a dedicated
 * connection (not from the pool), passing each change to the {@link LiveHub}. When the connection
 * drops (database restart, terminated backend) it reconnects with back-off and listens again, so a
 * change made on any instance reaches the browsers connected to this one.
 */
public final class LiveListener {

  private static final Logger LOG = LoggerFactory.getLogger(LiveListener.class);
  public static final String CHANNEL = "booking_changed";
  /** The longest wait between two reconnection attempts. */
  private static final long MAX_BACKOFF_MS = 10_000;

  private final PgSubscriber subscriber;
  private final AtomicInteger subscriptions = new AtomicInteger();
  private volatile boolean stopping;

  public LiveListener(Vertx vertx, PgConnectOptions options, LiveHub hub) {
    this.subscriber = PgSubscriber.subscriber(vertx, new PgConnectOptions(options).setPipeliningLimit(1))
        // never give up: 100 ms, 200 ms, 400 ms … up to 10 s between attempts
        .reconnectPolicy(retries -> Math.min(MAX_BACKOFF_MS, 100L << Math.min(retries, 10)));
    subscriber.closeHandler(v -> {
      if (!stopping) {
        LOG.warn("Live updates: the listening connection closed for good; pages on this instance no longer update live");
      }
    });
    subscriber.channel(CHANNEL)
        .subscribeHandler(v -> {
          int n = subscriptions.incrementAndGet();
          if (n > 1) {
            LOG.info("Live updates: listening again on {} (reconnection {})", CHANNEL, n - 1);
            hub.resync();
          }
        })
        .exceptionHandler(e -> LOG.warn("Live updates: channel error", e))
        .handler(payload -> {
          try {
            hub.publish(BookingChange.fromPayload(payload));
          } catch (IllegalArgumentException e) {
            LOG.warn("Live updates: ignored a {} payload that is not a booking change", CHANNEL);
          }
        });
  }

  public Future<Void> start() {
    return subscriber.connect();
  }

  /** How many times the channel has been subscribed (1 after start, +1 per reconnection). */
  public int subscriptions() {
    return subscriptions.get();
  }

  /** The backend process id of the listening connection, or -1 while there is none. */
  public int backendPid() {
    var c = subscriber.actualConnection();
    return c == null ? -1 : c.processId();
  }

  public Future<Void> stop() {
    stopping = true;
    return subscriber.close();
  }
}
