package kr.dure.program;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kr.dure.project.CollaborationType;

/** SQL for applications and their consortium, budget, KPIs and status history. */
public final class ApplicationRepository {

  private static final String COLUMNS = """
      a.id, a.call_id, a.applicant_organisation_id, a.status, a.title, a.collaboration_types, a.model_description,
      a.resource_plan, a.submitted_at, a.created_at, a.updated_at, o.name AS applicant_name, o.region_code AS applicant_region
      """;
  private static final String FIND = "SELECT " + COLUMNS + " FROM application a JOIN organisation o ON o.id = a.applicant_organisation_id WHERE a.id = $1";
  private static final String LOCK = FIND + " FOR UPDATE OF a";
  private static final String BY_APPLICANT = "SELECT " + COLUMNS
      + " FROM application a JOIN organisation o ON o.id = a.applicant_organisation_id WHERE a.applicant_organisation_id = $1 ORDER BY a.created_at DESC";
  private static final String BY_CALL = "SELECT " + COLUMNS
      + " FROM application a JOIN organisation o ON o.id = a.applicant_organisation_id WHERE a.call_id = $1 AND a.status <> 'DRAFT' ORDER BY a.submitted_at";
  private static final String INSERT = """
      INSERT INTO application (call_id, applicant_organisation_id, created_by) VALUES ($1, $2, $3) RETURNING id
      """;
  private static final String UPDATE = """
      UPDATE application SET title = $2, collaboration_types = $3, model_description = $4, resource_plan = $5, updated_at = now()
       WHERE id = $1
      """;
  private static final String SET_STATUS = """
      UPDATE application SET status = $2, submitted_at = CASE WHEN $2 = 'SUBMITTED' THEN now() ELSE submitted_at END, updated_at = now()
       WHERE id = $1
      """;
  private static final String OTHER_ACTIVE = """
      SELECT EXISTS (SELECT 1 FROM application WHERE call_id = $1 AND applicant_organisation_id = $2 AND id <> $3
                      AND status NOT IN ('WITHDRAWN', 'DRAFT')) AS other
      """;
  private static final String HISTORY = "INSERT INTO application_status_history (application_id, status, by_user_id, note) VALUES ($1, $2, $3, $4)";
  private static final String LIST_HISTORY = """
      SELECT h.status, h.at, h.note, u.name AS by_name FROM application_status_history h LEFT JOIN app_user u ON u.id = h.by_user_id
       WHERE h.application_id = $1 ORDER BY h.at, h.id
      """;
  private static final String DELETE_MEMBERS = "DELETE FROM application_member WHERE application_id = $1";
  private static final String INSERT_MEMBER = """
      INSERT INTO application_member (application_id, kind, name, business_number, region_code, role_description, is_lead, position)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      """;
  private static final String MEMBERS = """
      SELECT kind, name, business_number, region_code, role_description, is_lead FROM application_member WHERE application_id = $1 ORDER BY position
      """;
  private static final String DELETE_BUDGET = "DELETE FROM application_budget WHERE application_id = $1";
  private static final String INSERT_BUDGET = "INSERT INTO application_budget (application_id, category_code, source, amount_won) VALUES ($1, $2, $3, $4)";
  private static final String BUDGET = "SELECT category_code, source, amount_won FROM application_budget WHERE application_id = $1 ORDER BY category_code, source";
  private static final String DELETE_KPIS = "DELETE FROM application_kpi WHERE application_id = $1";
  private static final String INSERT_KPI = "INSERT INTO application_kpi (application_id, name, unit, target, position) VALUES ($1, $2, $3, $4, $5)";
  private static final String KPIS = "SELECT name, unit, target FROM application_kpi WHERE application_id = $1 ORDER BY position";

  /** An application with who applied and where it stands. */
  public record Header(long id, long callId, long applicantId, String applicantName, String applicantRegion, String status,
      String title, List<CollaborationType> types, String modelDescription, String resourcePlan, String submittedAt, String updatedAt) {

    static Header from(Row r) {
      return new Header(r.getLong("id"), r.getLong("call_id"), r.getLong("applicant_organisation_id"), r.getString("applicant_name"),
          r.getString("applicant_region"), r.getString("status"), r.getString("title"),
          java.util.Arrays.stream(r.getArrayOfStrings("collaboration_types")).map(CollaborationType::valueOf).toList(),
          r.getString("model_description"), r.getString("resource_plan"),
          r.getOffsetDateTime("submitted_at") == null ? null : r.getOffsetDateTime("submitted_at").toInstant().toString(),
          r.getOffsetDateTime("updated_at").toInstant().toString());
    }

    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("callId", callId).put("applicantOrganisationId", applicantId)
          .put("applicant", applicantName).put("applicantRegion", applicantRegion).put("status", status).put("title", title)
          .put("submittedAt", submittedAt).put("updatedAt", updatedAt);
    }
  }

  public Future<Long> insert(SqlClient sql, long callId, long applicantId, long userId) {
    return sql.preparedQuery(INSERT).execute(Tuple.of(callId, applicantId, userId)).map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<Optional<Header>> find(SqlClient sql, long id) {
    return sql.preparedQuery(FIND).execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Header.from(rows.iterator().next())));
  }

  public Future<Optional<Header>> lock(SqlClient sql, long id) {
    return sql.preparedQuery(LOCK).execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Header.from(rows.iterator().next())));
  }

  public Future<List<Header>> byApplicant(SqlClient sql, long organisationId) {
    return sql.preparedQuery(BY_APPLICANT).execute(Tuple.of(organisationId)).map(rows -> {
      List<Header> list = new ArrayList<>();
      rows.forEach(r -> list.add(Header.from(r)));
      return list;
    });
  }

  public Future<List<Header>> byCall(SqlClient sql, long callId) {
    return sql.preparedQuery(BY_CALL).execute(Tuple.of(callId)).map(rows -> {
      List<Header> list = new ArrayList<>();
      rows.forEach(r -> list.add(Header.from(r)));
      return list;
    });
  }

  /** Replaces the whole content of a draft. */
  public Future<Void> save(SqlClient sql, long id, ApplicationDraft d) {
    List<Tuple> members = new ArrayList<>();
    for (int i = 0; i < d.members().size(); i++) {
      ApplicationDraft.Member m = d.members().get(i);
      members.add(Tuple.from(new Object[] {id, m.kind(), m.name(), m.businessNumber(), m.regionCode(), m.roleDescription(), m.lead(), i}));
    }
    List<Tuple> budget = d.budget().stream().map(b -> Tuple.of(id, b.categoryCode(), b.source(), b.amountWon())).toList();
    List<Tuple> kpis = new ArrayList<>();
    for (int i = 0; i < d.kpis().size(); i++) {
      ApplicationDraft.Kpi k = d.kpis().get(i);
      kpis.add(Tuple.of(id, k.name(), k.unit(), java.math.BigDecimal.valueOf(k.target()), i));
    }
    return sql.preparedQuery(UPDATE).execute(Tuple.of(id, d.title(),
            d.collaborationTypes().stream().map(Enum::name).toArray(String[]::new), d.modelDescription(), d.resourcePlan()))
        .compose(v -> sql.preparedQuery(DELETE_MEMBERS).execute(Tuple.of(id)))
        .compose(v -> members.isEmpty() ? Future.succeededFuture() : sql.preparedQuery(INSERT_MEMBER).executeBatch(members).mapEmpty())
        .compose(v -> sql.preparedQuery(DELETE_BUDGET).execute(Tuple.of(id)))
        .compose(v -> budget.isEmpty() ? Future.succeededFuture() : sql.preparedQuery(INSERT_BUDGET).executeBatch(budget).mapEmpty())
        .compose(v -> sql.preparedQuery(DELETE_KPIS).execute(Tuple.of(id)))
        .compose(v -> kpis.isEmpty() ? Future.succeededFuture() : sql.preparedQuery(INSERT_KPI).executeBatch(kpis).mapEmpty())
        .mapEmpty();
  }

  /** The saved content of an application. */
  public Future<ApplicationDraft> content(SqlClient sql, Header h) {
    return sql.preparedQuery(MEMBERS).execute(Tuple.of(h.id())).compose(m -> sql.preparedQuery(BUDGET).execute(Tuple.of(h.id()))
        .compose(b -> sql.preparedQuery(KPIS).execute(Tuple.of(h.id())).map(k -> {
          List<ApplicationDraft.Member> members = new ArrayList<>();
          m.forEach(r -> members.add(new ApplicationDraft.Member(r.getString("kind"), r.getString("name"), r.getString("business_number"),
              r.getString("region_code"), r.getString("role_description"), r.getBoolean("is_lead"))));
          List<ApplicationDraft.BudgetLine> budget = new ArrayList<>();
          b.forEach(r -> budget.add(new ApplicationDraft.BudgetLine(r.getString("category_code"), r.getString("source"), r.getLong("amount_won"))));
          List<ApplicationDraft.Kpi> kpis = new ArrayList<>();
          k.forEach(r -> kpis.add(new ApplicationDraft.Kpi(r.getString("name"), r.getString("unit"), r.getNumeric("target").doubleValue())));
          return new ApplicationDraft(h.title(), h.types(), h.modelDescription(), h.resourcePlan(), members, budget, kpis);
        })));
  }

  public Future<Boolean> otherActive(SqlClient sql, long callId, long applicantId, long exceptId) {
    return sql.preparedQuery(OTHER_ACTIVE).execute(Tuple.of(callId, applicantId, exceptId)).map(rows -> rows.iterator().next().getBoolean("other"));
  }

  public Future<Void> setStatus(SqlClient sql, long id, String status, Long userId, String note) {
    return sql.preparedQuery(SET_STATUS).execute(Tuple.of(id, status))
        .compose(v -> sql.preparedQuery(HISTORY).execute(Tuple.of(id, status, userId, note))).mapEmpty();
  }

  public Future<Void> recordCreated(SqlClient sql, long id, long userId) {
    return sql.preparedQuery(HISTORY).execute(Tuple.of(id, "DRAFT", userId, "")).mapEmpty();
  }

  public Future<List<JsonObject>> history(SqlClient sql, long id) {
    return sql.preparedQuery(LIST_HISTORY).execute(Tuple.of(id)).map(rows -> {
      List<JsonObject> list = new ArrayList<>();
      rows.forEach(r -> list.add(new JsonObject().put("status", r.getString("status"))
          .put("at", r.getOffsetDateTime("at").toInstant().toString()).put("note", r.getString("note"))
          .put("by", r.getString("by_name") == null ? "" : r.getString("by_name"))));
      return list;
    });
  }
}
