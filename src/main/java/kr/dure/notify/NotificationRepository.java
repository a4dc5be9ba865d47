package kr.dure.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** In-app notifications, written in the transaction of the change they announce. */
public final class NotificationRepository {

  private static final String INSERT = "INSERT INTO notification (user_id, kind, params, link) VALUES ($1, $2, $3, $4)";
  private static final String LIST = """
      SELECT id, kind, params, link, created_at, read_at FROM notification WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2
      """;
  private static final String UNREAD = "SELECT count(*) AS n FROM notification WHERE user_id = $1 AND read_at IS NULL";
  // newest first; the page after one ends is "before" its last row, by (created_at, id), which is
  // also how the notification_user_time_idx index is ordered
  private static final String PAGE = """
      SELECT id, kind, params, link, created_at, read_at FROM notification
       WHERE user_id = $1 AND (NOT $3 OR read_at IS NULL)
         AND ($2::bigint IS NULL
              OR (created_at, id) < (SELECT c.created_at, c.id FROM notification c WHERE c.id = $2 AND c.user_id = $1))
       ORDER BY created_at DESC, id DESC LIMIT $4
      """;
  private static final String MARK_READ = """
      UPDATE notification SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2
      RETURNING id, kind, params, link, created_at, read_at
      """;
  private static final String MARK_ALL_READ = "UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL";

  /** One notification as stored: the text is written when it is read, in the reader's language. */
  public record Stored(long id, String kind, JsonObject params, String link, java.time.Instant createdAt, boolean read) {

    static Stored from(Row r) {
      return new Stored(r.getLong("id"), r.getString("kind"), r.getJsonObject("params"), r.getString("link"),
          r.getOffsetDateTime("created_at").toInstant(), r.getOffsetDateTime("read_at") != null);
    }
  }

  public Future<Void> notify(SqlClient sql, long userId, String kind, JsonObject params, String link) {
    return sql.preparedQuery(INSERT).execute(Tuple.of(userId, kind, params, link)).mapEmpty();
  }

  public Future<Void> notifyAll(SqlClient sql, List<Long> userIds, String kind, JsonObject params, String link) {
    if (userIds.isEmpty()) {
      return Future.succeededFuture();
    }
    return sql.preparedQuery(INSERT).executeBatch(userIds.stream().map(id -> Tuple.of(id, kind, params, link)).toList()).mapEmpty();
  }

  public Future<List<JsonObject>> latest(SqlClient sql, long userId, int limit) {
    return sql.preparedQuery(LIST).execute(Tuple.of(userId, limit)).map(rows -> {
      List<JsonObject> list = new ArrayList<>();
      rows.forEach(r -> list.add(new JsonObject().put("id", r.getLong("id")).put("kind", r.getString("kind"))
          .put("params", r.getJsonObject("params")).put("link", r.getString("link"))
          .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())
          .put("read", r.getOffsetDateTime("read_at") != null)));
      return list;
    });
  }

  public Future<Long> unreadCount(SqlClient sql, long userId) {
    return sql.preparedQuery(UNREAD).execute(Tuple.of(userId)).map(rows -> rows.iterator().next().getLong("n"));
  }

  /** A page of a user's notifications, newest first, older than {@code beforeId} when given. */
  public Future<List<Stored>> page(SqlClient sql, long userId, boolean unreadOnly, Long beforeId, int limit) {
    return sql.preparedQuery(PAGE).execute(Tuple.of(userId, beforeId, unreadOnly, limit)).map(rows -> {
      List<Stored> list = new ArrayList<>();
      rows.forEach(r -> list.add(Stored.from(r)));
      return list;
    });
  }

  /** Marks one of the user's notifications read; empty when it is not theirs (or does not exist). */
  public Future<Optional<Stored>> markRead(SqlClient sql, long userId, long id) {
    return sql.preparedQuery(MARK_READ).execute(Tuple.of(id, userId))
        .map(rows -> rows.size() == 0 ? Optional.<Stored>empty() : Optional.of(Stored.from(rows.iterator().next())));
  }

  public Future<Integer> markAllRead(SqlClient sql, long userId) {
    return sql.preparedQuery(MARK_ALL_READ).execute(Tuple.of(userId)).map(rows -> rows.rowCount());
  }
}
