package kr.dure.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.function.Function;
import kr.dure.auth.CurrentUser;
import kr.dure.auth.Role;
import kr.dure.common.ForbiddenException;
import kr.dure.common.NotFoundException;
import kr.dure.project.ProjectAccess;
import kr.dure.resource.ResourceRepository;

/**
 * Who may follow which live stream, and what each follower sees of a change: checked once, when
 * the stream opens. A project's stream is for its coordinators and the ministry; a resource's for
 * anyone who may see the resource, where members other than the coordinators see busy/free only.
 */
public final class LiveService {

  private final Pool pool;
  private final ResourceRepository resources;
  private final ProjectAccess access;

  public LiveService(Pool pool, ResourceRepository resources, ProjectAccess access) {
    this.pool = pool;
    this.resources = resources;
    this.access = access;
  }

  /** Every change in the project's resources, in full. */
  public Future<Function<BookingChange, JsonObject>> projectView(CurrentUser user, long projectId) {
    if (!user.hasRole(Role.COORDINATOR, Role.MINISTRY)) {
      return Future.failedFuture(new ForbiddenException("A project's live updates are for its coordinators and the ministry."));
    }
    return pool.withConnection(c -> access.requireVisible(c, user, projectId, "Project " + projectId)).compose(m -> {
      if (user.role() == Role.COORDINATOR && !m.coordinator()) {
        return Future.failedFuture(new ForbiddenException("Only the coordinators of this project follow its live updates."));
      }
      return Future.succeededFuture(change -> change.projectId() == projectId ? change.full() : null);
    });
  }

  /** Changes of one resource: in full for its coordinators and the ministry, otherwise busy/free time only. */
  public Future<Function<BookingChange, JsonObject>> resourceView(CurrentUser user, long resourceId) {
    return pool.withConnection(c -> resources.findById(c, resourceId).compose(found -> found.isEmpty()
        ? Future.failedFuture(new NotFoundException("Resource " + resourceId + " does not exist."))
        : access.requireVisible(c, user, found.get().projectId(), "Resource " + resourceId))).map(m -> {
          boolean full = user.role() == Role.MINISTRY || (user.role() == Role.COORDINATOR && m.coordinator());
          long org = user.organisationId();
          return change -> change.resourceId() != resourceId ? null : full ? change.full() : change.busyFree(org);
        });
  }
}
