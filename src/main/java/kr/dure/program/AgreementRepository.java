package kr.dure.program;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for agreements, their budget and KPIs, change requests, spending records and KPI reports. */
public final class AgreementRepository {

  private static final String PROJECT = "SELECT id, call_id, lead_organisation_id, status FROM project WHERE id = $1";
  private static final String FIND = """
      SELECT project_id, period_start, period_end, status, ministry_confirmed_at, lead_confirmed_at FROM agreement WHERE project_id = $1
      """;
  private static final String LOCK = FIND + " FOR UPDATE";
  private static final String UPSERT = """
      INSERT INTO agreement (project_id, period_start, period_end) VALUES ($1, $2, $3)
      ON CONFLICT (project_id) DO UPDATE SET period_start = excluded.period_start, period_end = excluded.period_end,
          ministry_confirmed_by = NULL, ministry_confirmed_at = NULL, lead_confirmed_by = NULL, lead_confirmed_at = NULL, updated_at = now()
      """;
  private static final String DELETE_BUDGET = "DELETE FROM agreement_budget WHERE project_id = $1";
  private static final String INSERT_BUDGET = "INSERT INTO agreement_budget (project_id, category_code, source, amount_won) VALUES ($1, $2, $3, $4)";
  private static final String BUDGET = "SELECT category_code, source, amount_won FROM agreement_budget WHERE project_id = $1 ORDER BY category_code, source";
  private static final String DELETE_KPIS = "DELETE FROM agreement_kpi WHERE project_id = $1 AND NOT EXISTS (SELECT 1 FROM kpi_report r WHERE r.kpi_id = agreement_kpi.id)";
  private static final String INSERT_KPI = "INSERT INTO agreement_kpi (project_id, name, unit, target, position) VALUES ($1, $2, $3, $4, $5)";
  private static final String KPIS = """
      SELECT k.id, k.name, k.unit, k.target,
             coalesce(json_agg(json_build_object('period', r.period, 'actual', r.actual, 'note', r.note) ORDER BY r.period)
                      FILTER (WHERE r.id IS NOT NULL), '[]') AS reports
        FROM agreement_kpi k LEFT JOIN kpi_report r ON r.kpi_id = k.id
       WHERE k.project_id = $1 GROUP BY k.id ORDER BY k.position, k.id
      """;
  private static final String CONFIRM_MINISTRY = "UPDATE agreement SET ministry_confirmed_by = $2, ministry_confirmed_at = now(), updated_at = now() WHERE project_id = $1";
  private static final String CONFIRM_LEAD = "UPDATE agreement SET lead_confirmed_by = $2, lead_confirmed_at = now(), updated_at = now() WHERE project_id = $1";
  private static final String SIGN_IF_BOTH = """
      UPDATE agreement SET status = 'SIGNED', updated_at = now()
       WHERE project_id = $1 AND ministry_confirmed_at IS NOT NULL AND lead_confirmed_at IS NOT NULL RETURNING project_id
      """;
  private static final String ACTIVATE_PROJECT = "UPDATE project SET status = 'ACTIVE' WHERE id = $1";
  private static final String SPENT = """
      SELECT category_code, source, sum(amount_won) AS spent FROM spending WHERE project_id = $1 GROUP BY category_code, source
      """;
  private static final String INSERT_SPENDING = """
      INSERT INTO spending (project_id, spent_on, category_code, source, amount_won, payee, payee_organisation_id, description, recorded_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id
      """;
  private static final String LIST_SPENDING = """
      SELECT s.id, s.spent_on, s.category_code, s.source, s.amount_won, s.payee, s.payee_organisation_id, o.name AS payee_organisation,
             s.description, s.recorded_at, s.evidence_filename, s.evidence_type, length(s.evidence) AS evidence_bytes
        FROM spending s LEFT JOIN organisation o ON o.id = s.payee_organisation_id
       WHERE s.project_id = $1 ORDER BY s.spent_on DESC, s.id DESC
      """;
  private static final String INSERT_CHANGE = """
      INSERT INTO agreement_change (project_id, kind, proposal, reason, requested_by) VALUES ($1, $2, $3, $4, $5) RETURNING id
      """;
  private static final String LOCK_CHANGE = "SELECT id, project_id, kind, proposal, status FROM agreement_change WHERE id = $1 FOR UPDATE";
  private static final String DECIDE_CHANGE = """
      UPDATE agreement_change SET status = $2, decided_by = $3, decided_at = now(), decision_note = $4 WHERE id = $1
      """;
  private static final String CHANGES = """
      SELECT c.id, c.kind, c.proposal, c.reason, c.status, c.requested_at, c.decided_at, c.decision_note, u.name AS requested_by,
             d.name AS decided_by
        FROM agreement_change c JOIN app_user u ON u.id = c.requested_by LEFT JOIN app_user d ON d.id = c.decided_by
       WHERE c.project_id = $1 ORDER BY c.requested_at DESC, c.id DESC
      """;
  private static final String KPI_PROJECT = "SELECT project_id FROM agreement_kpi WHERE id = $1";
  private static final String UPSERT_KPI_REPORT = """
      INSERT INTO kpi_report (kpi_id, period, actual, note, reported_by) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT ON CONSTRAINT kpi_report_one_per_period DO UPDATE SET actual = excluded.actual, note = excluded.note,
          reported_by = excluded.reported_by, reported_at = now()
      """;

  /** A project as agreements need it. */
  public record ProjectRef(long id, long callId, long leadOrganisationId, String status) {
  }

  /** An agreement's header. */
  public record Agreement(long projectId, LocalDate periodStart, LocalDate periodEnd, String status, boolean ministryConfirmed,
      boolean leadConfirmed) {
    static Agreement from(Row r) {
      return new Agreement(r.getLong("project_id"), r.getLocalDate("period_start"), r.getLocalDate("period_end"), r.getString("status"),
          r.getOffsetDateTime("ministry_confirmed_at") != null, r.getOffsetDateTime("lead_confirmed_at") != null);
    }

    public JsonObject toJson() {
      return new JsonObject().put("projectId", projectId).put("periodStart", periodStart.toString()).put("periodEnd", periodEnd.toString())
          .put("status", status).put("ministryConfirmed", ministryConfirmed).put("leadConfirmed", leadConfirmed);
    }
  }

  public Future<Optional<ProjectRef>> project(SqlClient sql, long id) {
    return sql.preparedQuery(PROJECT).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new ProjectRef(r.getLong("id"), r.getLong("call_id"), r.getLong("lead_organisation_id"), r.getString("status")));
    });
  }

  public Future<Optional<Agreement>> find(SqlClient sql, long projectId, boolean lock) {
    return sql.preparedQuery(lock ? LOCK : FIND).execute(Tuple.of(projectId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Agreement.from(rows.iterator().next())));
  }

  public Future<Void> upsert(SqlClient sql, long projectId, LocalDate start, LocalDate end) {
    return sql.preparedQuery(UPSERT).execute(Tuple.of(projectId, start, end)).mapEmpty();
  }

  public Future<Void> replaceBudget(SqlClient sql, long projectId, List<ApplicationDraft.BudgetLine> lines) {
    List<Tuple> rows = lines.stream().map(l -> Tuple.of(projectId, l.categoryCode(), l.source(), l.amountWon())).toList();
    return sql.preparedQuery(DELETE_BUDGET).execute(Tuple.of(projectId))
        .compose(v -> rows.isEmpty() ? Future.succeededFuture() : sql.preparedQuery(INSERT_BUDGET).executeBatch(rows).mapEmpty())
        .mapEmpty();
  }

  public Future<Void> replaceKpis(SqlClient sql, long projectId, List<ApplicationDraft.Kpi> kpis) {
    List<Tuple> rows = new ArrayList<>();
    for (int i = 0; i < kpis.size(); i++) {
      rows.add(Tuple.of(projectId, kpis.get(i).name(), kpis.get(i).unit(), java.math.BigDecimal.valueOf(kpis.get(i).target()), i));
    }
    return sql.preparedQuery(DELETE_KPIS).execute(Tuple.of(projectId))
        .compose(v -> rows.isEmpty() ? Future.succeededFuture() : sql.preparedQuery(INSERT_KPI).executeBatch(rows).mapEmpty())
        .mapEmpty();
  }

  public Future<List<ApplicationDraft.BudgetLine>> budget(SqlClient sql, long projectId) {
    return sql.preparedQuery(BUDGET).execute(Tuple.of(projectId)).map(rows -> {
      List<ApplicationDraft.BudgetLine> lines = new ArrayList<>();
      rows.forEach(r -> lines.add(new ApplicationDraft.BudgetLine(r.getString("category_code"), r.getString("source"), r.getLong("amount_won"))));
      return lines;
    });
  }

  public Future<JsonArray> kpis(SqlClient sql, long projectId) {
    return sql.preparedQuery(KPIS).execute(Tuple.of(projectId)).map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> out.add(new JsonObject().put("id", r.getLong("id")).put("name", r.getString("name")).put("unit", r.getString("unit"))
          .put("target", r.getNumeric("target").doubleValue()).put("reports", r.getJsonArray("reports"))));
      return out;
    });
  }

  public Future<Boolean> confirm(SqlClient sql, long projectId, boolean ministry, long userId) {
    return sql.preparedQuery(ministry ? CONFIRM_MINISTRY : CONFIRM_LEAD).execute(Tuple.of(projectId, userId))
        .compose(v -> sql.preparedQuery(SIGN_IF_BOTH).execute(Tuple.of(projectId)))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture(false)
            : sql.preparedQuery(ACTIVATE_PROJECT).execute(Tuple.of(projectId)).map(true));
  }

  /** Amounts spent so far, by "CATEGORY/SOURCE". */
  public Future<java.util.Map<String, Long>> spent(SqlClient sql, long projectId) {
    return sql.preparedQuery(SPENT).execute(Tuple.of(projectId)).map(rows -> {
      java.util.Map<String, Long> spent = new java.util.HashMap<>();
      rows.forEach(r -> spent.put(r.getString("category_code") + "/" + r.getString("source"), r.getNumeric("spent").longValue()));
      return spent;
    });
  }

  public Future<Long> insertSpending(SqlClient sql, long projectId, LocalDate day, String category, String source, long amount,
      String payee, Long payeeOrganisationId, String description, long userId) {
    return sql.preparedQuery(INSERT_SPENDING).execute(Tuple.from(new Object[] {projectId, day, category, source, amount, payee,
        payeeOrganisationId, description, userId})).map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<JsonArray> spending(SqlClient sql, long projectId) {
    return sql.preparedQuery(LIST_SPENDING).execute(Tuple.of(projectId)).map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> out.add(new JsonObject().put("id", r.getLong("id")).put("spentOn", r.getLocalDate("spent_on").toString())
          .put("category", r.getString("category_code")).put("source", r.getString("source")).put("amountWon", r.getLong("amount_won"))
          .put("payee", r.getString("payee")).put("payeeOrganisationId", r.getLong("payee_organisation_id"))
          .put("payeeOrganisation", r.getString("payee_organisation")).put("description", r.getString("description"))
          .put("recordedAt", r.getOffsetDateTime("recorded_at").toInstant().toString())
          .put("hasEvidence", r.getString("evidence_type") != null).put("evidenceFilename", r.getString("evidence_filename"))
          .put("evidenceType", r.getString("evidence_type")).put("evidenceBytes", r.getInteger("evidence_bytes"))));
      return out;
    });
  }

  public Future<Long> insertChange(SqlClient sql, long projectId, String kind, JsonObject proposal, String reason, long userId) {
    return sql.preparedQuery(INSERT_CHANGE).execute(Tuple.of(projectId, kind, proposal, reason, userId))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<Optional<JsonObject>> lockChange(SqlClient sql, long id) {
    return sql.preparedQuery(LOCK_CHANGE).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new JsonObject().put("id", r.getLong("id")).put("projectId", r.getLong("project_id")).put("kind", r.getString("kind"))
          .put("proposal", r.getJsonObject("proposal")).put("status", r.getString("status")));
    });
  }

  public Future<Void> decideChange(SqlClient sql, long id, String status, long userId, String note) {
    return sql.preparedQuery(DECIDE_CHANGE).execute(Tuple.of(id, status, userId, note)).mapEmpty();
  }

  public Future<JsonArray> changes(SqlClient sql, long projectId) {
    return sql.preparedQuery(CHANGES).execute(Tuple.of(projectId)).map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> out.add(new JsonObject().put("id", r.getLong("id")).put("kind", r.getString("kind"))
          .put("proposal", r.getJsonObject("proposal")).put("reason", r.getString("reason")).put("status", r.getString("status"))
          .put("requestedBy", r.getString("requested_by")).put("requestedAt", r.getOffsetDateTime("requested_at").toInstant().toString())
          .put("decidedAt", r.getOffsetDateTime("decided_at") == null ? null : r.getOffsetDateTime("decided_at").toInstant().toString())
          .put("decisionNote", r.getString("decision_note")).put("decidedBy", r.getString("decided_by"))));
      return out;
    });
  }

  public Future<Optional<Long>> kpiProject(SqlClient sql, long kpiId) {
    return sql.preparedQuery(KPI_PROJECT).execute(Tuple.of(kpiId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong("project_id")));
  }

  public Future<Void> reportKpi(SqlClient sql, long kpiId, String period, double actual, String note, long userId) {
    return sql.preparedQuery(UPSERT_KPI_REPORT).execute(Tuple.of(kpiId, period, java.math.BigDecimal.valueOf(actual), note, userId)).mapEmpty();
  }

  // ---- pages of a running project: confirmations, evidence, plan changes, the application's terms

  private static final String CONFIRMATIONS = """
      SELECT m.name AS ministry_name, a.ministry_confirmed_at, l.name AS lead_name, a.lead_confirmed_at
        FROM agreement a LEFT JOIN app_user m ON m.id = a.ministry_confirmed_by LEFT JOIN app_user l ON l.id = a.lead_confirmed_by
       WHERE a.project_id = $1
      """;
  private static final String INSERT_SPENDING_WITH_EVIDENCE = """
      INSERT INTO spending (project_id, spent_on, category_code, source, amount_won, payee, payee_organisation_id, description, recorded_by,
                            evidence_filename, evidence_type, evidence)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id
      """;
  private static final String SPENDING_PROJECT = "SELECT project_id FROM spending WHERE id = $1";
  private static final String SET_EVIDENCE = """
      UPDATE spending SET evidence_filename = $2, evidence_type = $3, evidence = $4 WHERE id = $1
      """;
  private static final String EVIDENCE = "SELECT evidence_filename, evidence_type, evidence FROM spending WHERE id = $1 AND evidence IS NOT NULL";
  private static final String ORGANISATION_EXISTS = "SELECT EXISTS (SELECT 1 FROM organisation WHERE id = $1)";
  private static final String SET_PERIOD = "UPDATE agreement SET period_start = $2, period_end = $3, updated_at = now() WHERE project_id = $1";
  private static final String SET_KPI_TARGET = "UPDATE agreement_kpi SET target = $3 WHERE project_id = $1 AND id = $2";
  private static final String APPLICATION_BUDGET = """
      SELECT b.category_code, b.source, b.amount_won FROM application a JOIN application_budget b ON b.application_id = a.id
       WHERE a.project_id = $1 ORDER BY b.category_code, b.source
      """;
  private static final String APPLICATION_KPIS = """
      SELECT k.name, k.unit, k.target FROM application a JOIN application_kpi k ON k.application_id = a.id
       WHERE a.project_id = $1 ORDER BY k.position
      """;

  /** Who confirmed the agreement for each side, and when (null where not yet). */
  public Future<JsonObject> confirmations(SqlClient sql, long projectId) {
    return sql.preparedQuery(CONFIRMATIONS).execute(Tuple.of(projectId)).map(rows -> {
      JsonObject out = new JsonObject();
      if (rows.size() > 0) {
        Row r = rows.iterator().next();
        out.put("ministryConfirmedBy", r.getString("ministry_name"))
            .put("ministryConfirmedAt", r.getOffsetDateTime("ministry_confirmed_at") == null ? null
                : r.getOffsetDateTime("ministry_confirmed_at").toInstant().toString())
            .put("leadConfirmedBy", r.getString("lead_name"))
            .put("leadConfirmedAt", r.getOffsetDateTime("lead_confirmed_at") == null ? null
                : r.getOffsetDateTime("lead_confirmed_at").toInstant().toString());
      }
      return out;
    });
  }

  public Future<Long> insertSpending(SqlClient sql, long projectId, LocalDate day, String category, String source, long amount,
      String payee, Long payeeOrganisationId, String description, long userId, Evidence.File evidence) {
    if (evidence == null) {
      return insertSpending(sql, projectId, day, category, source, amount, payee, payeeOrganisationId, description, userId);
    }
    return sql.preparedQuery(INSERT_SPENDING_WITH_EVIDENCE).execute(Tuple.from(new Object[] {projectId, day, category, source, amount, payee,
        payeeOrganisationId, description, userId, evidence.filename(), evidence.contentType(), evidence.bytes()}))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<Optional<Long>> spendingProject(SqlClient sql, long spendingId) {
    return sql.preparedQuery(SPENDING_PROJECT).execute(Tuple.of(spendingId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong("project_id")));
  }

  public Future<Void> setEvidence(SqlClient sql, long spendingId, Evidence.File evidence) {
    return sql.preparedQuery(SET_EVIDENCE).execute(Tuple.of(spendingId, evidence.filename(), evidence.contentType(), evidence.bytes()))
        .mapEmpty();
  }

  public Future<Optional<Evidence.File>> evidence(SqlClient sql, long spendingId) {
    return sql.preparedQuery(EVIDENCE).execute(Tuple.of(spendingId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new Evidence.File(r.getString("evidence_filename"), r.getString("evidence_type"), r.getBuffer("evidence")));
    });
  }

  public Future<Boolean> organisationExists(SqlClient sql, long organisationId) {
    return sql.preparedQuery(ORGANISATION_EXISTS).execute(Tuple.of(organisationId)).map(rows -> rows.iterator().next().getBoolean(0));
  }

  public Future<Void> setPeriod(SqlClient sql, long projectId, LocalDate start, LocalDate end) {
    return sql.preparedQuery(SET_PERIOD).execute(Tuple.of(projectId, start, end)).mapEmpty();
  }

  public Future<Void> setKpiTarget(SqlClient sql, long projectId, long kpiId, double target) {
    return sql.preparedQuery(SET_KPI_TARGET).execute(Tuple.of(projectId, kpiId, java.math.BigDecimal.valueOf(target))).mapEmpty();
  }

  /** The budget and KPIs of the application the project was selected from: the first draft of its agreement. */
  public Future<ApplicationDraft> applicationTerms(SqlClient sql, long projectId) {
    return sql.preparedQuery(APPLICATION_BUDGET).execute(Tuple.of(projectId)).compose(budgetRows ->
        sql.preparedQuery(APPLICATION_KPIS).execute(Tuple.of(projectId)).map(kpiRows -> {
          List<ApplicationDraft.BudgetLine> budget = new ArrayList<>();
          budgetRows.forEach(r -> budget.add(new ApplicationDraft.BudgetLine(r.getString("category_code"), r.getString("source"),
              r.getLong("amount_won"))));
          List<ApplicationDraft.Kpi> kpis = new ArrayList<>();
          kpiRows.forEach(r -> kpis.add(new ApplicationDraft.Kpi(r.getString("name"), r.getString("unit"), r.getNumeric("target").doubleValue())));
          return new ApplicationDraft("", List.of(), "", "", List.of(), budget, kpis);
        }));
  }

  private static final String SPENDING_SPAN = "SELECT min(spent_on) AS first, max(spent_on) AS last FROM spending WHERE project_id = $1";
  private static final String ORGANISATION_USERS = "SELECT id FROM app_user WHERE organisation_id = $1 AND active";
  private static final String MINISTRY_USERS = "SELECT id FROM app_user WHERE role = 'MINISTRY' AND active";
  private static final String PENDING_CHANGES = "SELECT count(*) FROM agreement_change WHERE project_id = $1 AND status = 'REQUESTED'";

  /** The first and last day money was spent on, or nulls when nothing is spent. */
  public Future<LocalDate[]> spendingSpan(SqlClient sql, long projectId) {
    return sql.preparedQuery(SPENDING_SPAN).execute(Tuple.of(projectId)).map(rows -> {
      Row r = rows.iterator().next();
      return new LocalDate[] {r.getLocalDate("first"), r.getLocalDate("last")};
    });
  }

  /** Active users of an organisation, or of the ministry when {@code organisationId} is null: whom to notify. */
  public Future<List<Long>> usersToNotify(SqlClient sql, Long organisationId) {
    var query = organisationId == null ? sql.preparedQuery(MINISTRY_USERS).execute() : sql.preparedQuery(ORGANISATION_USERS).execute(Tuple.of(organisationId));
    return query.map(rows -> {
      List<Long> ids = new ArrayList<>();
      rows.forEach(r -> ids.add(r.getLong("id")));
      return ids;
    });
  }

  public Future<Long> pendingChanges(SqlClient sql, long projectId) {
    return sql.preparedQuery(PENDING_CHANGES).execute(Tuple.of(projectId)).map(rows -> rows.iterator().next().getLong(0));
  }
}
