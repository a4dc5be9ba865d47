package kr.dure.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Map;

/** Who is on the platform: colleagues of a user, counts of organisations and users for the ministry. */
public final class DirectoryService {

  private final Pool pool;
  private final UserRepository users;
  private final OrganisationRepository organisations;

  public DirectoryService(Pool pool, UserRepository users, OrganisationRepository organisations) {
    this.pool = pool;
    this.users = users;
    this.organisations = organisations;
  }

  /** People of the caller's own organisation. */
  public Future<List<User>> colleagues(CurrentUser user) {
    return users.listByOrganisation(pool, user.organisationId());
  }

  /** People of the given organisations, e.g. a project's member firms for its coordinator; in the order given. */
  public Future<List<User>> usersOf(List<Long> organisationIds) {
    List<Future<List<User>>> each = organisationIds.stream().map(id -> users.listByOrganisation(pool, id)).toList();
    return Future.all(each).map(all -> each.stream().flatMap(f -> f.result().stream()).toList());
  }

  public Future<Organisation> organisationOf(CurrentUser user) {
    return organisations.findById(pool, user.organisationId())
        .map(o -> o.orElseThrow(() -> new kr.dure.common.NotFoundException("Your organisation no longer exists.")));
  }

  public Future<List<OrganisationRepository.KindCount>> organisationCounts() {
    return organisations.countByKind(pool);
  }

  public Future<Map<Role, Long>> userCounts() {
    return users.countByRole(pool);
  }
}
