package kr.dure.program;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** SQL for a call's full rules: window, caps, eligibility settings, budget categories, review criteria. */
public final class CallRepository {

  private static final String FIND = """
      SELECT id, title_ko, title_en, description_ko, description_en, opens_on, closes_on, projects_to_select, national_cap_won,
             local_min_won, total_cap_won, min_local_smes, require_support_history, eligible_statuses, status
        FROM grant_call WHERE id = $1
      """;
  private static final String CATEGORIES = "SELECT code, name_ko, name_en FROM call_budget_category WHERE call_id = $1 ORDER BY position, code";
  private static final String CRITERIA = "SELECT code, name_ko, name_en, weight FROM call_review_criterion WHERE call_id = $1 ORDER BY position, code";
  private static final String INSERT_CATEGORY = "INSERT INTO call_budget_category (call_id, code, name_ko, name_en, position) VALUES ($1, $2, $3, $4, $5)";
  private static final String INSERT_CRITERION = """
      INSERT INTO call_review_criterion (call_id, code, name_ko, name_en, weight, position) VALUES ($1, $2, $3, $4, $5, $6)
      """;

  private static final String INSERT = """
      INSERT INTO grant_call (program_id, title_ko, title_en, description_ko, description_en, opens_on, closes_on,
                              projects_to_select, national_cap_won, local_min_won, total_cap_won, min_local_smes,
                              require_support_history, eligible_statuses, status)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'OPEN') RETURNING id
      """;

  private static final String UPDATE = """
      UPDATE grant_call SET title_ko = $2, title_en = $3, description_ko = $4, description_en = $5, opens_on = $6, closes_on = $7,
             projects_to_select = $8, national_cap_won = $9, local_min_won = $10, total_cap_won = $11, min_local_smes = $12,
             require_support_history = $13, eligible_statuses = $14
       WHERE id = $1
      """;
  private static final String LOCK = "SELECT id FROM grant_call WHERE id = $1 FOR UPDATE";
  private static final String LOCK_SHARED = "SELECT id FROM grant_call WHERE id = $1 FOR SHARE";
  private static final String SUBMITTED = """
      SELECT count(*) AS n FROM application WHERE call_id = $1 AND status NOT IN ('DRAFT', 'WITHDRAWN')
      """;
  private static final String DELETE_CATEGORIES = "DELETE FROM call_budget_category WHERE call_id = $1";
  private static final String DELETE_CRITERIA = "DELETE FROM call_review_criterion WHERE call_id = $1";

  /** Locks the call's row, so edits and submissions to it take turns; false when there is no such call. */
  public Future<Boolean> lock(SqlClient sql, long id) {
    return sql.preparedQuery(LOCK).execute(Tuple.of(id)).map(rows -> rows.size() == 1);
  }

  /**
   * Holds the call's rules still while an application to it is checked and submitted: a concurrent
   * edit of the call waits, then sees the submission (and refuses rule changes).
   */
  public Future<Void> lockShared(SqlClient sql, long id) {
    return sql.preparedQuery(LOCK_SHARED).execute(Tuple.of(id)).mapEmpty();
  }

  /** How many applications to the call have been submitted (and not withdrawn). */
  public Future<Long> submittedCount(SqlClient sql, long id) {
    return sql.preparedQuery(SUBMITTED).execute(Tuple.of(id)).map(rows -> rows.iterator().next().getLong("n"));
  }

  /** Updates the call; its categories and criteria are replaced when the input lists them. */
  public Future<Void> update(SqlClient sql, long id, CallInput in) {
    Future<Void> done = sql.preparedQuery(UPDATE).execute(Tuple.from(new Object[] {id, in.titleKo(), in.titleEn(), in.descriptionKo(),
        in.descriptionEn(), in.opensOn(), in.closesOn(), in.projectsToSelect(), in.nationalCapWon(), in.localMinWon(), in.totalCapWon(),
        in.minLocalSmes(), in.requireSupportHistory(), in.eligibleStatuses().toArray(new String[0])})).mapEmpty();
    if (!in.categories().isEmpty()) {
      done = done.compose(v -> sql.preparedQuery(DELETE_CATEGORIES).execute(Tuple.of(id))).compose(v -> insertCategories(sql, id, in));
    }
    if (!in.criteria().isEmpty()) {
      done = done.compose(v -> sql.preparedQuery(DELETE_CRITERIA).execute(Tuple.of(id))).compose(v -> insertCriteria(sql, id, in));
    }
    return done;
  }

  private Future<Void> insertCategories(SqlClient sql, long id, CallInput in) {
    List<Tuple> rows = new ArrayList<>();
    for (int i = 0; i < in.categories().size(); i++) {
      CallRules.Category c = in.categories().get(i);
      rows.add(Tuple.of(id, c.code(), c.nameKo(), c.nameEn(), i + 1));
    }
    return sql.preparedQuery(INSERT_CATEGORY).executeBatch(rows).mapEmpty();
  }

  private Future<Void> insertCriteria(SqlClient sql, long id, CallInput in) {
    List<Tuple> rows = new ArrayList<>();
    for (int i = 0; i < in.criteria().size(); i++) {
      CallRules.Criterion c = in.criteria().get(i);
      rows.add(Tuple.of(id, c.code(), c.nameKo(), c.nameEn(), java.math.BigDecimal.valueOf(c.weight()), i + 1));
    }
    return sql.preparedQuery(INSERT_CRITERION).executeBatch(rows).mapEmpty();
  }

  /** Creates a call with its categories (the usual ones when none are given) and the usual review criteria. */
  public Future<Long> insert(SqlClient sql, CallInput in) {
    return sql.preparedQuery(INSERT).execute(Tuple.from(new Object[] {in.programId(), in.titleKo(), in.titleEn(), in.descriptionKo(),
            in.descriptionEn(), in.opensOn(), in.closesOn(), in.projectsToSelect(), in.nationalCapWon(), in.localMinWon(),
            in.totalCapWon(), in.minLocalSmes(), in.requireSupportHistory(), in.eligibleStatuses().toArray(new String[0])}))
        .map(rows -> rows.iterator().next().getLong("id"))
        .compose(id -> (in.criteria().isEmpty() ? insertDefaults(sql, id, in.categories().isEmpty())
                : (in.categories().isEmpty() ? insertDefaults(sql, id, true, false) : Future.<Void>succeededFuture())
                    .compose(v -> insertCriteria(sql, id, in)))
            .compose(v -> in.categories().isEmpty() ? Future.<Void>succeededFuture() : insertCategories(sql, id, in))
            .map(id));
  }

  public Future<Optional<CallRules>> find(SqlClient sql, long id) {
    return sql.preparedQuery(FIND).execute(Tuple.of(id)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(Optional.empty());
      }
      Row r = rows.iterator().next();
      return sql.preparedQuery(CATEGORIES).execute(Tuple.of(id)).compose(cats -> sql.preparedQuery(CRITERIA).execute(Tuple.of(id))
          .map(crit -> {
            List<CallRules.Category> categories = new ArrayList<>();
            cats.forEach(c -> categories.add(new CallRules.Category(c.getString("code"), c.getString("name_ko"), c.getString("name_en"))));
            List<CallRules.Criterion> criteria = new ArrayList<>();
            crit.forEach(c -> criteria.add(new CallRules.Criterion(c.getString("code"), c.getString("name_ko"), c.getString("name_en"),
                c.getNumeric("weight").doubleValue())));
            return Optional.of(new CallRules(r.getLong("id"), r.getString("title_ko"), r.getString("title_en"),
                r.getString("description_ko"), r.getString("description_en"), r.getLocalDate("opens_on"), r.getLocalDate("closes_on"),
                r.getInteger("projects_to_select"), r.getLong("national_cap_won"), r.getLong("local_min_won"), r.getLong("total_cap_won"),
                r.getInteger("min_local_smes"), r.getBoolean("require_support_history"),
                Arrays.asList(r.getArrayOfStrings("eligible_statuses")), r.getString("status"), categories, criteria));
          }));
    });
  }

  /** The typical 비목 and review criteria of MSS regional programs, for a new call to start from. */
  public Future<Void> insertDefaults(SqlClient sql, long callId, boolean withCategories) {
    return insertDefaults(sql, callId, withCategories, true);
  }

  private Future<Void> insertDefaults(SqlClient sql, long callId, boolean withCategories, boolean withCriteria) {
    List<Tuple> categories = List.of(
        Tuple.of(callId, "PERSONNEL", "인건비", "Personnel", 1),
        Tuple.of(callId, "MATERIALS", "재료비", "Materials", 2),
        Tuple.of(callId, "EQUIPMENT_FACILITIES", "장비·시설비", "Equipment and facilities", 3),
        Tuple.of(callId, "OUTSOURCING", "위탁용역비", "Outsourced services", 4),
        Tuple.of(callId, "PROMOTION", "홍보·마케팅비", "Promotion and marketing", 5),
        Tuple.of(callId, "OPERATIONS", "운영비", "Operations", 6));
    List<Tuple> criteria = List.of(
        Tuple.of(callId, "MODEL", "협업모델의 적정성", "Soundness of the collaboration model", 30, 1),
        Tuple.of(callId, "CIRCULATION", "지역 내 경제 선순환 효과", "Local economic circulation", 25, 2),
        Tuple.of(callId, "FEASIBILITY", "추진체계 및 실현가능성", "Organisation and feasibility", 20, 3),
        Tuple.of(callId, "BRANDING", "디자인·브랜딩 연계", "Design and branding", 15, 4),
        Tuple.of(callId, "OUTCOMES", "성과지표의 타당성", "Soundness of the KPIs", 10, 5));
    Future<Void> done = withCategories ? sql.preparedQuery(INSERT_CATEGORY).executeBatch(categories).mapEmpty() : Future.succeededFuture();
    return withCriteria ? done.compose(v -> sql.preparedQuery(INSERT_CRITERION).executeBatch(criteria)).mapEmpty() : done;
  }
}
