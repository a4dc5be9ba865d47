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

  /**
   * True when the database could not be reached or the connection was lost: refused or reset
   * connections, a connection closed under a statement, a server shutting down, starting up or
   * ending sessions (SQLSTATE classes 08 and 57P), and no free pool connection in time. The request
   * may be tried again in a moment; what was not committed was rolled back by the server.
   */
  public static boolean isUnavailable(Throwable failure) {
    for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
      if (e instanceof PgException pg) {
        String state = String.valueOf(pg.getSqlState());
        if (state.startsWith("08") || state.startsWith("57P")) {
          return true;
        }
      } else if (e instanceof io.vertx.sqlclient.ClosedConnectionException
          || e instanceof java.net.ConnectException
          || e instanceof java.nio.channels.ClosedChannelException
          || e instanceof java.net.SocketException
          || e instanceof java.io.IOException && isSocketFailure(e.getMessage())) {
        return true;
      } else if (e instanceof io.vertx.core.VertxException && String.valueOf(e.getMessage()).startsWith("Timeout waiting for connection")) {
        return true;
      }
    }
    return false;
  }

  /** A write to a socket the server closed: "Broken pipe", "Connection reset" (JDK and Netty native wording). */
  private static boolean isSocketFailure(String message) {
    return message != null && (message.contains("Broken pipe") || message.contains("Connection reset"));
  }

  public static boolean isUniqueViolation(Throwable failure, String constraint) {
    return failure instanceof PgException pg
        && UNIQUE_VIOLATION.equals(pg.getSqlState())
        && (constraint == null || constraint.equals(pg.getConstraint()));
  }
}
