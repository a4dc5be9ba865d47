package kr.dure.common;

/** The thing existed but can no longer be used: an invitation that was accepted, revoked or has expired. */
public final class GoneException extends DomainException {

  public GoneException(String messageKey, String message) {
    super(messageKey, message);
  }

  @Override
  public int status() {
    return 410;
  }

  @Override
  public String title() {
    return "Gone";
  }
}
