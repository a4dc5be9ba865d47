package kr.dure.booking;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;

/**
 * Idempotency keys of booking requests. The key row is inserted first in the booking's transaction:
 * a concurrent retry waits on it, then finds the stored answer.
 */
public final class IdempotencyRepository {

  private static final String CLAIM = """
      INSERT INTO idempotency_key (user_id, key, request_hash, status, response) VALUES ($1, $2, $3, 0, '{}'::jsonb)
      ON CONFLICT (user_id, key) DO NOTHING
      """;
  private static final String FIND = "SELECT request_hash, status, response FROM idempotency_key WHERE user_id = $1 AND key = $2";
  private static final String COMPLETE = "UPDATE idempotency_key SET status = $3, response = $4 WHERE user_id = $1 AND key = $2";

  /** The first answer to an earlier request with the same key. */
  public record Stored(String requestHash, int status, JsonObject response) {
  }

  /** Claims the key; empty when it is new, else what the earlier request stored. */
  public Future<Optional<Stored>> claim(SqlClient sql, long userId, String key, String requestHash) {
    return sql.preparedQuery(CLAIM).execute(Tuple.of(userId, key, requestHash)).compose(rows -> rows.rowCount() == 1
        ? Future.succeededFuture(Optional.empty())
        : sql.preparedQuery(FIND).execute(Tuple.of(userId, key)).map(found -> {
          var r = found.iterator().next();
          return Optional.of(new Stored(r.getString("request_hash"), r.getInteger("status"), r.getJsonObject("response")));
        }));
  }

  public Future<Void> complete(SqlClient sql, long userId, String key, int status, JsonObject response) {
    return sql.preparedQuery(COMPLETE).execute(Tuple.of(userId, key, status, response)).mapEmpty();
  }
}
