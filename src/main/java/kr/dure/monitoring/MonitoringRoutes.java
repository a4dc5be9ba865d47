package kr.dure.monitoring;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import kr.dure.auth.Role;
import kr.dure.common.ValidationException;
import kr.dure.common.Zones;
import kr.dure.monitoring.UtilizationRepository.Flow;
import kr.dure.monitoring.UtilizationRepository.ResourceUse;
import kr.dure.monitoring.UtilizationService.Circulation;
import kr.dure.monitoring.UtilizationService.Fairness;
import kr.dure.monitoring.UtilizationService.ProjectRow;
import kr.dure.monitoring.UtilizationService.Totals;
import kr.dure.web.Access;
import kr.dure.web.Authentication;
import kr.dure.web.Params;
import kr.dure.web.Messages;
import kr.dure.web.RequestContext;

/**
 * The monitoring API: all projects side by side (ministry), one project's monitoring and local circulation.
 * The first two also answer {@code ?format=csv|xlsx&table=<name>} with the same table as the pages
 * ({@link MonitoringTables}); {@code format=json} or none is the JSON.
 */
public final class MonitoringRoutes {

  private final UtilizationService service;
  private final Authentication authentication;
  private final Clock clock;
  private final Messages messages;
  private final Exports exports;

  public MonitoringRoutes(UtilizationService service, Authentication authentication, Clock clock, Messages messages) {
    this.service = service;
    this.authentication = authentication;
    this.clock = clock;
    this.messages = messages;
    this.exports = new Exports(messages);
  }

  public void mountApi(Router api) {
    api.get("/monitoring/projects").handler(authentication.api()).handler(Access.roles(Role.MINISTRY)).handler(this::projectsDownload)
        .respond(this::projects);
    api.get("/projects/:id/monitoring").handler(authentication.api())
        .handler(Access.roles(Role.MINISTRY, Role.COORDINATOR, Role.LOCAL_GOV)).handler(this::projectDownload).respond(this::project);
    api.get("/projects/:id/circulation").handler(authentication.api())
        .handler(Access.roles(Role.MINISTRY, Role.COORDINATOR, Role.LOCAL_GOV)).respond(this::circulation);
  }

  /** The download format asked for, or null for the JSON ({@code format} absent or {@code json}). */
  private static ExportFormat download(RoutingContext ctx) {
    String raw = ctx.request().getParam("format");
    if (raw == null || raw.isBlank() || "json".equalsIgnoreCase(raw.trim())) {
      return null;
    }
    ExportFormat format = ExportFormat.of(ctx);
    if (format == ExportFormat.HTML) {
      throw ValidationException.of("format", "validation.exportFormat", "format must be json, csv or xlsx, not '" + raw + "'.");
    }
    return format;
  }

  private void projectsDownload(RoutingContext ctx) {
    ExportFormat format = download(ctx);
    if (format == null) {
      ctx.next();
      return;
    }
    String wanted = MonitoringTables.requested(ctx.request().getParam("table"), format, MonitoringTables.DASHBOARD);
    UtilizationPeriod period = period(ctx);
    int idle = UtilizationService.idlePercent(ctx.request().getParam("idle"));
    DashboardTables tables = new DashboardTables(messages, RequestContext.lang(ctx));
    service.ministry(period, idle).compose(m -> exports.send(ctx, MonitoringTables.dashboard(tables, m).get(wanted), format))
        .onFailure(ctx::fail);
  }

  private void projectDownload(RoutingContext ctx) {
    ExportFormat format = download(ctx);
    if (format == null) {
      ctx.next();
      return;
    }
    String wanted = MonitoringTables.requested(ctx.request().getParam("table"), format, MonitoringTables.COORDINATOR);
    long id = Params.pathId(ctx, "id");
    UtilizationPeriod period = period(ctx);
    DashboardTables tables = new DashboardTables(messages, RequestContext.lang(ctx));
    service.projectMonitoring(RequestContext.currentUser(ctx), id, period)
        .compose(c -> exports.send(ctx, MonitoringTables.coordinator(tables, c).get(wanted), format))
        .onFailure(ctx::fail);
  }

  private UtilizationPeriod period(RoutingContext ctx) {
    return UtilizationPeriod.parse(ctx.request().params(), LocalDate.now(clock.withZone(Zones.SEOUL)));
  }

  private Future<JsonObject> projects(RoutingContext ctx) {
    UtilizationPeriod period = period(ctx);
    int idle = UtilizationService.idlePercent(ctx.request().getParam("idle"));
    return service.ministry(period, idle).map(m -> {
      JsonArray projects = new JsonArray();
      for (ProjectRow p : m.projects()) {
        projects.add(totals(p.totals())
            .put("id", p.facts().id()).put("code", p.facts().code()).put("titleKo", p.facts().titleKo())
            .put("titleEn", p.facts().titleEn()).put("regionCode", p.facts().regionCode())
            .put("activeFirms", p.facts().activeFirms()).put("memberFirms", p.facts().memberFirms())
            .put("agreedWon", p.facts().agreedWon()).put("spentWon", p.facts().spentWon()).put("budgetExecutionRate", p.budgetRate())
            .put("kpiProgress", p.facts().kpiProgress()).put("circulationRate", p.circulation().rate()));
      }
      JsonArray idle2 = new JsonArray();
      m.idle().forEach(r -> idle2.add(resource(r)));
      return periodJson(period).put("idlePercent", idle).put("projects", projects).put("idleResources", idle2);
    });
  }

  private Future<JsonObject> project(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    UtilizationPeriod period = period(ctx);
    return service.projectMonitoring(RequestContext.currentUser(ctx), id, period).map(c -> {
      JsonArray resources = new JsonArray();
      c.resources().forEach(r -> resources.add(resource(r)));
      JsonArray fairness = new JsonArray();
      for (Fairness f : c.fairness()) {
        fairness.add(new JsonObject().put("organisationId", f.firm().organisationId()).put("name", f.firm().name())
            .put("member", f.firm().member()).put("bookedUnitHours", f.firm().unitMinutes() / 60.0)
            .put("pallets", f.firm().pallets()).put("bookings", f.firm().bookings()).put("share", f.share())
            .put("fairShare", f.fairShare()).put("flag", f.flag()));
      }
      JsonArray noShows = new JsonArray();
      c.noShows().forEach(n -> noShows.add(new JsonObject().put("bookingId", n.bookingId()).put("firm", n.firm())
          .put("resourceId", n.resourceId()).put("resource", n.resourceKo()).put("startsAt", n.startsAt().toInstant().toString())
          .put("endsAt", n.endsAt().toInstant().toString()).put("chargeWon", n.feeWon())));
      return periodJson(period).put("projectId", id).put("totals", totals(c.totals())).put("resources", resources)
          .put("fairness", fairness).put("noShows", noShows).put("circulation", circulation(c.circulation()));
    });
  }

  private Future<JsonObject> circulation(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    UtilizationPeriod period = period(ctx);
    return service.circulation(RequestContext.currentUser(ctx), id, period)
        .map(c -> periodJson(period).put("projectId", id).mergeIn(circulation(c)));
  }

  private static JsonObject periodJson(UtilizationPeriod period) {
    return new JsonObject().put("from", period.from().toString()).put("to", period.to().toString()).put("period", period.kind());
  }

  static JsonObject circulation(Circulation c) {
    JsonArray flows = new JsonArray();
    for (Flow f : c.flows()) {
      flows.add(new JsonObject().put("type", f.type()).put("insideWon", f.insideWon()).put("totalWon", f.totalWon())
          .put("insideShare", UtilizationService.ratio(f.insideWon(), f.totalWon())));
    }
    return new JsonObject().put("regionCode", c.regionCode()).put("insideWon", c.insideWon()).put("totalWon", c.totalWon())
        .put("rate", c.rate()).put("flows", flows)
        .put("definition", "Share by amount of the recorded flows whose payer and payee are both organisations of the project's region: "
            + "booking fees charged (payer: the booking firm; payee: the project's lead organisation, which operates the shared resources), "
            + "value-chain trades (buyer and seller), local service usage (payee: the provider organisation; payer: the region's users).");
  }

  private static JsonObject totals(Totals t) {
    return new JsonObject().put("utilizationBooked", t.bookedRate()).put("utilizationUsed", t.usedRate())
        .put("palletLoad", t.palletRate()).put("kgLoad", t.kgRate()).put("noShowRate", t.noShowRate())
        .put("lateCancelRate", t.lateCancelRate()).put("bookings", t.bookings()).put("openHours", t.openMinutes() / 60.0)
        .put("bookedUnitHours", t.bookedUnitMinutes() / 60.0).put("usedUnitHours", t.usedUnitMinutes() / 60.0)
        .put("capacityUnitHours", t.capacityMinutes() / 60.0).put("pallets", t.pallets()).put("palletCapacity", t.palletCapacity())
        .put("kg", t.kg()).put("kgCapacity", t.kgCapacity());
  }

  private static JsonObject resource(ResourceUse r) {
    return new JsonObject().put("id", r.id()).put("projectId", r.projectId()).put("kind", r.kind()).put("nameKo", r.nameKo())
        .put("nameEn", r.nameEn()).put("capacity", r.capacity()).put("openHours", r.openMinutes() / 60.0)
        .put("bookedUnitHours", r.bookedUnitMinutes() / 60.0).put("usedUnitHours", r.usedUnitMinutes() / 60.0)
        .put("utilizationBooked", r.run() ? null : UtilizationService.ratio(r.bookedUnitMinutes(), r.capacityMinutes()))
        .put("utilizationUsed", r.run() ? null : UtilizationService.ratio(r.usedUnitMinutes(), r.capacityMinutes()))
        .put("pallets", r.pallets()).put("palletCapacity", r.palletCapacity()).put("kg", r.kg()).put("kgCapacity", r.kgCapacity())
        .put("palletLoad", r.run() ? UtilizationService.ratio(r.pallets(), r.palletCapacity()) : null)
        .put("kgLoad", r.run() ? UtilizationService.ratio(r.kg(), r.kgCapacity()) : null)
        .put("bookings", r.bookings()).put("noShows", r.noShows()).put("lateCancels", r.lateCancels()).put("activeFirms", r.firms());
  }
}
