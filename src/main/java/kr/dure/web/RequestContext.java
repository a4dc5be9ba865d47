package kr.dure.web;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import kr.dure.auth.Actor;
import kr.dure.auth.CurrentUser;
import kr.dure.auth.User;

/** What the handlers of one request share: the caller, their profile, the language, the address. */
public final class RequestContext {

  static final String CURRENT_USER = "dure.currentUser";
  static final String PROFILE = "dure.profile";
  public static final String LANG_COOKIE = "dure_lang";

  private RequestContext() {
  }

  public static CurrentUser currentUser(RoutingContext ctx) {
    return ctx.get(CURRENT_USER);
  }

  /** The signed-in user's profile; set on page requests only. */
  public static User profile(RoutingContext ctx) {
    return ctx.get(PROFILE);
  }

  public static String ip(RoutingContext ctx) {
    var address = ctx.request().remoteAddress();
    return address == null ? "unknown" : address.host();
  }

  public static Actor actor(RoutingContext ctx) {
    CurrentUser user = currentUser(ctx);
    return user == null ? Actor.anonymous("anonymous", ip(ctx)) : Actor.of(user, ip(ctx));
  }

  /** The language cookie, else the signed-in user's saved locale, else Korean. */
  public static String lang(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(LANG_COOKIE);
    if (cookie != null && Messages.LANGUAGES.contains(cookie.getValue())) {
      return cookie.getValue();
    }
    User profile = profile(ctx);
    return profile == null ? Messages.DEFAULT_LANGUAGE : Messages.supported(profile.locale());
  }

  /** True when the browser reached us over HTTPS, directly or through the load balancer. */
  public static boolean secure(RoutingContext ctx) {
    return ctx.request().isSSL() || "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"));
  }

  /**
   * The request body as a JSON object, or null when there is none. Any other JSON value (an array,
   * a string) or broken JSON fails as malformed, which the failure handler answers with 400.
   */
  public static io.vertx.core.json.JsonObject jsonBody(RoutingContext ctx) {
    io.vertx.core.json.JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (ClassCastException e) {
      throw new io.vertx.core.json.DecodeException("The body must be a JSON object.");
    }
    // NUL and lone surrogates cannot be stored as sent: 400 naming the field
    java.util.List<kr.dure.common.ValidationException.FieldError> errors = new java.util.ArrayList<>();
    InputGuard.checkJson(body, "", errors);
    if (!errors.isEmpty()) {
      throw new kr.dure.common.ValidationException(errors);
    }
    return body;
  }

  /** A local path to go back to, never another site ({@code //host} or a scheme). */
  public static String safeLocalPath(String path, String fallback) {
    if (path == null || !path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")
        || path.length() > 500 || path.chars().anyMatch(c -> c < 0x20)) {
      return fallback;
    }
    return path;
  }
}
