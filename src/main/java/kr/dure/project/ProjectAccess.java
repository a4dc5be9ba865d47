package kr.dure.project;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import kr.dure.auth.CurrentUser;
import kr.dure.auth.Role;
import kr.dure.common.ForbiddenException;
import kr.dure.common.NotFoundException;

/**
 * Row-level access to a project's things: who may see them (members, the ministry) and who may
 * manage them (the project's coordinators). What a caller may not see is answered as not found.
 */
public final class ProjectAccess {

  private final ProjectRepository projects;

  public ProjectAccess(ProjectRepository projects) {
    this.projects = projects;
  }

  /** The caller may see the project's resources and free/busy times. */
  public Future<ProjectRepository.Membership> requireVisible(SqlClient sql, CurrentUser user, long projectId, String what) {
    return projects.membership(sql, projectId, user.organisationId(), user.userId()).compose(m -> visible(user, m, what));
  }

  /** The check of {@link #requireVisible} on a standing read by another query. */
  public static Future<ProjectRepository.Membership> visible(CurrentUser user, ProjectRepository.Membership m, String what) {
    if (m.exists() && (m.member() || user.role() == Role.MINISTRY)) {
      return Future.succeededFuture(m);
    }
    return Future.failedFuture(new NotFoundException(what + " does not exist or belongs to a project you are not part of."));
  }

  /** The caller runs the project's records: one of its coordinators, or an official of its lead local government. */
  public Future<ProjectRepository.Membership> requireManager(SqlClient sql, CurrentUser user, long projectId, String what) {
    return requireVisible(sql, user, projectId, what).compose(m -> {
      if (m.coordinator() && user.role() == Role.COORDINATOR) {
        return Future.succeededFuture(m);
      }
      return projects.lead(sql, projectId).compose(lead -> user.role() == Role.LOCAL_GOV && lead.isPresent()
              && lead.get().getLong("leadOrganisationId") == user.organisationId()
          ? Future.succeededFuture(m)
          : Future.failedFuture(new ForbiddenException("Only the project's coordinators and its lead local government manage " + what + ".")));
    });
  }

  /** The caller coordinates the project. */
  public Future<ProjectRepository.Membership> requireCoordinator(SqlClient sql, CurrentUser user, long projectId, String what) {
    return requireVisible(sql, user, projectId, what).compose(m -> m.coordinator() && user.role() == Role.COORDINATOR
        ? Future.succeededFuture(m)
        : Future.failedFuture(new ForbiddenException("Only the coordinators of this project may manage " + what + ".")));
  }
}
