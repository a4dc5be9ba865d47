package kr.dure.booking;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import kr.dure.auth.CurrentUser;
import kr.dure.auth.Role;
import kr.dure.common.ForbiddenException;
import kr.dure.common.NotFoundException;
import kr.dure.common.ValidationException;
import kr.dure.project.ProjectAccess;
import kr.dure.project.ProjectRepository;
import kr.dure.resource.Resource;
import kr.dure.resource.ResourceKind;
import kr.dure.resource.ResourceRepository;

/**
 * Gathers, inside a transaction, what deciding a booking needs: the resource, who books for which firm, and the facts the rules read.
 * Lock order everywhere: booking rows being changed (a series' in start order), then the resource row, then the quota lock
 * (then, for a waitlist join, the user's join lock). A series is on one resource.
 */
final class BookingContext {

  private final ResourceRepository resources;
  private final BookingRepository bookings;
  private final ProjectRepository projects;
  private final ZoneId zone;

  BookingContext(ResourceRepository resources, BookingRepository bookings, ProjectRepository projects, ZoneId zone) {
    this.resources = resources;
    this.bookings = bookings;
    this.projects = projects;
    this.zone = zone;
  }

  /** The resource to book and the caller's standing in its project. */
  record Target(Resource resource, ProjectRepository.Membership membership, long organisationId) {
  }

  /**
   * Loads the resource (locking its row for facilities, whose capacity check reads a sum over every
   * firm that must stay true until commit; a quota's sum is one firm's and has its own lock, see
   * {@link #quotaUse}) and decides for which firm the caller books: a firm user for their own firm,
   * a coordinator for a member firm they name.
   */
  Future<Target> target(SqlConnection tx, CurrentUser user, long resourceId, Long organisationId) {
    return resources.findWithStanding(tx, resourceId, user.organisationId(), user.userId())
        .compose(found -> {
          ResourceRepository.WithStanding f = found.filter(x -> x.resource().active()).orElse(null);
          if (f == null) {
            return Future.failedFuture(new NotFoundException("Resource " + resourceId + " does not exist or is no longer bookable."));
          }
          return ProjectAccess.visible(user, f.membership(), "Resource " + resourceId)
              .compose(m -> locksRow(f.resource())
                  ? resources.lockById(tx, resourceId).map(locked -> new ResourceRepository.WithStanding(locked.orElseThrow(), m))
                  : Future.succeededFuture(f));
        })
        .compose(f -> organisation(tx, user, f.resource(), f.membership(), organisationId)
            .map(org -> new Target(f.resource(), f.membership(), org)));
  }

  /**
   * Whether taking this resource's capacity needs its row locked until commit: a facility's peak is a
   * sum over every firm. A quota's sum is one firm's and has that firm's own lock ({@link #quotaUse});
   * equipment has the exclusion constraint. Bookings and waitlist promotions both ask here, so they
   * take their locks in one order (the row, then a quota lock) and never deadlock.
   */
  static boolean locksRow(Resource r) {
    return r.kind() == ResourceKind.FACILITY;
  }

  private Future<Long> organisation(SqlConnection tx, CurrentUser user, Resource r, ProjectRepository.Membership m, Long requested) {
    if (user.role() == Role.FIRM) {
      if (requested != null && requested != user.organisationId()) {
        return Future.failedFuture(new ForbiddenException("A firm user books for their own firm only."));
      }
      return Future.succeededFuture(user.organisationId());
    }
    if (user.role() == Role.COORDINATOR && m.coordinator()) {
      if (requested == null) {
        return Future.failedFuture(ValidationException.of("organisationId", "validation.required",
            "organisationId is required: name the member firm you book for."));
      }
      return projects.memberFirmIds(tx, r.projectId()).compose(firms -> firms.contains(requested)
          ? Future.succeededFuture(requested)
          : Future.failedFuture(ValidationException.of("organisationId", "validation.notMemberFirm",
              "organisationId " + requested + " is not a member firm of this project.")));
    }
    return Future.failedFuture(new ForbiddenException("Only member firms and the project's coordinators book resources."));
  }

  /**
   * Holidays, blackouts, qualification and quota use for one booking of [start, end). With a null
   * {@code userId} (a coordinator booking for a firm) the training of any user of the firm counts.
   */
  Future<BookingRules.Facts> facts(SqlConnection tx, Resource r, Instant start, Instant end, Long userId, long organisationId,
      Instant now) {
    LocalDate firstDay = start.atZone(zone).toLocalDate();
    LocalDate lastDay = end.atZone(zone).toLocalDate();
    Future<ResourceRepository.Calendar> calendar = resources.calendar(tx, r.id(), firstDay, lastDay, start, end);
    Future<Boolean> qualified = !r.rules().qualificationRequired()
        ? Future.succeededFuture(true)
        : userId == null
            ? resources.isOrganisationQualified(tx, r.id(), organisationId, firstDay)
            : resources.isQualified(tx, r.id(), userId, firstDay);
    Future<QuotaUse> quota = quotaUse(tx, r, organisationId, start);
    // issued together: the connection pipelines them in order
    return calendar.compose(c -> qualified.compose(q -> quota.map(use -> new BookingRules.Facts(now,
        new OpenTime(r.openingHours(), r.rules().closedOnHolidays(), c.holidays(), c.blackouts(), zone), q, use))));
  }

  private Future<QuotaUse> quotaUse(SqlConnection tx, Resource r, long organisationId, Instant start) {
    if (r.rules().weeklyQuota() == null && r.rules().monthlyQuota() == null) {
      return Future.succeededFuture(QuotaUse.NONE);
    }
    ZonedDateTime local = start.atZone(zone);
    ZonedDateTime weekStart = local.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone);
    ZonedDateTime monthStart = local.toLocalDate().withDayOfMonth(1).atStartOfDay(zone);
    // sent together: the connection runs them in order, so the sums are read once the lock is held
    Future<Void> locked = bookings.lockQuota(tx, r.id(), organisationId);
    Future<QuotaUse> use = bookings.quotaUse(tx, r.id(), organisationId, r.kind() == ResourceKind.DELIVERY_RUN,
        weekStart.toInstant(), weekStart.plusWeeks(1).toInstant(), monthStart.toInstant(), monthStart.plusMonths(1).toInstant());
    return locked.compose(v -> use);
  }
}
