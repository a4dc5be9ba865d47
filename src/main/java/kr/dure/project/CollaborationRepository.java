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
  private static final String INSERT_PRODUCT = "INSERT INTO brand_product (brand_id, organisation_id, name, price_won) VALUES ($1, $2, $3, $4) RETURNING id";
  private static final String BRANDS = """
      SELECT b.id, b.name, b.description,
             coalesce((SELECT json_agg(json_build_object('organisationId', o.id, 'name', o.name) ORDER BY o.name)
                         FROM joint_brand_member m JOIN organisation o ON o.id = m.organisation_id WHERE m.brand_id = b.id), '[]') AS members,
             coalesce((SELECT json_agg(json_build_object('id', p.id, 'name', p.name, 'priceWon', p.price_won, 'maker', o.name) ORDER BY p.id)
                         FROM brand_product p JOIN organisation o ON o.id = p.organisation_id WHERE p.brand_id = b.id), '[]') AS products
        FROM joint_brand b WHERE b.project_id = $1 ORDER BY b.id
      """;
  private static final String INSERT_DESIGN = """
      INSERT INTO design_request (project_id, brand_id, title, description, requested_by) VALUES ($1, $2, $3, $4, $5) RETURNING id
      """;
  private static final String DESIGN_COLUMNS = """
      SELECT d.id, d.project_id, p.code AS project_code, d.brand_id, d.title, d.description, d.status, d.answer, d.deliverables,
             d.created_at, d.updated_at
        FROM design_request d JOIN project p ON p.id = d.project_id
      """;
  private static final String DESIGN_FOR_PROJECT = DESIGN_COLUMNS + " WHERE d.project_id = $1 ORDER BY d.created_at DESC";
  private static final String DESIGN_ALL = DESIGN_COLUMNS + " ORDER BY (d.status IN ('REQUESTED', 'IN_PROGRESS')) DESC, d.created_at DESC";
  private static final String LOCK_DESIGN = "SELECT id, project_id, status FROM design_request WHERE id = $1 FOR UPDATE";
  private static final String ANSWER_DESIGN = """
      UPDATE design_request SET status = $2, answer = $3, deliverables = $4, answered_by = $5, updated_at = now() WHERE id = $1
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
  private static final String INSERT_SERVICE = """
      INSERT INTO local_service (project_id, name, category, provider, provider_organisation_id, description)
      VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
      """;
  private static final String SERVICE_PROJECT = "SELECT project_id FROM local_service WHERE id = $1";
  private static final String UPSERT_USAGE = """
      INSERT INTO local_service_usage (service_id, period, uses, amount_won) VALUES ($1, $2, $3, $4)
      ON CONFLICT (service_id, period) DO UPDATE SET uses = excluded.uses, amount_won = excluded.amount_won
      """;
  private static final String SERVICES = """
      SELECT s.id, s.name, s.category, s.provider, s.description, s.active,
             coalesce(sum(u.uses), 0)::bigint AS uses, coalesce(sum(u.amount_won), 0)::bigint AS amount_won,
             coalesce(json_agg(json_build_object('period', u.period, 'uses', u.uses, 'amountWon', u.amount_won) ORDER BY u.period)
                      FILTER (WHERE u.period IS NOT NULL), '[]') AS usage
        FROM local_service s LEFT JOIN local_service_usage u ON u.service_id = s.id
       WHERE s.project_id = $1 GROUP BY s.id ORDER BY s.id
      """;
  private static final String DESIGN_AGENCY_USERS = "SELECT id FROM app_user WHERE role = 'DESIGN_AGENCY' AND active";
  private static final String COMPLETE = """
      UPDATE project SET status = 'COMPLETED', final_report = $2, completed_at = now() WHERE id = $1 AND status = 'ACTIVE' RETURNING id
      """;

  public Future<Long> insertBrand(SqlClient sql, long projectId, String name, String description, List<Long> members) {
    return id(sql.preparedQuery(INSERT_BRAND).execute(Tuple.of(projectId, name, description))).compose(id -> members.isEmpty()
        ? Future.succeededFuture(id)
        : sql.preparedQuery(INSERT_BRAND_MEMBER).executeBatch(members.stream().map(m -> Tuple.of(id, m)).toList()).map(id));
  }

  public Future<Optional<Long>> brandProject(SqlClient sql, long brandId) {
    return optionalLong(sql.preparedQuery(BRAND_PROJECT).execute(Tuple.of(brandId)));
  }

  public Future<Long> insertProduct(SqlClient sql, long brandId, long organisationId, String name, Long priceWon) {
    return id(sql.preparedQuery(INSERT_PRODUCT).execute(Tuple.of(brandId, organisationId, name, priceWon)));
  }

  public Future<JsonArray> brands(SqlClient sql, long projectId) {
    return list(sql.preparedQuery(BRANDS).execute(Tuple.of(projectId)), r -> new JsonObject().put("id", r.getLong("id"))
        .put("name", r.getString("name")).put("description", r.getString("description"))
        .put("members", r.getJsonArray("members")).put("products", r.getJsonArray("products")));
  }

  public Future<Long> insertDesignRequest(SqlClient sql, long projectId, Long brandId, String title, String description, long userId) {
    return id(sql.preparedQuery(INSERT_DESIGN).execute(Tuple.of(projectId, brandId, title, description, userId)));
  }

  public Future<JsonArray> designRequests(SqlClient sql, Long projectId) {
    return list(projectId == null ? sql.query(DESIGN_ALL).execute() : sql.preparedQuery(DESIGN_FOR_PROJECT).execute(Tuple.of(projectId)),
        r -> new JsonObject().put("id", r.getLong("id")).put("projectId", r.getLong("project_id")).put("projectCode", r.getString("project_code"))
            .put("brandId", r.getLong("brand_id")).put("title", r.getString("title")).put("description", r.getString("description"))
            .put("status", r.getString("status")).put("answer", r.getString("answer")).put("deliverables", r.getString("deliverables"))
            .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())
            .put("updatedAt", r.getOffsetDateTime("updated_at").toInstant().toString()));
  }

  public Future<Optional<JsonObject>> lockDesignRequest(SqlClient sql, long id) {
    return sql.preparedQuery(LOCK_DESIGN).execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? Optional.empty()
        : Optional.of(new JsonObject().put("id", id).put("projectId", rows.iterator().next().getLong("project_id"))
            .put("status", rows.iterator().next().getString("status"))));
  }

  public Future<Void> answerDesignRequest(SqlClient sql, long id, String status, String answer, String deliverables, long userId) {
    return sql.preparedQuery(ANSWER_DESIGN).execute(Tuple.of(id, status, answer, deliverables, userId)).mapEmpty();
  }

  public Future<Long> insertTrade(SqlClient sql, long projectId, long seller, long buyer, String item, double quantity, String unit,
      long amount, LocalDate day, long userId) {
    return id(sql.preparedQuery(INSERT_TRADE).execute(Tuple.from(new Object[] {projectId, seller, buyer, item,
        java.math.BigDecimal.valueOf(quantity), unit, amount, day, userId})));
  }

  public Future<JsonArray> trades(SqlClient sql, long projectId) {
    return list(sql.preparedQuery(TRADES).execute(Tuple.of(projectId)), r -> new JsonObject().put("id", r.getLong("id"))
        .put("seller", r.getString("seller")).put("buyer", r.getString("buyer")).put("item", r.getString("item"))
        .put("quantity", r.getNumeric("quantity").doubleValue()).put("unit", r.getString("unit")).put("amountWon", r.getLong("amount_won"))
        .put("tradedOn", r.getLocalDate("traded_on").toString()));
  }

  public Future<Long> insertService(SqlClient sql, long projectId, String name, String category, String provider, Long providerOrg,
      String description) {
    return id(sql.preparedQuery(INSERT_SERVICE).execute(Tuple.of(projectId, name, category, provider, providerOrg, description)));
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
        .put("uses", r.getLong("uses")).put("amountWon", r.getLong("amount_won")).put("usage", r.getJsonArray("usage")));
  }

  public Future<List<Long>> designAgencyUsers(SqlClient sql) {
    return sql.query(DESIGN_AGENCY_USERS).execute().map(rows -> {
      List<Long> ids = new java.util.ArrayList<>();
      rows.forEach(r -> ids.add(r.getLong(0)));
      return ids;
    });
  }

  public Future<Boolean> complete(SqlClient sql, long projectId, String finalReport) {
    return sql.preparedQuery(COMPLETE).execute(Tuple.of(projectId, finalReport)).map(rows -> rows.size() == 1);
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
