package kr.dure.common;

/** The request collides with the current state (a unique or exclusion constraint, a state rule). */
public final class ConflictException extends DomainException {

  private final io.vertx.core.json.JsonObject extensions;

  public ConflictException(String messageKey, String message) {
    this(messageKey, message, new io.vertx.core.json.JsonObject());
  }

  public ConflictException(String messageKey, String message, io.vertx.core.json.JsonObject extensions) {
    super(messageKey, message);
    this.extensions = extensions;
  }

  @Override
  public io.vertx.core.json.JsonObject extensions() {
    return extensions;
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
