package kr.dure.db;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;

/** The SQLSTATEs the services act on, and how to tell them apart. */
public final class SqlErrors {

  public static final String UNIQUE_VIOLATION = "23505";
  public static final String EXCLUSION_VIOLATION = "23P01";
  public static final String FOREIGN_KEY_VIOLATION = "23503";
  public static final String CHECK_VIOLATION = "23514";
  public static final String SERIALIZATION_FAILURE = "40001";
  public static final String DEADLOCK = "40P01";

  private SqlErrors() {
  }

  /**
   * True for failures a transaction may simply run again: serialization failures and deadlocks.
   * Concurrent inserts that meet at an exclusion constraint can deadlock; PostgreSQL aborts one of them.
   */
  public static boolean isTransient(Throwable failure) {
    return failure instanceof PgException pg
        && (SERIALIZATION_FAILURE.equals(pg.getSqlState()) || DEADLOCK.equals(pg.getSqlState()));
  }

  /** Runs {@code work} again, up to {@code attempts} times in all, while it fails transiently. */
  public static <T> Future<T> retryTransient(java.util.function.Supplier<Future<T>> work, int attempts) {
    return work.get().recover(e -> attempts > 1 && isTransient(e) ? retryTransient(work, attempts - 1) : Future.failedFuture(e));
  }

  public static boolean isUniqueViolation(Throwable failure, String constraint) {
    return failure instanceof PgException pg
        && UNIQUE_VIOLATION.equals(pg.getSqlState())
        && (constraint == null || constraint.equals(pg.getConstraint()));
  }
}
