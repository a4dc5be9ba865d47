package kr.dure.web;

import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import kr.dure.common.ValidationException;
import kr.dure.common.Validator;

/** Path and query parameters, parsed or refused with a 400 that names the parameter. */
public final class Params {

  private Params() {
  }

  public static long pathId(RoutingContext ctx, String name) {
    String raw = ctx.pathParam(name);
    try {
      long id = Long.parseLong(raw);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw ValidationException.of(name, "validation.id", name + " must be a positive whole number, not '" + raw + "'.");
  }

  public static Long optionalLong(RoutingContext ctx, String name) {
    String raw = ctx.request().getParam(name);
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw ValidationException.of(name, "validation.number", name + " must be a whole number, not '" + raw + "'.");
    }
  }

  public static Instant instant(RoutingContext ctx, String name, Instant fallback) {
    String raw = ctx.request().getParam(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    Instant value = Validator.parseInstant(raw.trim());
    if (value == null) {
      java.time.LocalDate day = Validator.parseDate(raw.trim());
      if (day == null) {
        throw ValidationException.of(name, "validation.dateTime",
            name + " must be a date (2026-12-01) or a date and time (2026-12-01T09:00:00+09:00), in the years 2000–2100.");
      }
      return day.atStartOfDay(kr.dure.common.Zones.SEOUL).toInstant();
    }
    return value;
  }

  public static <E extends Enum<E>> E optionalEnum(RoutingContext ctx, String name, Class<E> type) {
    String raw = ctx.request().getParam(name);
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, raw.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ValidationException.of(name, "validation.choice",
          name + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()) + ".");
    }
  }
}
