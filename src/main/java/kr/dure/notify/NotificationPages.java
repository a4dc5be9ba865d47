package kr.dure.notify;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import kr.dure.auth.CurrentUser;
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
 * The notification centre ({@code /notifications}: newest first, in pages, open one to mark it read
 * and go to its subject, mark all read) and the notification settings page. Every signed-in user has both.
 */
public final class NotificationPages {

  private static final Set<String> DONE = Set.of("allRead", "saved");

  private final Authentication authentication;
  private final Views views;
  private final NotificationService notifications;

  public NotificationPages(Authentication authentication, Views views, NotificationService notifications) {
    this.authentication = authentication;
    this.views = views;
    this.notifications = notifications;
  }

  public void mountPages(Router router) {
    Handler<RoutingContext> page = authentication.page();
    Handler<RoutingContext> anyone = Access.anyRole();
    router.get("/notifications").handler(page).handler(anyone).handler(this::listPage);
    router.post("/notifications/read-all").handler(page).handler(anyone).handler(this::readAllForm);
    router.post("/notifications/:id/open").handler(page).handler(anyone).handler(this::openForm);
    router.get("/settings/notifications").handler(page).handler(anyone).handler(this::settingsPage);
    router.post("/settings/notifications").handler(page).handler(anyone).handler(this::settingsForm);
  }

  private void listPage(RoutingContext ctx) {
    CurrentUser me = RequestContext.currentUser(ctx);
    String lang = RequestContext.lang(ctx);
    boolean unreadOnly = NotificationRoutes.flag(ctx, "unread");
    Long before = Params.optionalLong(ctx, "before");
    if (before != null && before <= 0) {
      throw ValidationException.of("before", "validation.id", "before must be a positive notification id.");
    }
    notifications.page(me, unreadOnly, before, NotificationService.DEFAULT_PAGE, lang).compose(p -> {
      JsonArray items = new JsonArray();
      for (JsonObject n : p.items()) {
        items.add(n.copy().put("when", LocalTimes.dateTime(Instant.parse(n.getString("createdAt")), lang))
            .put("datetime", n.getString("createdAt")).put("hasLink", n.getString("link") != null));
      }
      Map<String, Object> model = new HashMap<>();
      model.put("items", items);
      model.put("unread", p.unread());
      model.put("unreadOnly", unreadOnly);
      model.put("filter", unreadOnly ? "&unread=true" : "");
      if (p.nextBefore() != null) {
        model.put("nextBefore", p.nextBefore());
      }
      model.put("paged", before != null);
      success(ctx, model);
      return views.render(ctx, "notification-list", model);
    }).onFailure(ctx::fail);
  }

  private void openForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    notifications.markRead(RequestContext.currentUser(ctx), id, RequestContext.lang(ctx))
        .onSuccess(n -> PageErrors.seeOther(ctx, RequestContext.safeLocalPath(n.getString("link"), "/notifications")))
        .onFailure(ctx::fail);
  }

  private void readAllForm(RoutingContext ctx) {
    notifications.markAllRead(RequestContext.currentUser(ctx))
        .onSuccess(n -> PageErrors.seeOther(ctx, "/notifications?done=allRead"))
        .onFailure(ctx::fail);
  }

  private void settingsPage(RoutingContext ctx) {
    Map<String, Object> model = new HashMap<>();
    success(ctx, model);
    renderSettings(ctx, 200, model).onFailure(ctx::fail);
  }

  private void settingsForm(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    CurrentUser me = RequestContext.currentUser(ctx);
    Future.succeededFuture().map(v -> PreferencesInput.fromForm(form))
        .compose(input -> notifications.savePreferences(me, input, RequestContext.ip(ctx), RequestContext.lang(ctx)))
        .onSuccess(saved -> PageErrors.seeOther(ctx, "/settings/notifications?done=saved"))
        .onFailure(e -> {
          if (!(e instanceof DomainException d)) {
            ctx.fail(e);
            return;
          }
          Map<String, Object> model = new HashMap<>();
          model.put("errors", PageErrors.describe(views.messages(), RequestContext.lang(ctx), d, Map.of(), Map.of()).getJsonArray("errors"));
          renderSettings(ctx, d.status(), model).onFailure(ctx::fail);
        });
  }

  private Future<Void> renderSettings(RoutingContext ctx, int status, Map<String, Object> model) {
    String lang = RequestContext.lang(ctx);
    return notifications.preferences(RequestContext.currentUser(ctx), lang).compose(prefs -> {
      model.put("kinds", prefs.getJsonArray("kinds"));
      model.put("emailKo", "ko".equals(prefs.getString("emailLanguage")));
      model.put("emailEn", "en".equals(prefs.getString("emailLanguage")));
      return views.render(ctx, status, "notification-settings", model);
    });
  }

  private void success(RoutingContext ctx, Map<String, Object> model) {
    String done = ctx.request().getParam("done");
    if (done != null && DONE.contains(done)) {
      model.put("success", views.messages().get(RequestContext.lang(ctx), "notifications.done." + done));
    }
  }
}
