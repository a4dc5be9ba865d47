package kr.dure.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;

/** Liveness (the process answers) and readiness (the database answers too). */
public final class HealthRoutes {

  private final Pool pool;

  public HealthRoutes(Pool pool) {
    this.pool = pool;
  }

  public void mount(Router router) {
    router.get("/health/live").handler(this::live);
    router.get("/health/ready").handler(this::ready);
  }

  private void live(RoutingContext ctx) {
    ctx.json(new JsonObject().put("status", "UP"));
  }

  private void ready(RoutingContext ctx) {
    pool.query("SELECT 1").execute()
        .timeout(2, TimeUnit.SECONDS)
        .map(rows -> new JsonObject().put("status", "UP").put("database", "UP"))
        .recover(e -> Future.succeededFuture(new JsonObject().put("status", "DOWN").put("database", "DOWN")))
        .onSuccess(body -> ctx.response()
            .setStatusCode("UP".equals(body.getString("status")) ? 200 : 503)
            .putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "no-store")
            .end(body.encode()));
  }
}
