package kr.dure.common;

/** The request collides with the current state (a unique or exclusion constraint, a state rule). */
public final class ConflictException extends DomainException {

  public ConflictException(String messageKey, String message) {
    super(messageKey, message);
  }

  public ConflictException(String message) {
    this("error.conflict", message);
  }

  @Override
  public int status() {
    return 409;
  }

  @Override
  public String title() {
    return "Conflict";
  }
}
