package kr.dure.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import kr.dure.monitoring.AppMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Empties a queue table through its database function on a timer. The function takes the most rows
 * to move and answers how many it moved ({@code booking_usage_fold}, {@code booking_change_relay});
 * while a batch comes back full the job calls it again at once, so a backlog drains without waiting
 * for the next tick. One call at a time per instance; the functions themselves keep instances apart.
 */
public final class DrainJob {

  private static final Logger LOG = LoggerFactory.getLogger(DrainJob.class);

  private final Vertx vertx;
  private final Pool pool;
  private final String name;
  private final String sql;
  private final int batch;
  private final long periodMs;
  private final AppMetrics metrics;
  private long timer = -1;
  private boolean running;
  private boolean failing;
  private volatile boolean stopped;

  /** {@code function}: the SQL function's name, called as {@code SELECT function($1)} with the batch size. */
  public DrainJob(Vertx vertx, Pool pool, String name, String function, int batch, long periodMs, AppMetrics metrics) {
    this.vertx = vertx;
    this.pool = pool;
    this.name = name;
    this.sql = "SELECT " + function + "($1)";
    this.batch = batch;
    this.periodMs = periodMs;
    this.metrics = metrics;
  }

  public DrainJob start() {
    timer = vertx.setPeriodic(periodMs, periodMs, id -> tick());
    return this;
  }

  public void stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** One call of the function: how many rows it moved. */
  private Future<Integer> drainOnce() {
    return pool.preparedQuery(sql).execute(Tuple.of(batch)).map(rows -> rows.iterator().next().getInteger(0));
  }

  private void tick() {
    if (running) {
      return;
    }
    running = true;
    drain(0).andThen(ar -> metrics.jobRun(name, ar.failed()))
        .onSuccess(n -> {
          if (failing) {
            failing = false;
            LOG.info("{}: running again", name);
          }
        })
        .onFailure(e -> {
          // a database outage fails every tick: say so once, not ten times a second
          if (!failing) {
            failing = true;
            LOG.warn("{} failed; it retries every {} ms", name, periodMs, e);
          }
        })
        .onComplete(ar -> running = false);
  }

  private Future<Integer> drain(int sofar) {
    return drainOnce().compose(n -> n >= batch && !stopped ? drain(sofar + n) : Future.succeededFuture(sofar + n));
  }
}
