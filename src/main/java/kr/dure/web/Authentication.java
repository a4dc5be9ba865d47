package kr.dure.web;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import kr.dure.auth.AuthService;
import kr.dure.auth.CurrentUser;
import kr.dure.auth.TokenService;
import kr.dure.auth.User;
import kr.dure.common.UnauthorizedException;

/**
 * Finds the caller: the API reads only {@code Authorization: Bearer}, pages read only the HttpOnly
 * session cookie (so a cookie can never authorise an API call without CSRF protection).
 */
public final class Authentication {

  public static final String SESSION_COOKIE = "dure_session";
  /** When the page session ends, as of this response (a renewal during the request moves it). */
  static final String SESSION_EXPIRES = "dure.sessionExpires";

  private final AuthService auth;

  public Authentication(AuthService auth) {
    this.auth = auth;
  }

  /** API: a valid bearer token or 401. */
  public Handler<RoutingContext> api() {
    return ctx -> {
      String header = ctx.request().getHeader("Authorization");
      String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
      if (token == null) {
        ctx.fail(new UnauthorizedException("Send an Authorization: Bearer <token> header; get a token from POST /api/v1/auth/token."));
        return;
      }
      auth.authenticate(token)
          .onSuccess(user -> {
            ctx.put(RequestContext.CURRENT_USER, user);
            ctx.next();
          })
          .onFailure(ctx::fail);
    };
  }

  /** Pages that need a signed-in user: otherwise to the sign-in page. */
  public Handler<RoutingContext> page() {
    return ctx -> identify(ctx, true);
  }

  /** Pages anyone may see; the user is known when signed in. */
  public Handler<RoutingContext> optionalPage() {
    return ctx -> identify(ctx, false);
  }

  private void identify(RoutingContext ctx, boolean required) {
    Cookie cookie = ctx.request().getCookie(SESSION_COOKIE);
    if (cookie == null) {
      proceedAnonymous(ctx, required);
      return;
    }
    auth.authenticateUser(cookie.getValue())
        .map(found -> {
          CurrentUser current = found.current();
          User user = found.user();
          ctx.put(RequestContext.CURRENT_USER, current);
          ctx.put(RequestContext.PROFILE, user);
          ctx.put(SESSION_EXPIRES, current.expiresAt());
          refreshIfOld(ctx, current, user);
          return user;
        })
        .onSuccess(user -> {
          if (user == null) {
            clearSession(ctx);
            proceedAnonymous(ctx, required);
          } else {
            ctx.next();
          }
        })
        .onFailure(e -> {
          clearSession(ctx);
          proceedAnonymous(ctx, required);
        });
  }

  private static void proceedAnonymous(RoutingContext ctx, boolean required) {
    if (required) {
      ctx.fail(new UnauthorizedException("Sign in first."));
    } else {
      ctx.next();
    }
  }

  /** Sliding session: a page visit in the second half of a token's life renews it. */
  private void refreshIfOld(RoutingContext ctx, CurrentUser current, User user) {
    Duration left = Duration.between(Instant.now(), current.expiresAt());
    if (left.compareTo(TokenService.LIFETIME.dividedBy(2)) < 0) {
      setSession(ctx, auth.reissue(user));
    }
  }

  public static void setSession(RoutingContext ctx, TokenService.Issued token) {
    ctx.put(SESSION_EXPIRES, token.expiresAt());
    ctx.response().addCookie(Cookie.cookie(SESSION_COOKIE, token.token())
        .setPath("/")
        .setHttpOnly(true)
        .setSecure(RequestContext.secure(ctx))
        .setSameSite(CookieSameSite.LAX)
        .setMaxAge(TokenService.LIFETIME.getSeconds()));
  }

  public static void clearSession(RoutingContext ctx) {
    ctx.response().addCookie(Cookie.cookie(SESSION_COOKIE, "")
        .setPath("/")
        .setHttpOnly(true)
        .setSecure(RequestContext.secure(ctx))
        .setSameSite(CookieSameSite.LAX)
        .setMaxAge(0));
  }
}
