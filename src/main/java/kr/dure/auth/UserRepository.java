package kr.dure.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Optional;

/** SQL for users. */
public final class UserRepository {

  private static final String SELECT_USER = """
      SELECT u.id, u.email, u.name, u.role, u.organisation_id, u.locale, u.active, u.password_hash,
             o.name AS organisation_name, o.kind AS organisation_kind
        FROM app_user u
        JOIN organisation o ON o.id = u.organisation_id
      """;
  private static final String FIND_BY_EMAIL = SELECT_USER + " WHERE u.email = $1";
  private static final String FIND_BY_ID = SELECT_USER + " WHERE u.id = $1";
  private static final String LIST_BY_ORGANISATION = SELECT_USER + " WHERE u.organisation_id = $1 ORDER BY u.name";
  private static final String COUNT_BY_ROLE = "SELECT role, count(*) AS n FROM app_user GROUP BY role ORDER BY role";
  private static final String INSERT = """
      INSERT INTO app_user (email, name, role, organisation_id, locale, password_hash)
      VALUES ($1, $2, $3, $4, $5, $6)
      RETURNING id
      """;
  private static final String UPDATE_LOCALE = "UPDATE app_user SET locale = $2, updated_at = now() WHERE id = $1";

  /** A user with the stored password hash, for sign-in only. */
  public record WithHash(User user, String passwordHash) {
  }

  public Future<Optional<WithHash>> findByEmail(SqlClient sql, String email) {
    return sql.preparedQuery(FIND_BY_EMAIL).execute(Tuple.of(email))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(withHash(rows.iterator().next())));
  }

  public Future<Optional<User>> findById(SqlClient sql, long id) {
    return sql.preparedQuery(FIND_BY_ID).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(User.from(rows.iterator().next())));
  }

  public Future<List<User>> listByOrganisation(SqlClient sql, long organisationId) {
    return sql.preparedQuery(LIST_BY_ORGANISATION).execute(Tuple.of(organisationId))
        .map(rows -> {
          List<User> users = new java.util.ArrayList<>();
          rows.forEach(r -> users.add(User.from(r)));
          return users;
        });
  }

  public Future<java.util.Map<Role, Long>> countByRole(SqlClient sql) {
    return sql.query(COUNT_BY_ROLE).execute().map(rows -> {
      java.util.Map<Role, Long> counts = new java.util.EnumMap<>(Role.class);
      rows.forEach(r -> counts.put(Role.valueOf(r.getString("role")), r.getLong("n")));
      return counts;
    });
  }

  public Future<Long> insert(SqlClient sql, NewUser user, String passwordHash) {
    return sql.preparedQuery(INSERT)
        .execute(Tuple.of(user.email(), user.name(), user.role().name(), user.organisationId(), user.locale(), passwordHash))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<Void> updateLocale(SqlClient sql, long userId, String locale) {
    return sql.preparedQuery(UPDATE_LOCALE).execute(Tuple.of(userId, locale)).mapEmpty();
  }

  private static WithHash withHash(Row row) {
    return new WithHash(User.from(row), row.getString("password_hash"));
  }
}
