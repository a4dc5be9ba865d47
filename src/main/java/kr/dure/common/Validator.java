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

  public void add(String field, String code, String message) {
    errors.add(new ValidationException.FieldError(field, code, message));
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
