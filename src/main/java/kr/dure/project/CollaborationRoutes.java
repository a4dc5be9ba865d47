package kr.dure.project;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import kr.dure.common.Validator;
import kr.dure.web.Access;
import kr.dure.web.Authentication;
import kr.dure.web.Params;
import kr.dure.web.RequestContext;

/** JSON API of the collaboration records (brands, design requests, trades, services) and project completion. */
public final class CollaborationRoutes {

  private static final List<String> SERVICE_CATEGORIES = List.of("HOUSING", "CHILDCARE", "TRANSPORT", "HEALTH", "EDUCATION", "CULTURE", "OTHER");
  private static final List<String> DESIGN_STATES = List.of("IN_PROGRESS", "DELIVERED", "CLOSED");

  private final CollaborationService records;
  private final Authentication authentication;

  public CollaborationRoutes(CollaborationService records, Authentication authentication) {
    this.records = records;
    this.authentication = authentication;
  }

  public void mountApi(Router api) {
    for (String path : new String[] {"/projects/:id/records", "/projects/:id/brands", "/projects/:id/design-requests", "/projects/:id/trades",
        "/projects/:id/services", "/projects/:id/complete", "/brands/*", "/design-requests*", "/services/*"}) {
      api.route(path).handler(authentication.api()).handler(Access.anyRole());
    }
    api.get("/projects/:id/records").respond(ctx -> records.overview(RequestContext.currentUser(ctx), Params.pathId(ctx, "id")));
    api.post("/projects/:id/brands").handler(this::createBrand);
    api.post("/brands/:id/products").handler(this::addProduct);
    api.post("/projects/:id/design-requests").handler(this::requestDesign);
    api.get("/design-requests").respond(ctx -> records.designQueue(RequestContext.currentUser(ctx)));
    api.post("/design-requests/:id/answer").handler(this::answerDesign);
    api.post("/projects/:id/trades").handler(this::recordTrade);
    api.post("/projects/:id/services").handler(this::addService);
    api.post("/services/:id/usage").handler(this::recordUsage);
    api.post("/projects/:id/complete").handler(this::complete);
  }

  private void createBrand(RoutingContext ctx) {
    long projectId = Params.pathId(ctx, "id");
    Validator v = Validator.of(RequestContext.jsonBody(ctx));
    String name = v.requiredText("name", 100);
    String description = v.optionalText("description", 4000);
    List<Long> members = ids(v, "memberOrganisationIds");
    v.throwIfInvalid();
    created(ctx, records.createBrand(RequestContext.currentUser(ctx), projectId, name, description, members, RequestContext.ip(ctx)));
  }

  private void addProduct(RoutingContext ctx) {
    long brandId = Params.pathId(ctx, "id");
    Validator v = Validator.of(RequestContext.jsonBody(ctx));
    Long org = v.requiredLong("organisationId", 1, Long.MAX_VALUE);
    String name = v.requiredText("name", 200);
    Integer price = v.optionalInt("priceWon", 0, Integer.MAX_VALUE);
    v.throwIfInvalid();
    created(ctx, records.addProduct(RequestContext.currentUser(ctx), brandId, org, name, price == null ? null : price.longValue(),
        RequestContext.ip(ctx)));
  }

  private void requestDesign(RoutingContext ctx) {
    long projectId = Params.pathId(ctx, "id");
    Validator v = Validator.of(RequestContext.jsonBody(ctx));
    String title = v.requiredText("title", 200);
    String description = v.optionalText("description", 4000);
    Integer brand = v.optionalInt("brandId", 1, Integer.MAX_VALUE);
    v.throwIfInvalid();
    created(ctx, records.requestDesign(RequestContext.currentUser(ctx), projectId, brand == null ? null : brand.longValue(), title,
        description, RequestContext.ip(ctx)));
  }

  private void answerDesign(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    Validator v = Validator.of(RequestContext.jsonBody(ctx));
    String status = v.requiredText("status", 20);
    String answer = v.optionalText("answer", 4000);
    String deliverables = v.optionalText("deliverables", 4000);
    if (status != null && !DESIGN_STATES.contains(status)) {
      v.add("status", "validation.choice", "status must be IN_PROGRESS, DELIVERED or CLOSED.");
    }
    v.throwIfInvalid();
    records.answerDesign(RequestContext.currentUser(ctx), id, status, answer, deliverables, RequestContext.ip(ctx))
        .onSuccess(x -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  private void recordTrade(RoutingContext ctx) {
    long projectId = Params.pathId(ctx, "id");
    JsonObject body = RequestContext.jsonBody(ctx);
    Validator v = Validator.of(body);
    Long seller = v.requiredLong("sellerId", 1, Long.MAX_VALUE);
    Long buyer = v.requiredLong("buyerId", 1, Long.MAX_VALUE);
    String item = v.requiredText("item", 200);
    String unit = v.optionalText("unit", 20);
    Long amount = v.requiredLong("amountWon", 0, 100_000_000_000L);
    LocalDate day = v.requiredDate("tradedOn");
    Object quantity = body == null ? null : body.getValue("quantity");
    if (!(quantity instanceof Number q) || q.doubleValue() <= 0 || q.doubleValue() > 1e12 || Double.isNaN(q.doubleValue())) {
      v.add("quantity", "validation.number", "quantity must be a number above 0.");
    }
    if (seller != null && seller.equals(buyer)) {
      v.add("buyerId", "validation.sameParty", "buyerId must differ from sellerId: a trade is between two members.");
    }
    v.throwIfInvalid();
    created(ctx, records.recordTrade(RequestContext.currentUser(ctx), projectId, seller, buyer, item, ((Number) quantity).doubleValue(),
        unit, amount, day, RequestContext.ip(ctx)));
  }

  private void addService(RoutingContext ctx) {
    long projectId = Params.pathId(ctx, "id");
    Validator v = Validator.of(RequestContext.jsonBody(ctx));
    String name = v.requiredText("name", 200);
    String category = v.requiredText("category", 20);
    String provider = v.optionalText("provider", 200);
    Integer providerOrg = v.optionalInt("providerOrganisationId", 1, Integer.MAX_VALUE);
    String description = v.optionalText("description", 4000);
    if (category != null && !SERVICE_CATEGORIES.contains(category)) {
      v.add("category", "validation.choice", "category must be one of " + SERVICE_CATEGORIES + ".");
    }
    v.throwIfInvalid();
    created(ctx, records.addService(RequestContext.currentUser(ctx), projectId, name, category, provider,
        providerOrg == null ? null : providerOrg.longValue(), description, RequestContext.ip(ctx)));
  }

  private void recordUsage(RoutingContext ctx) {
    long serviceId = Params.pathId(ctx, "id");
    Validator v = Validator.of(RequestContext.jsonBody(ctx));
    String period = v.requiredText("period", 7);
    Integer uses = v.optionalInt("uses", 0, 10_000_000);
    Long amount = v.requiredLong("amountWon", 0, 100_000_000_000L);
    if (period != null && !period.matches("[0-9]{4}-(0[1-9]|1[0-2])")) {
      v.add("period", "validation.period", "period must be a month such as 2026-09.");
    }
    if (uses == null && !v.hasErrors()) {
      v.add("uses", "validation.required", "uses is required.");
    }
    v.throwIfInvalid();
    records.recordUsage(RequestContext.currentUser(ctx), serviceId, period, uses, amount, RequestContext.ip(ctx))
        .onSuccess(x -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  private void complete(RoutingContext ctx) {
    long projectId = Params.pathId(ctx, "id");
    Validator v = Validator.of(RequestContext.jsonBody(ctx));
    String report = v.requiredText("finalReport", 50_000);
    v.throwIfInvalid();
    records.complete(RequestContext.currentUser(ctx), projectId, report, RequestContext.ip(ctx))
        .onSuccess(x -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  private static void created(RoutingContext ctx, Future<Long> id) {
    id.onSuccess(x -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("id", x).encode()))
        .onFailure(ctx::fail);
  }

  private static List<Long> ids(Validator v, String field) {
    List<Long> ids = new ArrayList<>();
    Object raw = v.raw(field);
    if (raw == null) {
      return ids;
    }
    if (raw instanceof JsonArray array) {
      for (Object o : array) {
        if (o instanceof Number n && n.longValue() > 0 && n.doubleValue() == n.longValue()) {
          ids.add(n.longValue());
        } else {
          v.add(field, "validation.id", field + " must list organisation ids.");
          return ids;
        }
      }
    } else {
      v.add(field, "validation.id", field + " must list organisation ids.");
    }
    return ids;
  }

}
