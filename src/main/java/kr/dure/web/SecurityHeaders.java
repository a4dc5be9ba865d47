package kr.dure.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers every answer carries: a strict content security policy, no sniffing, no framing, little referrer,
 * and no caching except for static files.
 */
public final class SecurityHeaders implements Handler<RoutingContext> {

  // connect-src: live.js fetches pages and opens the /live event streams on this origin only
  static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
      + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response().headers()
        .set("Content-Security-Policy", CSP)
        .set("X-Content-Type-Options", "nosniff")
        .set("X-Frame-Options", "DENY")
        .set("Referrer-Policy", "strict-origin-when-cross-origin")
        .set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    // nothing but static files is cached by default (signed-in pages, redirects carrying a session, API answers);
    // a handler that may be cached (static files, resource photos) sets its own Cache-Control, which replaces this
    if (!ctx.request().path().startsWith("/static/")) {
      ctx.response().headers().set("Cache-Control", "no-store");
    }
    if (RequestContext.secure(ctx)) {
      ctx.response().headers().set("Strict-Transport-Security", "max-age=31536000");
    }
    ctx.next();
  }
}
