package kr.dure.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Counts failed sign-ins per account and per address in the database (so every app instance sees
 * the same counts) and locks a key for a while once it has failed too often.
 */
public final class LoginThrottle {

  public static final int ACCOUNT_LIMIT = 5;
  public static final int ADDRESS_LIMIT = 30;
  public static final Duration WINDOW = Duration.ofMinutes(15);
  public static final Duration LOCK = Duration.ofMinutes(15);

  private static final String FIND_LOCK = """
      SELECT max(locked_until) AS until FROM login_throttle
       WHERE key = ANY($1) AND locked_until > $2
      """;
  private static final String RECORD_FAILURE = """
      INSERT INTO login_throttle AS t (key, failures, window_started)
      VALUES ($1, 1, $2)
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN t.window_started <= $2 - make_interval(secs => $3::float8) OR t.locked_until IS NOT NULL THEN 1 ELSE t.failures + 1 END,
        window_started = CASE WHEN t.window_started <= $2 - make_interval(secs => $3::float8) OR t.locked_until IS NOT NULL THEN $2 ELSE t.window_started END,
        locked_until = NULL
      RETURNING failures
      """;
  private static final String LOCK_KEY = "UPDATE login_throttle SET locked_until = $2 WHERE key = $1";
  private static final String RESET = "DELETE FROM login_throttle WHERE key = $1";

  public static String accountKey(String email) {
    return "account:" + email;
  }

  public static String addressKey(String ip) {
    return "address:" + ip;
  }

  /** The time until which any of the keys is locked, if one is. */
  public Future<Optional<Instant>> lockedUntil(SqlClient sql, List<String> keys, Instant now) {
    return sql.preparedQuery(FIND_LOCK).execute(Tuple.of(keys.toArray(new String[0]), utc(now)))
        .map(rows -> Optional.ofNullable(rows.iterator().next().getOffsetDateTime("until")).map(OffsetDateTime::toInstant));
  }

  /**
   * Counts one failure for the key; returns the failures left before a lock, or locks the key and
   * returns 0.
   */
  public Future<Integer> recordFailure(SqlClient sql, String key, int limit, Instant now) {
    return sql.preparedQuery(RECORD_FAILURE).execute(Tuple.of(key, utc(now), (double) WINDOW.getSeconds()))
        .compose(rows -> {
          int failures = rows.iterator().next().getInteger("failures");
          if (failures < limit) {
            return Future.succeededFuture(limit - failures);
          }
          return sql.preparedQuery(LOCK_KEY).execute(Tuple.of(key, utc(now.plus(LOCK)))).map(0);
        });
  }

  public Future<Void> reset(SqlClient sql, String key) {
    return sql.preparedQuery(RESET).execute(Tuple.of(key)).mapEmpty();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
