package kr.dure.monitoring;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kr.dure.auth.Role;
import kr.dure.common.ValidationException;
import kr.dure.common.Validator;
import kr.dure.common.Zones;
import kr.dure.monitoring.UtilizationRepository.ResourceUse;
import kr.dure.monitoring.UtilizationService.Circulation;
import kr.dure.monitoring.UtilizationService.Totals;
import kr.dure.resource.ResourceKind;
import kr.dure.web.Access;
import kr.dure.web.Authentication;
import kr.dure.web.Params;
import kr.dure.web.RequestContext;
import kr.dure.web.Views;

/**
 * The ministry's utilization dashboard with its drill-down (project → kind → resource → week) and
 * the coordinator's monitoring page. Every table is a {@link ReportTable}; each chart draws the same
 * rows from JSON embedded in the page and is hidden from assistive technology, the table being the content.
 */
public final class MonitoringPages {

  private final Authentication authentication;
  private final Views views;
  private final UtilizationService service;
  private final Clock clock;

  public MonitoringPages(Authentication authentication, Views views, UtilizationService service, Clock clock) {
    this.authentication = authentication;
    this.views = views;
    this.service = service;
    this.clock = clock;
  }

  public void mountPages(Router router) {
    router.route("/ministry/dashboard*").handler(authentication.page()).handler(Access.roles(Role.MINISTRY));
    router.get("/ministry/dashboard").handler(this::dashboardPage);
    router.get("/ministry/dashboard/projects/:id").handler(ctx -> projectPage(ctx, null));
    router.get("/ministry/dashboard/projects/:id/kinds/:kind").handler(this::kindPage);
    router.get("/ministry/dashboard/resources/:id").handler(this::resourcePage);
    router.get("/coordinator/monitoring").handler(authentication.page()).handler(Access.roles(Role.COORDINATOR))
        .handler(this::coordinatorPage);
  }

  private LocalDate today() {
    return LocalDate.now(clock.withZone(Zones.SEOUL));
  }

  // ---- ministry

  private void dashboardPage(RoutingContext ctx) {
    UtilizationPeriod period = UtilizationPeriod.parse(ctx.request().params(), today());
    int idle = UtilizationService.idlePercent(ctx.request().getParam("idle"));
    String lang = RequestContext.lang(ctx);
    DashboardTables tables = new DashboardTables(views.messages(), lang);
    service.ministry(period, idle).compose(m -> {
      String q = query(period, idle);
      ReportTable projects = tables.projects(m.projects(), "projects-" + period.from() + "-" + period.to());
      List<String> links = m.projects().stream().map(p -> "/ministry/dashboard/projects/" + p.facts().id() + q).toList();
      Map<String, Object> model = base(period, idle, "/ministry/dashboard");
      model.put("projects", ReportTableView.of(projects, "projects", lang, links));
      model.put("projectsChart", ReportTableView.chart(projects, "bar", List.of(1, 2, 4, 7, 9),
          labels(lang, "bookedRate", "usedRate", "noShowRate", "budgetRate", "circulationRate"), lang));
      model.put("idleTable", ReportTableView.of(tables.resources(m.idle(), "idle-resources", "monitoring.table.idle"), "idle", lang,
          resourceLinks(m.idle(), period)));
      return views.render(ctx, "ministry-dashboard", model);
    }).onFailure(ctx::fail);
  }

  private void kindPage(RoutingContext ctx) {
    ResourceKind kind = kind(ctx.pathParam("kind"));
    projectPage(ctx, kind);
  }

  private void projectPage(RoutingContext ctx, ResourceKind kind) {
    long id = Params.pathId(ctx, "id");
    UtilizationPeriod period = UtilizationPeriod.parse(ctx.request().params(), today());
    int idle = UtilizationService.idlePercent(ctx.request().getParam("idle"));
    String lang = RequestContext.lang(ctx);
    DashboardTables tables = new DashboardTables(views.messages(), lang);
    service.project(id, period, idle, kind).compose(v -> {
      String q = query(period, idle);
      String base = "/ministry/dashboard/projects/" + id;
      Map<String, Object> model = base(period, idle, kind == null ? base : base + "/kinds/" + kind.name());
      model.put("project", projectJson(v.project().facts(), lang).put("href", base + q));
      model.put("dashboardHref", "/ministry/dashboard" + q);
      // a kind's page sums up that kind's resources; active firms stay the project's (a firm counts once across kinds)
      model.put("summary", summary(kind == null ? v.project().totals() : Totals.of(v.resources()), v.project().facts().activeFirms(), lang));
      if (kind == null) {
        ReportTable kinds = tables.kinds(v.resources(), "kinds-" + v.project().facts().code());
        List<String> kindLinks = List.of(base + "/kinds/EQUIPMENT" + q, base + "/kinds/FACILITY" + q, base + "/kinds/DELIVERY_RUN" + q);
        model.put("kinds", ReportTableView.of(kinds, "kinds", lang, kindLinks));
        ReportTable weeks = tables.series(v.weeks(), false, "weeks-" + v.project().facts().code());
        model.put("weeks", ReportTableView.of(weeks, "weeks", lang, null));
        model.put("weeksChart", ReportTableView.chart(weeks, "line", List.of(3, 4), labels(lang, "bookedRate", "usedRate"), lang));
        model.put("heatmap", ReportTableView.of(tables.heatmap(v.heatmap(), "heatmap-" + v.project().facts().code()), "heatmap", lang,
            null, true));
        model.put("circulation", circulationModel(tables, v.project().circulation(), v.project().facts().regionCode(), lang));
      } else {
        model.put("kind", new JsonObject().put("code", kind.name()).put("labelKey", kind.labelKey()));
      }
      model.put("resources", ReportTableView.of(tables.resources(v.resources(), "resources-" + v.project().facts().code(),
          "monitoring.table.resources"), "resources", lang, resourceLinks(v.resources(), period)));
      model.put("idleTable", ReportTableView.of(tables.resources(v.idle(), "idle-" + v.project().facts().code(),
          "monitoring.table.idle"), "idle", lang, resourceLinks(v.idle(), period)));
      return views.render(ctx, "ministry-dashboard-project", model);
    }).onFailure(ctx::fail);
  }

  private void resourcePage(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    LocalDate monday = week(ctx.request().getParam("week"));
    String lang = RequestContext.lang(ctx);
    DashboardTables tables = new DashboardTables(views.messages(), lang);
    service.resourceWeek(id, monday).compose(w -> {
      Map<String, Object> model = new HashMap<>();
      ResourceUse r = w.resource();
      model.put("resource", new JsonObject().put("id", r.id()).put("name", "en".equals(lang) && !r.nameEn().isBlank() ? r.nameEn() : r.nameKo())
          .put("kindKey", "resourceKind." + r.kind()).put("capacity", r.capacity()).put("run", r.run()));
      UtilizationPeriod weekPeriod = UtilizationPeriod.of("week", monday);
      String q = query(weekPeriod, UtilizationService.DEFAULT_IDLE_PERCENT);
      model.put("project", projectJson(w.project(), lang).put("href", "/ministry/dashboard/projects/" + w.project().id() + q));
      model.put("kindHref", "/ministry/dashboard/projects/" + w.project().id() + "/kinds/" + r.kind() + q);
      model.put("weekStart", monday.toString());
      model.put("weekEnd", monday.plusDays(6).toString());
      model.put("previousWeek", "/ministry/dashboard/resources/" + id + "?week=" + monday.minusWeeks(1));
      model.put("nextWeek", "/ministry/dashboard/resources/" + id + "?week=" + monday.plusWeeks(1));
      model.put("summary", summary(Totals.of(List.of(r)), r.firms(), lang));
      ReportTable days = tables.series(w.days(), true, "resource-" + id + "-" + monday);
      model.put("days", ReportTableView.of(days, "days", lang, null));
      model.put("daysChart", ReportTableView.chart(days, "bar", List.of(3, 4), labels(lang, "bookedRate", "usedRate"), lang));
      model.put("heatmap", ReportTableView.of(tables.heatmap(w.heatmap(), "heatmap-resource-" + id + "-" + monday), "heatmap", lang,
          null, true));
      model.put("definitions", true);
      return views.render(ctx, "ministry-dashboard-resource", model);
    }).onFailure(ctx::fail);
  }

  // ---- coordinator

  private void coordinatorPage(RoutingContext ctx) {
    Long projectId = Params.optionalLong(ctx, "project");
    UtilizationPeriod period = UtilizationPeriod.parse(ctx.request().params(), today());
    String lang = RequestContext.lang(ctx);
    DashboardTables tables = new DashboardTables(views.messages(), lang);
    service.coordinator(RequestContext.currentUser(ctx), projectId, period).compose(c -> {
      Map<String, Object> model = base(period, UtilizationService.DEFAULT_IDLE_PERCENT, "/coordinator/monitoring");
      JsonArray options = new JsonArray();
      c.projects().forEach(p -> options.add(new JsonObject().put("id", p.id())
          .put("label", p.code() + " " + ("en".equals(lang) && p.titleEn() != null && !p.titleEn().isBlank() ? p.titleEn() : p.titleKo()))
          .put("selected", c.chosen() != null && c.chosen().id() == p.id())));
      model.put("projectOptions", options);
      model.put("hasProject", c.chosen() != null);
      if (c.chosen() != null) {
        String code = c.chosen().code();
        model.put("projectId", c.chosen().id());
        model.put("summary", summary(c.totals(), c.fairness().stream().filter(f -> f.firm().bookings() > 0).count(), lang));
        model.put("resources", ReportTableView.of(tables.resources(c.resources(), "resources-" + code, "monitoring.table.resources"),
            "resources", lang, null));
        ReportTable fairness = tables.fairness(c.fairness(), "fairness-" + code);
        model.put("fairness", ReportTableView.of(fairness, "fairness", lang, null));
        model.put("fairnessChart", ReportTableView.chart(fairness, "bar", List.of(3, 4), labels(lang, "share", "fairShare"), lang));
        model.put("noShows", ReportTableView.of(tables.noShows(c.noShows(), "no-shows-" + code), "no-shows", lang, null));
        model.put("circulation", circulationModel(tables, c.circulation(), c.circulation().regionCode(), lang));
      }
      return views.render(ctx, "coordinator-monitoring", model);
    }).onFailure(ctx::fail);
  }

  // ---- shared

  private Map<String, Object> base(UtilizationPeriod period, int idle, String action) {
    Map<String, Object> model = new HashMap<>();
    JsonArray kinds = new JsonArray();
    UtilizationPeriod.KINDS.forEach(k -> kinds.add(new JsonObject().put("value", k).put("labelKey", "monitoring.period." + k)
        .put("selected", k.equals(period.kind()))));
    model.put("periodOptions", kinds);
    model.put("period", new JsonObject().put("kind", period.kind()).put("from", period.from().toString())
        .put("to", period.to().toString()).put("days", period.days()));
    model.put("anchor", period.from().toString());
    model.put("idle", idle);
    model.put("action", action);
    return model;
  }

  private static String query(UtilizationPeriod period, int idle) {
    return "?" + period.query() + "&idle=" + idle;
  }

  private static List<String> resourceLinks(List<ResourceUse> resources, UtilizationPeriod period) {
    List<String> links = new ArrayList<>();
    resources.forEach(r -> links.add("/ministry/dashboard/resources/" + r.id() + "?week=" + period.from()));
    return links;
  }

  private JsonObject circulationModel(DashboardTables tables, Circulation c, String regionCode, String lang) {
    ReportTable table = tables.circulation(c, "circulation-" + c.projectId());
    return new JsonObject().put("table", ReportTableView.of(table, "circulation", lang, null))
        .put("rate", ReportTableView.format(c.rate(), ReportTable.Type.PERCENT, lang)).put("regionCode", regionCode);
  }

  private static JsonObject summary(Totals t, long activeFirms, String lang) {
    return new JsonObject()
        .put("bookedRate", ReportTableView.format(t.bookedRate(), ReportTable.Type.PERCENT, lang))
        .put("usedRate", ReportTableView.format(t.usedRate(), ReportTable.Type.PERCENT, lang))
        .put("palletRate", ReportTableView.format(t.palletRate(), ReportTable.Type.PERCENT, lang))
        .put("kgRate", ReportTableView.format(t.kgRate(), ReportTable.Type.PERCENT, lang))
        .put("noShowRate", ReportTableView.format(t.noShowRate(), ReportTable.Type.PERCENT, lang))
        .put("lateCancelRate", ReportTableView.format(t.lateCancelRate(), ReportTable.Type.PERCENT, lang))
        .put("activeFirms", activeFirms);
  }

  private static JsonObject projectJson(UtilizationRepository.ProjectFacts p, String lang) {
    return new JsonObject().put("id", p.id()).put("code", p.code())
        .put("title", "en".equals(lang) && p.titleEn() != null && !p.titleEn().isBlank() ? p.titleEn() : p.titleKo())
        .put("regionCode", p.regionCode());
  }

  private List<String> labels(String lang, String... columns) {
    List<String> list = new ArrayList<>();
    for (String c : columns) {
      list.add(views.messages().get(lang, "monitoring.col." + c));
    }
    return list;
  }

  private static ResourceKind kind(String raw) {
    try {
      return ResourceKind.valueOf(raw);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ValidationException.of("kind", "validation.choice", "kind must be EQUIPMENT, FACILITY or DELIVERY_RUN, not '" + raw + "'.");
    }
  }

  private LocalDate week(String raw) {
    LocalDate day = today();
    if (raw != null && !raw.isBlank()) {
      day = raw.trim().length() > 10 ? null : Validator.parseDate(raw.trim());
      if (day == null) {
        throw ValidationException.of("week", "validation.date", "week must be a date such as 2026-12-07.");
      }
    }
    return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }
}
