package kr.dure.booking;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import kr.dure.auth.Actor;
import kr.dure.auth.AuditLog;
import kr.dure.auth.CurrentUser;
import kr.dure.common.ConflictException;
import kr.dure.common.DomainException;
import kr.dure.common.ForbiddenException;
import kr.dure.common.NotFoundException;
import kr.dure.common.UnprocessableException;
import kr.dure.notify.Notifier;
import kr.dure.project.ProjectAccess;
import kr.dure.resource.Departure;
import kr.dure.resource.Resource;
import kr.dure.resource.ResourceKind;
import kr.dure.resource.ResourceRepository;

/**
 * The waitlist: a firm waits for a full slot; when capacity frees, the oldest entry that still
 * passes the rules gets a hold (a HELD booking that takes the capacity) for a limited time.
 */
public final class WaitlistService {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WaitlistService.class);

  /** How long an offered hold waits to be claimed (never past the booking's start). */
  public static final Duration HOLD = Duration.ofHours(2);

  private final Pool pool;
  private final Clock clock;
  private final ZoneId zone;
  private final ResourceRepository resources;
  private final BookingRepository bookings;
  private final ProjectAccess access;
  private final WaitlistRepository entries;
  private final Notifier notifications;
  private final AuditLog audit;
  private final BookingRules rules;
  private final BookingContext context;
  private final Capacity capacity;
  private kr.dure.monitoring.AppMetrics metrics = kr.dure.monitoring.AppMetrics.none();

  WaitlistService(Pool pool, Clock clock, ZoneId zone, ResourceRepository resources, BookingRepository bookings,
      ProjectAccess access, WaitlistRepository entries, Notifier notifications, AuditLog audit,
      BookingRules rules, BookingContext context, Capacity capacity) {
    this.pool = pool;
    this.clock = clock;
    this.zone = zone;
    this.resources = resources;
    this.bookings = bookings;
    this.access = access;
    this.entries = entries;
    this.notifications = notifications;
    this.audit = audit;
    this.rules = rules;
    this.context = context;
    this.capacity = capacity;
  }

  /** Joins the waitlist for a request that cannot be booked now because it is full. */
  public Future<WaitlistRepository.Entry> join(CurrentUser user, BookingRequest request, String ip) {
    if (request.recurrence() != null) {
      return Future.failedFuture(kr.dure.common.ValidationException.of("recurrence", "validation.waitlistSeries",
          "Join the waitlist one date at a time."));
    }
    Instant now = clock.instant();
    return pool.withTransaction(tx -> context.target(tx, user, request.resourceId(), request.organisationId()).compose(t -> {
      Resource r = t.resource();
      if (r.kind() != ResourceKind.DELIVERY_RUN && request.departureId() != null) {
        return Future.failedFuture(kr.dure.common.ValidationException.of("departureId", "validation.notARun",
            "departureId is only for delivery runs; wait for this resource with start and end."));
      }
      if (r.kind() == ResourceKind.EQUIPMENT && request.units() != 1) {
        return Future.failedFuture(kr.dure.common.ValidationException.of("units", "validation.exclusiveUnits",
            "Equipment is booked whole: units must be 1."));
      }
      Future<Departure> departure = r.kind() == ResourceKind.DELIVERY_RUN
          ? departureOf(tx, r, request.departureId())
          : Future.succeededFuture(null);
      return departure.compose(d -> {
        Instant start = d == null ? request.start() : d.departsAt();
        Instant end = d == null ? request.end() : d.arrivesAt();
        // the same rules as a booking, but for the availability itself: an entry that could never be offered is refused now
        Long trainee = user.organisationId() == t.organisationId() ? user.userId() : null;
        return context.facts(tx, r, start, end, trainee, t.organisationId(), now).compose(facts -> {
              var broken = d == null ? rules.checkTime(r, start, end, request.units(), facts)
                  : rules.checkRun(r, d, request.pallets(), request.kg(), facts);
              return broken.isEmpty() ? Future.<Void>succeededFuture() : Future.<Void>failedFuture(new UnprocessableException(broken));
            })
            .compose(v -> notAlreadyWaiting(tx, user, r, d, start, end))
            .compose(v -> stillFull(tx, r, d, start, end, request))
            .compose(full -> full
                ? entries.insert(tx, r.id(), d == null ? null : d.id(), t.organisationId(), user.userId(), start, end,
                    request.units(), request.pallets(), request.kg(), request.purpose())
                : Future.failedFuture(new ConflictException("conflict.notFull",
                    "This is free now: book it instead of waiting.")))
            .compose(entry -> audit.record(tx, Actor.of(user, ip), "waitlist.join", "waitlist", entry.id(),
                new JsonObject().put("resourceId", r.id())).map(entry));
      });
    }));
  }

  /**
   * One waiting (or offered) entry per user and slot. The lock, taken after the resource row and
   * quota locks, serialises two racing joins of the same user on the same resource.
   */
  private Future<Void> notAlreadyWaiting(SqlConnection tx, CurrentUser user, Resource r, Departure d, Instant start, Instant end) {
    return entries.lockJoins(tx, user.userId(), r.id())
        .compose(v -> entries.openForSlot(tx, user.userId(), r.id(), d == null ? null : d.id(), start, end))
        .compose(open -> open.isEmpty() ? Future.<Void>succeededFuture()
            : Future.<Void>failedFuture(new ConflictException("conflict.alreadyWaiting", "You are already on the waitlist for this slot"
                + " (entry " + open.get().id() + " is " + open.get().status() + ").",
                new JsonObject().put("entryId", open.get().id()).put("status", open.get().status()))));
  }

  public Future<List<WaitlistRepository.Entry>> mine(CurrentUser user) {
    return entries.forOrganisation(pool, user.organisationId());
  }

  public Future<Void> leave(CurrentUser user, long entryId, String ip) {
    return pool.withTransaction(tx -> entries.find(tx, entryId).compose(found -> {
      WaitlistRepository.Entry e = found.filter(x -> x.organisationId() == user.organisationId()).orElse(null);
      if (e == null) {
        return Future.failedFuture(new NotFoundException("Waitlist entry " + entryId + " does not exist or is not your firm's."));
      }
      if (!"WAITING".equals(e.status())) {
        return Future.failedFuture(new ConflictException("conflict.state", "The entry is " + e.status()
            + ": cancel the offered booking instead."));
      }
      // only a still-waiting entry leaves: one that is being offered the slot right now keeps its hold, to claim or cancel
      return entries.leave(tx, entryId, user.organisationId()).compose(left -> left
          ? audit.record(tx, Actor.of(user, ip), "waitlist.leave", "waitlist", entryId, new JsonObject())
          : Future.failedFuture(new ConflictException("conflict.state", "The entry has just been offered a slot: claim or cancel that booking instead.")));
    }));
  }

  /** Claims an offered hold: it becomes a confirmed booking (or a request, where approval is needed). */
  public Future<Booking> claim(CurrentUser user, long bookingId, String ip) {
    Instant now = clock.instant();
    return pool.withTransaction(tx -> bookings.lockById(tx, bookingId).compose(found -> {
      Booking b = found.filter(x -> x.organisationId() == user.organisationId()).orElse(null);
      if (b == null) {
        return Future.failedFuture(new NotFoundException("Booking " + bookingId + " does not exist or is not your firm's."));
      }
      if (b.status() != BookingStatus.HELD || !now.isBefore(b.holdExpiresAt())) {
        return Future.failedFuture(new ConflictException("conflict.holdGone", "There is no open hold to claim on this booking."));
      }
      return resources.findById(tx, b.resourceId()).compose(r -> {
        BookingStatus next = r.orElseThrow().rules().approvalRequired() ? BookingStatus.REQUESTED : BookingStatus.CONFIRMED;
        return bookings.setStatus(tx, bookingId, next, b.feeWon(), false, "", null)
            .compose(claimed -> entries.byOffer(tx, bookingId)
                .compose(e -> e.isPresent() ? entries.setStatus(tx, e.get().id(), "CLAIMED", null) : Future.succeededFuture())
                .compose(v -> audit.record(tx, Actor.of(user, ip), "booking.claim", "booking", bookingId, new JsonObject()))
                .map(claimed));
      });
    }));
  }

  /** When an offered hold is declined (cancelled), its entry is done. */
  Future<Void> afterDecline(SqlConnection tx, Booking b) {
    if (b.status() != BookingStatus.HELD) {
      return Future.succeededFuture();
    }
    return entries.byOffer(tx, b.id()).compose(e -> e.isPresent() ? entries.setStatus(tx, e.get().id(), "LEFT", null) : Future.succeededFuture());
  }

  /**
   * Offers what a released booking freed to the oldest waiting entries that now fit and pass the
   * rules. Runs in the transaction that released it, so the offer and the release commit together.
   */
  Future<Void> promote(SqlConnection tx, Resource resource, Booking released, Instant now) {
    // the row lock a booking takes, first (a facility's peak is only true under it): one lock order everywhere
    Future<?> locked = BookingContext.locksRow(resource) ? resources.lockById(tx, resource.id()) : Future.succeededFuture();
    return locked.compose(l -> entries.waitingOverlapping(tx, resource.id(), released.startsAt(), released.blockedUntil(), now)).compose(waiting -> {
      Future<Boolean> done = Future.succeededFuture(false);
      for (WaitlistRepository.Entry e : waiting) {
        done = done.compose(offered -> offered && resource.kind() == ResourceKind.EQUIPMENT
            ? Future.succeededFuture(true)
            : offer(tx, resource, e, now).map(ok -> offered || ok));
      }
      return done.mapEmpty();
    });
  }

  private Future<Boolean> offer(SqlConnection tx, Resource r, WaitlistRepository.Entry e, Instant now) {
    Instant expires = e.startsAt().isBefore(now.plus(HOLD)) ? e.startsAt() : now.plus(HOLD);
    if (!expires.isAfter(now.plus(Duration.ofMinutes(1)))) {
      return Future.succeededFuture(false);
    }
    Future<Departure> departure = e.departureId() == null ? Future.succeededFuture(null) : departureOf(tx, r, e.departureId());
    return departure.compose(d -> context.facts(tx, r, e.startsAt(), e.endsAt(), e.userId(), e.organisationId(), now).compose(facts -> {
      var broken = d == null ? rules.checkTime(r, e.startsAt(), e.endsAt(), e.units(), facts) : rules.checkRun(r, d, e.pallets(), e.kg(), facts);
      if (!broken.isEmpty()) {
        return Future.succeededFuture(false);
      }
      long minutes = Duration.between(e.startsAt(), e.endsAt()).toMinutes();
      Capacity.Claim claim = new Capacity.Claim(r, d, e.startsAt(), e.endsAt(), e.units(), e.pallets(), e.kg(), e.organisationId(),
          e.userId(), BookingStatus.HELD, expires, null, e.purpose(), FeeCalculator.fee(r, d == null ? minutes : 0, e.units(), e.pallets()));
      return capacity.take(tx, claim)
          .compose(held -> entries.setStatus(tx, e.id(), "OFFERED", held.id())
              .compose(v -> notifications.notify(tx, e.userId(), "waitlist.offer", new JsonObject().put("bookingId", held.id())
                  .put("resource", r.nameKo()).put("start", e.startsAt().toString()).put("expiresAt", expires.toString()), "/bookings"))
              .compose(v -> audit.record(tx, Actor.system("waitlist"), "booking.holdOffered", "booking", held.id(),
                  new JsonObject().put("waitlistEntryId", e.id()).put("expiresAt", expires.toString())))
              // counted when offered, inside the releasing transaction: a rare rollback afterwards over-counts by one
              .onSuccess(v -> metrics.waitlistPromotion())
              .map(true))
          .recover(err -> err instanceof DomainException ? Future.succeededFuture(false) : Future.failedFuture(err));
    }));
  }

  private Future<Departure> departureOf(SqlConnection tx, Resource r, Long departureId) {
    if (departureId == null) {
      return Future.failedFuture(kr.dure.common.ValidationException.of("departureId", "validation.required",
          "departureId is required for a delivery run."));
    }
    return resources.findDeparture(tx, departureId).compose(found -> found.filter(d -> d.resourceId() == r.id())
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(new NotFoundException("Departure " + departureId + " is not a departure of this run."))));
  }

  private Future<Boolean> stillFull(SqlConnection tx, Resource r, Departure d, Instant start, Instant end, BookingRequest request) {
    Instant blocked = end.plus(Duration.ofMinutes(r.rules().bufferMinutes()));
    return switch (r.kind()) {
      case EQUIPMENT -> bookings.holdingInRange(tx, r.id(), start, blocked).map(list -> !list.isEmpty());
      case FACILITY -> bookings.peakUnits(tx, r.id(), start, blocked).map(peak -> peak + request.units() > r.capacity());
      case DELIVERY_RUN -> Future.succeededFuture(d.palletsLeft() < request.pallets() || d.kgLeft() < request.kg());
    };
  }

  /** Metrics (issue 5): set once at wiring, by {@link BookingService#useMetrics}. */
  void useMetrics(kr.dure.monitoring.AppMetrics metrics) {
    this.metrics = metrics;
  }

  /** Ends offers nobody claimed in time and passes the freed capacity on. Safe on several instances. */
  public Future<Integer> expireHolds() {
    Instant now = clock.instant();
    return eachDue(BookingRepository.JobStep.EXPIRED_HOLD, now, (tx, id) -> bookings.expireHold(tx, id).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(false);
      }
      Booking b = found.get();
      return entries.byOffer(tx, b.id())
          .compose(e -> e.isPresent() ? entries.setStatus(tx, e.get().id(), "EXPIRED", null) : Future.succeededFuture())
          .compose(x -> b.departureId() == null ? Future.succeededFuture() : bookings.releaseDeparture(tx, b.departureId(), b.pallets(), b.kg()))
          .compose(x -> audit.record(tx, Actor.system("waitlist"), "booking.holdExpired", "booking", b.id(), new JsonObject()))
          .compose(x -> resources.findById(tx, b.resourceId()))
          .compose(r -> promote(tx, r.orElseThrow(), b, now))
          .map(true);
    }));
  }

  /** Records CONFIRMED bookings nobody checked in to in time as no-shows, charges them, and frees the rest of the slot. */
  public Future<Integer> releaseNoShows() {
    Instant now = clock.instant();
    return eachDue(BookingRepository.JobStep.NO_SHOW, now, (tx, id) -> bookings.markNoShow(tx, id).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(false);
      }
      Booking b = found.get();
      return (b.departureId() == null ? Future.<Void>succeededFuture() : bookings.releaseDeparture(tx, b.departureId(), b.pallets(), b.kg()))
          .compose(x -> notifications.notify(tx, b.userId(), "booking.noShow", new JsonObject().put("bookingId", b.id())
              .put("start", b.startsAt().toString()).put("feeWon", b.feeWon()), "/bookings"))
          .compose(x -> audit.record(tx, Actor.system("no-show"), "booking.noShow", "booking", b.id(),
              new JsonObject().put("feeWon", b.feeWon())))
          .compose(x -> resources.findById(tx, b.resourceId()))
          .compose(r -> promote(tx, r.orElseThrow(), b, now))
          .map(true);
    }));
  }

  /** The reason stored on a request nobody decided before its start. */
  static final String UNDECIDED_REASON = "not decided before the start";

  /**
   * Ends REQUESTED bookings whose start has passed without a decision: REJECTED with the reason
   * {@value #UNDECIDED_REASON}, no fee; the booker hears of it ({@code booking.expired}) and the
   * freed time goes to the waitlist, as with any release. Safe on several instances.
   */
  public Future<Integer> expireUndecided() {
    Instant now = clock.instant();
    return eachDue(BookingRepository.JobStep.UNDECIDED_REQUEST, now, (tx, id) -> bookings.lockById(tx, id).compose(found -> {
      Booking b = found.filter(x -> x.status() == BookingStatus.REQUESTED && !now.isBefore(x.startsAt())).orElse(null);
      if (b == null) {
        return Future.succeededFuture(false);
      }
      return bookings.setStatus(tx, id, BookingStatus.REJECTED, 0, false, UNDECIDED_REASON, null)
          .compose(x -> b.departureId() == null ? Future.<Void>succeededFuture()
              : bookings.releaseDeparture(tx, b.departureId(), b.pallets(), b.kg()))
          .compose(x -> resources.findById(tx, b.resourceId()))
          .compose(found2 -> {
            Resource r = found2.orElseThrow();
            return notifications.notify(tx, b.userId(), "booking.expired", new JsonObject().put("bookingId", id)
                    .put("resource", r.nameKo()).put("start", b.startsAt().toString()).put("reason", UNDECIDED_REASON), "/bookings")
                .compose(x -> audit.record(tx, Actor.system("undecided"), "booking.undecidedExpired", "booking", id,
                    new JsonObject().put("reason", UNDECIDED_REASON)))
                .compose(x -> promote(tx, r, b, now));
          })
          .map(true);
    }));
  }

  /** At most this many rows per job step and run; the rest wait for the next run. */
  private static final int BATCH = 200;

  /**
   * Runs {@code work} on the rows due for {@code step}, each claimed ({@code FOR UPDATE SKIP LOCKED})
   * and processed in its own transaction: a row that fails is rolled back alone, logged by its id
   * (nothing else of it) and left for the next run, and the others go on. The number processed.
   */
  private Future<Integer> eachDue(BookingRepository.JobStep step, Instant now,
      java.util.function.BiFunction<SqlConnection, Long, Future<Boolean>> work) {
    List<Long> failed = new java.util.ArrayList<>();
    int[] done = {0};
    return nextDue(step, now, work, failed, done, 0).map(v -> done[0]);
  }

  private Future<Void> nextDue(BookingRepository.JobStep step, Instant now,
      java.util.function.BiFunction<SqlConnection, Long, Future<Boolean>> work, List<Long> failed, int[] done, int claimed) {
    if (claimed >= BATCH) {
      return Future.succeededFuture();
    }
    long[] current = {-1};
    return pool.withTransaction(tx -> bookings.claimForJob(tx, step, now, failed).compose(id -> {
          if (id.isEmpty()) {
            return Future.succeededFuture(java.util.Optional.<Boolean>empty());
          }
          current[0] = id.get();
          return work.apply(tx, id.get()).map(java.util.Optional::of);
        }))
        .map(result -> {
          result.filter(Boolean::booleanValue).ifPresent(x -> done[0]++);
          return result.isPresent();
        })
        .recover(err -> {
          if (current[0] < 0) {
            return Future.failedFuture(err);
          }
          failed.add(current[0]);
          LOG.warn("Booking job {}: booking {} failed ({}); rolled back alone, the other rows go on, it is tried again next run",
              step, current[0], describe(err));
          return Future.succeededFuture(true);
        })
        .compose(more -> more ? nextDue(step, now, work, failed, done, claimed + 1) : Future.succeededFuture());
  }

  /** What went wrong, without the failing row's data (a PostgreSQL error's detail may quote it). */
  private static String describe(Throwable err) {
    if (err instanceof io.vertx.pgclient.PgException pg) {
      return "SQLSTATE " + pg.getSqlState() + ": " + pg.getErrorMessage();
    }
    return err.getClass().getName();
  }

  ZoneId zone() {
    return zone;
  }
}
