package kr.dure.notify;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** Who a notification about an organisation or a project goes to, and the project's name to show. */
public final class RecipientRepository {

  private static final String ORGANISATION_USERS = "SELECT id FROM app_user WHERE organisation_id = $1 AND active ORDER BY id";
  private static final String ROLE_USERS = "SELECT id FROM app_user WHERE role = $1 AND active ORDER BY id";
  private static final String PROJECT_TITLE = "SELECT title_ko FROM project WHERE id = $1";

  public Future<List<Long>> organisationUsers(SqlClient sql, long organisationId) {
    return ids(sql, ORGANISATION_USERS, Tuple.of(organisationId));
  }

  public Future<List<Long>> roleUsers(SqlClient sql, String role) {
    return ids(sql, ROLE_USERS, Tuple.of(role));
  }

  public Future<String> projectTitle(SqlClient sql, long projectId) {
    return sql.preparedQuery(PROJECT_TITLE).execute(Tuple.of(projectId))
        .map(rows -> rows.size() == 0 ? "" : rows.iterator().next().getString("title_ko"));
  }

  private static Future<List<Long>> ids(SqlClient sql, String query, Tuple args) {
    return sql.preparedQuery(query).execute(args).map(rows -> {
      List<Long> ids = new ArrayList<>();
      rows.forEach(r -> ids.add(r.getLong("id")));
      return ids;
    });
  }
}
