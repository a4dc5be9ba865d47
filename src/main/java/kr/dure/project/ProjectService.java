package kr.dure.project;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Map;
import kr.dure.auth.CurrentUser;

/** The projects a caller may see, with their consortium and people: scoped by role, organisation and membership. */
public final class ProjectService {

  private final Pool pool;
  private final ProjectRepository projects;

  public ProjectService(Pool pool, ProjectRepository projects) {
    this.pool = pool;
    this.projects = projects;
  }

  public Future<List<ProjectSummary>> visibleTo(CurrentUser user) {
    return switch (user.role()) {
      case MINISTRY -> projects.listAll(pool);
      // reviewers see the applications assigned to them, not running projects
      case REVIEWER -> Future.succeededFuture(List.of());
      case DESIGN_AGENCY -> projects.listWithType(pool, CollaborationType.JOINT_BRAND);
      case LOCAL_GOV, FIRM -> projects.listForMember(pool, user.organisationId(), user.userId());
      case COORDINATOR -> projects.listByUserRole(pool, user.userId(), "COORDINATOR");
    };
  }

  /** Visible projects as JSON, each with its consortium members and named people. */
  public Future<JsonArray> visibleWithMembers(CurrentUser user) {
    return visibleTo(user).compose(list -> {
      List<Long> ids = list.stream().map(ProjectSummary::id).toList();
      return projects.members(pool, ids).compose(members -> projects.people(pool, ids)
          .map(people -> toJson(list, members, people)));
    });
  }

  private static JsonArray toJson(List<ProjectSummary> list, Map<Long, List<ProjectMember>> members,
      Map<Long, List<ProjectPerson>> people) {
    JsonArray out = new JsonArray();
    for (ProjectSummary p : list) {
      JsonArray m = new JsonArray();
      members.getOrDefault(p.id(), List.of()).forEach(x -> m.add(x.toJson()));
      JsonArray pp = new JsonArray();
      people.getOrDefault(p.id(), List.of()).forEach(x -> pp.add(x.toJson()));
      JsonObject json = p.toJson().put("members", m).put("people", pp);
      out.add(json);
    }
    return out;
  }

  // ---- project pages: one project as its hub shows it

  /**
   * One project the caller may see, with its consortium, people and how the caller relates to it
   * ({@code lead}: an official of its lead local government; {@code coordinator}); not found otherwise.
   */
  public Future<JsonObject> visibleProject(CurrentUser user, long projectId) {
    return new ProjectAccess(projects).requireVisible(pool, user, projectId, "Project " + projectId)
        .compose(m -> projects.findSummary(pool, projectId).compose(found -> projects.lead(pool, projectId)
            .compose(lead -> projects.members(pool, List.of(projectId)).compose(members -> projects.people(pool, List.of(projectId))
                .map(people -> {
                  ProjectSummary p = found.orElseThrow();
                  JsonObject json = toJson(List.of(p), members, people).getJsonObject(0);
                  long leadOrganisation = lead.orElseThrow().getLong("leadOrganisationId");
                  return json.put("leadOrganisationId", leadOrganisation)
                      .put("lead", user.role() == kr.dure.auth.Role.LOCAL_GOV && user.organisationId() == leadOrganisation)
                      .put("coordinator", m.coordinator() && user.role() == kr.dure.auth.Role.COORDINATOR);
                })))));
  }
}
