package kr.dure.monitoring;

import io.vertx.core.MultiMap;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import kr.dure.common.ValidationException;
import kr.dure.common.Validator;

/**
 * The days a dashboard covers, both ends included, in Asia/Seoul: a week, month or quarter around a
 * date, or a custom from–to of at most two years.
 *
 * @param kind {@code week}, {@code month}, {@code quarter} or {@code custom}
 */
public record UtilizationPeriod(String kind, LocalDate from, LocalDate to) {

  public static final List<String> KINDS = List.of("week", "month", "quarter", "custom");

  /** Number of days covered. */
  public long days() {
    return ChronoUnit.DAYS.between(from, to) + 1;
  }

  /** The query string that selects this period again. */
  public String query() {
    return "custom".equals(kind) ? "period=custom&from=" + from + "&to=" + to : "period=" + kind + "&date=" + from;
  }

  public static UtilizationPeriod of(String kind, LocalDate anchor) {
    return switch (kind) {
      case "week" -> {
        LocalDate monday = anchor.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        yield new UtilizationPeriod(kind, monday, monday.plusDays(6));
      }
      case "month" -> new UtilizationPeriod(kind, anchor.withDayOfMonth(1), anchor.with(TemporalAdjusters.lastDayOfMonth()));
      case "quarter" -> {
        LocalDate first = anchor.with(IsoFields.DAY_OF_QUARTER, 1);
        yield new UtilizationPeriod(kind, first, first.plusMonths(3).minusDays(1));
      }
      default -> throw new IllegalArgumentException(kind);
    };
  }

  /** A custom period, refused unless from ≤ to and it spans at most two years. */
  public static UtilizationPeriod custom(LocalDate from, LocalDate to) {
    if (from.isAfter(to)) {
      throw ValidationException.of("to", "validation.period.order", "to (" + to + ") must not be before from (" + from + ").");
    }
    if (!to.isBefore(from.plusYears(2))) {
      throw ValidationException.of("to", "validation.period.tooLong", "The period may span at most two years; choose a later from or an earlier to.");
    }
    return new UtilizationPeriod("custom", from, to);
  }

  /**
   * From request parameters: {@code from} and {@code to} (a custom period; {@code period=custom} may be
   * omitted), else {@code period} (week, month, quarter; default quarter) around {@code date} (default today).
   */
  public static UtilizationPeriod parse(MultiMap params, LocalDate today) {
    String kind = trim(params.get("period"));
    String fromText = trim(params.get("from"));
    String toText = trim(params.get("to"));
    List<ValidationException.FieldError> errors = new ArrayList<>();
    if (kind != null && !KINDS.contains(kind)) {
      errors.add(new ValidationException.FieldError("period", "validation.period.kind", "period must be one of " + KINDS + "."));
    }
    if ("custom".equals(kind) || (kind == null && (fromText != null || toText != null))) {
      LocalDate from = date("from", fromText, errors);
      LocalDate to = date("to", toText, errors);
      if (!errors.isEmpty()) {
        throw new ValidationException(errors);
      }
      return custom(from, to);
    }
    LocalDate anchor = today;
    String dateText = trim(params.get("date"));
    if (dateText != null) {
      anchor = date("date", dateText, errors);
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return of(kind == null ? "quarter" : kind, anchor);
  }

  private static LocalDate date(String field, String text, List<ValidationException.FieldError> errors) {
    if (text == null) {
      errors.add(new ValidationException.FieldError(field, "validation.period.dateMissing", field + " is required: a date such as 2026-12-01."));
      return null;
    }
    LocalDate day = text.length() > 10 ? null : Validator.parseDate(text);
    if (day == null) {
      errors.add(new ValidationException.FieldError(field, "validation.date",
          field + " must be a date such as 2026-12-01, in the years " + Validator.FIRST_YEAR + "–" + Validator.LAST_YEAR + ", not '" + text + "'."));
    }
    return day;
  }

  private static String trim(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
