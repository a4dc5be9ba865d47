package kr.dure.common;

/** The caller is known but may not do this. */
public final class ForbiddenException extends DomainException {

  public ForbiddenException(String message) {
    super("error.forbidden", message);
  }

  @Override
  public int status() {
    return 403;
  }

  @Override
  public String title() {
    return "Forbidden";
  }
}
