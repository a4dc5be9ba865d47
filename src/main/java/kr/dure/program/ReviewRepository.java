package kr.dure.program;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for review assignments, scores and the selection that turns applications into projects. */
public final class ReviewRepository {

  private static final String REVIEWER = """
      SELECT u.id, u.role, u.organisation_id, o.business_number FROM app_user u JOIN organisation o ON o.id = u.organisation_id
       WHERE u.id = $1 AND u.active
      """;
  private static final String MEMBER_NUMBERS = "SELECT business_number FROM application_member WHERE application_id = $1 AND business_number IS NOT NULL";
  private static final String ASSIGN = """
      INSERT INTO review_assignment (application_id, reviewer_user_id, assigned_by) VALUES ($1, $2, $3)
      ON CONFLICT DO NOTHING
      """;
  private static final String IS_ASSIGNED = "SELECT EXISTS (SELECT 1 FROM review_assignment WHERE application_id = $1 AND reviewer_user_id = $2) AS a";
  private static final String ASSIGNED_TO = """
      SELECT a.id, a.call_id, a.title, a.status, o.name AS applicant, c.title_ko AS call_title,
             (SELECT count(*) FROM review_score s WHERE s.application_id = a.id AND s.reviewer_user_id = $1) AS scored
        FROM review_assignment r JOIN application a ON a.id = r.application_id
        JOIN organisation o ON o.id = a.applicant_organisation_id JOIN grant_call c ON c.id = a.call_id
       WHERE r.reviewer_user_id = $1 ORDER BY a.call_id, a.id
      """;
  private static final String UPSERT_SCORE = """
      INSERT INTO review_score (application_id, reviewer_user_id, criterion_code, score, comment) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (application_id, reviewer_user_id, criterion_code) DO UPDATE SET score = excluded.score, comment = excluded.comment,
          updated_at = now()
      """;
  private static final String SCORES = """
      SELECT s.reviewer_user_id, u.name AS reviewer, s.criterion_code, s.score, s.comment
        FROM review_score s JOIN app_user u ON u.id = s.reviewer_user_id
       WHERE s.application_id = $1 AND ($2::bigint IS NULL OR s.reviewer_user_id = $2) ORDER BY u.name, s.criterion_code
      """;
  private static final String CALL_SCORES = """
      SELECT a.id AS application_id, a.submitted_at, s.reviewer_user_id, s.criterion_code, s.score
        FROM application a JOIN review_score s ON s.application_id = a.id
       WHERE a.call_id = $1 AND a.status IN ('SUBMITTED', 'UNDER_REVIEW', 'SELECTED', 'NOT_SELECTED')
      """;
  private static final String LOCK_CALL = "SELECT status, projects_to_select, extract(year FROM opens_on)::int AS year FROM grant_call WHERE id = $1 FOR UPDATE";
  private static final String CLOSE_CALL = "UPDATE grant_call SET status = 'SELECTED', ranking_closed_at = now() WHERE id = $1";
  private static final String RANKING_CLOSED = "SELECT ranking_closed_at IS NOT NULL AS closed FROM grant_call WHERE id = $1";
  private static final String SET_DECISION = "UPDATE application SET status = $2, decision_reason = $3, project_id = $4, updated_at = now() WHERE id = $1";
  private static final String FIND_ORG_BY_NUMBER = "SELECT id FROM organisation WHERE business_number = $1";
  private static final String FIND_ORG_BY_NAME = "SELECT id FROM organisation WHERE kind = $1 AND name = $2 ORDER BY id LIMIT 1";
  private static final String INSERT_ORG = """
      INSERT INTO organisation (kind, name, business_number, region_code) VALUES ($1, $2, $3, $4) RETURNING id
      """;
  private static final String NEXT_PROJECT_CODE = """
      SELECT 'P-' || $1 || '-' || lpad((count(*) + 1)::text, 2, '0') AS code FROM project WHERE code LIKE 'P-' || $1 || '-%'
      """;
  private static final String APPLICANT_USERS = "SELECT id FROM app_user WHERE organisation_id = $1 AND active";

  /** A reviewer as conflict-of-interest checks need them. */
  public record Reviewer(long id, String role, long organisationId, String businessNumber) {
  }

  /** One score by one reviewer on one criterion. */
  public record Score(long applicationId, long reviewerId, String criterion, double score) {
  }

  public Future<Optional<Reviewer>> reviewer(SqlClient sql, long userId) {
    return sql.preparedQuery(REVIEWER).execute(Tuple.of(userId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new Reviewer(r.getLong("id"), r.getString("role"), r.getLong("organisation_id"), r.getString("business_number")));
    });
  }

  public Future<List<String>> memberNumbers(SqlClient sql, long applicationId) {
    return sql.preparedQuery(MEMBER_NUMBERS).execute(Tuple.of(applicationId)).map(rows -> {
      List<String> list = new ArrayList<>();
      rows.forEach(r -> list.add(r.getString(0)));
      return list;
    });
  }

  public Future<Boolean> assign(SqlClient sql, long applicationId, long reviewerId, long by) {
    return sql.preparedQuery(ASSIGN).execute(Tuple.of(applicationId, reviewerId, by)).map(rows -> rows.rowCount() == 1);
  }

  public Future<Boolean> isAssigned(SqlClient sql, long applicationId, long reviewerId) {
    return sql.preparedQuery(IS_ASSIGNED).execute(Tuple.of(applicationId, reviewerId)).map(rows -> rows.iterator().next().getBoolean("a"));
  }

  public Future<List<JsonObject>> assignedTo(SqlClient sql, long reviewerId) {
    return sql.preparedQuery(ASSIGNED_TO).execute(Tuple.of(reviewerId)).map(rows -> {
      List<JsonObject> list = new ArrayList<>();
      rows.forEach(r -> list.add(new JsonObject().put("applicationId", r.getLong("id")).put("callId", r.getLong("call_id"))
          .put("callTitle", r.getString("call_title")).put("title", r.getString("title")).put("applicant", r.getString("applicant"))
          .put("status", r.getString("status")).put("criteriaScored", r.getLong("scored"))));
      return list;
    });
  }

  public Future<Void> upsertScores(SqlClient sql, List<Tuple> rows) {
    return sql.preparedQuery(UPSERT_SCORE).executeBatch(rows).mapEmpty();
  }

  public Future<List<JsonObject>> scores(SqlClient sql, long applicationId, Long onlyReviewer) {
    return sql.preparedQuery(SCORES).execute(Tuple.of(applicationId, onlyReviewer)).map(rows -> {
      List<JsonObject> list = new ArrayList<>();
      rows.forEach(r -> list.add(new JsonObject().put("reviewerId", r.getLong("reviewer_user_id")).put("reviewer", r.getString("reviewer"))
          .put("criterion", r.getString("criterion_code")).put("score", r.getNumeric("score").doubleValue()).put("comment", r.getString("comment"))));
      return list;
    });
  }

  public Future<List<Score>> callScores(SqlClient sql, long callId) {
    return sql.preparedQuery(CALL_SCORES).execute(Tuple.of(callId)).map(rows -> {
      List<Score> list = new ArrayList<>();
      rows.forEach(r -> list.add(new Score(r.getLong("application_id"), r.getLong("reviewer_user_id"), r.getString("criterion_code"),
          r.getNumeric("score").doubleValue())));
      return list;
    });
  }

  public Future<Boolean> rankingClosed(SqlClient sql, long callId) {
    return sql.preparedQuery(RANKING_CLOSED).execute(Tuple.of(callId))
        .map(rows -> rows.size() > 0 && rows.iterator().next().getBoolean("closed"));
  }

  /** Locks the call for the selection; returns its status, number to select and year. */
  public Future<Optional<JsonObject>> lockCall(SqlClient sql, long callId) {
    return sql.preparedQuery(LOCK_CALL).execute(Tuple.of(callId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new JsonObject().put("status", r.getString("status")).put("projectsToSelect", r.getInteger("projects_to_select"))
          .put("year", r.getInteger("year")));
    });
  }

  public Future<Void> closeCall(SqlClient sql, long callId) {
    return sql.preparedQuery(CLOSE_CALL).execute(Tuple.of(callId)).mapEmpty();
  }

  public Future<Void> decide(SqlClient sql, long applicationId, String status, String reason, Long projectId) {
    return sql.preparedQuery(SET_DECISION).execute(Tuple.of(applicationId, status, reason, projectId)).mapEmpty();
  }

  /** The organisation for a consortium member: the firm with that 사업자등록번호, or one of that kind and name, or a new one. */
  public Future<Long> organisationFor(SqlClient sql, ApplicationDraft.Member m) {
    Future<io.vertx.sqlclient.RowSet<Row>> found = m.businessNumber() != null
        ? sql.preparedQuery(FIND_ORG_BY_NUMBER).execute(Tuple.of(m.businessNumber()))
        : sql.preparedQuery(FIND_ORG_BY_NAME).execute(Tuple.of(m.kind(), m.name()));
    return found.compose(rows -> rows.size() > 0
        ? Future.succeededFuture(rows.iterator().next().getLong("id"))
        : sql.preparedQuery(INSERT_ORG).execute(Tuple.of(m.kind(), m.name(), m.businessNumber(), m.regionCode()))
            .map(r -> r.iterator().next().getLong("id")));
  }

  public Future<String> nextProjectCode(SqlClient sql, int year) {
    return sql.preparedQuery(NEXT_PROJECT_CODE).execute(Tuple.of(Integer.toString(year))).map(rows -> rows.iterator().next().getString("code"));
  }

  public Future<List<Long>> applicantUsers(SqlClient sql, long organisationId) {
    return sql.preparedQuery(APPLICANT_USERS).execute(Tuple.of(organisationId)).map(rows -> {
      List<Long> ids = new ArrayList<>();
      rows.forEach(r -> ids.add(r.getLong("id")));
      return ids;
    });
  }
}
