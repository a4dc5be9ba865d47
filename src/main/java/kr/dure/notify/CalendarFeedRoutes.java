package kr.dure.notify;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import kr.dure.auth.CurrentUser;
import kr.dure.auth.Role;
import kr.dure.common.DomainException;
import kr.dure.common.ValidationException;
import kr.dure.web.Access;
import kr.dure.web.Authentication;
import kr.dure.web.LocalTimes;
import kr.dure.web.PageErrors;
import kr.dure.web.Params;
import kr.dure.web.RequestContext;
import kr.dure.web.Views;

/**
 * Calendar feeds over HTTP: the feed itself at {@code /feeds/<token>.ics} (no session: the token is
 * the credential; unknown or revoked is 404), the settings page to create, copy and revoke feeds, and
 * the same under {@code /api/v1/calendar-feeds}.
 */
public final class CalendarFeedRoutes {

  /** 32 random bytes in unpadded base64url are 43 characters. */
  private static final String FEED_PATH = "^/feeds/([A-Za-z0-9_-]{43})\\.ics$";
  private static final Map<String, String> LABELS = Map.of("name", "feeds.field.name", "scope", "feeds.field.scope",
      "resourceId", "feeds.field.resource");

  private final Authentication authentication;
  private final Views views;
  private final CalendarFeedService feeds;

  public CalendarFeedRoutes(Authentication authentication, Views views, CalendarFeedService feeds) {
    this.authentication = authentication;
    this.views = views;
    this.feeds = feeds;
  }

  public void mountFeed(Router router) {
    router.getWithRegex(FEED_PATH).handler(this::feed);
    // anything else under /feeds/ is not a feed: 404 before the page handlers (and their CSRF cookie) see it
    router.get("/feeds/*").handler(ctx -> ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8")
        .end("404 Not Found"));
  }

  public void mountPages(Router router) {
    Handler<RoutingContext> page = authentication.page();
    Handler<RoutingContext> roles = Access.roles(Role.FIRM, Role.COORDINATOR);
    router.get("/settings/calendar").handler(page).handler(roles).handler(this::settingsPage);
    router.post("/settings/calendar").handler(page).handler(roles).handler(this::createForm);
    router.post("/settings/calendar/:id/revoke").handler(page).handler(roles).handler(this::revokeForm);
  }

  public void mountApi(Router api) {
    api.route("/calendar-feeds*").handler(authentication.api()).handler(Access.roles(Role.FIRM, Role.COORDINATOR));
    api.get("/calendar-feeds").respond(ctx -> feeds.mine(RequestContext.currentUser(ctx))
        .map(list -> new JsonArray(list.stream().map(CalendarFeed::toJson).toList())));
    api.post("/calendar-feeds").handler(this::createApi);
    api.delete("/calendar-feeds/:id").handler(ctx -> feeds.revoke(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"),
            RequestContext.actor(ctx))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail));
  }

  private void feed(RoutingContext ctx) {
    String token = ctx.pathParam("param0");
    feeds.render(token, (lang, key) -> views.messages().get(lang, key)).onSuccess(ics -> {
      if (ics.isEmpty()) {
        ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8")
            .putHeader("Cache-Control", "no-store").end("404 Not Found");
        return;
      }
      ctx.response().putHeader("Content-Type", "text/calendar; charset=utf-8")
          // private: the URL is a secret, so no shared cache may keep it; 5 minutes spares the database from eager apps
          .putHeader("Cache-Control", "private, max-age=300")
          .putHeader("Content-Disposition", "inline; filename=\"dure.ics\"")
          .putHeader("X-Robots-Tag", "noindex")
          .putHeader("Referrer-Policy", "no-referrer")
          .end(ics.get());
    }).onFailure(ctx::fail);
  }

  // ---- API

  private void createApi(RoutingContext ctx) {
    JsonObject body = RequestContext.jsonBody(ctx);
    if (body == null) {
      throw ValidationException.of("body", "validation.body", "Send a JSON object with name, scope and (for RESOURCE) resourceId.");
    }
    Long resourceId;
    try {
      resourceId = body.getValue("resourceId") == null ? null : body.getLong("resourceId");
    } catch (ClassCastException e) {
      throw ValidationException.of("resourceId", "validation.number", "resourceId must be a whole number.");
    }
    Object name = body.getValue("name");
    Object scope = body.getValue("scope");
    feeds.create(RequestContext.currentUser(ctx), name instanceof String s ? s : null, scope instanceof String s ? s : null,
            resourceId, RequestContext.actor(ctx))
        .onSuccess(created -> ctx.response().setStatusCode(201)
            .putHeader("Content-Type", "application/json")
            .putHeader("Location", "/api/v1/calendar-feeds/" + created.feed().id())
            .putHeader("Cache-Control", "no-store")
            .end(created.feed().toJson().put("token", created.token()).put("path", created.path())
                .put("url", baseUrl(ctx) + created.path()).encode()))
        .onFailure(ctx::fail);
  }

  // ---- pages

  private void settingsPage(RoutingContext ctx) {
    render(ctx, 200, new HashMap<>(), null, null).onFailure(ctx::fail);
  }

  private void createForm(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    CurrentUser me = RequestContext.currentUser(ctx);
    Long resourceId = null;
    String rawResource = form.get("resourceId");
    if ("RESOURCE".equals(form.get("scope"))) {
      try {
        resourceId = rawResource == null || rawResource.isBlank() ? null : Long.parseLong(rawResource.trim());
      } catch (NumberFormatException e) {
        resourceId = -1L;
      }
    }
    feeds.create(me, form.get("name"), form.get("scope"), resourceId, RequestContext.actor(ctx))
        .compose(created -> {
          Map<String, Object> model = new HashMap<>();
          model.put("createdUrl", baseUrl(ctx) + created.path());
          model.put("createdName", created.feed().name());
          return render(ctx, 201, model, null, null);
        })
        .onFailure(e -> {
          if (e instanceof DomainException d && d.status() < 500) {
            render(ctx, d.status(), new HashMap<>(), d, form).onFailure(ctx::fail);
          } else {
            ctx.fail(e);
          }
        });
  }

  private void revokeForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    feeds.revoke(RequestContext.currentUser(ctx), id, RequestContext.actor(ctx))
        .onSuccess(v -> PageErrors.seeOther(ctx, "/settings/calendar?done=revoked"))
        .onFailure(ctx::fail);
  }

  private Future<Void> render(RoutingContext ctx, int status, Map<String, Object> model, DomainException failure, MultiMap form) {
    CurrentUser me = RequestContext.currentUser(ctx);
    String lang = RequestContext.lang(ctx);
    return feeds.mine(me).compose(list -> feeds.resourcesFor(me).compose(resources -> {
      JsonArray rows = new JsonArray();
      for (CalendarFeed f : list) {
        rows.add(f.toJson()
            .put("scopeKey", "feeds.scope." + f.scope().name())
            .put("created", LocalTimes.dateTime(f.createdAt(), lang))
            .put("lastUsed", f.lastUsedAt() == null ? "" : LocalTimes.dateTime(f.lastUsedAt(), lang))
            .put("revoked", f.revokedAt() == null ? "" : LocalTimes.dateTime(f.revokedAt(), lang)));
      }
      String chosenScope = form == null ? "USER" : String.valueOf(form.get("scope"));
      String chosenResource = form == null ? "" : String.valueOf(form.get("resourceId"));
      JsonArray resourceOptions = new JsonArray();
      resources.forEach(r -> resourceOptions.add(r.copy().put("selected", String.valueOf(r.getLong("id")).equals(chosenResource))));
      model.put("feeds", rows);
      model.put("resources", resourceOptions);
      model.put("isFirm", me.role() == Role.FIRM);
      model.put("formName", form == null ? "" : form.get("name"));
      model.put("scopeUser", "USER".equals(chosenScope));
      model.put("scopeOrganisation", "ORGANISATION".equals(chosenScope));
      model.put("scopeResource", "RESOURCE".equals(chosenScope));
      if ("revoked".equals(ctx.request().getParam("done"))) {
        model.put("success", views.messages().get(lang, "feeds.revoked"));
      }
      if (failure != null) {
        model.putAll(PageErrors.describe(views.messages(), lang, failure, LABELS, Map.of()).getMap());
      }
      return views.render(ctx, status, "settings-calendar", model);
    }));
  }

  /** The address calendar apps use: the request's own scheme and host (the load balancer's when trusted). */
  private static String baseUrl(RoutingContext ctx) {
    return (RequestContext.secure(ctx) ? "https" : "http") + "://" + ctx.request().authority();
  }
}
