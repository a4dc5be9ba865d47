package kr.dure.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * {@code GET /metrics} in the Prometheus text format, for the scraper only: with
 * {@code METRICS_TOKEN} set, a request must carry {@code Authorization: Bearer <token>} (403
 * otherwise); without it, only requests from this machine (loopback) get an answer, others a 404.
 */
public final class MetricsRoutes {

  private final PrometheusMeterRegistry registry;
  private final Optional<String> token;

  public MetricsRoutes(PrometheusMeterRegistry registry, Optional<String> token) {
    this.registry = registry;
    this.token = token;
  }

  public void mount(Router router) {
    router.get("/metrics").handler(this::guard).handler(PrometheusScrapingHandler.create(registry));
  }

  private void guard(RoutingContext ctx) {
    if (token.isPresent()) {
      String header = ctx.request().getHeader("Authorization");
      String sent = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
      if (MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), token.get().getBytes(StandardCharsets.UTF_8))) {
        ctx.next();
      } else {
        ctx.response().setStatusCode(403).putHeader("Content-Type", "text/plain; charset=utf-8").end("Forbidden\n");
      }
      return;
    }
    if (loopback(ctx)) {
      ctx.next();
    } else {
      ctx.fail(404);
    }
  }

  /** The client is this machine. Behind a trusted proxy the forwarded address counts, so a proxied scrape needs the token. */
  private static boolean loopback(RoutingContext ctx) {
    String host = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
    if (host == null) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
