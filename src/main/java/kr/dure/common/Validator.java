package kr.dure.common;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Collects field errors while an input record parses itself, then throws them together. */
public final class Validator {

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{2,63}$");

  private final List<ValidationException.FieldError> errors = new ArrayList<>();
  private final Function<String, Object> source;

  private Validator(Function<String, Object> source) {
    this.source = source;
  }

  public static Validator of(JsonObject json) {
    return new Validator(json == null ? k -> null : json::getValue);
  }

  public static Validator ofForm(io.vertx.core.MultiMap form) {
    return new Validator(form::get);
  }

  /** A required text field, trimmed, at most {@code max} characters. */
  public String requiredText(String field, int max) {
    Object raw = source.apply(field);
    if (raw == null || (raw instanceof String s && s.isBlank())) {
      add(field, "validation.required", field + " is required.");
      return null;
    }
    if (!(raw instanceof String)) {
      add(field, "validation.text", field + " must be a string.");
      return null;
    }
    String value = ((String) raw).trim();
    if (value.length() > max) {
      add(field, "validation.tooLong", field + " must be at most " + max + " characters.");
      return null;
    }
    return value;
  }

  /** A required e-mail address, lower-cased. */
  public String requiredEmail(String field) {
    String value = requiredText(field, 320);
    if (value == null) {
      return null;
    }
    if (!EMAIL.matcher(value).matches()) {
      add(field, "validation.email", field + " must be an e-mail address such as name@example.kr.");
      return null;
    }
    return value.toLowerCase(java.util.Locale.ROOT);
  }

  /** A required password: any characters, kept as typed (no trimming). */
  public String requiredPassword(String field, int min, int max) {
    Object raw = source.apply(field);
    if (!(raw instanceof String value) || value.isEmpty()) {
      add(field, "validation.required", field + " is required.");
      return null;
    }
    if (value.length() < min) {
      add(field, "validation.passwordShort", field + " must be at least " + min + " characters.");
      return null;
    }
    if (value.length() > max) {
      add(field, "validation.tooLong", field + " must be at most " + max + " characters.");
      return null;
    }
    return value;
  }

  /** An optional text field: trimmed, empty when absent. */
  public String optionalText(String field, int max) {
    Object raw = source.apply(field);
    if (raw == null) {
      return "";
    }
    if (!(raw instanceof String)) {
      add(field, "validation.text", field + " must be a string.");
      return "";
    }
    String value = ((String) raw).trim();
    if (value.length() > max) {
      add(field, "validation.tooLong", field + " must be at most " + max + " characters.");
      return "";
    }
    return value;
  }

  /** An optional whole number in [min, max]; null when absent or blank. Form text is parsed. */
  public Integer optionalInt(String field, int min, int max) {
    Long value = number(field, min, max, false);
    return value == null ? null : value.intValue();
  }

  public int intOr(String field, int min, int max, int fallback) {
    Integer value = optionalInt(field, min, max);
    return value == null ? fallback : value;
  }

  /** A required whole number in [min, max]. */
  public Long requiredLong(String field, long min, long max) {
    return number(field, min, max, true);
  }

  private Long number(String field, long min, long max, boolean required) {
    Object raw = source.apply(field);
    if (raw == null || (raw instanceof String s && s.isBlank())) {
      if (required) {
        add(field, "validation.required", field + " is required.");
      }
      return null;
    }
    Long value = asLong(raw);
    if (value == null) {
      add(field, "validation.number", field + " must be a whole number.");
      return null;
    }
    if (value < min || value > max) {
      add(field, "validation.range", field + " must be from " + min + " to " + max + ".");
      return null;
    }
    return value;
  }

  /** An optional yes/no; form checkboxes send "on", "true" or nothing. */
  public boolean bool(String field, boolean fallback) {
    Object raw = source.apply(field);
    if (raw == null) {
      return fallback;
    }
    if (raw instanceof Boolean b) {
      return b;
    }
    if (raw instanceof String s) {
      switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "true", "on", "yes", "1":
          return true;
        case "false", "off", "no", "0", "":
          return false;
        default:
          break;
      }
    }
    add(field, "validation.boolean", field + " must be true or false.");
    return fallback;
  }

  /** A required value of an enum, by name. */
  public <E extends Enum<E>> E requiredEnum(String field, Class<E> type) {
    Object raw = source.apply(field);
    if (raw == null || (raw instanceof String s && s.isBlank())) {
      add(field, "validation.required", field + " is required.");
      return null;
    }
    try {
      return Enum.valueOf(type, raw.toString().trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      add(field, "validation.choice", field + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()) + ".");
      return null;
    }
  }

  public <E extends Enum<E>> E enumOr(String field, Class<E> type, E fallback) {
    Object raw = source.apply(field);
    if (raw == null || (raw instanceof String s && s.isBlank())) {
      return fallback;
    }
    E value = requiredEnum(field, type);
    return value == null ? fallback : value;
  }

  /** A required instant: ISO-8601 with an offset, or a local date-time read in Asia/Seoul. */
  public java.time.Instant requiredInstant(String field) {
    Object raw = source.apply(field);
    if (raw == null || (raw instanceof String s && s.isBlank())) {
      add(field, "validation.required", field + " is required.");
      return null;
    }
    java.time.Instant value = parseInstant(raw.toString().trim());
    if (value == null) {
      add(field, "validation.dateTime", field + " must be a date and time such as 2026-12-01T09:00:00+09:00.");
    }
    return value;
  }

  /** Raw access, for nested values the caller parses itself. */
  public Object raw(String field) {
    return source.apply(field);
  }

  /** A required date (2026-12-01) within the years the platform deals with. */
  public java.time.LocalDate requiredDate(String field) {
    Object raw = source.apply(field);
    if (raw == null || (raw instanceof String s && s.isBlank())) {
      add(field, "validation.required", field + " is required (a date such as 2026-12-01).");
      return null;
    }
    return date(field, raw);
  }

  /** An optional date; null when absent. */
  public java.time.LocalDate optionalDate(String field) {
    Object raw = source.apply(field);
    if (raw == null || (raw instanceof String s && s.isBlank())) {
      return null;
    }
    return date(field, raw);
  }

  private java.time.LocalDate date(String field, Object raw) {
    java.time.LocalDate value = parseDate(raw.toString().trim());
    if (value == null) {
      add(field, "validation.date", field + " must be a date such as 2026-12-01, in the years " + FIRST_YEAR + "–" + LAST_YEAR + ".");
    }
    return value;
  }

  /** Dates and times outside these years are refused: PostgreSQL and the program have no use for them. */
  public static final int FIRST_YEAR = 2000;
  public static final int LAST_YEAR = 2100;
  // compared as instants: converting an instant near Java's limits to a zone would itself throw
  private static final java.time.Instant EARLIEST = java.time.LocalDate.of(FIRST_YEAR, 1, 1).atStartOfDay(kr.dure.common.Zones.SEOUL).toInstant();
  private static final java.time.Instant LATEST = java.time.LocalDate.of(LAST_YEAR + 1, 1, 1).atStartOfDay(kr.dure.common.Zones.SEOUL).toInstant();

  public static java.time.LocalDate parseDate(String text) {
    try {
      java.time.LocalDate day = java.time.LocalDate.parse(text);
      return day.getYear() < FIRST_YEAR || day.getYear() > LAST_YEAR ? null : day;
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  public static java.time.Instant parseInstant(String text) {
    java.time.Instant instant;
    try {
      instant = java.time.OffsetDateTime.parse(text).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      try {
        instant = java.time.LocalDateTime.parse(text).atZone(kr.dure.common.Zones.SEOUL).toInstant();
      } catch (java.time.format.DateTimeParseException e2) {
        return null;
      }
    }
    return instant.isBefore(EARLIEST) || !instant.isBefore(LATEST) ? null : instant;
  }

  private static Long asLong(Object raw) {
    if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
      return ((Number) raw).longValue();
    }
    if (raw instanceof Number n) {
      double d = n.doubleValue();
      return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9e15 ? (long) d : null;
    }
    if (raw instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  public void add(String field, String code, String message) {
    errors.add(new ValidationException.FieldError(field, code, message));
  }

  /** Copies this validator's errors into {@code parent}, fields and messages prefixed with {@code prefix} (e.g. "members[0]"). */
  public void copyInto(Validator parent, String prefix) {
    errors.forEach(e -> parent.add(prefix + "." + e.field(), e.code(), prefix + "." + e.message()));
  }

  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** Throws every collected error at once, or returns when there is none. */
  public void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }
}
