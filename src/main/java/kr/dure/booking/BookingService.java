package kr.dure.booking;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import kr.dure.auth.Actor;
import kr.dure.auth.AuditLog;
import kr.dure.auth.CurrentUser;
import kr.dure.auth.Role;
import kr.dure.common.ConflictException;
import kr.dure.monitoring.AppMetrics;
import kr.dure.common.DomainException;
import kr.dure.common.ForbiddenException;
import kr.dure.common.NotFoundException;
import kr.dure.common.UnprocessableException;
import kr.dure.notify.Notifier;
import kr.dure.project.ProjectAccess;
import kr.dure.project.ProjectRepository;
import kr.dure.resource.Departure;
import kr.dure.resource.Resource;
import kr.dure.resource.ResourceKind;
import kr.dure.resource.ResourceRepository;

/** Creating bookings (single or recurring, idempotent) and moving them through their states. */
public final class BookingService {

  private final Pool pool;
  private final Clock clock;
  private final ZoneId zone;
  private final ResourceRepository resources;
  private final BookingRepository bookings;
  private final ProjectRepository projects;
  private final ProjectAccess access;
  private final IdempotencyRepository idempotency;
  private final Notifier notifications;
  private final AuditLog audit;
  private final BookingRules rules;
  private final BookingContext context;
  private final Capacity capacity;
  private final WaitlistService waitlist;
  private final AvailabilityService availability;
  private AppMetrics metrics = AppMetrics.none();

  public BookingService(Pool pool, Clock clock, ZoneId zone, ResourceRepository resources, BookingRepository bookings,
      ProjectRepository projects, ProjectAccess access, IdempotencyRepository idempotency, WaitlistRepository waitlistEntries,
      Notifier notifications, AuditLog audit) {
    this.pool = pool;
    this.clock = clock;
    this.zone = zone;
    this.resources = resources;
    this.bookings = bookings;
    this.projects = projects;
    this.access = access;
    this.idempotency = idempotency;
    this.notifications = notifications;
    this.audit = audit;
    this.rules = new BookingRules(zone);
    this.context = new BookingContext(resources, bookings, projects, zone);
    this.capacity = new Capacity(bookings, zone);
    this.availability = new AvailabilityService(pool, clock, zone, resources, bookings);
    this.waitlist = new WaitlistService(pool, clock, zone, resources, bookings, access, waitlistEntries, notifications, audit,
        rules, context, capacity);
  }

  public WaitlistService waitlist() {
    return waitlist;
  }

  public AvailabilityService availability() {
    return availability;
  }

  /** The HTTP status and body of a create, as first answered (and replayed for a repeated Idempotency-Key). */
  public record Created(int status, JsonObject body) {
  }

  /**
   * Books, all in one transaction: the idempotency key first, then the rules, then the capacity.
   * A recurring request books every free date or none, as the request says.
   */
  public Future<Created> create(CurrentUser user, BookingRequest request, String idempotencyKey, String requestHash, String ip) {
    Instant now = clock.instant();
    boolean[] replayed = {false};
    return kr.dure.db.SqlErrors.retryTransient(() -> pool.withTransaction(tx -> {
          Future<java.util.Optional<IdempotencyRepository.Stored>> claimed = idempotencyKey == null
              ? Future.succeededFuture(java.util.Optional.empty())
              : idempotency.claim(tx, user.userId(), idempotencyKey, requestHash);
          return claimed.compose(stored -> {
            if (stored.isPresent()) {
              replayed[0] = true;
              if (!stored.get().requestHash().equals(requestHash)) {
                return Future.failedFuture(UnprocessableException.of("idempotencyKey", "error.idempotencyMismatch",
                    "This Idempotency-Key was used for a different request: use a new key for a new booking."));
              }
              return Future.succeededFuture(new Created(stored.get().status(), stored.get().response()));
            }
            return book(tx, user, request, now, ip).compose(created -> idempotencyKey == null
                ? Future.succeededFuture(created)
                : idempotency.complete(tx, user.userId(), idempotencyKey, created.status(), created.body()).map(created));
          });
        }), 3)
        .recover(e -> e instanceof ConflictException || !(e instanceof io.vertx.pgclient.PgException)
            ? Future.failedFuture(e)
            : Future.failedFuture(capacityRace(e)))
        .recover(e -> withAlternatives(user, request, e))
        .andThen(ar -> countCreate(ar, replayed[0]));
  }

  // ---- metrics (issue 5)

  /** Set once at wiring, before any request; the waitlist reports its promotions to the same meters. */
  public void useMetrics(AppMetrics metrics) {
    this.metrics = metrics;
    waitlist.useMetrics(metrics);
  }

  /** Counts committed bookings (not a replayed Idempotency-Key) and refusals with 409. */
  private void countCreate(io.vertx.core.AsyncResult<Created> ar, boolean replayed) {
    if (ar.succeeded() && !replayed) {
      Object created = ar.result().body().getValue("created");
      metrics.bookingsCreated(created instanceof JsonArray list ? list.size() : 1);
    } else if (ar.failed() && ar.cause() instanceof ConflictException) {
      metrics.bookingConflict();
    }
  }

  private Future<Created> book(SqlConnection tx, CurrentUser user, BookingRequest request, Instant now, String ip) {
    return context.target(tx, user, request.resourceId(), request.organisationId()).compose(target -> {
      Resource r = target.resource();
      BookingStatus status = r.rules().approvalRequired() && user.role() == Role.FIRM ? BookingStatus.REQUESTED : BookingStatus.CONFIRMED;
      if (r.kind() == ResourceKind.DELIVERY_RUN) {
        return bookRun(tx, user, request, target, status, now, ip);
      }
      if (request.departureId() != null) {
        return Future.failedFuture(kr.dure.common.ValidationException.of("departureId", "validation.notARun",
            "departureId is only for delivery runs; book this resource with start and end."));
      }
      if (r.kind() == ResourceKind.EQUIPMENT && request.units() != 1) {
        return Future.failedFuture(kr.dure.common.ValidationException.of("units", "validation.exclusiveUnits",
            "Equipment is booked whole: units must be 1."));
      }
      if (request.recurrence() == null) {
        return bookOnce(tx, user, request, target, new Interval(request.start(), request.end()), status, null, now)
            .compose(b -> afterCreate(tx, user, target, List.of(b), ip))
            .map(b -> new Created(201, b.get(0).toJson()));
      }
      return bookSeries(tx, user, request, target, status, now, ip);
    });
  }

  private Future<Booking> bookOnce(SqlConnection tx, CurrentUser user, BookingRequest request, BookingContext.Target target,
      Interval slot, BookingStatus status, UUID seriesId, Instant now) {
    Resource r = target.resource();
    return context.facts(tx, r, slot.start(), slot.end(), trainee(user, target), target.organisationId(), now).compose(facts -> {
      List<UnprocessableException.Violation> broken = rules.checkTime(r, slot.start(), slot.end(), request.units(), facts);
      if (!broken.isEmpty()) {
        return Future.failedFuture(new UnprocessableException(broken));
      }
      long minutes = Duration.between(slot.start(), slot.end()).toMinutes();
      Capacity.Claim claim = new Capacity.Claim(r, null, slot.start(), slot.end(), request.units(), 0, 0, target.organisationId(),
          user.userId(), status, null, seriesId, request.purpose(), FeeCalculator.fee(r, minutes, request.units(), 0));
      return capacity.take(tx, claim);
    });
  }

  private Future<Created> bookSeries(SqlConnection tx, CurrentUser user, BookingRequest request, BookingContext.Target target,
      BookingStatus status, Instant now, String ip) {
    List<Interval> occurrences = Recurrences.expand(request.start(), request.end(), request.recurrence(), zone);
    UUID seriesId = UUID.randomUUID();
    List<Booking> created = new ArrayList<>();
    JsonArray conflicts = new JsonArray();
    Future<Void> chain = Future.succeededFuture();
    for (Interval occurrence : occurrences) {
      chain = chain.compose(v -> bookOnce(tx, user, request, target, occurrence, status, seriesId, now)
          .map(b -> {
            created.add(b);
            return (Void) null;
          })
          .recover(e -> {
            if (!(e instanceof DomainException d)) {
              return Future.failedFuture(e);
            }
            conflicts.add(new JsonObject().put("start", occurrence.start().toString()).put("end", occurrence.end().toString())
                .put("reason", d.getMessage()));
            return Future.succeededFuture();
          }));
    }
    return chain.compose(v -> {
      if (created.isEmpty() || (!request.recurrence().bookFreeOnes() && !conflicts.isEmpty())) {
        String detail = created.isEmpty()
            ? "None of the " + occurrences.size() + " dates can be booked."
            : conflicts.size() + " of " + occurrences.size() + " dates cannot be booked, so none was (mode ALL_OR_NONE). "
                + "Send mode FREE_ONES to book the other " + created.size() + ".";
        return Future.failedFuture(new ConflictException("conflict.series", detail,
            new JsonObject().put("conflicts", conflicts).put("free", created.size())));
      }
      return afterCreate(tx, user, target, created, ip).map(list -> {
        JsonArray items = new JsonArray();
        list.forEach(b -> items.add(b.toJson()));
        return new Created(201, new JsonObject().put("seriesId", seriesId.toString()).put("created", items).put("conflicts", conflicts));
      });
    });
  }

  private Future<Created> bookRun(SqlConnection tx, CurrentUser user, BookingRequest request, BookingContext.Target target,
      BookingStatus status, Instant now, String ip) {
    Resource r = target.resource();
    if (request.departureId() == null) {
      return Future.failedFuture(kr.dure.common.ValidationException.of("departureId", "validation.required",
          "departureId is required for a delivery run, with pallets and kg."));
    }
    return resources.findDeparture(tx, request.departureId()).compose(found -> {
      Departure d = found.filter(x -> x.resourceId() == r.id()).orElse(null);
      if (d == null) {
        return Future.failedFuture(new NotFoundException("Departure " + request.departureId() + " is not a departure of this run."));
      }
      return context.facts(tx, r, d.departsAt(), d.arrivesAt(), trainee(user, target), target.organisationId(), now).compose(facts -> {
        List<UnprocessableException.Violation> broken = rules.checkRun(r, d, request.pallets(), request.kg(), facts);
        if (!broken.isEmpty()) {
          return Future.failedFuture(new UnprocessableException(broken));
        }
        return capacity.take(tx, new Capacity.Claim(r, d, d.departsAt(), d.arrivesAt(), 1, request.pallets(), request.kg(),
                target.organisationId(), user.userId(), status, null, null, request.purpose(),
                FeeCalculator.fee(r, 0, 1, request.pallets())))
            .compose(b -> afterCreate(tx, user, target, List.of(b), ip))
            .map(list -> new Created(201, list.get(0).toJson()));
      });
    });
  }

  /** Whose training counts: the booking user's own, or, when a coordinator books for a firm, any of the firm's users. */
  private static Long trainee(CurrentUser user, BookingContext.Target target) {
    return user.organisationId() == target.organisationId() ? user.userId() : null;
  }

  private Future<List<Booking>> afterCreate(SqlConnection tx, CurrentUser user, BookingContext.Target target, List<Booking> created,
      String ip) {
    Booking first = created.get(0);
    JsonObject details = new JsonObject().put("resourceId", first.resourceId()).put("organisationId", first.organisationId())
        .put("start", first.startsAt().toString()).put("end", first.endsAt().toString()).put("status", first.status().name())
        .put("count", created.size());
    if (first.seriesId() != null) {
      details.put("seriesId", first.seriesId().toString());
    }
    Future<Void> notified = first.status() == BookingStatus.REQUESTED
        ? projects.coordinatorIds(tx, target.resource().projectId()).compose(ids -> notifications.notifyAll(tx, ids,
            "booking.requested", new JsonObject().put("bookingId", first.id()).put("resource", target.resource().nameKo())
                .put("start", first.startsAt().toString()).put("count", created.size()), "/coordinator/approvals"))
        : Future.succeededFuture();
    return notified
        .compose(v -> audit.record(tx, Actor.of(user, ip), "booking.create", "booking", first.id(), details))
        .map(created);
  }

  private Throwable capacityRace(Throwable e) {
    if (e instanceof io.vertx.pgclient.PgException pg && (kr.dure.db.SqlErrors.EXCLUSION_VIOLATION.equals(pg.getSqlState())
        || kr.dure.db.SqlErrors.DEADLOCK.equals(pg.getSqlState()))) {
      return new ConflictException("conflict.slotTaken", "The slot was just taken by another booking.");
    }
    return e;
  }

  /** A taken slot of equipment or a facility answers with the nearest free starts of the same length. */
  private Future<Created> withAlternatives(CurrentUser user, BookingRequest request, Throwable e) {
    if (!(e instanceof ConflictException conflict) || request.start() == null || request.recurrence() != null
        || !conflict.messageKey().startsWith("conflict.slotTaken") && !conflict.messageKey().startsWith("conflict.facilityFull")) {
      return Future.failedFuture(e);
    }
    return availability.alternatives(user, request.resourceId(), request.start(), request.end(), request.units(), 3)
        .transform(ar -> {
          JsonObject ext = conflict.extensions().copy();
          if (ar.succeeded()) {
            JsonArray alternatives = new JsonArray();
            ar.result().forEach(i -> alternatives.add(i.toJson()));
            ext.put("alternatives", alternatives);
          }
          return Future.failedFuture(new ConflictException(conflict.messageKey(), conflict.getMessage(), ext));
        });
  }

  // ---- reading

  /** A booking, for its firm, its project's coordinators and the ministry; anyone else gets 404. */
  public Future<Booking> get(CurrentUser user, long id) {
    return pool.withConnection(c -> visible(c, user, id, false)).map(Loaded::booking);
  }

  /** A firm's own bookings overlapping [from, to). */
  public Future<List<Booking>> mine(CurrentUser user, Instant from, Instant to) {
    return bookings.forOrganisation(pool, user.organisationId(), from, to);
  }

  /** All bookings of a project in [from, to), for its coordinators and the ministry. */
  public Future<List<Booking>> forProject(CurrentUser user, long projectId, Instant from, Instant to, BookingStatus status) {
    return pool.withConnection(c -> access.requireVisible(c, user, projectId, "Project " + projectId).compose(m -> {
      if (!m.coordinator() && user.role() != Role.MINISTRY) {
        return Future.failedFuture(new ForbiddenException("Only the project's coordinators and the ministry see all its bookings."));
      }
      return bookings.forProject(c, projectId, from, to, status);
    }));
  }

  private record Loaded(Booking booking, Resource resource, boolean coordinator) {
  }

  private Future<Loaded> visible(SqlConnection c, CurrentUser user, long id, boolean lock) {
    return (lock ? bookings.lockById(c, id) : bookings.findById(c, id)).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(new NotFoundException("Booking " + id + " does not exist or is not yours to see."));
      }
      Booking b = found.get();
      return resources.findById(c, b.resourceId()).compose(r -> projects.membership(c, r.orElseThrow().projectId(),
          user.organisationId(), user.userId()).compose(m -> {
            boolean coordinator = m.coordinator() && user.role() == Role.COORDINATOR;
            if (b.organisationId() == user.organisationId() || coordinator || user.role() == Role.MINISTRY) {
              return Future.succeededFuture(new Loaded(b, r.get(), coordinator));
            }
            return Future.failedFuture(new NotFoundException("Booking " + id + " does not exist or is not yours to see."));
          }));
    });
  }

  // ---- changes

  /**
   * Cancels a booking of the caller's firm (or, for a coordinator, of their project). After the
   * free-cancellation deadline it is a late cancel, charged the resource's late fee.
   */
  public Future<Booking> cancel(CurrentUser user, long id, String reason, String ip) {
    Instant now = clock.instant();
    return kr.dure.db.SqlErrors.retryTransient(() -> pool.withTransaction(tx -> visible(tx, user, id, true).compose(l -> {
      mayAct(user, l);
      Booking b = l.booking();
      if (!b.status().cancellable()) {
        return Future.failedFuture(new ConflictException("conflict.state", "A " + b.status() + " booking cannot be cancelled."));
      }
      if (!now.isBefore(b.startsAt())) {
        return Future.failedFuture(UnprocessableException.of("started", "rule.started",
            "The booking has already started: check in, or it will be recorded as a no-show."));
      }
      return cancelLocked(tx, user, l, reason, now, ip);
    })), 3);
  }

  /** Cancels a booking whose row the transaction has locked; the late fee, the release and the waitlist offer go with it. */
  private Future<Booking> cancelLocked(SqlConnection tx, CurrentUser user, Loaded l, String reason, Instant now, String ip) {
    Booking b = l.booking();
    long id = b.id();
    // only the booking firm's own late cancel is charged; a coordinator cancelling (a breakdown, a change of plan) costs the firm nothing
    boolean byFirm = b.organisationId() == user.organisationId();
    boolean late = byFirm && b.status() != BookingStatus.HELD
        && now.isAfter(b.startsAt().minus(Duration.ofHours(l.resource().rules().freeCancelHours())));
    long fee = late ? FeeCalculator.percentOf(b.feeWon(), l.resource().rules().lateCancelFeePercent()) : 0;
    return bookings.setStatus(tx, id, BookingStatus.CANCELLED, fee, late, reason == null ? "" : reason, null)
        .compose(cancelled -> release(tx, b)
            .compose(v -> waitlist.afterDecline(tx, b))
            .compose(v -> b.userId() != user.userId()
                ? notifications.notify(tx, b.userId(), "booking.cancelled", new JsonObject().put("bookingId", id)
                    .put("resource", l.resource().nameKo()).put("start", b.startsAt().toString()).put("reason", reason), "/bookings")
                : Future.succeededFuture())
            .compose(v -> waitlist.promote(tx, l.resource(), b, now))
            .compose(v -> audit.record(tx, Actor.of(user, ip), "booking.cancel", "booking", id,
                new JsonObject().put("late", late).put("feeWon", fee).put("reason", reason)))
            .map(cancelled));
  }

  /**
   * Cancels this booking and every later one of its series that has not started, in one
   * transaction: all of them or none. The occurrences' rows are locked first, in start order (as a
   * single cancel locks its booking row first), then each is cancelled as a single cancel would be
   * (late fee per occurrence); the freed time is offered to the waitlist in the same transaction,
   * which takes the resource row and then the quota lock, the order documented in
   * {@link BookingContext} and {@link WaitlistService#promote}. A series is on one resource.
   */
  public Future<List<Booking>> cancelRestOfSeries(CurrentUser user, long id, String reason, String ip) {
    return kr.dure.db.SqlErrors.retryTransient(() -> pool.withTransaction(tx -> {
      Instant now = clock.instant();
      return visible(tx, user, id, false).compose(l -> {
        // authorization first (issue 6 matrix): a caller who may not cancel this booking gets 403, not "not a series" or an empty list
        mayAct(user, l);
        Booking b = l.booking();
        if (b.seriesId() == null) {
          return Future.failedFuture(new ConflictException("conflict.notSeries", "Booking " + id + " is not part of a series."));
        }
        return bookings.lockSeriesFrom(tx, b.seriesId(), b.startsAt()).compose(series -> {
          List<Booking> cancelled = new ArrayList<>();
          Future<Void> chain = Future.succeededFuture();
          for (Booking s : series) {
            if (s.status().cancellable() && s.startsAt().isAfter(now)) {
              Loaded occurrence = new Loaded(s, l.resource(), l.coordinator());
              chain = chain.compose(v -> {
                mayAct(user, occurrence);
                return cancelLocked(tx, user, occurrence, reason, now, ip).map(x -> {
                  cancelled.add(x);
                  return (Void) null;
                });
              });
            }
          }
          return chain.map(cancelled);
        });
      });
    }), 3);
  }

  public Future<Booking> approve(CurrentUser user, long id, String ip) {
    return decide(user, id, true, "", ip);
  }

  public Future<Booking> reject(CurrentUser user, long id, String reason, String ip) {
    return decide(user, id, false, reason, ip);
  }

  private Future<Booking> decide(CurrentUser user, long id, boolean approve, String reason, String ip) {
    Instant now = clock.instant();
    return kr.dure.db.SqlErrors.retryTransient(() -> pool.withTransaction(tx -> visible(tx, user, id, true).compose(l -> {
      if (!l.coordinator()) {
        return Future.failedFuture(new ForbiddenException("Only the project's coordinators approve or reject bookings."));
      }
      Booking b = l.booking();
      if (b.status() != BookingStatus.REQUESTED) {
        return Future.failedFuture(new ConflictException("conflict.state", "Only a REQUESTED booking can be "
            + (approve ? "approved" : "rejected") + "; this one is " + b.status() + "."));
      }
      if (approve && !now.isBefore(b.startsAt())) {
        return Future.failedFuture(UnprocessableException.of("started", "rule.started",
            "The booking's start has passed: it can no longer be approved. Reject it to release the slot."));
      }
      BookingStatus next = approve ? BookingStatus.CONFIRMED : BookingStatus.REJECTED;
      return bookings.setStatus(tx, id, next, approve ? b.feeWon() : 0, false, reason, user.userId())
          .compose(decided -> (approve ? Future.<Void>succeededFuture() : release(tx, b).compose(v -> waitlist.promote(tx, l.resource(), b, now)))
              .compose(v -> notifications.notify(tx, b.userId(), approve ? "booking.confirmed" : "booking.rejected",
                  new JsonObject().put("bookingId", id).put("resource", l.resource().nameKo()).put("start", b.startsAt().toString())
                      .put("reason", reason), "/bookings"))
              .compose(v -> audit.record(tx, Actor.of(user, ip), approve ? "booking.approve" : "booking.reject", "booking", id,
                  new JsonObject().put("reason", reason)))
              .map(decided));
    })), 3);
  }

  /** Check-in opens the resource's check-in window before the start and closes at the end. */
  public Future<Booking> checkIn(CurrentUser user, long id, String ip) {
    Instant now = clock.instant();
    return pool.withTransaction(tx -> visible(tx, user, id, true).compose(l -> {
      mayAct(user, l);
      Booking b = l.booking();
      if (b.status() != BookingStatus.CONFIRMED) {
        return Future.failedFuture(new ConflictException("conflict.state", "Only a CONFIRMED booking can be checked in; this one is "
            + b.status() + "."));
      }
      Instant opens = b.startsAt().minus(Duration.ofMinutes(l.resource().rules().checkInOpensMinutes()));
      if (now.isBefore(opens) || !now.isBefore(b.endsAt())) {
        return Future.failedFuture(UnprocessableException.of("checkInWindow", "rule.checkInWindow",
            "Check-in is open from " + local(opens) + " until " + local(b.endsAt()) + "."));
      }
      return bookings.checkIn(tx, id, now)
          .compose(done -> audit.record(tx, Actor.of(user, ip), "booking.checkIn", "booking", id, new JsonObject()).map(done));
    }));
  }

  /** Check-out records the actual end; the fee is for the longer of planned and actual use. */
  public Future<Booking> checkOut(CurrentUser user, long id, String ip) {
    Instant now = clock.instant();
    return pool.withTransaction(tx -> visible(tx, user, id, true).compose(l -> {
      mayAct(user, l);
      Booking b = l.booking();
      if (b.status() != BookingStatus.CHECKED_IN) {
        return Future.failedFuture(new ConflictException("conflict.state", "Only a CHECKED_IN booking can be checked out; this one is "
            + b.status() + "."));
      }
      // use runs from the booked start (checking in early is free, a late check-in does not shorten it) to check-out
      long planned = Duration.between(b.startsAt(), b.endsAt()).toMinutes();
      long actual = Math.max(0, Duration.between(b.startsAt(), now).toMinutes());
      long fee = FeeCalculator.overrun(l.resource().feeBasis(), b.feeWon(), planned, actual);
      return bookings.checkOut(tx, id, now, fee)
          .compose(done -> audit.record(tx, Actor.of(user, ip), "booking.checkOut", "booking", id,
              new JsonObject().put("actualMinutes", actual).put("feeWon", fee)).map(done));
    }));
  }

  private static void mayAct(CurrentUser user, Loaded l) {
    if (l.booking().organisationId() != user.organisationId() && !l.coordinator()) {
      throw new ForbiddenException("Only the booking firm and the project's coordinators may change this booking.");
    }
  }

  /** Gives back what a booking took on a delivery run; time bookings free up by their status alone. */
  Future<Void> release(SqlConnection tx, Booking b) {
    return b.departureId() == null ? Future.succeededFuture() : bookings.releaseDeparture(tx, b.departureId(), b.pallets(), b.kg());
  }

  private String local(Instant instant) {
    return instant.atZone(zone).toLocalDateTime().toString().replace('T', ' ');
  }
}
