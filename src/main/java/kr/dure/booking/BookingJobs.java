package kr.dure.booking;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import kr.dure.monitoring.AppMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background work on a timer: no-show release, expiry of unclaimed waitlist holds and of requests
 * nobody decided before their start. Each row is claimed with {@code FOR UPDATE SKIP LOCKED} and
 * processed in its own transaction, so several app instances never do one twice and one failing row
 * holds up no other.
 */
public final class BookingJobs {

  private static final Logger LOG = LoggerFactory.getLogger(BookingJobs.class);
  static final long PERIOD_MS = 30_000;

  private final Vertx vertx;
  private final WaitlistService waitlist;
  private final AppMetrics metrics;
  private long timer = -1;
  private boolean running;

  public BookingJobs(Vertx vertx, WaitlistService waitlist) {
    this(vertx, waitlist, AppMetrics.none());
  }

  public BookingJobs(Vertx vertx, WaitlistService waitlist, AppMetrics metrics) {
    this.vertx = vertx;
    this.waitlist = waitlist;
    this.metrics = metrics;
  }

  public void start() {
    timer = vertx.setPeriodic(5_000, PERIOD_MS, id -> runOnce());
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void runOnce() {
    if (running) {
      return;
    }
    running = true;
    counted("no-show-release", waitlist.releaseNoShows())
        .compose(noShows -> counted("hold-expiry", waitlist.expireHolds()).map(expired -> new int[] {noShows, expired}))
        .compose(n -> counted("undecided-expiry", waitlist.expireUndecided()).map(undecided -> new int[] {n[0], n[1], undecided}))
        .onSuccess(n -> {
          if (n[0] + n[1] + n[2] > 0) {
            LOG.info("Booking jobs: {} no-shows released, {} holds expired, {} undecided requests ended", n[0], n[1], n[2]);
          }
        })
        .onFailure(e -> LOG.warn("Booking jobs failed; they run again in {} s", PERIOD_MS / 1000, e))
        .onComplete(ar -> running = false);
  }

  private <T> Future<T> counted(String job, Future<T> run) {
    return run.andThen(ar -> metrics.jobRun(job, ar.failed()));
  }
}
