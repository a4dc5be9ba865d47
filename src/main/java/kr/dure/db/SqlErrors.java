package kr.dure.db;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import kr.dure.common.ConflictException;

/** The one place where SQLSTATEs become domain errors. */
public final class SqlErrors {

  public static final String UNIQUE_VIOLATION = "23505";
  public static final String EXCLUSION_VIOLATION = "23P01";
  public static final String FOREIGN_KEY_VIOLATION = "23503";
  public static final String CHECK_VIOLATION = "23514";
  public static final String SERIALIZATION_FAILURE = "40001";
  public static final String DEADLOCK = "40P01";

  private SqlErrors() {
  }

  /** Maps constraint violations to a 409 naming the constraint; other failures pass through. */
  public static <T> Future<T> translate(Throwable failure) {
    if (failure instanceof PgException pg) {
      String state = pg.getSqlState();
      if (UNIQUE_VIOLATION.equals(state) || EXCLUSION_VIOLATION.equals(state)) {
        return Future.failedFuture(new ConflictException("error.conflict",
            "This conflicts with an existing record (" + pg.getConstraint() + ")."));
      }
    }
    return Future.failedFuture(failure);
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
