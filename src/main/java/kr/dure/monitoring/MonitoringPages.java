package kr.dure.monitoring;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.Handler;
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
import kr.dure.auth.CurrentUser;
import kr.dure.auth.Role;
import kr.dure.common.NotFoundException;
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
 * Every table downloads as CSV or XLSX from its own page ({@code ?table=<name>&format=csv|xlsx} with
 * the page's period), built from the same {@link MonitoringTables} the page shows.
 *
 * <p>The drill-down also answers under {@code /monitoring/…} for coordinators (their projects) and
 * the lead local government (the projects it leads), checked row by row with {@link UtilizationService#requireMonitor}.
 */
public final class MonitoringPages {

  private final Authentication authentication;
  private final Views views;
  private final UtilizationService service;
  private final Clock clock;
  private final Exports exports;

  public MonitoringPages(Authentication authentication, Views views, UtilizationService service, Clock clock) {
    this.authentication = authentication;
    this.views = views;
    this.service = service;
    this.clock = clock;
    this.exports = new Exports(views.messages());
  }

  public void mountPages(Router router) {
    router.route("/ministry/dashboard*").handler(authentication.page()).handler(Access.roles(Role.MINISTRY));
    router.get("/ministry/dashboard").handler(this::dashboardPage);
    router.get("/ministry/dashboard/projects/:id").handler(ctx -> projectPage(ctx, null));
    router.get("/ministry/dashboard/projects/:id/kinds/:kind").handler(this::kindPage);
    router.get("/ministry/dashboard/resources/:id").handler(this::resourcePage);
    router.get("/coordinator/monitoring").handler(authentication.page()).handler(Access.roles(Role.COORDINATOR))
        .handler(this::coordinatorPage);
    // coordinators and the lead local government: the same drill-down, for their own projects only
    Handler<RoutingContext> monitors = Access.roles(Role.MINISTRY, Role.COORDINATOR, Role.LOCAL_GOV);
    router.get("/monitoring/projects/:id").handler(authentication.page()).handler(monitors).handler(ctx -> projectPage(ctx, null));
    router.get("/monitoring/projects/:id/kinds/:kind").handler(authentication.page()).handler(monitors).handler(this::kindPage);
    router.get("/monitoring/resources/:id").handler(authentication.page()).handler(monitors).handler(this::resourcePage);
    router.get("/local-gov/monitoring").handler(authentication.page()).handler(Access.roles(Role.LOCAL_GOV)).handler(this::countyPage);
  }

  /** Where the drill-down's links lead: the ministry's dashboard paths, or the shared monitoring paths. */
  private static String root(RoutingContext ctx) {
    return ctx.request().path().startsWith("/ministry/") ? "/ministry/dashboard" : "/monitoring";
  }

  /** The first step of the breadcrumb: the reader's own monitoring overview. */
  private static JsonObject home(CurrentUser user, long projectId, String periodQuery) {
    return switch (user.role()) {
      case COORDINATOR -> new JsonObject().put("href", "/coordinator/monitoring?project=" + projectId + "&" + periodQuery)
          .put("key", "title.coordinator-monitoring");
      case LOCAL_GOV -> new JsonObject().put("href", "/local-gov/monitoring").put("key", "title.local-gov-monitoring");
      default -> new JsonObject().put("href", "/ministry/dashboard?" + periodQuery).put("key", "title.ministry-dashboard");
    };
  }

  /** A table of the page with its download links, which keep the page's parameters ({@code self}). */
  private static JsonObject view(Map<String, ReportTable> tables, String name, String lang, List<String> links, boolean shade,
      String self) {
    String sep = self.contains("?") ? "&" : "?";
    return ReportTableView.of(tables.get(name), name, lang, links, shade)
        .put("csv", self + sep + "table=" + name + "&format=csv").put("xlsx", self + sep + "table=" + name + "&format=xlsx");
  }

  private LocalDate today() {
    return LocalDate.now(clock.withZone(Zones.SEOUL));
  }

  // ---- ministry

  private void dashboardPage(RoutingContext ctx) {
    UtilizationPeriod period = UtilizationPeriod.parse(ctx.request().params(), today());
    int idle = UtilizationService.idlePercent(ctx.request().getParam("idle"));
    ExportFormat format = ExportFormat.of(ctx);
    String wanted = MonitoringTables.requested(ctx.request().getParam("table"), format, MonitoringTables.DASHBOARD);
    String lang = RequestContext.lang(ctx);
    DashboardTables tables = new DashboardTables(views.messages(), lang);
    service.ministry(period, idle).compose(m -> {
      Map<String, ReportTable> all = MonitoringTables.dashboard(tables, m);
      if (format != ExportFormat.HTML) {
        return exports.send(ctx, all.get(wanted), format);
      }
      String q = query(period, idle);
      String self = "/ministry/dashboard" + q;
      List<String> links = m.projects().stream().map(p -> "/ministry/dashboard/projects/" + p.facts().id() + q).toList();
      Map<String, Object> model = base(period, idle, "/ministry/dashboard");
      model.put("projects", view(all, "projects", lang, links, false, self));
      model.put("projectsChart", ReportTableView.chart(all.get("projects"), "bar", List.of(1, 2, 4, 7, 9),
          labels(lang, "bookedRate", "usedRate", "noShowRate", "budgetRate", "circulationRate"), lang));
      model.put("idleTable", view(all, "idle", lang, resourceLinks("/ministry/dashboard", m.idle(), period), false, self));
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
    ExportFormat format = ExportFormat.of(ctx);
    String wanted = MonitoringTables.requested(ctx.request().getParam("table"), format,
        kind == null ? MonitoringTables.PROJECT : MonitoringTables.KIND);
    String lang = RequestContext.lang(ctx);
    String root = root(ctx);
    CurrentUser user = RequestContext.currentUser(ctx);
    DashboardTables tables = new DashboardTables(views.messages(), lang);
    service.project(user, id, period, idle, kind).compose(v -> {
      Map<String, ReportTable> all = MonitoringTables.project(tables, v, kind == null ? null : kind.name());
      if (format != ExportFormat.HTML) {
        return exports.send(ctx, all.get(wanted), format);
      }
      String q = query(period, idle);
      String base = root + "/projects/" + id;
      String self = (kind == null ? base : base + "/kinds/" + kind.name()) + q;
      Map<String, Object> model = base(period, idle, kind == null ? base : base + "/kinds/" + kind.name());
      model.put("project", projectJson(v.project().facts(), lang).put("href", base + q));
      model.put("home", home(user, id, period.query()));
      // a kind's page sums up that kind's resources and counts the firms that booked that kind
      model.put("summary", summary(kind == null ? v.project().totals() : Totals.of(v.resources()), v.activeFirms(), lang));
      List<String> links = resourceLinks(root, v.resources(), period);
      if (kind == null) {
        model.put("overview", view(all, "overview", lang, null, false, self));
        List<String> kindLinks = List.of(base + "/kinds/EQUIPMENT" + q, base + "/kinds/FACILITY" + q, base + "/kinds/DELIVERY_RUN" + q);
        model.put("kinds", view(all, "kinds", lang, kindLinks, false, self));
        model.put("weeks", view(all, "weeks", lang, null, false, self));
        model.put("weeksChart", ReportTableView.chart(all.get("weeks"), "line", List.of(3, 4), labels(lang, "bookedRate", "usedRate"), lang));
        model.put("heatmap", view(all, "heatmap", lang, null, true, self));
        model.put("circulation", circulationModel(all, v.project().circulation(), v.project().facts().regionCode(), lang, self));
      } else {
        model.put("kind", new JsonObject().put("code", kind.name()).put("labelKey", kind.labelKey()));
      }
      model.put("resources", view(all, "resources", lang, links, false, self));
      model.put("idleTable", view(all, "idle", lang, resourceLinks(root, v.idle(), period), false, self));
      return views.render(ctx, "ministry-dashboard-project", model);
    }).onFailure(ctx::fail);
  }

  private void resourcePage(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    LocalDate monday = week(ctx.request().getParam("week"));
    ExportFormat format = ExportFormat.of(ctx);
    String wanted = MonitoringTables.requested(ctx.request().getParam("table"), format, MonitoringTables.RESOURCE_WEEK);
    String lang = RequestContext.lang(ctx);
    String root = root(ctx);
    CurrentUser user = RequestContext.currentUser(ctx);
    DashboardTables tables = new DashboardTables(views.messages(), lang);
    service.resourceWeek(user, id, monday).compose(w -> {
      Map<String, ReportTable> all = MonitoringTables.resourceWeek(tables, w);
      if (format != ExportFormat.HTML) {
        return exports.send(ctx, all.get(wanted), format);
      }
      Map<String, Object> model = new HashMap<>();
      ResourceUse r = w.resource();
      model.put("resource", new JsonObject().put("id", r.id()).put("name", "en".equals(lang) && !r.nameEn().isBlank() ? r.nameEn() : r.nameKo())
          .put("kindKey", "resourceKind." + r.kind()).put("capacity", r.capacity()).put("run", r.run()));
      UtilizationPeriod weekPeriod = UtilizationPeriod.of("week", monday);
      String q = query(weekPeriod, UtilizationService.DEFAULT_IDLE_PERCENT);
      String self = root + "/resources/" + id + "?week=" + monday;
      model.put("project", projectJson(w.project(), lang).put("href", root + "/projects/" + w.project().id() + q));
      model.put("home", home(user, w.project().id(), weekPeriod.query()));
      model.put("kindHref", root + "/projects/" + w.project().id() + "/kinds/" + r.kind() + q);
      model.put("weekAction", root + "/resources/" + id);
      model.put("weekStart", monday.toString());
      model.put("weekEnd", monday.plusDays(6).toString());
      model.put("previousWeek", root + "/resources/" + id + "?week=" + monday.minusWeeks(1));
      model.put("nextWeek", root + "/resources/" + id + "?week=" + monday.plusWeeks(1));
      model.put("summary", summary(Totals.of(List.of(r)), r.firms(), lang));
      model.put("days", view(all, "days", lang, null, false, self));
      model.put("daysChart", ReportTableView.chart(all.get("days"), "bar", List.of(3, 4), labels(lang, "bookedRate", "usedRate"), lang));
      model.put("heatmap", view(all, "heatmap", lang, null, true, self));
      model.put("definitions", true);
      return views.render(ctx, "ministry-dashboard-resource", model);
    }).onFailure(ctx::fail);
  }

  // ---- the lead local government

  private void countyPage(RoutingContext ctx) {
    UtilizationPeriod period = UtilizationPeriod.parse(ctx.request().params(), today());
    String lang = RequestContext.lang(ctx);
    service.led(RequestContext.currentUser(ctx)).compose(projects -> {
      JsonArray list = new JsonArray();
      projects.forEach(p -> list.add(new JsonObject().put("href", "/monitoring/projects/" + p.id() + "?" + period.query())
          .put("label", p.code() + " " + ("en".equals(lang) && p.titleEn() != null && !p.titleEn().isBlank() ? p.titleEn() : p.titleKo()))));
      Map<String, Object> model = new HashMap<>();
      model.put("projects", list);
      return views.render(ctx, "local-gov-monitoring", model);
    }).onFailure(ctx::fail);
  }

  // ---- coordinator

  private void coordinatorPage(RoutingContext ctx) {
    Long projectId = Params.optionalLong(ctx, "project");
    UtilizationPeriod period = UtilizationPeriod.parse(ctx.request().params(), today());
    ExportFormat format = ExportFormat.of(ctx);
    String wanted = MonitoringTables.requested(ctx.request().getParam("table"), format, MonitoringTables.COORDINATOR);
    String lang = RequestContext.lang(ctx);
    DashboardTables tables = new DashboardTables(views.messages(), lang);
    service.coordinator(RequestContext.currentUser(ctx), projectId, period).compose(c -> {
      if (format != ExportFormat.HTML) {
        if (c.chosen() == null) {
          return io.vertx.core.Future.failedFuture(new NotFoundException("You coordinate no project, so there is no table to download."));
        }
        return exports.send(ctx, MonitoringTables.coordinator(tables, c).get(wanted), format);
      }
      Map<String, Object> model = base(period, UtilizationService.DEFAULT_IDLE_PERCENT, "/coordinator/monitoring");
      JsonArray options = new JsonArray();
      c.projects().forEach(p -> options.add(new JsonObject().put("id", p.id())
          .put("label", p.code() + " " + ("en".equals(lang) && p.titleEn() != null && !p.titleEn().isBlank() ? p.titleEn() : p.titleKo()))
          .put("selected", c.chosen() != null && c.chosen().id() == p.id())));
      model.put("projectOptions", options);
      model.put("hasProject", c.chosen() != null);
      if (c.chosen() != null) {
        long chosen = c.chosen().id();
        Map<String, ReportTable> all = MonitoringTables.coordinator(tables, c);
        String self = "/coordinator/monitoring?project=" + chosen + "&" + period.query();
        model.put("projectId", chosen);
        model.put("drillHref", "/monitoring/projects/" + chosen + "?" + period.query());
        model.put("summary", summary(c.totals(), c.fairness().stream().filter(f -> f.firm().bookings() > 0).count(), lang));
        model.put("resources", view(all, "resources", lang, resourceLinks("/monitoring", c.resources(), period), false, self));
        model.put("fairness", view(all, "fairness", lang, null, false, self));
        model.put("fairnessChart", ReportTableView.chart(all.get("fairness"), "bar", List.of(3, 4), labels(lang, "share", "fairShare"), lang));
        model.put("noShows", view(all, "no-shows", lang, null, false, self));
        model.put("circulation", circulationModel(all, c.circulation(), c.circulation().regionCode(), lang, self));
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

  private static List<String> resourceLinks(String root, List<ResourceUse> resources, UtilizationPeriod period) {
    List<String> links = new ArrayList<>();
    resources.forEach(r -> links.add(root + "/resources/" + r.id() + "?week=" + period.from()));
    return links;
  }

  private JsonObject circulationModel(Map<String, ReportTable> tables, Circulation c, String regionCode, String lang, String self) {
    return new JsonObject().put("table", view(tables, "circulation", lang, null, false, self))
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
