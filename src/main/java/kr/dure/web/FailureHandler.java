package kr.dure.web;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import kr.dure.common.DomainException;
import kr.dure.common.TooManyRequestsException;
import kr.dure.common.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure handler: API requests get {@code application/problem+json} (RFC 9457) with field
 * errors, pages get the error page. An unexpected exception is logged with an id and answered 500
 * without details.
 */
public final class FailureHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

  private final Views views;
  /** The Retry-After of a 503 while the database is unreachable: the app reconnects by itself within this. */
  static final long UNAVAILABLE_RETRY_SECONDS = 2;

  public FailureHandler(Views views) {
    this.views = views;
  }

  /** What went wrong, in terms both answers can use. */
  record Problem(int status, String title, String detail, String messageKey, ValidationException failure, Instant retryAt,
      JsonObject extensions) {

    Problem(int status, String title, String detail, String messageKey, ValidationException failure, Instant retryAt) {
      this(status, title, detail, messageKey, failure, retryAt, new JsonObject());
    }
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      ctx.request().connection().close();
      return;
    }
    Problem problem = describe(ctx);
    if (problem.retryAt() != null) {
      long seconds = Math.max(1, problem.retryAt().getEpochSecond() - Instant.now().getEpochSecond());
      ctx.response().putHeader("Retry-After", Long.toString(seconds));
    }
    if (isApi(ctx)) {
      api(ctx, problem);
    } else if (problem.status() == 401) {
      String next = RequestContext.safeLocalPath(ctx.request().uri(), "/");
      ctx.redirect("/login?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
    } else {
      page(ctx, problem);
    }
  }

  static boolean isApi(RoutingContext ctx) {
    String path = ctx.request().path();
    return path.startsWith("/api/") || path.startsWith("/health/");
  }

  private Problem describe(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status = ctx.statusCode();
    if (failure instanceof DomainException d) {
      return new Problem(d.status(), d.title(), d.getMessage(), d.messageKey(),
          d instanceof ValidationException v ? v : null,
          d instanceof TooManyRequestsException t ? t.retryAt() : null,
          d.extensions());
    }
    // reliability (issue 6): a lost or unreachable database is a temporary outage, not a server error
    if (kr.dure.db.SqlErrors.isUnavailable(failure)) {
      LOG.warn("Database unavailable on {} {}: {}", ctx.request().method(), ctx.request().path(), String.valueOf(failure));
      return new Problem(503, "Service Unavailable", "The database cannot be reached just now: try again in a moment.",
          "error.unavailable", null, Instant.now().plusSeconds(UNAVAILABLE_RETRY_SECONDS));
    }
    if (failure instanceof DecodeException) {
      return new Problem(400, "Malformed JSON", "The request body is not valid JSON: send a JSON object.", "error.malformedJson", null, null);
    }
    if (failure instanceof HttpException http) {
      status = http.getStatusCode();
    }
    return switch (status) {
      case 400 -> new Problem(400, "Bad Request", "The request could not be read: check its format.", "error.badRequest", null, null);
      case 401 -> new Problem(401, "Unauthorized", "Sign in first.", "error.unauthorized", null, null);
      case 403 -> new Problem(403, "Forbidden",
          "The form's security token is missing or stale: reload the page and submit again.", "error.csrf", null, null);
      case 404 -> new Problem(404, "Not Found", "There is nothing at " + ctx.request().path() + ".", "error.notFound", null, null);
      case 405 -> new Problem(405, "Method Not Allowed", "This address does not accept " + ctx.request().method() + ".", "error.badRequest", null, null);
      case 413 -> new Problem(413, "Payload Too Large", "The request body is larger than the limit: send less data.", "error.tooLarge", null, null);
      case 415 -> new Problem(415, "Unsupported Media Type", "Send the body as application/json.", "error.badRequest", null, null);
      default -> {
        if (status >= 400 && status < 500) {
          yield new Problem(status, "Client Error", "The request was refused.", "error.badRequest", null, null);
        }
        String id = UUID.randomUUID().toString();
        LOG.error("Unexpected failure {} on {} {}", id, ctx.request().method(), loggablePath(ctx.request().path()), failure);
        yield new Problem(500, "Internal Server Error", "Something went wrong on our side (error id " + id + "). Try again later.",
            "error.internal", null, null);
      }
    };
  }

  /**
   * the path as it may be logged: a long segment (an invitation's one-time token in /invite/{token},
   * anything pasted) is masked, so a failure never writes a secret from the address into the log.
   */
  public static String loggablePath(String path) {
    if (path == null) {
      return "";
    }
    return path.replaceAll("[^/]{24,}", "…");
  }

  private void api(RoutingContext ctx, Problem problem) {
    JsonObject body = new JsonObject()
        .put("type", "about:blank")
        .put("title", problem.title())
        .put("status", problem.status())
        .put("detail", problem.detail())
        .put("instance", ctx.request().path());
    problem.extensions().forEach(e -> body.put(e.getKey(), e.getValue()));
    if (problem.failure() != null) {
      JsonArray errors = new JsonArray();
      problem.failure().errors().forEach(e -> errors.add(new JsonObject()
          .put("field", e.field()).put("code", e.code()).put("message", e.message())));
      body.put("errors", errors);
    }
    if (problem.status() == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"dure\"");
    }
    ctx.response()
        .setStatusCode(problem.status())
        .putHeader("Content-Type", "application/problem+json")
        .end(body.encode());
  }

  private void page(RoutingContext ctx, Problem problem) {
    String lang = RequestContext.lang(ctx);
    Messages messages = views.messages();
    JsonArray fieldErrors = new JsonArray();
    if (problem.failure() != null) {
      problem.failure().errors().forEach(e -> fieldErrors.add(messages.get(lang, e.code())));
    }
    String message = messages.has(problem.messageKey()) ? messages.get(lang, problem.messageKey()) : problem.detail();
    views.render(ctx, problem.status(), "error", Map.of(
            "status", problem.status(),
            "message", message,
            "fieldErrors", fieldErrors))
        .onFailure(e -> {
          LOG.error("The error page itself failed", e);
          if (!ctx.response().headWritten()) {
            ctx.response().setStatusCode(problem.status()).putHeader("Content-Type", "text/plain; charset=utf-8")
                .end(problem.status() + " " + problem.title());
          }
        });
  }
}
