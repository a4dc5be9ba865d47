package kr.dure.notify;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.dure.web.LocalTimes;
import kr.dure.web.Messages;
import kr.dure.web.Views;

/**
 * Writes a notification's title and body in a language from its kind and parameters, at the time
 * it is read (so switching the language switches the text). Bundle texts name their parameters:
 * {@code notification.booking.confirmed.body={resource}, {start} 예약이 확정되었습니다.}
 */
public final class NotificationText {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

  private final Messages messages;

  public NotificationText(Messages messages) {
    this.messages = messages;
  }

  public record Rendered(String title, String body) {
  }

  public Rendered render(String lang, String kind, JsonObject params) {
    JsonObject p = params == null ? new JsonObject() : params;
    String titleKey = "notification." + kind + ".title";
    String bodyKey = "notification." + kind + ".body";
    String title = messages.has(titleKey) ? fill(messages.get(lang, titleKey), p, lang) : messages.get(lang, "notification.generic.title");
    String body = messages.has(bodyKey) ? fill(messages.get(lang, bodyKey), p, lang) : "";
    String reason = p.getValue("reason") instanceof String r ? r.trim() : "";
    if (!reason.isEmpty()) {
      body = (body.isEmpty() ? "" : body + " ") + messages.get(lang, "notification.reason") + ": " + reason;
    }
    return new Rendered(title, body);
  }

  /** The language's text for one kind, as the preferences page lists it. */
  public String label(String lang, String kind) {
    String key = "notification." + kind + ".label";
    return messages.has(key) ? messages.get(lang, key) : kind;
  }

  public Messages messages() {
    return messages;
  }

  private String fill(String pattern, JsonObject params, String lang) {
    Matcher m = PLACEHOLDER.matcher(pattern);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(value(params, m.group(1), lang)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String value(JsonObject params, String name, String lang) {
    Object raw = params.getValue(name);
    if (raw == null) {
      return "";
    }
    if (raw instanceof Number n && name.endsWith("Won")) {
      return Views.won(n.longValue(), lang);
    }
    if (raw instanceof String s && (name.equals("start") || name.endsWith("At"))) {
      try {
        return LocalTimes.dateTime(Instant.parse(s), lang);
      } catch (DateTimeParseException e) {
        return s;
      }
    }
    // coded values (the reminder's lead, the agreement side) have their own words
    if (raw instanceof String s && (name.equals("side") || name.equals("lead") || name.equals("state") || name.equals("kind")) && messages.has("notification." + name + "." + s)) {
      return messages.get(lang, "notification." + name + "." + s);
    }
    return String.valueOf(raw);
  }
}
