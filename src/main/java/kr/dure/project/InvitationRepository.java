package kr.dure.project;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for project invitations; tokens are looked up by their SHA-256 hash only. */
public final class InvitationRepository {

  private static final String INSERT = """
      INSERT INTO project_invitation (project_id, organisation_id, email, name, role, token_hash, invited_by, expires_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(days => $8)) RETURNING id
      """;
  private static final String EXPIRE_STALE = """
      UPDATE project_invitation SET status = 'EXPIRED'
       WHERE project_id = $1 AND email = $2 AND status = 'PENDING' AND expires_at <= now()
      """;
  private static final String SELECT_VIEW = """
      SELECT i.id, i.project_id, p.code AS project_code, p.title_ko, p.title_en, i.organisation_id, o.name AS organisation_name,
             i.email, i.name, i.role, i.status, i.invited_by, inviter.name AS invited_by_name, io.name AS invited_by_organisation,
             i.created_at, i.expires_at, i.accepted_at, i.revoked_at, i.expires_at <= now() AS expired
        FROM project_invitation i
        JOIN project p ON p.id = i.project_id
        JOIN organisation o ON o.id = i.organisation_id
        JOIN app_user inviter ON inviter.id = i.invited_by
        JOIN organisation io ON io.id = inviter.organisation_id
      """;
  private static final String FIND_BY_TOKEN = SELECT_VIEW + " WHERE i.token_hash = $1";
  private static final String LOCK_BY_TOKEN = SELECT_VIEW + " WHERE i.token_hash = $1 FOR UPDATE OF i";
  private static final String FIND_BY_ID = SELECT_VIEW + " WHERE i.id = $1";
  private static final String LOCK_BY_ID = SELECT_VIEW + " WHERE i.id = $1 FOR UPDATE OF i";
  private static final String LIST_FOR_PROJECT = SELECT_VIEW + " WHERE i.project_id = $1 ORDER BY i.created_at DESC, i.id DESC LIMIT 200";
  private static final String PENDING_FOR = "SELECT id FROM project_invitation WHERE project_id = $1 AND email = $2 AND status = 'PENDING'";
  private static final String REVOKE = """
      UPDATE project_invitation SET status = 'REVOKED', revoked_by = $2, revoked_at = now() WHERE id = $1 AND status = 'PENDING'
      """;
  private static final String RENEW = """
      UPDATE project_invitation SET status = 'PENDING', token_hash = $2, sent_at = now(), expires_at = now() + make_interval(days => $3)
       WHERE id = $1 AND status IN ('PENDING', 'EXPIRED')
      """;
  private static final String ACCEPT = """
      UPDATE project_invitation SET status = 'ACCEPTED', accepted_user_id = $2, accepted_at = now() WHERE id = $1 AND status = 'PENDING'
      """;
  private static final String REVOKE_FOR_ORGANISATION = """
      UPDATE project_invitation SET status = 'REVOKED', revoked_by = $3, revoked_at = now()
       WHERE project_id = $1 AND organisation_id = $2 AND status = 'PENDING' RETURNING id
      """;

  public Future<Long> insert(SqlClient sql, long projectId, long organisationId, String email, String name, String role, byte[] tokenHash,
      long invitedBy, int days) {
    return sql.preparedQuery(INSERT)
        .execute(Tuple.from(new Object[] {projectId, organisationId, email, name, role, Buffer.buffer(tokenHash), invitedBy, days}))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  /** Marks pending invitations of this person and project whose time ran out as expired, so a new one may be made. */
  public Future<Void> expireStale(SqlClient sql, long projectId, String email) {
    return sql.preparedQuery(EXPIRE_STALE).execute(Tuple.of(projectId, email)).mapEmpty();
  }

  public Future<Optional<Long>> pendingFor(SqlClient sql, long projectId, String email) {
    return sql.preparedQuery(PENDING_FOR).execute(Tuple.of(projectId, email))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong(0)));
  }

  public Future<Optional<Invitation>> findByToken(SqlClient sql, byte[] tokenHash, boolean lock) {
    return one(sql.preparedQuery(lock ? LOCK_BY_TOKEN : FIND_BY_TOKEN).execute(Tuple.of(Buffer.buffer(tokenHash))));
  }

  public Future<Optional<Invitation>> findById(SqlClient sql, long id, boolean lock) {
    return one(sql.preparedQuery(lock ? LOCK_BY_ID : FIND_BY_ID).execute(Tuple.of(id)));
  }

  public Future<List<Invitation>> listForProject(SqlClient sql, long projectId) {
    return sql.preparedQuery(LIST_FOR_PROJECT).execute(Tuple.of(projectId)).map(rows -> {
      List<Invitation> list = new ArrayList<>();
      rows.forEach(r -> list.add(Invitation.from(r)));
      return list;
    });
  }

  public Future<Boolean> revoke(SqlClient sql, long id, long userId) {
    return sql.preparedQuery(REVOKE).execute(Tuple.of(id, userId)).map(rows -> rows.rowCount() == 1);
  }

  public Future<Boolean> renew(SqlClient sql, long id, byte[] tokenHash, int days) {
    return sql.preparedQuery(RENEW).execute(Tuple.of(id, Buffer.buffer(tokenHash), days)).map(rows -> rows.rowCount() == 1);
  }

  public Future<Boolean> accept(SqlClient sql, long id, long userId) {
    return sql.preparedQuery(ACCEPT).execute(Tuple.of(id, userId)).map(rows -> rows.rowCount() == 1);
  }

  public Future<List<Long>> revokeForOrganisation(SqlClient sql, long projectId, long organisationId, long userId) {
    return sql.preparedQuery(REVOKE_FOR_ORGANISATION).execute(Tuple.of(projectId, organisationId, userId)).map(rows -> {
      List<Long> ids = new ArrayList<>();
      rows.forEach(r -> ids.add(r.getLong(0)));
      return ids;
    });
  }

  private static Future<Optional<Invitation>> one(Future<RowSet<Row>> rows) {
    return rows.map(r -> r.size() == 0 ? Optional.empty() : Optional.of(Invitation.from(r.iterator().next())));
  }
}
