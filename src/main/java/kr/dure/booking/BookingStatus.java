package kr.dure.booking;

import java.util.EnumSet;
import java.util.Set;

/**
 * REQUESTED → CONFIRMED → CHECKED_IN → COMPLETED, or REJECTED, CANCELLED, NO_SHOW. HELD is a
 * waitlist offer waiting to be claimed; EXPIRED an offer nobody claimed in time.
 */
public enum BookingStatus {
  HELD,
  REQUESTED,
  CONFIRMED,
  CHECKED_IN,
  COMPLETED,
  REJECTED,
  CANCELLED,
  NO_SHOW,
  EXPIRED;

  /** The states in which a booking takes its time or capacity (the database's holds_slot column). */
  public static final Set<BookingStatus> HOLDING = EnumSet.of(HELD, REQUESTED, CONFIRMED, CHECKED_IN, COMPLETED);

  public boolean cancellable() {
    return this == HELD || this == REQUESTED || this == CONFIRMED;
  }

  public String labelKey() {
    return "bookingStatus." + name();
  }
}
