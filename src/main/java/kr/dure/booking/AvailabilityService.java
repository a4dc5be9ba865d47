package kr.dure.booking;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import kr.dure.auth.CurrentUser;
import kr.dure.common.NotFoundException;
import kr.dure.common.ValidationException;
import kr.dure.project.ProjectAccess;
import kr.dure.resource.Blackout;
import kr.dure.resource.Resource;
import kr.dure.resource.ResourceKind;
import kr.dure.resource.ResourceRepository;

/**
 * Free and busy time of a resource: open time (hours less holidays and blackouts), busy intervals
 * (with buffers; other firms' bookings without any detail), free time or units left, departures.
 */
public final class AvailabilityService {

  /** The longest window one availability request may ask for. */
  public static final Duration MAX_WINDOW = Duration.ofDays(62);

  private final Pool pool;
  private final Clock clock;
  private final ZoneId zone;
  private final ResourceRepository resources;
  private final BookingRepository bookings;

  AvailabilityService(Pool pool, Clock clock, ZoneId zone, ResourceRepository resources, BookingRepository bookings) {
    this.pool = pool;
    this.clock = clock;
    this.zone = zone;
    this.resources = resources;
    this.bookings = bookings;
  }

  /** What a resource looks like in [from, to), for one viewer. */
  public record Availability(Resource resource, List<Interval> open, List<Booking> busy, List<Blackout> blackouts,
      List<kr.dure.resource.Departure> departures, long viewerOrganisationId) {

    /**
     * Free intervals for equipment: open time minus busy time, where busy runs from the changeover
     * a new booking would need before the next one until the end of that one's own changeover.
     */
    public List<Interval> free() {
      java.time.Duration buffer = java.time.Duration.ofMinutes(resource.rules().bufferMinutes());
      List<Interval> free = new ArrayList<>(open);
      for (Booking b : busy) {
        Instant busyFrom = b.startsAt().minus(buffer);
        List<Interval> next = new ArrayList<>();
        for (Interval f : free) {
          if (!f.overlaps(busyFrom, b.blockedUntil())) {
            next.add(f);
            continue;
          }
          if (f.start().isBefore(busyFrom)) {
            next.add(new Interval(f.start(), busyFrom));
          }
          if (b.blockedUntil().isBefore(f.end())) {
            next.add(new Interval(b.blockedUntil(), f.end()));
          }
        }
        free = next;
      }
      return free;
    }

    /** For facilities: the units left over each stretch of open time where the load is constant. */
    public List<JsonObject> unitsLeft() {
      List<JsonObject> out = new ArrayList<>();
      for (Interval o : open) {
        Set<Instant> cuts = new TreeSet<>(List.of(o.start(), o.end()));
        for (Booking b : busy) {
          if (b.startsAt().isAfter(o.start()) && b.startsAt().isBefore(o.end())) {
            cuts.add(b.startsAt());
          }
          if (b.blockedUntil().isAfter(o.start()) && b.blockedUntil().isBefore(o.end())) {
            cuts.add(b.blockedUntil());
          }
        }
        Instant previous = null;
        for (Instant cut : cuts) {
          if (previous != null) {
            Instant at = previous;
            int load = busy.stream().filter(b -> !b.startsAt().isAfter(at) && b.blockedUntil().isAfter(at)).mapToInt(Booking::units).sum();
            out.add(new Interval(previous, cut).toJson().put("unitsLeft", Math.max(0, resource.capacity() - load)));
          }
          previous = cut;
        }
      }
      return out;
    }

    public JsonObject toJson() {
      JsonArray openJson = new JsonArray();
      open.forEach(i -> openJson.add(i.toJson()));
      JsonArray busyJson = new JsonArray();
      for (Booking b : busy) {
        boolean mine = b.organisationId() == viewerOrganisationId;
        JsonObject item = new JsonObject().put("start", b.startsAt().toString()).put("end", b.endsAt().toString())
            .put("blockedUntil", b.blockedUntil().toString()).put("mine", mine);
        if (resource.kind() == ResourceKind.FACILITY) {
          item.put("units", b.units());
        }
        if (mine) {
          item.put("bookingId", b.id()).put("status", b.status().name());
        }
        busyJson.add(item);
      }
      JsonArray blackoutJson = new JsonArray();
      blackouts.forEach(b -> blackoutJson.add(b.toJson()));
      JsonObject json = new JsonObject().put("resourceId", resource.id()).put("kind", resource.kind().name())
          .put("open", openJson).put("busy", busyJson).put("blackouts", blackoutJson);
      switch (resource.kind()) {
        case EQUIPMENT -> {
          JsonArray free = new JsonArray();
          free().forEach(i -> free.add(i.toJson()));
          json.put("free", free);
        }
        case FACILITY -> json.put("capacity", resource.capacity()).put("unitsLeft", new JsonArray(new ArrayList<>(unitsLeft())));
        case DELIVERY_RUN -> {
          JsonArray deps = new JsonArray();
          departures.forEach(d -> deps.add(d.toJson()));
          json.put("departures", deps);
        }
      }
      return json;
    }
  }

  public Future<Availability> availability(CurrentUser user, long resourceId, Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return Future.failedFuture(ValidationException.of("to", "validation.endAfterStart", "to must be after from."));
    }
    if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
      return Future.failedFuture(ValidationException.of("to", "validation.windowTooLong", "Ask for at most 62 days at a time."));
    }
    return pool.withConnection(c -> {
      // all three sent at once (one round trip, not two); the standing then decides whether the rest is shown
      Future<java.util.Optional<ResourceRepository.WithStanding>> found =
          resources.findWithStanding(c, resourceId, user.organisationId(), user.userId());
      Future<ResourceRepository.Calendar> calendar = resources.calendar(c, resourceId, from.atZone(zone).toLocalDate(),
          to.atZone(zone).toLocalDate(), from, to);
      Future<List<Booking>> busy = bookings.holdingInRange(c, resourceId, from, to);
      return Future.all(found, calendar, busy).compose(all -> {
        if (found.result().isEmpty()) {
          return Future.failedFuture(new NotFoundException("Resource " + resourceId + " does not exist."));
        }
        Resource r = found.result().get().resource();
        return ProjectAccess.visible(user, found.result().get().membership(), "Resource " + resourceId)
            .compose(m -> load(c, r, from, to, calendar.result(), busy.result(), user.organisationId()));
      });
    });
  }

  /**
   * The availability of several resources the caller already may see (a project's schedule board),
   * from the bookings already read for them: two queries on one connection, however many resources.
   * Each one's busy time is the slot-holding bookings among {@code bookingsInWindow}.
   */
  public Future<List<Availability>> forResources(List<Resource> list, Instant from, Instant to, List<Booking> bookingsInWindow,
      long viewerOrg) {
    List<Long> ids = list.stream().map(Resource::id).toList();
    List<Long> runs = list.stream().filter(r -> r.kind() == ResourceKind.DELIVERY_RUN).map(Resource::id).toList();
    return pool.withConnection(c -> {
      Future<ResourceRepository.Calendar> calendar = resources.calendar(c, ids, from.atZone(zone).toLocalDate(),
          to.atZone(zone).toLocalDate(), from, to);
      Future<List<kr.dure.resource.Departure>> departures = runs.isEmpty()
          ? Future.succeededFuture(List.of())
          : resources.departures(c, runs, from, to);
      return Future.all(calendar, departures).map(all -> list.stream().map(r -> {
        List<Booking> busy = bookingsInWindow.stream().filter(b -> b.resourceId() == r.id() && BookingStatus.HOLDING.contains(b.status())
            && b.startsAt().isBefore(to) && from.isBefore(b.blockedUntil())).toList();
        return assemble(r, from, to, calendar.result().holidays(), calendar.result().blackoutsOf(r.id()), busy,
            departures.result().stream().filter(d -> d.resourceId() == r.id()).toList(), viewerOrg);
      }).toList());
    });
  }

  private Future<Availability> load(SqlConnection c, Resource r, Instant from, Instant to, ResourceRepository.Calendar cal,
      List<Booking> busy, long viewerOrg) {
    Future<List<kr.dure.resource.Departure>> departures = r.kind() == ResourceKind.DELIVERY_RUN
        ? resources.departures(c, r.id(), from, to)
        : Future.succeededFuture(List.of());
    return departures.map(runs -> assemble(r, from, to, cal.holidays(), cal.blackouts(), busy, runs, viewerOrg));
  }

  /** A resource's open time in [from, to) from its hours, the holidays and its blackouts (a run has departures instead). */
  private Availability assemble(Resource r, Instant from, Instant to, Set<LocalDate> holidays, List<Blackout> blackouts,
      List<Booking> busy, List<kr.dure.resource.Departure> departures, long viewerOrg) {
    OpenTime open = new OpenTime(r.openingHours(), r.rules().closedOnHolidays(), holidays, blackouts, zone);
    return new Availability(r, r.kind() == ResourceKind.DELIVERY_RUN ? List.of() : open.open(from, to), busy, blackouts,
        departures, viewerOrg);
  }

  /**
   * Up to {@code limit} free starts nearest to the asked one, on slot steps, for a booking as long
   * as [start, end), within the day before and the week after, that also pass notice and horizon.
   */
  public Future<List<Interval>> alternatives(CurrentUser user, long resourceId, Instant start, Instant end, int units, int limit) {
    Instant windowStart = start.atZone(zone).toLocalDate().minusDays(1).atStartOfDay(zone).toInstant();
    Instant windowEnd = windowStart.plus(Duration.ofDays(9));
    Duration length = Duration.between(start, end);
    Instant now = clock.instant();
    return availability(user, resourceId, windowStart, windowEnd).map(a -> {
      Resource r = a.resource();
      Duration step = Duration.ofMinutes(r.rules().slotMinutes());
      Duration buffer = Duration.ofMinutes(r.rules().bufferMinutes());
      Instant earliest = now.plus(Duration.ofMinutes(r.rules().minNoticeMinutes()));
      Instant latest = now.plus(Duration.ofDays(r.rules().horizonDays()));
      List<Interval> candidates = new ArrayList<>();
      for (Interval o : a.open()) {
        // offer only starts the step rule accepts: multiples of the slot from local midnight
        java.time.ZonedDateTime local = o.start().atZone(zone);
        long minuteOfDay = local.getHour() * 60L + local.getMinute() + (local.getSecond() > 0 || local.getNano() > 0 ? 1 : 0);
        long slot = step.toMinutes();
        Instant first = local.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plusMinutes((minuteOfDay + slot - 1) / slot * slot).toInstant();
        for (Instant t = first; !t.plus(length).isAfter(o.end()); t = t.plus(step)) {
          Instant s = t;
          if (s.isBefore(earliest) || s.isAfter(latest) || s.equals(start)) {
            continue;
          }
          if (peak(a.busy(), s, s.plus(length).plus(buffer)) + units <= r.capacity()) {
            candidates.add(new Interval(s, s.plus(length)));
          }
        }
      }
      long asked = start.getEpochSecond();
      candidates.sort(Comparator.comparingLong((Interval i) -> Math.abs(i.start().getEpochSecond() - asked)));
      List<Interval> nearest = new ArrayList<>(candidates.subList(0, Math.min(limit, candidates.size())));
      nearest.sort(Comparator.comparing(Interval::start));
      return nearest;
    });
  }

  /**
   * The most units the bookings hold at once within [from, to). Only those overlapping it count, and
   * the load can only rise at {@code from} or where one of them starts. Plain loops: a taken slot's
   * 409 runs this for every candidate start of nine days, and a burst of 409s runs it hundreds of times.
   */
  static int peak(List<Booking> busy, Instant from, Instant to) {
    List<Booking> overlapping = new ArrayList<>();
    for (Booking b : busy) {
      if (b.startsAt().isBefore(to) && b.blockedUntil().isAfter(from)) {
        overlapping.add(b);
      }
    }
    int peak = 0;
    for (Booking p : overlapping) {
      Instant at = p.startsAt().isAfter(from) ? p.startsAt() : from;
      int load = 0;
      for (Booking b : overlapping) {
        if (!b.startsAt().isAfter(at) && b.blockedUntil().isAfter(at)) {
          load += b.units();
        }
      }
      peak = Math.max(peak, load);
    }
    return peak;
  }
}
