package kr.dure.program;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import kr.dure.web.Messages;
import kr.dure.web.Views;

/**
 * Eligibility results in the reader's language. The service writes each rule with a stable code,
 * an English message, a message key and typed arguments; this fills the key's text in.
 */
public final class EligibilityText {

  private EligibilityText() {
  }

  /** One rule ({@link Eligibility.Result#toJson()}) as the API and pages show it: code, verdict, label, message in {@code lang}. */
  public static JsonObject rule(Messages messages, String lang, JsonObject r) {
    String key = r.getString("messageKey", "");
    String message = r.getString("message", "");
    if (messages.has(key)) {
      JsonArray raw = r.getJsonArray("args", new JsonArray());
      Object[] args = new Object[raw.size()];
      for (int i = 0; i < args.length; i++) {
        args[i] = arg(messages, lang, raw.getValue(i));
      }
      message = messages.get(lang, key, args);
    }
    String code = r.getString("rule");
    return new JsonObject().put("rule", code).put("code", code).put("passed", r.getBoolean("passed", false))
        .put("label", messages.get(lang, "eligibility.rule." + code)).put("message", message);
  }

  // every argument goes in as text: MessageFormat would otherwise group years ("2,022") and write won its own way
  private static String arg(Messages messages, String lang, Object value) {
    if (value instanceof JsonObject o && o.getValue("won") instanceof Number n) {
      return Views.won(n.longValue(), lang);
    }
    if (value instanceof JsonObject o && o.getValue("status") instanceof String s) {
      return messages.get(lang, "regionStatus." + s);
    }
    if (value instanceof JsonArray list) {
      return String.join(", ", list.stream().map(v -> arg(messages, lang, v)).toList());
    }
    return value == null ? "" : String.valueOf(value);
  }

  /** The {@code eligibility} object of an application ({eligible, rules}) with every rule in {@code lang}. */
  public static JsonObject localize(Messages messages, String lang, JsonObject eligibility) {
    JsonArray rules = new JsonArray();
    eligibility.getJsonArray("rules", new JsonArray()).forEach(o -> rules.add(rule(messages, lang, (JsonObject) o)));
    return new JsonObject().put("eligible", eligibility.getBoolean("eligible", false)).put("rules", rules);
  }

  /** The application JSON with its eligibility in {@code lang}. */
  public static JsonObject localizeApplication(Messages messages, String lang, JsonObject app) {
    if (app.getValue("eligibility") instanceof JsonObject e) {
      app.put("eligibility", localize(messages, lang, e));
    }
    return app;
  }
}
