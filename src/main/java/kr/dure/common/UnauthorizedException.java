package kr.dure.common;

/** No valid credentials: missing, expired or forged token, or a wrong password. */
public final class UnauthorizedException extends DomainException {

  public UnauthorizedException(String messageKey, String message) {
    super(messageKey, message);
  }

  public UnauthorizedException(String message) {
    this("error.unauthorized", message);
  }

  @Override
  public int status() {
    return 401;
  }

  @Override
  public String title() {
    return "Unauthorized";
  }
}
