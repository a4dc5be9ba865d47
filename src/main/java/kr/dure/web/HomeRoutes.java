package kr.dure.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import kr.dure.auth.CurrentUser;
import kr.dure.auth.DirectoryService;
import kr.dure.auth.Organisation;
import kr.dure.auth.Role;
import kr.dure.auth.User;
import kr.dure.program.ProgramService;
import kr.dure.project.ProjectService;

/** The start page of each role, filled from the database with what that user may see. */
public final class HomeRoutes {

  private final Authentication authentication;
  private final Views views;
  private final ProjectService projects;
  private final ProgramService programs;
  private final DirectoryService directory;
  private final kr.dure.program.ReviewService reviews;

  public HomeRoutes(Authentication authentication, Views views, ProjectService projects, ProgramService programs,
      DirectoryService directory, kr.dure.program.ReviewService reviews) {
    this.reviews = reviews;
    this.authentication = authentication;
    this.views = views;
    this.projects = projects;
    this.programs = programs;
    this.directory = directory;
  }

  public void mountPages(Router router) {
    router.get("/").handler(authentication.optionalPage()).handler(this::start);
    router.get(Role.MINISTRY.homePath()).handler(authentication.page()).handler(Access.roles(Role.MINISTRY)).handler(this::ministryPage);
    router.get(Role.REVIEWER.homePath()).handler(authentication.page()).handler(Access.roles(Role.REVIEWER)).handler(this::reviewerPage);
    // the design agency's home (Role.DESIGN_AGENCY.homePath()) is kr.dure.project.DesignPages: its queue of design requests
    router.get(Role.LOCAL_GOV.homePath()).handler(authentication.page()).handler(Access.roles(Role.LOCAL_GOV)).handler(this::localGovPage);
    router.get(Role.COORDINATOR.homePath()).handler(authentication.page()).handler(Access.roles(Role.COORDINATOR)).handler(this::coordinatorPage);
    router.get(Role.FIRM.homePath()).handler(authentication.page()).handler(Access.roles(Role.FIRM)).handler(this::firmPage);
  }

  private void start(RoutingContext ctx) {
    User me = RequestContext.profile(ctx);
    ctx.redirect(me == null ? "/login" : me.role().homePath());
  }

  private void ministryPage(RoutingContext ctx) {
    Future<JsonArray> visible = projects.visibleWithMembers(RequestContext.currentUser(ctx));
    Future<JsonArray> calls = calls();
    Future<JsonArray> organisationCounts = directory.organisationCounts().map(list -> {
      JsonArray out = new JsonArray();
      list.forEach(c -> out.add(new JsonObject().put("kindKey", c.kind().labelKey()).put("count", c.count())));
      return out;
    });
    Future<JsonArray> userCounts = directory.userCounts().map(counts -> {
      JsonArray out = new JsonArray();
      counts.forEach((role, n) -> out.add(new JsonObject().put("roleKey", role.labelKey()).put("count", n)));
      return out;
    });
    Future.all(visible, calls, organisationCounts, userCounts)
        .compose(all -> render(ctx, "home-ministry", Map.of(
            "projects", visible.result(), "calls", calls.result(), "membersLink", true,
            "organisationCounts", organisationCounts.result(), "userCounts", userCounts.result())))
        .onFailure(ctx::fail);
  }

  private void reviewerPage(RoutingContext ctx) {
    Future<JsonArray> calls = calls();
    Future<JsonArray> assigned = reviews.myAssignments(RequestContext.currentUser(ctx)).map(list -> {
      JsonArray out = new JsonArray();
      list.forEach(a -> out.add(a.copy().put("statusKey", "applicationStatus." + a.getString("status"))
          .put("title", a.getString("title") == null ? "" : a.getString("title"))));
      return out;
    });
    Future.all(calls, assigned)
        .compose(all -> render(ctx, "home-reviewer", Map.of("calls", calls.result(), "assignments", assigned.result())))
        .onFailure(ctx::fail);
  }

  private void localGovPage(RoutingContext ctx) {
    Future.all(projects.visibleWithMembers(RequestContext.currentUser(ctx)), calls())
        .compose(all -> render(ctx, "home-local-gov", Map.of("projects", all.resultAt(0), "calls", all.resultAt(1), "membersLink", true)))
        .onFailure(ctx::fail);
  }

  private void coordinatorPage(RoutingContext ctx) {
    projects.visibleWithMembers(RequestContext.currentUser(ctx))
        .compose(list -> render(ctx, "home-coordinator", Map.of("projects", list, "membersLink", true)))
        .onFailure(ctx::fail);
  }

  private void firmPage(RoutingContext ctx) {
    CurrentUser me = RequestContext.currentUser(ctx);
    Future<JsonArray> visible = projects.visibleWithMembers(me);
    Future<Organisation> organisation = directory.organisationOf(me);
    Future<JsonArray> colleagues = directory.colleagues(me).map(list -> {
      JsonArray out = new JsonArray();
      list.forEach(u -> out.add(u.toJson().put("roleKey", u.role().labelKey())));
      return out;
    });
    Future.all(visible, organisation, colleagues)
        .compose(all -> render(ctx, "home-firm", Map.of(
            "projects", visible.result(),
            "organisation", organisation.result().toJson()
                .put("businessNumberFormatted", organisation.result().businessNumberFormatted()),
            "colleagues", colleagues.result())))
        .onFailure(ctx::fail);
  }

  private Future<JsonArray> calls() {
    return programs.listCalls().map(list -> {
      JsonArray out = new JsonArray();
      list.forEach(c -> out.add(c.toJson()));
      return out;
    });
  }

  private Future<Void> render(RoutingContext ctx, String template, Map<String, Object> data) {
    return views.render(ctx, template, new HashMap<>(data));
  }
}
