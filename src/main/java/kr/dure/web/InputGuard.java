package kr.dure.web;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kr.dure.common.ValidationException;

/**
 * refuses text that cannot be stored as sent, before any handler sees it: the NUL character
 * (PostgreSQL text cannot hold it, so it failed as a 500 or was silently trimmed away) and lone UTF-16
 * surrogates (they would be stored as "?"). Query parameters and form fields are checked for every
 * request by {@link #handle}; JSON bodies where they are read ({@link RequestContext#jsonBody}).
 * The answer is a 400 that names each field.
 */
public final class InputGuard implements Handler<RoutingContext> {

  static final String CODE = "validation.characters";

  @Override
  public void handle(RoutingContext ctx) {
    List<ValidationException.FieldError> errors = new ArrayList<>();
    check(ctx.queryParams(), errors);
    String type = ctx.request().getHeader("Content-Type");
    if (type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"))) {
      check(ctx.request().formAttributes(), errors);
    }
    if (!errors.isEmpty()) {
      ctx.fail(new ValidationException(errors));
      return;
    }
    ctx.next();
  }

  private static void check(MultiMap values, List<ValidationException.FieldError> errors) {
    for (Map.Entry<String, String> e : values) {
      if (!storable(e.getKey()) || !storable(e.getValue())) {
        errors.add(error(printableName(e.getKey())));
      }
    }
  }

  /** Every string (keys too) of a JSON body, nested ones named like {@code members[0].name}. */
  static void checkJson(Object value, String path, List<ValidationException.FieldError> errors) {
    if (value instanceof JsonObject object) {
      for (Map.Entry<String, Object> e : object) {
        String name = path.isEmpty() ? printableName(e.getKey()) : path + "." + printableName(e.getKey());
        if (!storable(e.getKey())) {
          errors.add(error(name));
        }
        checkJson(e.getValue(), name, errors);
      }
    } else if (value instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        checkJson(array.getValue(i), path + "[" + i + "]", errors);
      }
    } else if (value instanceof String text && !storable(text)) {
      errors.add(error(path));
    }
  }

  private static ValidationException.FieldError error(String field) {
    return new ValidationException.FieldError(field, CODE,
        field + " contains a character that cannot be stored (NUL, or half of a UTF-16 surrogate pair): remove it.");
  }

  /** False for text with NUL or an unpaired surrogate. */
  static boolean storable(String text) {
    if (text == null) {
      return true;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static String printableName(String name) {
    if (name == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    name.codePoints().limit(100).forEach(c -> {
      if (c == 0 || Character.getType(c) == Character.SURROGATE) {
        out.append('?');
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }
}
