package kr.dure.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.dure.auth.Actor;
import kr.dure.auth.AuditLog;
import kr.dure.auth.CurrentUser;
import kr.dure.common.NotFoundException;

/** A user's own notifications (read, mark read) and notification preferences; nobody sees another's. */
public final class NotificationService {

  public static final int DEFAULT_PAGE = 20;
  public static final int MAX_PAGE = 100;

  private final Pool pool;
  private final NotificationRepository notifications;
  private final PreferenceRepository preferences;
  private final NotificationText text;
  private final AuditLog audit;

  public NotificationService(Pool pool, NotificationRepository notifications, PreferenceRepository preferences, NotificationText text,
      AuditLog audit) {
    this.pool = pool;
    this.notifications = notifications;
    this.preferences = preferences;
    this.text = text;
    this.audit = audit;
  }

  /** One page, newest first; {@code nextBefore} asks for the next (older) page, null on the last one. */
  public record Page(List<JsonObject> items, Long nextBefore, long unread) {

    public JsonObject toJson() {
      return new JsonObject().put("items", new JsonArray(new ArrayList<>(items))).put("nextBefore", nextBefore).put("unread", unread);
    }
  }

  /** The header's badge: one count on the partial index of unread rows. */
  public Future<Long> unreadCount(long userId) {
    return notifications.unreadCount(pool, userId);
  }

  public Future<Page> page(CurrentUser user, boolean unreadOnly, Long before, int limit, String lang) {
    // one more than asked tells whether an older page exists
    return pool.withConnection(c -> notifications.page(c, user.userId(), unreadOnly, before, limit + 1)
        .compose(rows -> notifications.unreadCount(c, user.userId()).map(unread -> {
          List<JsonObject> items = new ArrayList<>();
          for (int i = 0; i < Math.min(limit, rows.size()); i++) {
            items.add(view(rows.get(i), lang));
          }
          Long next = rows.size() > limit ? rows.get(limit - 1).id() : null;
          return new Page(items, next, unread);
        })));
  }

  /** Marks the caller's own notification read; someone else's answers 404, as if it did not exist. */
  public Future<JsonObject> markRead(CurrentUser user, long id, String lang) {
    return notifications.markRead(pool, user.userId(), id).compose(found -> found.isEmpty()
        ? Future.failedFuture(new NotFoundException("Notification " + id + " does not exist or is not yours."))
        : Future.succeededFuture(view(found.get(), lang)));
  }

  public Future<Integer> markAllRead(CurrentUser user) {
    return notifications.markAllRead(pool, user.userId());
  }

  public JsonObject view(NotificationRepository.Stored n, String lang) {
    NotificationText.Rendered r = text.render(lang, n.kind(), n.params());
    return new JsonObject().put("id", n.id()).put("kind", n.kind()).put("title", r.title()).put("body", r.body())
        .put("link", n.link()).put("createdAt", n.createdAt().toString()).put("read", n.read());
  }

  /** The requested language, else the user's own (the API's texts follow the user's language choice). */
  public Future<String> language(CurrentUser user, String requested) {
    return requested != null ? Future.succeededFuture(requested) : preferences.locale(pool, user.userId()).map(kr.dure.web.Messages::supported);
  }

  // ---- preferences

  /** Every kind with the user's choice (or the default), and the e-mail language. */
  public Future<JsonObject> preferences(CurrentUser user, String lang) {
    return pool.withConnection(c -> preferences.choices(c, user.userId())
        .compose(choices -> preferences.emailLanguage(c, user.userId()).map(language -> {
          JsonArray kinds = new JsonArray();
          for (NotificationKind k : NotificationKind.ALL) {
            PreferenceRepository.Choice choice = choices.getOrDefault(k.key(), new PreferenceRepository.Choice(true, k.emailByDefault()));
            kinds.add(new JsonObject().put("kind", k.key()).put("label", text.label(lang, k.key()))
                .put("inApp", choice.inApp()).put("email", choice.email()));
          }
          return new JsonObject().put("emailLanguage", language).put("kinds", kinds);
        })));
  }

  /** Saves what the input names (validated whole before anything is written) and answers with the result. */
  public Future<JsonObject> savePreferences(CurrentUser user, PreferencesInput input, String ip, String lang) {
    Map<String, PreferenceRepository.Choice> choices = new LinkedHashMap<>(input.choices());
    return pool.withTransaction(tx -> preferences.saveChoices(tx, user.userId(), choices)
            .compose(v -> input.emailLanguage() == null ? Future.succeededFuture()
                : preferences.saveEmailLanguage(tx, user.userId(), input.emailLanguage()))
            .compose(v -> audit.record(tx, Actor.of(user, ip), "notification.preferences", "user", user.userId(), input.toJson())))
        .compose(v -> preferences(user, lang));
  }
}
