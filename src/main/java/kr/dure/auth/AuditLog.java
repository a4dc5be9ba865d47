package kr.dure.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * The append-only record of who did what, when. Services write it in the same transaction as the
 * change it describes; the database refuses updates and deletes of it.
 */
public final class AuditLog {

  private static final String INSERT = """
      INSERT INTO audit_log (actor_user_id, actor, action, target_type, target_id, details, ip)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      """;

  public Future<Void> record(SqlClient sql, Actor actor, String action, String targetType, Object targetId, JsonObject details) {
    return sql.preparedQuery(INSERT)
        .execute(Tuple.of(actor.userId(), actor.label(), action, targetType,
            targetId == null ? null : targetId.toString(), details == null ? new JsonObject() : details, actor.ip()))
        .mapEmpty();
  }
}
