package kr.dure.monitoring;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SQL of fees and statements. What a booking is charged is decided here, in one place: its fee once
 * confirmed (or checked in, completed); the late-cancel charge when the firm cancelled after the
 * free-cancellation deadline; the no-show charge; nothing while only requested, and nothing when
 * rejected, cancelled in time, or a hold that lapsed. The booking's {@code fee_won} already holds the
 * amount of each case (BookingService sets it on every change of status).
 */
public final class StatementsRepository {

  /** Bookings that are on a statement at all: a lapsed hold or an expired offer never became one. */
  static final String LISTED = "b.status NOT IN ('HELD', 'EXPIRED')";
  static final String BASE_FEE = "CASE WHEN b.status IN ('CONFIRMED', 'CHECKED_IN', 'COMPLETED') THEN b.fee_won ELSE 0 END";
  static final String LATE_CANCEL_FEE = "CASE WHEN b.status = 'CANCELLED' AND b.late_cancel THEN b.fee_won ELSE 0 END";
  static final String NO_SHOW_FEE = "CASE WHEN b.status = 'NO_SHOW' THEN b.fee_won ELSE 0 END";
  static final String CHARGED = "(" + BASE_FEE + " + " + LATE_CANCEL_FEE + " + " + NO_SHOW_FEE + ")";

  private static final String ORGANISATION = """
      SELECT id, name, coalesce(name_en, '') AS name_en, kind FROM organisation WHERE id = $1
      """;
  // $4: every project; else only the projects in $5
  private static final String STATEMENT_LINES = """
      SELECT b.id, b.starts_at, b.ends_at, b.status, b.late_cancel, b.units, b.pallets, b.kg,
             r.id AS resource_id, r.name_ko, r.name_en, r.kind, p.code AS project_code, u.name AS user_name,
      """ + BASE_FEE + " AS base_fee, " + LATE_CANCEL_FEE + " AS late_cancel_fee, " + NO_SHOW_FEE + " AS no_show_fee" + """

        FROM booking b
        JOIN resource r ON r.id = b.resource_id
        JOIN project p ON p.id = r.project_id
        JOIN app_user u ON u.id = b.user_id
       WHERE b.organisation_id = $1 AND b.starts_at >= $2 AND b.starts_at < $3 AND
      """ + LISTED + """

         AND ($4 OR r.project_id = ANY($5::bigint[]))
       ORDER BY b.starts_at, b.id
      """;
  private static final String COORDINATED_PROJECTS = """
      SELECT p.id, p.code, p.title_ko, p.title_en FROM project p
        JOIN project_user pu ON pu.project_id = p.id AND pu.user_id = $1 AND pu.project_role = 'COORDINATOR'
       ORDER BY p.code
      """;
  private static final String ALL_PROJECTS = """
      SELECT p.id, p.code, p.title_ko, p.title_en FROM project p ORDER BY p.code
      """;
  private static final String PROJECT = """
      SELECT p.id, p.code, p.title_ko, p.title_en FROM project p WHERE p.id = $1
      """;
  private static final String COORDINATED_WITH_FIRM = """
      SELECT pu.project_id FROM project_user pu
        JOIN project_organisation po ON po.project_id = pu.project_id AND po.organisation_id = $2
       WHERE pu.user_id = $1 AND pu.project_role = 'COORDINATOR'
      """;
  private static final String FIRM_FEES = """
      WITH month_bookings AS (
        SELECT b.organisation_id,
      """ + BASE_FEE + " AS base_fee, " + LATE_CANCEL_FEE + " AS late_cancel_fee, " + NO_SHOW_FEE + " AS no_show_fee" + """

          FROM booking b JOIN resource r ON r.id = b.resource_id
         WHERE r.project_id = $1 AND b.starts_at >= $2 AND b.starts_at < $3 AND
      """ + LISTED + """

      )
      SELECT o.id, o.name, coalesce(o.name_en, '') AS name_en,
             count(m.organisation_id) AS bookings,
             coalesce(sum(m.base_fee), 0) AS base_fee,
             coalesce(sum(m.late_cancel_fee), 0) AS late_cancel_fee,
             coalesce(sum(m.no_show_fee), 0) AS no_show_fee
        FROM organisation o
        LEFT JOIN month_bookings m ON m.organisation_id = o.id
       WHERE o.id IN (SELECT po.organisation_id FROM project_organisation po JOIN organisation x ON x.id = po.organisation_id
                       WHERE po.project_id = $1 AND x.kind = 'SME')
          OR o.id IN (SELECT organisation_id FROM month_bookings)
       GROUP BY o.id
       ORDER BY o.name
      """;
  private static final String RESOURCE_FEES = """
      SELECT r.id, r.name_ko, r.name_en, r.kind, r.monthly_operating_cost,
             count(b.id) AS bookings,
             coalesce(sum(
      """ + CHARGED + """
      ), 0) AS charged
        FROM resource r
        LEFT JOIN booking b ON b.resource_id = r.id AND b.starts_at >= $2 AND b.starts_at < $3 AND
      """ + LISTED + """

       WHERE r.project_id = $1
       GROUP BY r.id
      HAVING r.active OR count(b.id) > 0
       ORDER BY r.kind, r.name_ko, r.id
      """;

  /** The whole booking history the caller may export, oldest first; $1 one firm or null, $2 every project or only those in $3. */
  static final String HISTORY_WHERE = """
       WHERE ($1::bigint IS NULL OR b.organisation_id = $1)
         AND ($2 OR r.project_id = ANY($3::bigint[]))
      """;
  static final String HISTORY = """
      SELECT b.id, p.code AS project_code, o.name AS organisation, r.name_ko, r.name_en, r.kind, b.starts_at, b.ends_at,
             b.status, b.units, b.pallets, b.kg, b.late_cancel, b.created_at,
      """ + BASE_FEE + " AS base_fee, " + LATE_CANCEL_FEE + " AS late_cancel_fee, " + NO_SHOW_FEE + " AS no_show_fee" + """

        FROM booking b
        JOIN resource r ON r.id = b.resource_id
        JOIN project p ON p.id = r.project_id
        JOIN organisation o ON o.id = b.organisation_id
      """ + HISTORY_WHERE + """
       ORDER BY b.id
      """;
  private static final String HISTORY_COUNT = """
      SELECT count(*) FROM booking b JOIN resource r ON r.id = b.resource_id
      """ + HISTORY_WHERE;

  public record Organisation(long id, String name, String nameEn, String kind) {
    JsonObject toJson() {
      return new JsonObject().put("id", id).put("name", name).put("nameEn", nameEn);
    }
  }

  public record Project(long id, String code, String titleKo, String titleEn) {
    static Project from(Row r) {
      return new Project(r.getLong("id"), r.getString("code"), r.getString("title_ko"), r.getString("title_en"));
    }

    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("code", code).put("titleKo", titleKo).put("titleEn", titleEn);
    }
  }

  public Future<Optional<Organisation>> organisation(SqlClient sql, long id) {
    return sql.preparedQuery(ORGANISATION).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new Organisation(r.getLong("id"), r.getString("name"), r.getString("name_en"), r.getString("kind")));
    });
  }

  public Future<List<Statement.Line>> statementLines(SqlClient sql, long organisationId, OffsetDateTime from, OffsetDateTime to,
      boolean allProjects, List<Long> projectIds) {
    return sql.preparedQuery(STATEMENT_LINES)
        .execute(Tuple.of(organisationId, from, to, allProjects, projectIds.toArray(new Long[0])))
        .map(rows -> {
          List<Statement.Line> lines = new ArrayList<>();
          rows.forEach(r -> lines.add(Statement.Line.from(r)));
          return lines;
        });
  }

  public Future<List<Project>> coordinatedProjects(SqlClient sql, long userId) {
    return sql.preparedQuery(COORDINATED_PROJECTS).execute(Tuple.of(userId)).map(StatementsRepository::projects);
  }

  public Future<List<Project>> allProjects(SqlClient sql) {
    return sql.query(ALL_PROJECTS).execute().map(StatementsRepository::projects);
  }

  public Future<Optional<Project>> project(SqlClient sql, long id) {
    return sql.preparedQuery(PROJECT).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Project.from(rows.iterator().next())));
  }

  /** The projects the coordinator runs that the firm is a member of. */
  public Future<List<Long>> coordinatedWithFirm(SqlClient sql, long userId, long organisationId) {
    return sql.preparedQuery(COORDINATED_WITH_FIRM).execute(Tuple.of(userId, organisationId)).map(rows -> {
      List<Long> ids = new ArrayList<>();
      rows.forEach(r -> ids.add(r.getLong(0)));
      return ids;
    });
  }

  public Future<List<ProjectFees.FirmFees>> firmFees(SqlClient sql, long projectId, OffsetDateTime from, OffsetDateTime to) {
    return sql.preparedQuery(FIRM_FEES).execute(Tuple.of(projectId, from, to)).map(rows -> {
      List<ProjectFees.FirmFees> list = new ArrayList<>();
      rows.forEach(r -> list.add(new ProjectFees.FirmFees(r.getLong("id"), r.getString("name"), r.getString("name_en"),
          r.getLong("bookings"), r.getLong("base_fee"), r.getLong("late_cancel_fee"), r.getLong("no_show_fee"))));
      return list;
    });
  }

  public Future<List<ProjectFees.ResourceRecovery>> resourceFees(SqlClient sql, long projectId, OffsetDateTime from,
      OffsetDateTime to) {
    return sql.preparedQuery(RESOURCE_FEES).execute(Tuple.of(projectId, from, to)).map(rows -> {
      List<ProjectFees.ResourceRecovery> list = new ArrayList<>();
      rows.forEach(r -> list.add(new ProjectFees.ResourceRecovery(r.getLong("id"), r.getString("name_ko"), r.getString("name_en"),
          r.getString("kind"), r.getLong("monthly_operating_cost"), r.getLong("bookings"), r.getLong("charged"))));
      return list;
    });
  }

  public Future<Long> historyCount(SqlClient sql, BookingScope scope) {
    return sql.preparedQuery(HISTORY_COUNT).execute(scope.args()).map(rows -> rows.iterator().next().getLong(0));
  }

  private static List<Project> projects(io.vertx.sqlclient.RowSet<Row> rows) {
    List<Project> list = new ArrayList<>();
    rows.forEach(r -> list.add(Project.from(r)));
    return list;
  }

  static OffsetDateTime utc(java.time.Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  /** Which bookings an export covers: one firm or all ($1), every project or some ($2, $3). */
  public record BookingScope(Long organisationId, boolean allProjects, List<Long> projectIds) {
    Tuple args() {
      return Tuple.of(organisationId, allProjects, projectIds.toArray(new Long[0]));
    }
  }
}
