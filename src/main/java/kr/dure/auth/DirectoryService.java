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
