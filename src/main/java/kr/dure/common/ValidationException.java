package kr.dure.common;

import java.util.List;

/** One or more fields are invalid; every field error is reported at once. */
public final class ValidationException extends DomainException {

  private final List<FieldError> errors;

  public ValidationException(List<FieldError> errors) {
    super("error.validation", summary(errors));
    this.errors = List.copyOf(errors);
  }

  public static ValidationException of(String field, String code, String message) {
    return new ValidationException(List.of(new FieldError(field, code, message)));
  }

  public List<FieldError> errors() {
    return errors;
  }

  @Override
  public int status() {
    return 400;
  }

  @Override
  public String title() {
    return "Invalid input";
  }

  private static String summary(List<FieldError> errors) {
    if (errors.size() == 1) {
      return errors.get(0).message();
    }
    return errors.size() + " fields are invalid: fix each one and send again.";
  }

  /**
   * One invalid field. {@code code} is a message-bundle key (for pages); {@code message} is the
   * English explanation used by the API.
   */
  public record FieldError(String field, String code, String message) {
  }
}
