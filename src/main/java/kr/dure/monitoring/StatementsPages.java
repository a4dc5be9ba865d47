package kr.dure.monitoring;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kr.dure.auth.CurrentUser;
import kr.dure.auth.Role;
import kr.dure.common.Zones;
import kr.dure.monitoring.ReportTable.Column;
import kr.dure.monitoring.ReportTable.Type;
import kr.dure.web.Access;
import kr.dure.web.Authentication;
import kr.dure.web.LocalTimes;
import kr.dure.web.Messages;
import kr.dure.web.Params;
import kr.dure.web.RequestContext;
import kr.dure.web.Views;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fees and statements, as pages, downloads and JSON: the firm's monthly statement (printable), the
 * coordinator's monthly fee summary per firm with cost recovery per resource, and the streamed export
 * of the whole booking history. Every table page also answers {@code ?format=csv|xlsx}.
 */
public final class StatementsPages {

  private static final Logger LOG = LoggerFactory.getLogger(StatementsPages.class);

  private final Authentication authentication;
  private final Views views;
  private final StatementsService statements;
  private final Exports exports;

  public StatementsPages(Authentication authentication, Views views, StatementsService statements) {
    this.authentication = authentication;
    this.views = views;
    this.statements = statements;
    this.exports = new Exports(views.messages());
  }

  public void mountPages(Router router) {
    Handler<RoutingContext> page = authentication.page();
    router.get("/firm/statements").handler(page).handler(Access.roles(Role.FIRM, Role.COORDINATOR, Role.MINISTRY))
        .handler(this::statementPage);
    router.get("/coordinator/fees").handler(page).handler(Access.roles(Role.COORDINATOR, Role.MINISTRY)).handler(this::feesPage);
    router.get("/exports/bookings").handler(page).handler(Access.roles(Role.FIRM, Role.COORDINATOR, Role.MINISTRY))
        .handler(this::historyPage);
  }

  public void mountApi(Router api) {
    api.get("/organisations/:id/statements/:month").handler(authentication.api()).handler(Access.anyRole())
        .handler(this::statementApi);
    api.get("/projects/:id/fees/:month").handler(authentication.api()).handler(Access.anyRole()).handler(this::feesApi);
    api.get("/exports/bookings").handler(authentication.api()).handler(Access.anyRole()).handler(this::historyApi);
  }

  // ---- the firm's statement

  private void statementPage(RoutingContext ctx) {
    CurrentUser me = RequestContext.currentUser(ctx);
    ExportFormat format = ExportFormat.of(ctx);
    YearMonth month = StatementMonth.parse(ctx.request().getParam("month"), "month", statements.clock());
    Long organisation = Params.optionalLong(ctx, "organisation");
    if (organisation == null && me.role() != Role.FIRM && format == ExportFormat.HTML) {
      // coordinators and the ministry pick the firm on the fee summary
      ctx.redirect("/coordinator/fees?month=" + month);
      return;
    }
    String lang = RequestContext.lang(ctx);
    statements.statement(me, organisation, month).compose(st -> {
      ReportTable table = statementTable(st, lang);
      if (format != ExportFormat.HTML) {
        return exports.send(ctx, table, format);
      }
      Map<String, Object> model = new HashMap<>();
      model.put("statement", statementHeader(st, lang));
      model.put("table", ReportTableModel.of(table, views.messages(), lang, 1, 1));
      String query = "month=" + st.month() + (organisation == null ? "" : "&organisation=" + organisation);
      model.put("csvHref", "/firm/statements?" + query + "&format=csv");
      model.put("xlsxHref", "/firm/statements?" + query + "&format=xlsx");
      model.put("organisationParam", organisation == null ? "" : organisation.toString());
      model.put("prevMonth", st.month().minusMonths(1).toString());
      model.put("nextMonth", st.month().plusMonths(1).toString());
      model.put("backToFees", me.role() != Role.FIRM);
      return views.render(ctx, "firm-statements", model);
    }).onFailure(ctx::fail);
  }

  private void statementApi(RoutingContext ctx) {
    CurrentUser me = RequestContext.currentUser(ctx);
    long organisation = Params.pathId(ctx, "id");
    YearMonth month = StatementMonth.parse(ctx.pathParam("month"), "month", statements.clock());
    ExportFormat format = ExportFormat.of(ctx);
    statements.statement(me, organisation, month).compose(st -> format == ExportFormat.HTML
            ? json(ctx, st.toJson())
            : exports.send(ctx, statementTable(st, RequestContext.lang(ctx)), format))
        .onFailure(ctx::fail);
  }

  private JsonObject statementHeader(Statement st, String lang) {
    Messages m = views.messages();
    String name = "en".equals(lang) && !st.organisation().nameEn().isBlank() ? st.organisation().nameEn() : st.organisation().name();
    return new JsonObject().put("organisation", name).put("organisationId", st.organisation().id())
        .put("month", st.month().toString())
        .put("monthLabel", m.get(lang, "statements.monthLabel", st.month().getYear(), st.month().getMonthValue()))
        .put("issuedOn", LocalTimes.date(st.issuedOn(), lang))
        .put("bookings", st.lines().size())
        .put("total", st.total())
        .put("projects", String.join(", ", st.projects().stream().map(p -> p.code()).toList()));
  }

  /** The statement as one table: a row per booking, then the totals row. */
  ReportTable statementTable(Statement st, String lang) {
    Messages m = views.messages();
    List<Column> columns = List.of(
        new Column("statements.col.booking", Type.INTEGER),
        new Column("statements.col.resource", Type.TEXT),
        new Column("statements.col.start", Type.DATETIME),
        new Column("statements.col.end", Type.DATETIME),
        new Column("statements.col.status", Type.TEXT),
        new Column("statements.col.bookedBy", Type.TEXT),
        new Column("statements.col.baseFee", Type.MONEY),
        new Column("statements.col.lateCancelFee", Type.MONEY),
        new Column("statements.col.noShowFee", Type.MONEY),
        new Column("statements.col.total", Type.MONEY));
    List<List<Object>> rows = new ArrayList<>();
    for (Statement.Line l : st.lines()) {
      rows.add(java.util.Arrays.asList(l.bookingId(), name(l.resourceNameKo(), l.resourceNameEn(), lang),
          seoul(l.startsAt()), seoul(l.endsAt()), m.get(lang, "bookingStatus." + l.status()), l.bookedBy(),
          l.baseFee(), l.lateCancelFee(), l.noShowFee(), l.total()));
    }
    rows.add(java.util.Arrays.asList(null, m.get(lang, "statements.totalRow", st.lines().size()), null, null, null, null,
        st.baseTotal(), st.lateCancelTotal(), st.noShowTotal(), st.total()));
    return new ReportTable("statement-" + st.organisation().id() + "-" + st.month(), "statements.table.caption", columns, rows);
  }

  // ---- the coordinator's fee summary and cost recovery

  private void feesPage(RoutingContext ctx) {
    CurrentUser me = RequestContext.currentUser(ctx);
    ExportFormat format = ExportFormat.of(ctx);
    YearMonth month = StatementMonth.parse(ctx.request().getParam("month"), "month", statements.clock());
    Long projectParam = Params.optionalLong(ctx, "project");
    String which = ctx.request().getParam("table");
    if (which != null && !which.equals("firms") && !which.equals("resources")) {
      throw kr.dure.common.ValidationException.of("table", "validation.choice", "table must be firms or resources.");
    }
    String lang = RequestContext.lang(ctx);
    statements.selectableProjects(me).compose(projects -> {
      Long projectId = projectParam != null ? projectParam : projects.isEmpty() ? null : projects.get(0).id();
      Map<String, Object> model = new HashMap<>();
      JsonArray options = new JsonArray();
      projects.forEach(p -> options.add(p.toJson().put("selected", p.id() == (projectId == null ? -1 : projectId))));
      model.put("projectOptions", options);
      model.put("month", month.toString());
      model.put("monthLabel", views.messages().get(lang, "statements.monthLabel", month.getYear(), month.getMonthValue()));
      if (projectId == null) {
        if (format != ExportFormat.HTML) {
          return Future.failedFuture(kr.dure.common.ValidationException.of("project", "validation.projectRequired",
              "Name the project: project is its id."));
        }
        return views.render(ctx, "coordinator-fees", model);
      }
      return statements.projectFees(me, projectId, month).compose(fees -> {
        ReportTable firms = firmTable(fees, lang);
        ReportTable resources = recoveryTable(fees, lang);
        if (format != ExportFormat.HTML) {
          return exports.send(ctx, "resources".equals(which) ? resources : firms, format);
        }
        model.put("hasProject", true);
        model.put("project", fees.project().toJson());
        model.put("firmsTable", ReportTableModel.of(firms, views.messages(), lang, 1, 0));
        model.put("resourcesTable", ReportTableModel.of(resources, views.messages(), lang, 0, 0));
        JsonArray links = new JsonArray();
        fees.firms().forEach(f -> links.add(new JsonObject().put("name", name(f.name(), f.nameEn(), lang))
            .put("href", "/firm/statements?month=" + month + "&organisation=" + f.organisationId())));
        model.put("statementLinks", links);
        String query = "month=" + month + "&project=" + projectId;
        model.put("firmsCsv", "/coordinator/fees?" + query + "&table=firms&format=csv");
        model.put("firmsXlsx", "/coordinator/fees?" + query + "&table=firms&format=xlsx");
        model.put("resourcesCsv", "/coordinator/fees?" + query + "&table=resources&format=csv");
        model.put("resourcesXlsx", "/coordinator/fees?" + query + "&table=resources&format=xlsx");
        model.put("historyHref", "/exports/bookings?project=" + projectId);
        return views.render(ctx, "coordinator-fees", model);
      });
    }).onFailure(ctx::fail);
  }

  private void feesApi(RoutingContext ctx) {
    CurrentUser me = RequestContext.currentUser(ctx);
    long projectId = Params.pathId(ctx, "id");
    YearMonth month = StatementMonth.parse(ctx.pathParam("month"), "month", statements.clock());
    ExportFormat format = ExportFormat.of(ctx);
    String lang = RequestContext.lang(ctx);
    statements.projectFees(me, projectId, month).compose(fees -> format == ExportFormat.HTML
            ? json(ctx, fees.toJson())
            : exports.send(ctx, "resources".equals(ctx.request().getParam("table")) ? recoveryTable(fees, lang) : firmTable(fees, lang),
                format))
        .onFailure(ctx::fail);
  }

  ReportTable firmTable(ProjectFees fees, String lang) {
    List<Column> columns = List.of(
        new Column("fees.col.firm", Type.TEXT),
        new Column("fees.col.bookings", Type.INTEGER),
        new Column("statements.col.baseFee", Type.MONEY),
        new Column("statements.col.lateCancelFee", Type.MONEY),
        new Column("statements.col.noShowFee", Type.MONEY),
        new Column("statements.col.total", Type.MONEY));
    List<List<Object>> rows = new ArrayList<>();
    long bookings = 0;
    long base = 0;
    long late = 0;
    long noShow = 0;
    for (ProjectFees.FirmFees f : fees.firms()) {
      rows.add(List.of(name(f.name(), f.nameEn(), lang), f.bookings(), f.baseFee(), f.lateCancelFee(), f.noShowFee(), f.total()));
      bookings += f.bookings();
      base += f.baseFee();
      late += f.lateCancelFee();
      noShow += f.noShowFee();
    }
    rows.add(List.of(views.messages().get(lang, "fees.totalRow"), bookings, base, late, noShow, base + late + noShow));
    return new ReportTable("fees-" + fees.project().code() + "-" + fees.month(), "fees.firms.caption", columns, rows);
  }

  ReportTable recoveryTable(ProjectFees fees, String lang) {
    Messages m = views.messages();
    List<Column> columns = List.of(
        new Column("fees.col.resource", Type.TEXT),
        new Column("fees.col.kind", Type.TEXT),
        new Column("fees.col.bookings", Type.INTEGER),
        new Column("fees.col.charged", Type.MONEY),
        new Column("fees.col.operatingCost", Type.MONEY),
        new Column("fees.col.recovery", Type.PERCENT));
    List<List<Object>> rows = new ArrayList<>();
    for (ProjectFees.ResourceRecovery r : fees.resources()) {
      rows.add(java.util.Arrays.asList(name(r.nameKo(), r.nameEn(), lang), m.get(lang, "resourceKind." + r.kind()), r.bookings(),
          r.charged(), r.operatingCost(), r.recovery()));
    }
    return new ReportTable("cost-recovery-" + fees.project().code() + "-" + fees.month(), "fees.resources.caption", columns, rows);
  }

  // ---- the whole booking history, streamed

  static final List<Column> HISTORY_COLUMNS = List.of(
      new Column("statements.col.booking", Type.INTEGER),
      new Column("history.col.project", Type.TEXT),
      new Column("history.col.firm", Type.TEXT),
      new Column("statements.col.resource", Type.TEXT),
      new Column("fees.col.kind", Type.TEXT),
      new Column("statements.col.start", Type.DATETIME),
      new Column("statements.col.end", Type.DATETIME),
      new Column("statements.col.status", Type.TEXT),
      new Column("history.col.units", Type.INTEGER),
      new Column("history.col.pallets", Type.INTEGER),
      new Column("history.col.kg", Type.INTEGER),
      new Column("statements.col.baseFee", Type.MONEY),
      new Column("statements.col.lateCancelFee", Type.MONEY),
      new Column("statements.col.noShowFee", Type.MONEY),
      new Column("statements.col.total", Type.MONEY),
      new Column("history.col.createdAt", Type.DATETIME));

  /** The export page: how many rows the download has, then the links; ?format= streams the file itself. */
  private void historyPage(RoutingContext ctx) {
    CurrentUser me = RequestContext.currentUser(ctx);
    ExportFormat format = ExportFormat.of(ctx);
    Long project = Params.optionalLong(ctx, "project");
    Long organisation = Params.optionalLong(ctx, "organisation");
    statements.historyScope(me, project, organisation).compose(scope -> {
      if (format != ExportFormat.HTML) {
        return streamHistory(ctx, scope, format);
      }
      return statements.historyCount(scope).compose(count -> {
        String query = (project == null ? "" : "&project=" + project) + (organisation == null ? "" : "&organisation=" + organisation);
        Map<String, Object> model = new HashMap<>();
        model.put("count", String.format(java.util.Locale.ROOT, "%,d", count));
        model.put("hasRows", count > 0);
        model.put("csvHref", "/exports/bookings?format=csv" + query);
        model.put("xlsxHref", "/exports/bookings?format=xlsx" + query);
        model.put("tooManyForXlsx", count > 1_000_000);
        return views.render(ctx, "exports-bookings", model);
      });
    }).onFailure(e -> fail(ctx, e));
  }

  private void historyApi(RoutingContext ctx) {
    CurrentUser me = RequestContext.currentUser(ctx);
    ExportFormat format = ExportFormat.of(ctx);
    Long project = Params.optionalLong(ctx, "project");
    Long organisation = Params.optionalLong(ctx, "organisation");
    statements.historyScope(me, project, organisation)
        .compose(scope -> format == ExportFormat.HTML
            ? statements.historyCount(scope).compose(n -> json(ctx, new JsonObject().put("rows", n)))
            : streamHistory(ctx, scope, format))
        .onFailure(e -> fail(ctx, e));
  }

  private Future<Void> streamHistory(RoutingContext ctx, StatementsRepository.BookingScope scope, ExportFormat format) {
    String lang = RequestContext.lang(ctx);
    Messages m = views.messages();
    String name = "bookings-" + (scope.organisationId() != null ? "org" + scope.organisationId() + "-" : "")
        + (scope.allProjects() ? "all" : scope.projectIds().size() == 1 ? "project" + scope.projectIds().get(0) : "projects")
        + "-" + StatementMonth.today(statements.clock());
    return exports.stream(ctx, statements.pool(), name, "history.caption", HISTORY_COLUMNS, format,
            StatementsRepository.HISTORY, scope.args(), row -> historyRow(row, m, lang))
        .onSuccess(n -> LOG.info("Booking history export of {} rows as {}", n, format))
        .mapEmpty();
  }

  private static List<Object> historyRow(Row r, Messages m, String lang) {
    long base = r.getLong("base_fee");
    long late = r.getLong("late_cancel_fee");
    long noShow = r.getLong("no_show_fee");
    return java.util.Arrays.asList(r.getLong("id"), r.getString("project_code"), r.getString("organisation"),
        name(r.getString("name_ko"), r.getString("name_en"), lang), m.get(lang, "resourceKind." + r.getString("kind")),
        seoul(r.getOffsetDateTime("starts_at").toInstant()), seoul(r.getOffsetDateTime("ends_at").toInstant()),
        m.get(lang, "bookingStatus." + r.getString("status")), (long) r.getInteger("units"), (long) r.getInteger("pallets"),
        (long) r.getInteger("kg"), base, late, noShow, base + late + noShow, seoul(r.getOffsetDateTime("created_at").toInstant()));
  }

  /** A failure after the download began cannot become an error page: the connection is cut instead (Exports does it). */
  private static void fail(RoutingContext ctx, Throwable e) {
    if (ctx.response().headWritten()) {
      LOG.warn("Export stopped part-way: {}", e.toString());
    } else {
      ctx.fail(e);
    }
  }

  // ---- small helpers

  private static Future<Void> json(RoutingContext ctx, JsonObject body) {
    return ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store").end(body.encode());
  }

  private static String name(String ko, String en, String lang) {
    return "en".equals(lang) && en != null && !en.isBlank() ? en : ko;
  }

  private static OffsetDateTime seoul(java.time.Instant instant) {
    return instant.atZone(Zones.SEOUL).toOffsetDateTime();
  }
}
