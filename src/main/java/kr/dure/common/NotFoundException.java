package kr.dure.common;

/** The requested row does not exist or is not visible to the caller. */
public final class NotFoundException extends DomainException {

  public NotFoundException(String message) {
    super("error.notFound", message);
  }

  @Override
  public int status() {
    return 404;
  }

  @Override
  public String title() {
    return "Not Found";
  }
}
