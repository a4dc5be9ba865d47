package kr.dure.program;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import kr.dure.auth.Role;
import kr.dure.common.ValidationException;
import kr.dure.common.Validator;
import kr.dure.common.Zones;
import kr.dure.web.Access;
import kr.dure.web.Authentication;
import kr.dure.web.RequestContext;

/** JSON API of the eligibility data: the designated regions (public) and the ministry's edits and CSV imports. */
public final class RegionRoutes {

  private final RegionService regions;
  private final Authentication authentication;

  public RegionRoutes(RegionService regions, Authentication authentication) {
    this.regions = regions;
    this.authentication = authentication;
  }

  public void mountApi(Router api) {
    api.get("/regions").respond(this::onDate);
    api.post("/regions").handler(authentication.api()).handler(Access.roles(Role.MINISTRY)).handler(this::add);
    api.post("/regions/import").handler(authentication.api()).handler(Access.roles(Role.MINISTRY)).respond(ctx ->
        regions.importDesignations(csv(ctx), RequestContext.actor(ctx)).map(n -> new JsonObject().put("imported", n)));
    api.post("/support-history/import").respond(ctx ->
        regions.importSupportHistory(csv(ctx), RequestContext.actor(ctx)).map(n -> new JsonObject().put("added", n)));
  }

  private Future<JsonArray> onDate(RoutingContext ctx) {
    String raw = ctx.request().getParam("date");
    LocalDate day = raw == null || raw.isBlank() ? LocalDate.now(Zones.SEOUL) : Validator.parseDate(raw.trim());
    if (day == null) {
      throw ValidationException.of("date", "validation.date", "date must be a date such as 2026-05-29.");
    }
    return regions.onDate(day);
  }

  private void add(RoutingContext ctx) {
    Validator v = Validator.of(RequestContext.jsonBody(ctx));
    String code = v.requiredText("sggCode", 5);
    String sido = v.requiredText("sido", 50);
    String sigungu = v.requiredText("sigungu", 50);
    String status = v.requiredText("status", 10);
    String basis = v.requiredText("legalBasis", 200);
    String note = v.optionalText("note", 1000);
    LocalDate from = v.requiredDate("validFrom");
    LocalDate to = v.optionalDate("validTo");
    if (code != null && !code.matches("[0-9]{5}")) {
      v.add("sggCode", "validation.regionCode", "sggCode must be a 5-digit 시군구 code.");
    }
    if (status != null && !status.equals("DECLINING") && !status.equals("WATCH")) {
      v.add("status", "validation.choice", "status must be DECLINING or WATCH.");
    }
    if (from != null && to != null && to.isBefore(from)) {
      v.add("validTo", "validation.endAfterStart", "validTo must not be before validFrom.");
    }
    v.throwIfInvalid();
    regions.add(new RegionService.Designation(code, sido, sigungu, status, from, to, basis, note.isEmpty() ? null : note),
            RequestContext.actor(ctx))
        .onSuccess(x -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("sggCode", code).put("status", status).encode()))
        .onFailure(ctx::fail);
  }

  private static String csv(RoutingContext ctx) {
    if (ctx.body().length() == 0) {
      throw ValidationException.of("csv", "validation.required", "Send the CSV as the request body (Content-Type: text/csv).");
    }
    return ctx.body().asString("UTF-8");
  }

}
