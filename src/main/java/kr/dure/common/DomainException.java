package kr.dure.common;

/** Base of the errors the one failure handler turns into 4xx answers. */
public abstract class DomainException extends RuntimeException {

  private final String messageKey;

  protected DomainException(String messageKey, String message) {
    super(message, null, false, false);
    this.messageKey = messageKey;
  }

  /** Message bundle key for pages; the API uses {@link #getMessage()}. */
  public String messageKey() {
    return messageKey;
  }

  public abstract int status();

  /** Extra members of the problem document (RFC 9457 extensions), e.g. the free alternatives to a taken slot. */
  public io.vertx.core.json.JsonObject extensions() {
    return new io.vertx.core.json.JsonObject();
  }

  public abstract String title();
}
