package kr.dure.web;

import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.cache.ConcurrentMapTemplateCache;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.templ.handlebars.HandlebarsTemplateEngine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kr.dure.auth.Role;
import kr.dure.auth.User;

/**
 * Renders {@code web-assets/templates/<name>.hbs} inside the layout with what every page needs: the
 * language and its {@code t} helper, the signed-in user, the menu for their role, the CSRF token.
 */
public final class Views {

  static final String TEMPLATES = "web-assets/templates/";
  public static final String CSRF_FIELD = "X-CSRF-Token";

  private final HandlebarsTemplateEngine engine;
  private final Messages messages;
  // notify: the header's unread-notification count, one indexed query per page (set once at wiring)
  private volatile java.util.function.LongFunction<Future<Long>> unreadCounts;

  public Views(Vertx vertx, Messages messages) {
    this.messages = messages;
    this.engine = HandlebarsTemplateEngine.create(vertx);
    Handlebars handlebars = engine.unwrap();
    // partials (the layout) are otherwise read from disk on every render
    handlebars.with(new ConcurrentMapTemplateCache());
    handlebars.registerHelper("t", (Helper<Object>) (key, options) ->
        messages.get(options.get("lang"), String.valueOf(key), options.params));
    // {{l titleKo titleEn}}: the English text on English pages when there is one
    handlebars.registerHelper("l", (Helper<Object>) (ko, options) -> {
      Object en = options.param(0, null);
      return "en".equals(options.get("lang")) && en != null && !en.toString().isBlank() ? en : ko;
    });
    // {{won amount}}: whole won with thousands separators
    handlebars.registerHelper("won", (Helper<Object>) (amount, options) ->
        amount instanceof Number n ? won(n.longValue(), options.get("lang")) : "");
  }

  /** Whole won with thousands separators, as the {@code won} helper writes it. */
  public static String won(long amount, String lang) {
    String digits = String.format(java.util.Locale.ROOT, "%,d", amount);
    return "en".equals(lang) ? "KRW " + digits : digits + "원";
  }

  public Messages messages() {
    return messages;
  }

  /** notify: where the header's unread count comes from (the signed-in user's id in, the count out). */
  public void unreadCounts(java.util.function.LongFunction<Future<Long>> counts) {
    this.unreadCounts = counts;
  }

  /** Renders a page with status 200. */
  public Future<Void> render(RoutingContext ctx, String template, Map<String, Object> data) {
    return render(ctx, 200, template, data);
  }

  public Future<Void> render(RoutingContext ctx, int status, String template, Map<String, Object> data) {
    Map<String, Object> model = new HashMap<>(data);
    String lang = RequestContext.lang(ctx);
    model.put("lang", lang);
    model.put("otherLang", "ko".equals(lang) ? "en" : "ko");
    model.put("currentPath", ctx.request().path());
    model.put("pageTitleKey", "title." + template);
    model.put("csrf", ctx.get(CSRF_FIELD));
    model.put("csrfField", CSRF_FIELD);
    User profile = RequestContext.profile(ctx);
    Future<Long> unread = Future.succeededFuture(null);
    if (profile != null) {
      // notify: a failed count leaves the badge out rather than the page
      unread = unreadCounts == null ? unread : unreadCounts.apply(profile.id()).otherwise((Long) null);
      model.put("me", profileJson(profile));
      model.put("menu", menu(profile.role(), ctx.request().path()));
      java.time.Instant expires = ctx.get(Authentication.SESSION_EXPIRES);
      if (expires != null) {
        model.put("sessionExpires", expires.toString());
      }
    }
    return unread.compose(n -> {
          if (n != null && n > 0) {
            model.put("unreadCount", n);
          }
          return engine.render(model, TEMPLATES + template + ".hbs");
        })
        .compose(html -> ctx.response()
            .setStatusCode(status)
            .putHeader("Content-Type", "text/html; charset=utf-8")
            .putHeader("Cache-Control", "no-store")
            .end(html));
  }

  private static JsonObject profileJson(User user) {
    return new JsonObject()
        .put("name", user.name())
        .put("email", user.email())
        .put("roleKey", user.role().labelKey())
        .put("organisation", user.organisationName());
  }

  /** The main menu for a role: its home first, then its features; the entry whose path the page is under is current. */
  static JsonArray menu(Role role, String currentPath) {
    List<String[]> items = switch (role) {
      // call management; the project pages; the dashboard; fees, exports and calendar entries come last on each list
      case MINISTRY -> List.<String[]>of(new String[] {"/ministry", "menu.ministry"},
          new String[] {"/ministry/dashboard", "menu.dashboard"},
          new String[] {"/ministry/calls", "menu.ministryCalls"},
          new String[] {"/projects", "menu.projectsManage"},
          new String[] {"/coordinator/fees", "menu.fees"},
          new String[] {"/exports/bookings", "menu.exports"},
          // reference data (regions, support history, holidays)
          new String[] {"/ministry/regions", "menu.referenceData"});
      case REVIEWER -> List.<String[]>of(new String[] {"/review", "menu.review"});
      case DESIGN_AGENCY -> List.<String[]>of(new String[] {"/design", "menu.design"});
      case LOCAL_GOV -> List.<String[]>of(new String[] {"/local-gov", "menu.localGov"},
          new String[] {"/applications", "menu.applications"},
          new String[] {"/projects", "menu.projects"},
          new String[] {"/local-gov/monitoring", "menu.monitoring"}); // the lead county's monitoring
      case COORDINATOR -> List.<String[]>of(new String[] {"/coordinator", "menu.coordinator"},
          new String[] {"/coordinator/board", "menu.board"},
          new String[] {"/coordinator/approvals", "menu.approvals"},
          new String[] {"/coordinator/resources", "menu.coordinatorResources"},
          new String[] {"/coordinator/monitoring", "menu.monitoring"},
          new String[] {"/projects", "menu.projects"},
          new String[] {"/coordinator/fees", "menu.fees"},
          new String[] {"/settings/calendar", "menu.calendar"});
      case FIRM -> List.<String[]>of(new String[] {"/firm", "menu.firm"},
          new String[] {"/resources", "menu.resources"},
          new String[] {"/bookings", "menu.bookings"},
          new String[] {"/firm/statements", "menu.statements"},
          new String[] {"/settings/calendar", "menu.calendar"});
    };
    String current = "";
    // the support-history and holiday pages sit under 기준 정보 (/ministry/regions) too
    String path = currentPath.startsWith("/ministry/support-history") || currentPath.startsWith("/ministry/holidays")
        ? "/ministry/regions" : currentPath;
    for (String[] item : items) {
      boolean under = path.equals(item[0]) || path.startsWith(item[0] + "/");
      if (under && item[0].length() > current.length()) {
        current = item[0];
      }
    }
    JsonArray menu = new JsonArray();
    for (String[] item : items) {
      menu.add(new JsonObject().put("href", item[0]).put("labelKey", item[1]).put("current", item[0].equals(current)));
    }
    return menu;
  }
}
