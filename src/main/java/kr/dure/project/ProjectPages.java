package kr.dure.project;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kr.dure.auth.CurrentUser;
import kr.dure.auth.Role;
import kr.dure.program.AgreementService;
import kr.dure.web.Access;
import kr.dure.web.Authentication;
import kr.dure.web.LocalTimes;
import kr.dure.web.Params;
import kr.dure.web.RequestContext;
import kr.dure.web.Views;

/**
 * The projects a user works on: the list, and each project's hub — who is in it, where its agreement
 * stands, how much of the budget is spent, how far the KPIs are — with links to the project's pages.
 */
public final class ProjectPages {

  /** The roles that take part in running projects; reviewers and the design agency have their own pages. */
  static final Handler<RoutingContext> PARTICIPANTS = Access.roles(Role.MINISTRY, Role.LOCAL_GOV, Role.COORDINATOR, Role.FIRM);

  private final Authentication authentication;
  private final Views views;
  private final ProjectService projects;
  private final AgreementService agreements;

  public ProjectPages(Authentication authentication, Views views, ProjectService projects, AgreementService agreements) {
    this.authentication = authentication;
    this.views = views;
    this.projects = projects;
    this.agreements = agreements;
  }

  public void mountPages(Router router) {
    router.get("/projects").handler(authentication.page()).handler(PARTICIPANTS).handler(this::listPage);
    router.get("/projects/:id").handler(authentication.page()).handler(PARTICIPANTS).handler(this::hubPage);
  }

  private void listPage(RoutingContext ctx) {
    CurrentUser me = RequestContext.currentUser(ctx);
    projects.visibleTo(me).compose(list -> {
      List<Future<JsonObject>> headlines = new ArrayList<>();
      list.forEach(p -> headlines.add(agreements.overview(me, p.id())));
      return Future.all(headlines).compose(all -> {
        JsonArray rows = new JsonArray();
        for (int i = 0; i < list.size(); i++) {
          JsonObject agreement = all.resultAt(i);
          rows.add(list.get(i).toJson().put("agreementStatusKey", agreementStatusKey(agreement))
              .put("executionRate", agreement.isEmpty() ? "" : rate(agreement.getNumber("executionRate").doubleValue()))
              .put("kpiProgress", agreement.isEmpty() ? "" : rate(kpiProgress(agreement.getJsonArray("kpis"))))
              .put("pendingChanges", agreement.getLong("pendingChanges", 0L))
              .put("href", "/projects/" + list.get(i).id()));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("projects", rows);
        model.put("count", rows.size());
        model.put("ministry", me.role() == Role.MINISTRY);
        return views.render(ctx, "project-index", model);
      });
    }).onFailure(ctx::fail);
  }

  private void hubPage(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    CurrentUser me = RequestContext.currentUser(ctx);
    String lang = RequestContext.lang(ctx);
    projects.visibleProject(me, id).compose(project -> agreements.overview(me, id).map(agreement -> {
      Map<String, Object> model = new HashMap<>();
      model.put("project", project);
      model.put("agreementStatusKey", agreementStatusKey(agreement));
      model.put("hasAgreement", !agreement.isEmpty());
      model.put("pendingChanges", agreement.getLong("pendingChanges", 0L));
      if (!agreement.isEmpty()) {
        model.put("period", agreement.getString("periodStart") + " – " + agreement.getString("periodEnd"));
        model.put("confirmations", confirmations(agreement, lang));
        model.put("plannedWon", agreement.getLong("plannedWon"));
        model.put("spentWon", agreement.getLong("spentWon"));
        model.put("remainingWon", agreement.getLong("plannedWon") - agreement.getLong("spentWon"));
        double execution = agreement.getNumber("executionRate").doubleValue();
        model.put("executionRate", rate(execution));
        model.put("executionBar", Math.min(100, execution));
        JsonArray kpis = new JsonArray();
        agreement.getJsonArray("kpis").forEach(o -> {
          JsonObject k = (JsonObject) o;
          kpis.add(new JsonObject().put("name", k.getString("name")).put("unit", k.getString("unit"))
              .put("target", number(k.getDouble("target"))).put("reached", number(k.getDouble("reached")))
              .put("progress", rate(k.getDouble("progress"))).put("bar", Math.min(100, k.getDouble("progress"))));
        });
        model.put("kpis", kpis);
        model.put("kpiProgress", rate(kpiProgress(agreement.getJsonArray("kpis"))));
      }
      model.put("links", links(me, project));
      return model;
    })).compose(model -> views.render(ctx, "project-hub", model)).onFailure(ctx::fail);
  }

  /** The project's pages the caller has a use for, by role and by the project's collaboration types. */
  static JsonArray links(CurrentUser me, JsonObject project) {
    List<String> types = new ArrayList<>();
    project.getJsonArray("collaborationTypes").forEach(t -> types.add(((JsonObject) t).getString("code")));
    boolean runs = me.role() == Role.MINISTRY || project.getBoolean("lead") || project.getBoolean("coordinator");
    long id = project.getLong("id");
    List<String[]> out = new ArrayList<>();
    out.add(new String[] {"agreement", "hub.link.agreement"});
    out.add(new String[] {"spending", "hub.link.spending"});
    out.add(new String[] {"kpis", "hub.link.kpis"});
    if (types.contains(CollaborationType.JOINT_BRAND.name())) {
      out.add(new String[] {"brand", "hub.link.brand"});
    }
    if (types.contains(CollaborationType.VALUE_CHAIN.name())) {
      out.add(new String[] {"trades", "hub.link.trades"});
    }
    if (types.contains(CollaborationType.LOCAL_SERVICE.name())) {
      out.add(new String[] {"services", "hub.link.services"});
    }
    if (runs) {
      out.add(new String[] {"members", "hub.link.members"});
      out.add(new String[] {"completion", "hub.link.completion"});
    }
    JsonArray links = new JsonArray();
    out.forEach(l -> links.add(new JsonObject().put("href", "/projects/" + id + "/" + l[0]).put("labelKey", l[1])
        .put("hintKey", l[1] + ".hint")));
    return links;
  }

  /** Each side's confirmation of the agreement: who and when, or not yet. */
  public static JsonArray confirmations(JsonObject agreement, String lang) {
    JsonArray out = new JsonArray();
    for (String side : List.of("lead", "ministry")) {
      String at = agreement.getString(side + "ConfirmedAt");
      out.add(new JsonObject().put("sideKey", "agreement.side." + side)
          .put("by", at == null ? "" : nz(agreement.getString(side + "ConfirmedBy")))
          .put("at", at == null ? "" : LocalTimes.dateTime(Instant.parse(at), lang)).put("confirmed", at != null));
    }
    return out;
  }

  public static String agreementStatusKey(JsonObject agreement) {
    return "agreementStatus." + (agreement == null || agreement.isEmpty() ? "NONE" : agreement.getString("status"));
  }

  /** The mean progress of the KPIs, each counted up to 100 %. */
  public static double kpiProgress(JsonArray kpis) {
    if (kpis == null || kpis.isEmpty()) {
      return 0;
    }
    double sum = 0;
    for (Object o : kpis) {
      sum += Math.min(100, ((JsonObject) o).getDouble("progress", 0.0));
    }
    return Math.round(sum * 10 / kpis.size()) / 10.0;
  }

  public static String rate(double percent) {
    return String.format(java.util.Locale.ROOT, "%.1f", percent);
  }

  public static String number(Double d) {
    if (d == null) {
      return "";
    }
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(java.util.Locale.ROOT, "%,d", d.longValue())
        : String.format(java.util.Locale.ROOT, "%,.2f", d);
  }

  static String nz(String s) {
    return s == null ? "" : s;
  }
}
