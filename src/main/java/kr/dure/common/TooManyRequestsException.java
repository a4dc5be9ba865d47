package kr.dure.common;

import java.time.Instant;

/** The caller is throttled until {@link #retryAt()}. */
public final class TooManyRequestsException extends DomainException {

  private final Instant retryAt;

  public TooManyRequestsException(String messageKey, String message, Instant retryAt) {
    super(messageKey, message);
    this.retryAt = retryAt;
  }

  public Instant retryAt() {
    return retryAt;
  }

  @Override
  public int status() {
    return 429;
  }

  @Override
  public String title() {
    return "Too Many Requests";
  }
}
