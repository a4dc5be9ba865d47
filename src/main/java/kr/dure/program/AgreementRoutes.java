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
    api.route("/spending/*").handler(authentication.api()).handler(Access.anyRole());
    api.get("/projects/:id/agreement").respond(ctx -> agreements.get(RequestContext.currentUser(ctx), Params.pathId(ctx, "id")));
    // the ministry drafts; the lead may edit the draft before signing (the service tells them apart)
    api.put("/projects/:id/agreement").handler(Access.roles(Role.MINISTRY, Role.LOCAL_GOV)).respond(this::draft);
    api.post("/projects/:id/agreement/confirm").respond(ctx -> agreements.confirm(RequestContext.currentUser(ctx),
        Params.pathId(ctx, "id"), RequestContext.ip(ctx)));
    api.get("/projects/:id/agreement/changes").respond(ctx -> agreements.changes(RequestContext.currentUser(ctx), Params.pathId(ctx, "id")));
    api.post("/projects/:id/agreement/changes").handler(this::requestChange);
    api.post("/agreement-changes/:id/approve").respond(ctx -> decide(ctx, true));
    api.post("/agreement-changes/:id/reject").respond(ctx -> decide(ctx, false));
    api.get("/projects/:id/spending").respond(ctx -> agreements.spending(RequestContext.currentUser(ctx), Params.pathId(ctx, "id")));
    api.post("/projects/:id/spending").handler(this::recordSpending);
    api.post("/kpis/:id/reports").respond(this::reportKpi);
    api.put("/spending/:id/evidence").handler(this::attachEvidence);
    api.get("/spending/:id/evidence").handler(ctx -> agreements.evidence(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"))
        .onSuccess(file -> sendEvidence(ctx, file)).onFailure(ctx::fail));
  }

  /**
   * Attaches a spending record's evidence: the raw file as the body (up to 10 MiB), its name in the
   * {@code filename} query parameter. Its type is told by its bytes, not by the Content-Type sent.
   */
  private void attachEvidence(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    String filename = ctx.request().getParam("filename");
    if (filename != null && filename.length() > 255) {
      ctx.fail(kr.dure.common.ValidationException.of("filename", "validation.tooLong", "filename must be at most 255 characters."));
      return;
    }
    Evidence.File file = Evidence.check("evidence", filename, ctx.body().buffer());
    agreements.attachEvidence(RequestContext.currentUser(ctx), id, file, RequestContext.ip(ctx))
        .onSuccess(v -> ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("id", id).put("evidenceFilename", file.filename()).put("evidenceType", file.contentType())
                .put("evidenceBytes", file.bytes().length()).encode()))
        .onFailure(ctx::fail);
  }

  /** Sends an evidence file as a download (never shown inline), for the API and the pages alike. */
  public static void sendEvidence(RoutingContext ctx, Evidence.File file) {
    ctx.response().putHeader("Content-Type", file.contentType())
        .putHeader("Content-Disposition", kr.dure.common.FileNames.contentDisposition(file.filename()))
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Cache-Control", "private, no-store")
        .end(file.bytes());
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

  /**
   * A change request: {@code kind} BUDGET (the default; {@code budget} is the whole new table) or PLAN
   * ({@code plan} in words, optional {@code periodStart}/{@code periodEnd}, optional
   * {@code kpiTargets}: [{kpiId, target}]), always with a {@code reason}.
   */
  private void requestChange(RoutingContext ctx) {
    long projectId = Params.pathId(ctx, "id");
    JsonObject body = RequestContext.jsonBody(ctx);
    Validator v = Validator.of(body);
    String reason = v.requiredText("reason", 2000);
    String kind = body == null || body.getValue("kind") == null ? "BUDGET" : String.valueOf(body.getValue("kind"));
    if (!kind.equals("BUDGET") && !kind.equals("PLAN")) {
      v.add("kind", "validation.choice", "kind must be BUDGET or PLAN.");
    }
    Future<Long> requested;
    if ("PLAN".equals(kind)) {
      String plan = v.requiredText("plan", 20_000);
      LocalDate start = v.optionalDate("periodStart");
      LocalDate end = v.optionalDate("periodEnd");
      java.util.Map<Long, Double> targets = new java.util.LinkedHashMap<>();
      Object raw = v.raw("kpiTargets");
      if (raw instanceof io.vertx.core.json.JsonArray list && list.size() <= 30) {
        for (int i = 0; i < list.size(); i++) {
          Object o = list.getValue(i);
          Object kpiId = o instanceof JsonObject t ? t.getValue("kpiId") : null;
          Object target = o instanceof JsonObject t ? t.getValue("target") : null;
          if (!(kpiId instanceof Number k) || k.longValue() <= 0 || k.doubleValue() != k.longValue()) {
            v.add("kpiTargets[" + i + "].kpiId", "validation.id", "kpiTargets[" + i + "].kpiId must be a KPI id.");
          } else if (!(target instanceof Number n) || !(n.doubleValue() >= 0) || n.doubleValue() > 1e15) {
            v.add("kpiTargets[" + i + "].target", "validation.number", "kpiTargets[" + i + "].target must be a number of 0 or more.");
          } else {
            targets.put(k.longValue(), n.doubleValue());
          }
        }
      } else if (raw != null) {
        v.add("kpiTargets", "validation.list", "kpiTargets must be a list of at most 30 {kpiId, target} objects.");
      }
      v.throwIfInvalid();
      requested = agreements.requestPlanChange(RequestContext.currentUser(ctx), projectId,
          new AgreementService.PlanChange(plan, start, end, targets), reason, RequestContext.ip(ctx));
    } else {
      v.throwIfInvalid();
      ApplicationDraft proposal = ApplicationDraft.fromJson(body);
      requested = agreements.requestBudgetChange(RequestContext.currentUser(ctx), projectId, proposal.budget(), reason, RequestContext.ip(ctx));
    }
    String status = "REQUESTED";
    requested
        .onSuccess(id -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("id", id).put("kind", kind).put("status", status).encode()))
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
