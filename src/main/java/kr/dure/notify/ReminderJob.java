package kr.dure.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reminds the booking user of a confirmed booking a day and an hour before it starts, once each,
 * however many app instances run this job (the reminder row's key decides).
 */
public final class ReminderJob {

  private static final Logger LOG = LoggerFactory.getLogger(ReminderJob.class);
  static final long PERIOD_MS = 60_000;

  private final Vertx vertx;
  private final Pool pool;
  private final ReminderRepository reminders;
  private final Notifier notifier;
  private final Clock clock;
  private long timer = -1;
  private boolean running;

  public ReminderJob(Vertx vertx, Pool pool, ReminderRepository reminders, Notifier notifier, Clock clock) {
    this.vertx = vertx;
    this.pool = pool;
    this.reminders = reminders;
    this.notifier = notifier;
    this.clock = clock;
  }

  public void start() {
    timer = vertx.setPeriodic(15_000, PERIOD_MS, id -> {
      if (running) {
        return;
      }
      running = true;
      runOnce(clock.instant())
          .onSuccess(n -> {
            if (n > 0) {
              LOG.info("Booking reminders: {} sent", n);
            }
          })
          .onFailure(e -> LOG.warn("Booking reminders failed; they run again in {} s", PERIOD_MS / 1000, e))
          .onComplete(ar -> running = false);
    });
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Sends the reminders due at {@code now}, in one transaction with their records; the number sent. */
  public Future<Integer> runOnce(Instant now) {
    return pool.withTransaction(tx -> reminders.claimDue(tx, now).compose(due -> {
      Future<Void> chain = Future.succeededFuture();
      for (ReminderRepository.Due d : due) {
        chain = chain.compose(v -> notifier.notify(tx, d.userId(), "booking.reminder", new JsonObject().put("bookingId", d.bookingId())
            .put("resource", d.resourceName()).put("start", d.startsAt().toString()).put("lead", d.lead()), "/bookings"));
      }
      return chain.map(due.size());
    }));
  }
}
