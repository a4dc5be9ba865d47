package kr.dure.monitoring;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import kr.dure.common.ValidationException;
import kr.dure.common.Zones;

/** The month of a statement or fee report ({@code yyyy-MM}, Asia/Seoul): its first instant and the first of the next. */
public final class StatementMonth {

  private StatementMonth() {
  }

  /** A {@code yyyy-MM} parameter; empty means this month; anything else is a 400 naming the parameter. */
  public static YearMonth parse(String raw, String field, Clock clock) {
    if (raw == null || raw.isBlank()) {
      return YearMonth.now(clock.withZone(Zones.SEOUL));
    }
    String text = raw.trim();
    try {
      if (text.matches("\\d{4}-\\d{2}")) {
        YearMonth month = YearMonth.parse(text);
        if (month.getYear() >= 2000 && month.getYear() <= 2100) {
          return month;
        }
      }
    } catch (DateTimeParseException e) {
      // fall through to the error below
    }
    throw ValidationException.of(field, "validation.month",
        field + " must be a month as yyyy-mm (e.g. 2026-11) in the years 2000–2100, not '" + raw + "'.");
  }

  public static Instant start(YearMonth month) {
    return month.atDay(1).atStartOfDay(Zones.SEOUL).toInstant();
  }

  public static Instant end(YearMonth month) {
    return start(month.plusMonths(1));
  }

  public static LocalDate today(Clock clock) {
    return LocalDate.now(clock.withZone(Zones.SEOUL));
  }
}
