package kr.dure.booking;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import kr.dure.common.ConflictException;
import kr.dure.resource.Departure;
import kr.dure.resource.Resource;
import kr.dure.resource.ResourceKind;

/**
 * Takes time or capacity for a booking, each kind under its database invariant: the exclusion
 * constraint (equipment), the locked resource row and peak overlap (facilities), the conditional
 * update on pallets and kilograms (runs). A loss is a {@link ConflictException} naming the conflict.
 */
final class Capacity {

  private final BookingRepository bookings;
  private final ZoneId zone;

  Capacity(BookingRepository bookings, ZoneId zone) {
    this.bookings = bookings;
    this.zone = zone;
  }

  /** Where a booking goes and for whom. */
  record Claim(Resource resource, Departure departure, Instant start, Instant end, int units, int pallets, int kg,
      long organisationId, long userId, BookingStatus status, Instant holdExpiresAt, UUID seriesId, String purpose, long feeWon) {

    Instant blockedUntil() {
      return resource.kind() == ResourceKind.DELIVERY_RUN ? end : end.plus(Duration.ofMinutes(resource.rules().bufferMinutes()));
    }
  }

  /**
   * Takes the capacity and inserts the booking. For facilities the caller must hold the resource
   * row's lock ({@code FOR UPDATE}) so that the peak it reads stays true until commit.
   */
  Future<Booking> take(SqlConnection tx, Claim c) {
    return switch (c.resource().kind()) {
      // the insert first (the exclusion constraint decides); only a loss reads what is in the way
      case EQUIPMENT -> insertRow(tx, c).compose(inserted -> inserted.isPresent()
          ? Future.succeededFuture(inserted.get())
          : bookings.holdingInRange(tx, c.resource().id(), c.start(), c.blockedUntil())
              .compose(existing -> Future.failedFuture(existing.isEmpty() ? justTaken(c) : taken(c, existing))));
      case FACILITY -> bookings.peakUnits(tx, c.resource().id(), c.start(), c.blockedUntil())
          .compose(peak -> peak + c.units() <= c.resource().capacity()
              ? insert(tx, c)
              : Future.failedFuture(new ConflictException("conflict.facilityFull",
                  "Only " + Math.max(0, c.resource().capacity() - peak) + " of " + c.resource().capacity()
                      + " units are free at some point between " + local(c.start()) + " and " + local(c.end()) + ".",
                  new JsonObject().put("unitsFree", Math.max(0, c.resource().capacity() - peak)))));
      case DELIVERY_RUN -> bookings.reserveDeparture(tx, c.departure().id(), c.pallets(), c.kg())
          .compose(left -> left.isPresent()
              ? insert(tx, c)
              : Future.failedFuture(runFull(c)));
    };
  }

  /**
   * Inserts the booking. Losing a race at the exclusion constraint is a 409 like any other taken
   * slot; no statement fails, so a transaction booking several dates carries on with the next.
   */
  private Future<Booking> insert(SqlConnection tx, Claim c) {
    return insertRow(tx, c).compose(inserted -> inserted.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(justTaken(c))));
  }

  private Future<Optional<Booking>> insertRow(SqlConnection tx, Claim c) {
    return bookings.insert(tx, new BookingRepository.NewRow(c.resource().id(), c.resource().kind().name(),
        c.departure() == null ? null : c.departure().id(), c.organisationId(), c.userId(), c.start(), c.end(), c.blockedUntil(),
        c.units(), c.pallets(), c.kg(), c.status(), c.holdExpiresAt(), c.seriesId(), c.purpose(), c.feeWon()));
  }

  private ConflictException justTaken(Claim c) {
    return new ConflictException("conflict.slotTaken", "The slot " + local(c.start()) + "–" + local(c.end())
        + " was just taken by another booking.");
  }

  private ConflictException taken(Claim c, List<Booking> existing) {
    Booking first = existing.get(0);
    String detail = "Already booked from " + local(first.startsAt()) + " to " + local(first.endsAt())
        + (first.blockedUntil().isAfter(first.endsAt()) ? " (changeover until " + local(first.blockedUntil()) + ")" : "")
        + (c.blockedUntil().isAfter(c.end()) ? "; this booking also needs its " + c.resource().rules().bufferMinutes()
            + "-minute changeover free" : "") + ".";
    return new ConflictException("conflict.slotTaken", detail,
        new JsonObject().put("conflict", new JsonObject().put("start", first.startsAt().toString()).put("end", first.blockedUntil().toString())));
  }

  private ConflictException runFull(Claim c) {
    Departure d = c.departure();
    return new ConflictException("conflict.runFull", "This departure has " + d.palletsLeft() + " pallets and " + d.kgLeft()
        + " kg left; you asked for " + c.pallets() + " pallets and " + c.kg() + " kg.",
        new JsonObject().put("palletsLeft", d.palletsLeft()).put("kgLeft", d.kgLeft()));
  }

  private String local(Instant instant) {
    return instant.atZone(zone).toLocalDateTime().toString().replace('T', ' ');
  }
}
