package kr.dure.auth;

/** Who causes a change, for the audit log: a signed-in user, an anonymous visitor, or the system itself. */
public record Actor(Long userId, String label, String ip) {

  public static Actor system(String what) {
    return new Actor(null, "system:" + what, null);
  }

  public static Actor anonymous(String label, String ip) {
    return new Actor(null, label, ip);
  }

  public static Actor of(CurrentUser user, String ip) {
    return new Actor(user.userId(), user.email(), ip);
  }
}
