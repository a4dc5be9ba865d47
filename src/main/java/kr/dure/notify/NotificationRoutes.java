package kr.dure.notify;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import kr.dure.common.ValidationException;
import kr.dure.web.Access;
import kr.dure.web.Authentication;
import kr.dure.web.Messages;
import kr.dure.web.Params;
import kr.dure.web.RequestContext;

/** JSON API: the caller's own notifications and notification preferences. */
public final class NotificationRoutes {

  private final NotificationService notifications;
  private final Authentication authentication;

  public NotificationRoutes(NotificationService notifications, Authentication authentication) {
    this.notifications = notifications;
    this.authentication = authentication;
  }

  public void mountApi(Router api) {
    api.route("/notifications*").handler(authentication.api()).handler(Access.anyRole());
    api.route("/me/notification-preferences").handler(authentication.api()).handler(Access.anyRole());
    api.get("/notifications").respond(this::list);
    api.post("/notifications/read-all").respond(ctx -> notifications.markAllRead(RequestContext.currentUser(ctx))
        .map(n -> new JsonObject().put("marked", n)));
    api.post("/notifications/:id/read").respond(ctx -> {
      long id = Params.pathId(ctx, "id");
      return language(ctx).compose(lang -> notifications.markRead(RequestContext.currentUser(ctx), id, lang));
    });
    api.get("/me/notification-preferences").respond(ctx -> language(ctx)
        .compose(lang -> notifications.preferences(RequestContext.currentUser(ctx), lang)));
    api.put("/me/notification-preferences").respond(ctx -> {
      PreferencesInput input = PreferencesInput.fromJson(RequestContext.jsonBody(ctx));
      return language(ctx).compose(lang -> notifications.savePreferences(RequestContext.currentUser(ctx), input, RequestContext.ip(ctx), lang));
    });
  }

  private io.vertx.core.Future<JsonObject> list(RoutingContext ctx) {
    boolean unread = flag(ctx, "unread");
    int limit = limit(ctx);
    Long before = Params.optionalLong(ctx, "before");
    if (before != null && before <= 0) {
      throw ValidationException.of("before", "validation.id", "before must be a positive notification id.");
    }
    return language(ctx).compose(lang -> notifications.page(RequestContext.currentUser(ctx), unread, before, limit, lang))
        .map(NotificationService.Page::toJson);
  }

  static boolean flag(RoutingContext ctx, String name) {
    String raw = ctx.request().getParam(name);
    if (raw == null || raw.isBlank()) {
      return false;
    }
    return switch (raw.trim()) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw ValidationException.of(name, "validation.boolean", name + " must be true or false, not '" + raw + "'.");
    };
  }

  static int limit(RoutingContext ctx) {
    Long limit = Params.optionalLong(ctx, "limit");
    if (limit == null) {
      return NotificationService.DEFAULT_PAGE;
    }
    if (limit < 1 || limit > NotificationService.MAX_PAGE) {
      throw ValidationException.of("limit", "validation.range", "limit must be from 1 to " + NotificationService.MAX_PAGE + ".");
    }
    return limit.intValue();
  }

  /** The API writes texts in {@code ?lang=} (ko or en), else in the language the user chose for the site. */
  private io.vertx.core.Future<String> language(RoutingContext ctx) {
    return notifications.language(RequestContext.currentUser(ctx), requestedLang(ctx));
  }

  private static String requestedLang(RoutingContext ctx) {
    String raw = ctx.request().getParam("lang");
    if (raw == null || raw.isBlank()) {
      return null;
    }
    if (!Messages.LANGUAGES.contains(raw)) {
      throw ValidationException.of("lang", "validation.language", "lang must be one of " + Messages.LANGUAGES + ".");
    }
    return raw;
  }
}
