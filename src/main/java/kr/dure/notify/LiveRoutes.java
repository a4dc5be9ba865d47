package kr.dure.notify;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import kr.dure.auth.CurrentUser;
import kr.dure.common.TooManyRequestsException;
import kr.dure.web.Authentication;
import kr.dure.web.Params;
import kr.dure.web.RequestContext;

/**
 * The live-update streams (Server-Sent Events): {@code GET /live/projects/{id}} and
 * {@code GET /live/resources/{id}}. Pages connect with their session cookie; API clients may send
 * {@code Authorization: Bearer}. Each event names the changed booking's resource and time; the page
 * then fetches itself again.
 */
public final class LiveRoutes {

  private final LiveService live;
  private final LiveHub hub;
  private final Authentication authentication;

  public LiveRoutes(LiveService live, LiveHub hub, Authentication authentication) {
    this.live = live;
    this.hub = hub;
    this.authentication = authentication;
  }

  public void mount(Router router) {
    Handler<RoutingContext> api = authentication.api();
    Handler<RoutingContext> page = authentication.page();
    Handler<RoutingContext> signedIn = ctx -> (ctx.request().getHeader("Authorization") != null ? api : page).handle(ctx);
    router.get("/live/projects/:id").handler(signedIn)
        .handler(ctx -> stream(ctx, live.projectView(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"))));
    router.get("/live/resources/:id").handler(signedIn)
        .handler(ctx -> stream(ctx, live.resourceView(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"))));
  }

  private void stream(RoutingContext ctx, Future<Function<BookingChange, JsonObject>> allowed) {
    CurrentUser me = RequestContext.currentUser(ctx);
    allowed.onSuccess(view -> {
      if (ctx.response().closed()) {
        return;
      }
      try {
        hub.open(me.userId(), ctx.response(), view);
      } catch (TooManyRequestsException e) {
        ctx.fail(e);
      }
    }).onFailure(ctx::fail);
  }
}
