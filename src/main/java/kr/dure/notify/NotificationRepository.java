package kr.dure.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** In-app notifications, written in the transaction of the change they announce. */
public final class NotificationRepository {

  private static final String INSERT = "INSERT INTO notification (user_id, kind, params, link) VALUES ($1, $2, $3, $4)";
  private static final String LIST = """
      SELECT id, kind, params, link, created_at, read_at FROM notification WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2
      """;
  private static final String UNREAD = "SELECT count(*) AS n FROM notification WHERE user_id = $1 AND read_at IS NULL";

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
}
