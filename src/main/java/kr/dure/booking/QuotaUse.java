package kr.dure.booking;

/** What a firm has already booked of a resource in the week and the month of a new booking (hours, or pallets for runs). */
public record QuotaUse(double week, double month) {

  public static final QuotaUse NONE = new QuotaUse(0, 0);
}
