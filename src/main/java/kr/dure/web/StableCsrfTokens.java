package kr.dure.web;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CSRFHandler;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Vert.x's {@link CSRFHandler} without a server-side session issues a new token (and cookie) on every
 * page view, so opening a second tab — or any background GET — made the forms of the first tab fail
 * with 403. This handler lets a page view keep the token the browser already holds while it is
 * genuinely the handler's (its HMAC checks out) and has at least {@code reuseMargin} of its lifetime
 * left; everything else — every unsafe method, a missing, forged or ageing token — goes to the
 * library's handler unchanged, which still checks and rotates the token on each form post.
 */
final class StableCsrfTokens implements Handler<RoutingContext> {

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final CSRFHandler delegate;
  private final SecretKeySpec key;
  private final String cookieName;
  private final String fieldName;
  private final long lifetimeMs;
  private final long reuseMarginMs;

  StableCsrfTokens(CSRFHandler delegate, String secret, String cookieName, String fieldName, long lifetimeMs, long reuseMarginMs) {
    this.delegate = delegate;
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    this.cookieName = cookieName;
    this.fieldName = fieldName;
    this.lifetimeMs = lifetimeMs;
    this.reuseMarginMs = reuseMarginMs;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
      Cookie cookie = ctx.request().getCookie(cookieName);
      if (cookie != null && reusable(cookie.getValue(), System.currentTimeMillis())) {
        ctx.put(fieldName, cookie.getValue());
        ctx.next();
        return;
      }
    }
    delegate.handle(ctx);
  }

  /** {@code salt.issuedAtMillis.signature}, signed with this handler's secret, and not close to expiry. */
  boolean reusable(String token, long now) {
    if (token == null) {
      return false;
    }
    String[] parts = token.split("\\.");
    if (parts.length != 3) {
      return false;
    }
    long issued;
    try {
      issued = Long.parseLong(parts[1]);
    } catch (NumberFormatException e) {
      return false;
    }
    if (issued > now || now > issued + lifetimeMs - reuseMarginMs) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] expected = BASE64URL.encodeToString(mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII)))
          .getBytes(StandardCharsets.US_ASCII);
      return MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
