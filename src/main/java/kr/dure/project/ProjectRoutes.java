package kr.dure.project;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import kr.dure.web.Access;
import kr.dure.web.Authentication;
import kr.dure.web.RequestContext;

/** JSON API over the projects the caller may see. */
public final class ProjectRoutes {

  private final ProjectService projects;
  private final Authentication authentication;

  public ProjectRoutes(ProjectService projects, Authentication authentication) {
    this.projects = projects;
    this.authentication = authentication;
  }

  public void mountApi(Router api) {
    api.get("/projects").handler(authentication.api()).handler(Access.anyRole()).respond(this::list);
  }

  private Future<JsonArray> list(RoutingContext ctx) {
    return projects.visibleWithMembers(RequestContext.currentUser(ctx));
  }
}
