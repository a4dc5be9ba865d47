package kr.dure.program;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import kr.dure.auth.Role;
import kr.dure.common.Validator;
import kr.dure.web.Access;
import kr.dure.web.Authentication;
import kr.dure.web.Params;
import kr.dure.web.RequestContext;

/** JSON API of agreements, change requests, budget execution and KPI reports. */
public final class AgreementRoutes {

  private final AgreementService agreements;
  private final Authentication authentication;

  public AgreementRoutes(AgreementService agreements, Authentication authentication) {
    this.agreements = agreements;
    this.authentication = authentication;
  }

  public void mountApi(Router api) {
    api.route("/projects/:id/agreement*").handler(authentication.api()).handler(Access.anyRole());
    api.route("/projects/:id/spending").handler(authentication.api()).handler(Access.anyRole());
    api.route("/agreement-changes/*").handler(authentication.api()).handler(Access.roles(Role.MINISTRY));
    api.route("/kpis/*").handler(authentication.api()).handler(Access.anyRole());
    api.get("/projects/:id/agreement").respond(ctx -> agreements.get(RequestContext.currentUser(ctx), Params.pathId(ctx, "id")));
    api.put("/projects/:id/agreement").handler(Access.roles(Role.MINISTRY)).respond(this::draft);
    api.post("/projects/:id/agreement/confirm").respond(ctx -> agreements.confirm(RequestContext.currentUser(ctx),
        Params.pathId(ctx, "id"), RequestContext.ip(ctx)));
    api.get("/projects/:id/agreement/changes").respond(ctx -> agreements.changes(RequestContext.currentUser(ctx), Params.pathId(ctx, "id")));
    api.post("/projects/:id/agreement/changes").handler(this::requestChange);
    api.post("/agreement-changes/:id/approve").respond(ctx -> decide(ctx, true));
    api.post("/agreement-changes/:id/reject").respond(ctx -> decide(ctx, false));
    api.get("/projects/:id/spending").respond(ctx -> agreements.spending(RequestContext.currentUser(ctx), Params.pathId(ctx, "id")));
    api.post("/projects/:id/spending").handler(this::recordSpending);
    api.post("/kpis/:id/reports").respond(this::reportKpi);
  }

  private Future<JsonObject> draft(RoutingContext ctx) {
    long projectId = Params.pathId(ctx, "id");
    JsonObject body = RequestContext.jsonBody(ctx);
    Validator v = Validator.of(body);
    LocalDate start = v.requiredDate("periodStart");
    LocalDate end = v.requiredDate("periodEnd");
    if (start != null && end != null && !end.isAfter(start)) {
      v.add("periodEnd", "validation.endAfterStart", "periodEnd must be after periodStart.");
    }
    v.throwIfInvalid();
    ApplicationDraft terms = ApplicationDraft.fromJson(body);
    return agreements.draft(RequestContext.currentUser(ctx), projectId, start, end, terms, RequestContext.ip(ctx));
  }

  private void requestChange(RoutingContext ctx) {
    long projectId = Params.pathId(ctx, "id");
    JsonObject body = RequestContext.jsonBody(ctx);
    Validator v = Validator.of(body);
    String reason = v.requiredText("reason", 2000);
    v.throwIfInvalid();
    ApplicationDraft proposal = ApplicationDraft.fromJson(body);
    agreements.requestBudgetChange(RequestContext.currentUser(ctx), projectId, proposal.budget(), reason, RequestContext.ip(ctx))
        .onSuccess(id -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("id", id).put("status", "REQUESTED").encode()))
        .onFailure(ctx::fail);
  }

  private Future<JsonObject> decide(RoutingContext ctx, boolean approve) {
    long id = Params.pathId(ctx, "id");
    JsonObject body = ctx.body().length() == 0 ? null : RequestContext.jsonBody(ctx);
    Validator v = Validator.of(body);
    String note = approve ? v.optionalText("note", 2000) : v.requiredText("note", 2000);
    v.throwIfInvalid();
    return agreements.decideChange(RequestContext.currentUser(ctx), id, approve, note, RequestContext.ip(ctx));
  }

  private void recordSpending(RoutingContext ctx) {
    long projectId = Params.pathId(ctx, "id");
    Validator v = Validator.of(RequestContext.jsonBody(ctx));
    LocalDate day = v.requiredDate("spentOn");
    String category = v.requiredText("category", 40);
    String source = v.requiredText("source", 10);
    Long amount = v.requiredLong("amountWon", 1, 100_000_000_000L);
    String payee = v.requiredText("payee", 200);
    Integer payeeOrg = v.optionalInt("payeeOrganisationId", 1, Integer.MAX_VALUE);
    String description = v.optionalText("description", 2000);
    if (source != null && !source.equals("NATIONAL") && !source.equals("LOCAL")) {
      v.add("source", "validation.choice", "source must be NATIONAL or LOCAL.");
    }
    v.throwIfInvalid();
    agreements.recordSpending(RequestContext.currentUser(ctx), projectId, new AgreementService.Spending(day, category, source, amount, payee,
            payeeOrg == null ? null : payeeOrg.longValue(), description), RequestContext.ip(ctx))
        .onSuccess(id -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("id", id).encode()))
        .onFailure(ctx::fail);
  }

  private Future<JsonObject> reportKpi(RoutingContext ctx) {
    long kpiId = Params.pathId(ctx, "id");
    JsonObject body = RequestContext.jsonBody(ctx);
    Validator v = Validator.of(body);
    String period = v.requiredText("period", 7);
    String note = v.optionalText("note", 2000);
    Object actual = body == null ? null : body.getValue("actual");
    if (period != null && !period.matches("[0-9]{4}-(Q[1-4]|H[12]|Y)")) {
      v.add("period", "validation.period", "period must look like 2026-Q3, 2026-H2 or 2026-Y.");
    }
    if (!(actual instanceof Number n) || n.doubleValue() < 0 || Double.isNaN(n.doubleValue()) || n.doubleValue() > 1e15) {
      v.add("actual", "validation.number", "actual must be a number of 0 or more.");
    }
    v.throwIfInvalid();
    return agreements.reportKpi(RequestContext.currentUser(ctx), kpiId, period, ((Number) actual).doubleValue(), note, RequestContext.ip(ctx));
  }

}
