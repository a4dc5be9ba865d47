package kr.dure.booking;

import java.time.Duration;
import kr.dure.resource.Resource;

/** The fee of a booking in whole won, from its resource's fee and the time, units or pallets used. */
public final class FeeCalculator {

  private FeeCalculator() {
  }

  /**
   * @param minutes planned (or, at check-out, actual if longer) minutes
   */
  public static long fee(Resource resource, long minutes, int units, int pallets) {
    long fee = resource.feeWon();
    return switch (resource.feeBasis()) {
      case FREE -> 0;
      // per started minute, rounded half up to the won: 90 minutes at 10,000/h = 15,000
      case PER_HOUR -> Math.round(fee * units * minutes / 60.0);
      // any part of a day counts as a day
      case PER_UNIT_DAY -> fee * units * Math.max(1, (minutes + 1439) / 1440);
      case PER_PALLET -> fee * pallets;
    };
  }

  public static long fee(Resource resource, Duration duration, int units, int pallets) {
    return fee(resource, duration.toMinutes(), units, pallets);
  }

  /**
   * The fee at check-out: the booked fee, or more when the use ran over, priced at the booking's
   * own rate (a price the coordinator changed since does not apply to it).
   */
  public static long overrun(kr.dure.resource.FeeBasis basis, long bookedFee, long plannedMinutes, long actualMinutes) {
    if (actualMinutes <= plannedMinutes || plannedMinutes <= 0) {
      return bookedFee;
    }
    return switch (basis) {
      case PER_HOUR -> Math.round(bookedFee * (double) actualMinutes / plannedMinutes);
      case PER_UNIT_DAY -> {
        long plannedDays = Math.max(1, (plannedMinutes + 1439) / 1440);
        long actualDays = Math.max(1, (actualMinutes + 1439) / 1440);
        yield bookedFee / plannedDays * actualDays;
      }
      case PER_PALLET, FREE -> bookedFee;
    };
  }

  /** A share of a fee (late cancellation, no-show), rounded half up. */
  public static long percentOf(long fee, int percent) {
    return Math.round(fee * percent / 100.0);
  }
}
