package kr.dure.monitoring;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import kr.dure.auth.CurrentUser;
import kr.dure.auth.Role;
import kr.dure.common.ForbiddenException;
import kr.dure.common.NotFoundException;
import kr.dure.common.ValidationException;
import kr.dure.project.ProjectAccess;

/**
 * Monthly statements of firms and fee summaries of projects, each scoped by who asks: a firm sees
 * only its own organisation; a coordinator only the firms of the projects they coordinate, and only
 * the bookings on those projects' resources; the ministry everything.
 */
public final class StatementsService {

  private final Pool pool;
  private final Clock clock;
  private final StatementsRepository repository;
  private final ProjectAccess projectAccess;

  public StatementsService(Pool pool, Clock clock, StatementsRepository repository, ProjectAccess projectAccess) {
    this.pool = pool;
    this.clock = clock;
    this.repository = repository;
    this.projectAccess = projectAccess;
  }

  public Clock clock() {
    return clock;
  }

  /** @param organisationId the firm; null means the caller's own (firms only) */
  public Future<Statement> statement(CurrentUser user, Long organisationId, YearMonth month) {
    return scopeForStatement(user, organisationId).compose(scope -> repository.organisation(pool, scope.organisationId())
        .compose(org -> {
          if (org.isEmpty()) {
            return Future.failedFuture(new NotFoundException("Organisation " + scope.organisationId() + " does not exist."));
          }
          Future<List<StatementsRepository.Project>> projects = user.role() == Role.COORDINATOR
              ? repository.coordinatedProjects(pool, user.userId())
                  .map(all -> all.stream().filter(p -> scope.projectIds().contains(p.id())).toList())
              : Future.succeededFuture(List.of());
          return projects.compose(ps -> repository.statementLines(pool, scope.organisationId(),
                  StatementsRepository.utc(StatementMonth.start(month)), StatementsRepository.utc(StatementMonth.end(month)),
                  scope.allProjects(), scope.projectIds())
              .map(lines -> new Statement(org.get(), month, StatementMonth.today(clock), ps, lines)));
        }));
  }

  /** Which of a firm's bookings the caller may see on its statement. */
  private Future<StatementsRepository.BookingScope> scopeForStatement(CurrentUser user, Long organisationId) {
    switch (user.role()) {
      case FIRM -> {
        if (organisationId != null && organisationId != user.organisationId()) {
          return Future.failedFuture(new ForbiddenException("A firm sees only its own statements."));
        }
        return Future.succeededFuture(new StatementsRepository.BookingScope(user.organisationId(), true, List.of()));
      }
      case MINISTRY -> {
        if (organisationId == null) {
          return Future.failedFuture(ValidationException.of("organisation", "validation.organisationRequired",
              "Name the firm: organisation is its id."));
        }
        return Future.succeededFuture(new StatementsRepository.BookingScope(organisationId, true, List.of()));
      }
      case COORDINATOR -> {
        if (organisationId == null) {
          return Future.failedFuture(ValidationException.of("organisation", "validation.organisationRequired",
              "Name the firm: organisation is its id."));
        }
        return repository.coordinatedWithFirm(pool, user.userId(), organisationId).compose(ids -> ids.isEmpty()
            ? Future.failedFuture(new ForbiddenException("This firm is not a member of a project you coordinate."))
            : Future.succeededFuture(new StatementsRepository.BookingScope(organisationId, false, ids)));
      }
      default -> {
        return Future.failedFuture(new ForbiddenException("Statements are for firms, their coordinators and the ministry."));
      }
    }
  }

  /** Fees of a project's firms and cost recovery of its resources; for its coordinators and the ministry. */
  public Future<ProjectFees> projectFees(CurrentUser user, long projectId, YearMonth month) {
    Future<?> allowed;
    if (user.role() == Role.MINISTRY) {
      allowed = Future.succeededFuture();
    } else if (user.role() == Role.COORDINATOR) {
      // a coordinator of another project is refused outright (403), not told the project is missing
      allowed = repository.coordinatedProjects(pool, user.userId()).compose(ps -> ps.stream().anyMatch(p -> p.id() == projectId)
          ? Future.succeededFuture()
          : repository.project(pool, projectId).compose(p -> p.isEmpty()
              ? Future.failedFuture(new NotFoundException("Project " + projectId + " does not exist."))
              : Future.failedFuture(new ForbiddenException("Only the coordinators of this project see its fees."))));
    } else {
      allowed = Future.failedFuture(new ForbiddenException("Project fees are for its coordinators and the ministry."));
    }
    return allowed.compose(v -> repository.project(pool, projectId)).compose(project -> {
      if (project.isEmpty()) {
        return Future.failedFuture(new NotFoundException("Project " + projectId + " does not exist."));
      }
      var from = StatementsRepository.utc(StatementMonth.start(month));
      var to = StatementsRepository.utc(StatementMonth.end(month));
      return repository.firmFees(pool, projectId, from, to)
          .compose(firms -> repository.resourceFees(pool, projectId, from, to)
              .map(resources -> new ProjectFees(project.get(), month, firms, resources)));
    });
  }

  /** The projects the caller may pick on the fee page: a coordinator's own, every project for the ministry. */
  public Future<List<StatementsRepository.Project>> selectableProjects(CurrentUser user) {
    return switch (user.role()) {
      case MINISTRY -> repository.allProjects(pool);
      case COORDINATOR -> repository.coordinatedProjects(pool, user.userId());
      default -> Future.succeededFuture(List.of());
    };
  }

  /**
   * The booking history the caller may export: a firm its own; a coordinator the bookings on their
   * projects' resources (optionally one project, optionally one firm); the ministry everything
   * (optionally one project or firm).
   */
  public Future<StatementsRepository.BookingScope> historyScope(CurrentUser user, Long projectId, Long organisationId) {
    switch (user.role()) {
      case FIRM -> {
        if (organisationId != null && organisationId != user.organisationId()) {
          return Future.failedFuture(new ForbiddenException("A firm exports only its own bookings."));
        }
        if (projectId != null) {
          return Future.succeededFuture(new StatementsRepository.BookingScope(user.organisationId(), false, List.of(projectId)));
        }
        return Future.succeededFuture(new StatementsRepository.BookingScope(user.organisationId(), true, List.of()));
      }
      case MINISTRY -> {
        return Future.succeededFuture(projectId == null
            ? new StatementsRepository.BookingScope(organisationId, true, List.of())
            : new StatementsRepository.BookingScope(organisationId, false, List.of(projectId)));
      }
      case COORDINATOR -> {
        return repository.coordinatedProjects(pool, user.userId()).compose(projects -> {
          List<Long> ids = projects.stream().map(StatementsRepository.Project::id).toList();
          if (projectId != null && !ids.contains(projectId)) {
            return Future.failedFuture(new ForbiddenException("You do not coordinate project " + projectId + "."));
          }
          return Future.succeededFuture(new StatementsRepository.BookingScope(organisationId, false,
              projectId == null ? ids : List.of(projectId)));
        });
      }
      default -> {
        return Future.failedFuture(new ForbiddenException("Booking exports are for firms, coordinators and the ministry."));
      }
    }
  }

  public Future<Long> historyCount(StatementsRepository.BookingScope scope) {
    return repository.historyCount(pool, scope);
  }

  public Pool pool() {
    return pool;
  }
}
