package kr.dure.project;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** SQL for joint brands, design-support requests, value-chain trades, local services and project completion. */
public final class CollaborationRepository {

  private static final String INSERT_BRAND = "INSERT INTO joint_brand (project_id, name, description) VALUES ($1, $2, $3) RETURNING id";
  private static final String INSERT_BRAND_MEMBER = "INSERT INTO joint_brand_member (brand_id, organisation_id) VALUES ($1, $2) ON CONFLICT DO NOTHING";
  private static final String BRAND_PROJECT = "SELECT project_id FROM joint_brand WHERE id = $1";
  private static final String INSERT_PRODUCT = """
      INSERT INTO brand_product (brand_id, organisation_id, name, price_won, status) VALUES ($1, $2, $3, $4, $5) RETURNING id
      """;
  private static final String BRANDS = """
      SELECT b.id, b.name, b.description,
             coalesce((SELECT json_agg(json_build_object('organisationId', o.id, 'name', o.name) ORDER BY o.name)
                         FROM joint_brand_member m JOIN organisation o ON o.id = m.organisation_id WHERE m.brand_id = b.id), '[]') AS members,
             coalesce((SELECT json_agg(json_build_object('id', p.id, 'name', p.name, 'priceWon', p.price_won, 'maker', o.name, 'organisationId', o.id, 'status', p.status) ORDER BY p.id)
                         FROM brand_product p JOIN organisation o ON o.id = p.organisation_id WHERE p.brand_id = b.id), '[]') AS products
        FROM joint_brand b WHERE b.project_id = $1 ORDER BY b.id
      """;
  private static final String INSERT_DESIGN = """
      INSERT INTO design_request (project_id, brand_id, title, description, requested_by, kind, due_on)
      VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
      """;
  private static final String DESIGN_COLUMNS = """
      SELECT d.id, d.project_id, p.code AS project_code, p.title_ko AS project_title_ko, p.title_en AS project_title_en, p.status AS project_status,
             d.brand_id, b.name AS brand_name, d.kind, d.due_on, d.title, d.description, d.status, d.answer, d.deliverables,
             d.created_at, d.updated_at, u.name AS requested_by_name,
             (SELECT count(*) FROM design_deliverable f WHERE f.request_id = d.id) AS file_count
        FROM design_request d JOIN project p ON p.id = d.project_id
        JOIN app_user u ON u.id = d.requested_by
        LEFT JOIN joint_brand b ON b.id = d.brand_id
      """;
  private static final String DESIGN_FOR_PROJECT = DESIGN_COLUMNS + " WHERE d.project_id = $1 ORDER BY d.created_at DESC";
  private static final String DESIGN_ALL = DESIGN_COLUMNS + " ORDER BY (d.status IN ('REQUESTED', 'IN_PROGRESS')) DESC, d.created_at DESC";
  private static final String DESIGN_BY_STATUS = DESIGN_COLUMNS + """
       WHERE ($1::text IS NULL OR d.status = $1)
       ORDER BY (d.status IN ('REQUESTED', 'RECEIVED', 'IN_PROGRESS')) DESC, d.due_on NULLS LAST, d.created_at DESC
      """;
  private static final String DESIGN_ONE = DESIGN_COLUMNS + " WHERE d.id = $1";
  private static final String LOCK_DESIGN = "SELECT id, project_id, status FROM design_request WHERE id = $1 FOR UPDATE";
  private static final String ANSWER_DESIGN = """
      UPDATE design_request SET status = $2, answer = CASE WHEN $3 = '' THEN answer ELSE $3 END,
             deliverables = CASE WHEN $4 = '' THEN deliverables ELSE $4 END, answered_by = $5, updated_at = now() WHERE id = $1
      """;
  private static final String INSERT_TRADE = """
      INSERT INTO value_chain_trade (project_id, seller_id, buyer_id, item, quantity, unit, amount_won, traded_on, recorded_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id
      """;
  private static final String TRADES = """
      SELECT t.id, t.item, t.quantity, t.unit, t.amount_won, t.traded_on, s.name AS seller, b.name AS buyer
        FROM value_chain_trade t JOIN organisation s ON s.id = t.seller_id JOIN organisation b ON b.id = t.buyer_id
       WHERE t.project_id = $1 ORDER BY t.traded_on DESC, t.id DESC
      """;
  private static final String TRADE_FILTER = """
        FROM value_chain_trade t JOIN organisation s ON s.id = t.seller_id JOIN organisation b ON b.id = t.buyer_id
       WHERE t.project_id = $1 AND ($2::date IS NULL OR t.traded_on >= $2) AND ($3::date IS NULL OR t.traded_on <= $3)
      """;
  private static final String TRADES_BETWEEN = """
      SELECT t.id, t.item, t.quantity, t.unit, t.amount_won, t.traded_on, s.name AS seller, b.name AS buyer
      """ + TRADE_FILTER + " ORDER BY t.traded_on DESC, t.id DESC LIMIT $4 OFFSET $5";
  private static final String TRADE_PAIRS = """
      SELECT s.name AS seller, b.name AS buyer, count(*) AS trades, sum(t.amount_won)::bigint AS amount_won
      """ + TRADE_FILTER + " GROUP BY s.name, b.name ORDER BY sum(t.amount_won) DESC, s.name, b.name";
  private static final String TRADE_MONTHS = """
      SELECT to_char(t.traded_on, 'YYYY-MM') AS month, count(*) AS trades, sum(t.amount_won)::bigint AS amount_won
      """ + TRADE_FILTER + " GROUP BY 1 ORDER BY 1 DESC";
  private static final String INSERT_SERVICE = """
      INSERT INTO local_service (project_id, name, category, provider, provider_organisation_id, description, price_won)
      VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
      """;
  private static final String SERVICE_PROJECT = "SELECT project_id FROM local_service WHERE id = $1";
  private static final String UPSERT_USAGE = """
      INSERT INTO local_service_usage (service_id, period, uses, amount_won) VALUES ($1, $2, $3, $4)
      ON CONFLICT (service_id, period) DO UPDATE SET uses = excluded.uses, amount_won = excluded.amount_won
      """;
  private static final String SERVICES = """
      SELECT s.id, s.name, s.category, s.provider, s.description, s.active, s.price_won,
             (SELECT o.name FROM organisation o WHERE o.id = s.provider_organisation_id) AS provider_organisation,
             coalesce(sum(u.uses), 0)::bigint AS uses, coalesce(sum(u.amount_won), 0)::bigint AS amount_won,
             coalesce(json_agg(json_build_object('period', u.period, 'uses', u.uses, 'amountWon', u.amount_won) ORDER BY u.period)
                      FILTER (WHERE u.period IS NOT NULL), '[]') AS usage
        FROM local_service s LEFT JOIN local_service_usage u ON u.service_id = s.id
       WHERE s.project_id = $1 GROUP BY s.id ORDER BY s.id
      """;
  private static final String DESIGN_AGENCY_USERS = "SELECT id FROM app_user WHERE role = 'DESIGN_AGENCY' AND active";
  private static final String COMPLETE = """
      UPDATE project SET status = 'COMPLETED', final_report = $2, completed_at = now(), completed_by = $3
       WHERE id = $1 AND status = 'ACTIVE' RETURNING id
      """;
  // the rows below came with V11: brand edits, product status, comments, deliverable files, the final report
  private static final String UPDATE_BRAND = "UPDATE joint_brand SET name = $2, description = $3 WHERE id = $1";
  private static final String PRODUCT_BRAND = """
      SELECT p.brand_id, b.project_id FROM brand_product p JOIN joint_brand b ON b.id = p.brand_id WHERE p.id = $1
      """;
  private static final String UPDATE_PRODUCT_STATUS = "UPDATE brand_product SET status = $2 WHERE id = $1";
  private static final String INSERT_COMMENT = """
      INSERT INTO design_request_comment (request_id, status, body, author_id) VALUES ($1, $2, $3, $4)
      """;
  private static final String COMMENTS = """
      SELECT c.request_id, c.status, c.body, c.created_at, u.name AS author, o.name AS organisation
        FROM design_request_comment c JOIN app_user u ON u.id = c.author_id JOIN organisation o ON o.id = u.organisation_id
       WHERE c.request_id = ANY ($1) ORDER BY c.created_at, c.id
      """;
  private static final String DELIVERABLES = """
      SELECT id, request_id, filename, content_type, size_bytes, uploaded_at FROM design_deliverable
       WHERE request_id = ANY ($1) ORDER BY uploaded_at, id
      """;
  private static final String INSERT_DELIVERABLE = """
      INSERT INTO design_deliverable (request_id, filename, content_type, size_bytes, content, uploaded_by)
      VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
      """;
  private static final String DELIVERABLE = """
      SELECT f.filename, f.content_type, f.content, d.project_id
        FROM design_deliverable f JOIN design_request d ON d.id = f.request_id WHERE f.id = $1 AND f.request_id = $2
      """;
  private static final String PROJECT_STATUS_SHARED = "SELECT status FROM project WHERE id = $1 FOR SHARE";
  private static final String PROJECT_STATUS_LOCKED = "SELECT status FROM project WHERE id = $1 FOR UPDATE";
  private static final String MINISTRY_USERS = "SELECT id FROM app_user WHERE role = 'MINISTRY' AND active";
  private static final String FINAL_REPORT = """
      SELECT r.summary, r.kpi_outcomes, r.lessons, r.status, r.return_note, r.updated_at, r.submitted_at,
             uu.name AS updated_by, su.name AS submitted_by
        FROM project_final_report r JOIN app_user uu ON uu.id = r.updated_by LEFT JOIN app_user su ON su.id = r.submitted_by
       WHERE r.project_id = $1
      """;
  private static final String LOCK_FINAL_REPORT = "SELECT status, summary FROM project_final_report WHERE project_id = $1 FOR UPDATE";
  private static final String SAVE_FINAL_REPORT = """
      INSERT INTO project_final_report (project_id, summary, kpi_outcomes, lessons, updated_by) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (project_id) DO UPDATE SET summary = excluded.summary, kpi_outcomes = excluded.kpi_outcomes, lessons = excluded.lessons,
             updated_by = excluded.updated_by, updated_at = now()
      """;
  private static final String SET_FINAL_REPORT_STATUS = """
      UPDATE project_final_report SET status = $2, return_note = $3,
             submitted_by = CASE WHEN $2 = 'SUBMITTED' THEN $4 ELSE submitted_by END,
             submitted_at = CASE WHEN $2 = 'SUBMITTED' THEN now() ELSE submitted_at END
       WHERE project_id = $1
      """;

  public Future<Long> insertBrand(SqlClient sql, long projectId, String name, String description, List<Long> members) {
    return id(sql.preparedQuery(INSERT_BRAND).execute(Tuple.of(projectId, name, description))).compose(id -> members.isEmpty()
        ? Future.succeededFuture(id)
        : sql.preparedQuery(INSERT_BRAND_MEMBER).executeBatch(members.stream().map(m -> Tuple.of(id, m)).toList()).map(id));
  }

  public Future<Optional<Long>> brandProject(SqlClient sql, long brandId) {
    return optionalLong(sql.preparedQuery(BRAND_PROJECT).execute(Tuple.of(brandId)));
  }

  public Future<Long> insertProduct(SqlClient sql, long brandId, long organisationId, String name, Long priceWon, String status) {
    return id(sql.preparedQuery(INSERT_PRODUCT).execute(Tuple.of(brandId, organisationId, name, priceWon, status)));
  }

  public Future<JsonArray> brands(SqlClient sql, long projectId) {
    return list(sql.preparedQuery(BRANDS).execute(Tuple.of(projectId)), r -> new JsonObject().put("id", r.getLong("id"))
        .put("name", r.getString("name")).put("description", r.getString("description"))
        .put("members", r.getJsonArray("members")).put("products", r.getJsonArray("products")));
  }

  public Future<Long> insertDesignRequest(SqlClient sql, long projectId, Long brandId, String title, String description, long userId,
      String kind, LocalDate dueOn) {
    return id(sql.preparedQuery(INSERT_DESIGN).execute(Tuple.from(new Object[] {projectId, brandId, title, description, userId, kind, dueOn})));
  }

  public Future<JsonArray> designRequests(SqlClient sql, Long projectId) {
    return list(projectId == null ? sql.query(DESIGN_ALL).execute() : sql.preparedQuery(DESIGN_FOR_PROJECT).execute(Tuple.of(projectId)),
        CollaborationRepository::designJson);
  }

  /** Every project's requests, those still to do first; {@code status} null for all. */
  public Future<JsonArray> designRequestsByStatus(SqlClient sql, String status) {
    return list(sql.preparedQuery(DESIGN_BY_STATUS).execute(Tuple.of(status)), CollaborationRepository::designJson);
  }

  public Future<Optional<JsonObject>> designRequest(SqlClient sql, long id) {
    return list(sql.preparedQuery(DESIGN_ONE).execute(Tuple.of(id)), CollaborationRepository::designJson)
        .map(a -> a.isEmpty() ? Optional.empty() : Optional.of(a.getJsonObject(0)));
  }

  private static JsonObject designJson(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("projectId", r.getLong("project_id")).put("projectCode", r.getString("project_code"))
        .put("projectTitleKo", r.getString("project_title_ko")).put("projectTitleEn", r.getString("project_title_en"))
        .put("projectStatus", r.getString("project_status"))
        .put("brandId", r.getLong("brand_id")).put("brandName", r.getString("brand_name")).put("kind", r.getString("kind"))
        .put("dueOn", r.getLocalDate("due_on") == null ? null : r.getLocalDate("due_on").toString())
        .put("title", r.getString("title")).put("description", r.getString("description"))
        .put("status", r.getString("status")).put("answer", r.getString("answer")).put("deliverables", r.getString("deliverables"))
        .put("requestedBy", r.getString("requested_by_name")).put("fileCount", r.getLong("file_count"))
        .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())
        .put("updatedAt", r.getOffsetDateTime("updated_at").toInstant().toString());
  }

  public Future<Optional<JsonObject>> lockDesignRequest(SqlClient sql, long id) {
    return sql.preparedQuery(LOCK_DESIGN).execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? Optional.empty()
        : Optional.of(new JsonObject().put("id", id).put("projectId", rows.iterator().next().getLong("project_id"))
            .put("status", rows.iterator().next().getString("status"))));
  }

  public Future<Void> answerDesignRequest(SqlClient sql, long id, String status, String answer, String deliverables, long userId) {
    return sql.preparedQuery(ANSWER_DESIGN).execute(Tuple.of(id, status, answer, deliverables, userId)).mapEmpty();
  }

  public Future<Long> insertTrade(SqlClient sql, long projectId, long seller, long buyer, String item, java.math.BigDecimal quantity,
      String unit, long amount, LocalDate day, long userId) {
    return id(sql.preparedQuery(INSERT_TRADE).execute(Tuple.from(new Object[] {projectId, seller, buyer, item,
        quantity, unit, amount, day, userId})));
  }

  /** One page of a project's trades in a period (either end may be null), newest first. */
  public Future<JsonArray> tradesBetween(SqlClient sql, long projectId, LocalDate from, LocalDate to, int limit, int offset) {
    return list(sql.preparedQuery(TRADES_BETWEEN).execute(Tuple.from(new Object[] {projectId, from, to, limit, offset})),
        r -> new JsonObject().put("id", r.getLong("id"))
            .put("seller", r.getString("seller")).put("buyer", r.getString("buyer")).put("item", r.getString("item"))
            .put("quantity", r.getNumeric("quantity").bigDecimalValue().stripTrailingZeros().toPlainString()).put("unit", r.getString("unit"))
            .put("amountWon", r.getLong("amount_won")).put("tradedOn", r.getLocalDate("traded_on").toString()));
  }

  /** Totals of the period by seller → buyer pair. */
  public Future<JsonArray> tradePairs(SqlClient sql, long projectId, LocalDate from, LocalDate to) {
    return list(sql.preparedQuery(TRADE_PAIRS).execute(Tuple.of(projectId, from, to)), r -> new JsonObject()
        .put("seller", r.getString("seller")).put("buyer", r.getString("buyer")).put("trades", r.getLong("trades"))
        .put("amountWon", r.getLong("amount_won")));
  }

  /** Totals of the period by month (YYYY-MM), newest first. */
  public Future<JsonArray> tradeMonths(SqlClient sql, long projectId, LocalDate from, LocalDate to) {
    return list(sql.preparedQuery(TRADE_MONTHS).execute(Tuple.of(projectId, from, to)), r -> new JsonObject()
        .put("month", r.getString("month")).put("trades", r.getLong("trades")).put("amountWon", r.getLong("amount_won")));
  }

  public Future<JsonArray> trades(SqlClient sql, long projectId) {
    return list(sql.preparedQuery(TRADES).execute(Tuple.of(projectId)), r -> new JsonObject().put("id", r.getLong("id"))
        .put("seller", r.getString("seller")).put("buyer", r.getString("buyer")).put("item", r.getString("item"))
        .put("quantity", r.getNumeric("quantity").doubleValue()).put("unit", r.getString("unit")).put("amountWon", r.getLong("amount_won"))
        .put("tradedOn", r.getLocalDate("traded_on").toString()));
  }

  public Future<Long> insertService(SqlClient sql, long projectId, String name, String category, String provider, Long providerOrg,
      String description, Long priceWon) {
    return id(sql.preparedQuery(INSERT_SERVICE).execute(Tuple.of(projectId, name, category, provider, providerOrg, description, priceWon)));
  }

  public Future<Optional<Long>> serviceProject(SqlClient sql, long serviceId) {
    return optionalLong(sql.preparedQuery(SERVICE_PROJECT).execute(Tuple.of(serviceId)));
  }

  public Future<Void> upsertUsage(SqlClient sql, long serviceId, String period, int uses, long amountWon) {
    return sql.preparedQuery(UPSERT_USAGE).execute(Tuple.of(serviceId, period, uses, amountWon)).mapEmpty();
  }

  public Future<JsonArray> services(SqlClient sql, long projectId) {
    return list(sql.preparedQuery(SERVICES).execute(Tuple.of(projectId)), r -> new JsonObject().put("id", r.getLong("id"))
        .put("name", r.getString("name")).put("category", r.getString("category")).put("provider", r.getString("provider"))
        .put("description", r.getString("description")).put("active", r.getBoolean("active"))
        .put("uses", r.getLong("uses")).put("amountWon", r.getLong("amount_won")).put("usage", r.getJsonArray("usage"))
        .put("priceWon", r.getLong("price_won")).put("providerOrganisation", r.getString("provider_organisation")));
  }

  public Future<List<Long>> designAgencyUsers(SqlClient sql) {
    return sql.query(DESIGN_AGENCY_USERS).execute().map(rows -> {
      List<Long> ids = new java.util.ArrayList<>();
      rows.forEach(r -> ids.add(r.getLong(0)));
      return ids;
    });
  }

  public Future<Boolean> complete(SqlClient sql, long projectId, String finalReport, long userId) {
    return sql.preparedQuery(COMPLETE).execute(Tuple.of(projectId, finalReport, userId)).map(rows -> rows.size() == 1);
  }

  public Future<Void> updateBrand(SqlClient sql, long brandId, String name, String description) {
    return sql.preparedQuery(UPDATE_BRAND).execute(Tuple.of(brandId, name, description)).mapEmpty();
  }

  public Future<Void> addBrandMembers(SqlClient sql, long brandId, List<Long> members) {
    return members.isEmpty() ? Future.succeededFuture()
        : sql.preparedQuery(INSERT_BRAND_MEMBER).executeBatch(members.stream().map(m -> Tuple.of(brandId, m)).toList()).mapEmpty();
  }

  /** The brand and project of a product, when it exists. */
  public Future<Optional<JsonObject>> productBrand(SqlClient sql, long productId) {
    return sql.preparedQuery(PRODUCT_BRAND).execute(Tuple.of(productId)).map(rows -> rows.size() == 0 ? Optional.empty()
        : Optional.of(new JsonObject().put("brandId", rows.iterator().next().getLong(0)).put("projectId", rows.iterator().next().getLong(1))));
  }

  public Future<Void> updateProductStatus(SqlClient sql, long productId, String status) {
    return sql.preparedQuery(UPDATE_PRODUCT_STATUS).execute(Tuple.of(productId, status)).mapEmpty();
  }

  public Future<Void> insertComment(SqlClient sql, long requestId, String status, String body, long userId) {
    return sql.preparedQuery(INSERT_COMMENT).execute(Tuple.of(requestId, status, body, userId)).mapEmpty();
  }

  /** The comment history of the given requests, oldest first. */
  public Future<JsonArray> comments(SqlClient sql, List<Long> requestIds) {
    return list(sql.preparedQuery(COMMENTS).execute(Tuple.of(requestIds.toArray(new Long[0]))), r -> new JsonObject()
        .put("requestId", r.getLong("request_id")).put("status", r.getString("status")).put("body", r.getString("body"))
        .put("author", r.getString("author")).put("organisation", r.getString("organisation"))
        .put("at", r.getOffsetDateTime("created_at").toInstant().toString()));
  }

  /** The deliverable files of the given requests, without their bytes. */
  public Future<JsonArray> deliverables(SqlClient sql, List<Long> requestIds) {
    return list(sql.preparedQuery(DELIVERABLES).execute(Tuple.of(requestIds.toArray(new Long[0]))), r -> new JsonObject()
        .put("id", r.getLong("id")).put("requestId", r.getLong("request_id")).put("filename", r.getString("filename"))
        .put("contentType", r.getString("content_type")).put("sizeBytes", r.getInteger("size_bytes"))
        .put("uploadedAt", r.getOffsetDateTime("uploaded_at").toInstant().toString()));
  }

  public Future<Long> insertDeliverable(SqlClient sql, long requestId, String filename, String contentType, io.vertx.core.buffer.Buffer bytes,
      long userId) {
    return id(sql.preparedQuery(INSERT_DELIVERABLE).execute(Tuple.of(requestId, filename, contentType, bytes.length(), bytes, userId)));
  }

  /** A stored file with its bytes. */
  public record Deliverable(long projectId, String filename, String contentType, io.vertx.core.buffer.Buffer bytes) {
  }

  public Future<Optional<Deliverable>> deliverable(SqlClient sql, long requestId, long fileId) {
    return sql.preparedQuery(DELIVERABLE).execute(Tuple.of(fileId, requestId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new Deliverable(r.getLong("project_id"), r.getString("filename"), r.getString("content_type"), r.getBuffer("content")));
    });
  }

  /** The project's status, holding off its completion until the calling transaction ends. */
  public Future<Optional<String>> projectStatusShared(SqlClient sql, long projectId) {
    return sql.preparedQuery(PROJECT_STATUS_SHARED).execute(Tuple.of(projectId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
  }

  /** The project's status, its row locked for the completion. */
  public Future<Optional<String>> projectStatusLocked(SqlClient sql, long projectId) {
    return sql.preparedQuery(PROJECT_STATUS_LOCKED).execute(Tuple.of(projectId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
  }

  public Future<List<Long>> ministryUsers(SqlClient sql) {
    return sql.query(MINISTRY_USERS).execute().map(rows -> {
      List<Long> ids = new java.util.ArrayList<>();
      rows.forEach(r -> ids.add(r.getLong(0)));
      return ids;
    });
  }

  public Future<Optional<JsonObject>> finalReport(SqlClient sql, long projectId) {
    return sql.preparedQuery(FINAL_REPORT).execute(Tuple.of(projectId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new JsonObject().put("summary", r.getString("summary")).put("kpiOutcomes", r.getString("kpi_outcomes"))
          .put("lessons", r.getString("lessons")).put("status", r.getString("status")).put("returnNote", r.getString("return_note"))
          .put("updatedAt", r.getOffsetDateTime("updated_at").toInstant().toString()).put("updatedBy", r.getString("updated_by"))
          .put("submittedAt", r.getOffsetDateTime("submitted_at") == null ? null : r.getOffsetDateTime("submitted_at").toInstant().toString())
          .put("submittedBy", r.getString("submitted_by")));
    });
  }

  /** The report's status and summary, locked for a change; empty when none was saved yet. */
  public Future<Optional<JsonObject>> lockFinalReport(SqlClient sql, long projectId) {
    return sql.preparedQuery(LOCK_FINAL_REPORT).execute(Tuple.of(projectId)).map(rows -> rows.size() == 0 ? Optional.empty()
        : Optional.of(new JsonObject().put("status", rows.iterator().next().getString(0)).put("summary", rows.iterator().next().getString(1))));
  }

  public Future<Void> saveFinalReport(SqlClient sql, long projectId, String summary, String kpiOutcomes, String lessons, long userId) {
    return sql.preparedQuery(SAVE_FINAL_REPORT).execute(Tuple.of(projectId, summary, kpiOutcomes, lessons, userId)).mapEmpty();
  }

  public Future<Void> setFinalReportStatus(SqlClient sql, long projectId, String status, String returnNote, long userId) {
    return sql.preparedQuery(SET_FINAL_REPORT_STATUS).execute(Tuple.of(projectId, status, returnNote, userId)).mapEmpty();
  }

  private static Future<Long> id(Future<RowSet<Row>> rows) {
    return rows.map(r -> r.iterator().next().getLong("id"));
  }

  private static Future<Optional<Long>> optionalLong(Future<RowSet<Row>> rows) {
    return rows.map(r -> r.size() == 0 ? Optional.empty() : Optional.of(r.iterator().next().getLong(0)));
  }

  private static Future<JsonArray> list(Future<RowSet<Row>> rows, Function<Row, JsonObject> mapper) {
    return rows.map(r -> {
      JsonArray out = new JsonArray();
      r.forEach(row -> out.add(mapper.apply(row)));
      return out;
    });
  }
}
