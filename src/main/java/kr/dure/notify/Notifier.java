package kr.dure.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.dure.web.Messages;

/**
 * What services call when something happens that users should hear of: in the caller's
 * transaction it stores the in-app notification and queues the e-mail, each as the recipient's
 * preferences for that kind say. The e-mail is written in the recipient's e-mail language now; the
 * in-app text is written when it is read.
 */
public final class Notifier {

  private final NotificationRepository notifications;
  private final PreferenceRepository preferences;
  private final OutboxRepository outbox;
  private final NotificationText text;
  private final Optional<String> publicUrl;
  private final RecipientRepository recipients = new RecipientRepository();
  private final EmailLayout layout = new EmailLayout();

  public Notifier(NotificationRepository notifications, PreferenceRepository preferences, OutboxRepository outbox,
      NotificationText text, Optional<String> publicUrl) {
    this.notifications = notifications;
    this.preferences = preferences;
    this.outbox = outbox;
    this.text = text;
    this.publicUrl = publicUrl;
  }

  public Future<Void> notify(SqlClient sql, long userId, String kind, JsonObject params, String link) {
    return notifyAll(sql, List.of(userId), kind, params, link);
  }

  public Future<Void> notifyAll(SqlClient sql, List<Long> userIds, String kind, JsonObject params, String link) {
    if (userIds.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Long> distinct = new ArrayList<>(new LinkedHashSet<>(userIds));
    boolean emailDefault = NotificationKind.emailByDefault(kind);
    return preferences.recipients(sql, distinct, kind).compose(recipients -> {
      List<Long> inApp = new ArrayList<>();
      List<OutboxRepository.Mail> mails = new ArrayList<>();
      for (PreferenceRepository.Recipient r : recipients) {
        if (r.inApp() == null || r.inApp()) {
          inApp.add(r.userId());
        }
        boolean email = r.byEmail() == null ? emailDefault : r.byEmail();
        if (email && r.active()) {
          mails.add(mail(r, kind, params, link));
        }
      }
      return notifications.notifyAll(sql, inApp, kind, params, link).compose(v -> outbox.enqueue(sql, mails));
    });
  }

  /** To every active user of an organisation. */
  public Future<Void> notifyOrganisation(SqlClient sql, long organisationId, String kind, JsonObject params, String link) {
    return recipients.organisationUsers(sql, organisationId).compose(ids -> notifyAll(sql, ids, kind, params, link));
  }

  /** To every active user of a role (e.g. the ministry's officers), except {@code exceptUserId}. */
  public Future<Void> notifyRole(SqlClient sql, String role, Long exceptUserId, String kind, JsonObject params, String link) {
    return recipients.roleUsers(sql, role)
        .compose(ids -> notifyAll(sql, ids.stream().filter(id -> !id.equals(exceptUserId)).toList(), kind, params, link));
  }

  /**
   * An e-mail to an address that has no account yet (an invitation), in {@code lang}; nothing in
   * the app, since there is no user to show it to. The link goes into the outbox row as it must go
   * into the mail.
   */
  public Future<Void> emailAddress(SqlClient sql, String email, String lang, String kind, JsonObject params, String link) {
    Composed mail = compose(lang, kind, params, link, false);
    return outbox.enqueue(sql, List.of(new OutboxRepository.Mail(email, null, kind, mail.subject(), mail.text(), mail.html())));
  }

  /** The project's Korean title, for a notification's text. */
  public Future<String> projectTitle(SqlClient sql, long projectId) {
    return recipients.projectTitle(sql, projectId);
  }

  private OutboxRepository.Mail mail(PreferenceRepository.Recipient r, String kind, JsonObject params, String link) {
    Composed mail = compose(r.language(), kind, params, link, true);
    return new OutboxRepository.Mail(r.email(), r.userId(), kind, mail.subject(), mail.text(), mail.html());
  }

  /** A notification e-mail's subject and its text and HTML parts, with the same words. */
  private record Composed(String subject, String text, String html) {
  }

  /** {@code withSettings}: a recipient with an account also gets the link to their notification settings. */
  private Composed compose(String lang, String kind, JsonObject params, String link, boolean withSettings) {
    Messages m = text.messages();
    NotificationText.Rendered rendered = text.render(lang, kind, params);
    String base = publicUrl.orElse("");
    String url = link == null || link.isBlank() ? null : base + link;
    String settings = withSettings ? base + "/settings/notifications" : null;
    String subject = "[" + m.get(lang, "app.name") + "] " + rendered.title();
    StringBuilder body = new StringBuilder();
    body.append(rendered.title()).append("\n\n");
    if (!rendered.body().isEmpty()) {
      body.append(rendered.body()).append("\n\n");
    }
    if (url != null) {
      body.append(m.get(lang, "notification.email.open")).append(": ").append(url).append("\n\n");
    }
    body.append("-- \n").append(m.get(lang, "notification.email.footer")).append("\n");
    if (settings != null) {
      body.append(m.get(lang, "notification.email.settings")).append(": ").append(settings).append("\n");
    }
    Map<String, Object> model = new HashMap<>();
    model.put("lang", lang);
    model.put("subject", subject);
    model.put("app", m.get(lang, "app.name"));
    model.put("title", rendered.title());
    model.put("lines", rendered.body().isEmpty() ? List.of() : List.of(rendered.body().split("\n+")));
    model.put("link", url);
    model.put("open", m.get(lang, "notification.email.open"));
    model.put("footer", m.get(lang, "notification.email.footer"));
    model.put("settings", settings);
    model.put("settingsLabel", m.get(lang, "notification.email.settings"));
    return new Composed(subject, body.toString(), layout.render(model));
  }
}
