package kr.dure.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import kr.dure.common.DomainException;
import kr.dure.common.UnprocessableException;
import kr.dure.common.ValidationException;

/**
 * Turns a refused form into what the page shows: a summary at the top ({@code errors}: field and
 * message) and each field's own message ({@code fieldErrors}, by input id), in the page's language.
 */
public final class PageErrors {

  /** The parameters each rule message reads, in its {0}, {1}, … order (the services put them in the violation). */
  private static final Map<String, List<String>> RULE_PARAMS = Map.ofEntries(
      Map.entry("rule.notice", List.of("minutes")),
      Map.entry("rule.horizon", List.of("days")),
      Map.entry("rule.step", List.of("minutes")),
      Map.entry("rule.minLength", List.of("minutes")),
      Map.entry("rule.maxLength", List.of("minutes")),
      Map.entry("rule.units", List.of("capacity")),
      Map.entry("rule.blackout", List.of("from", "to", "reason")),
      Map.entry("rule.holiday", List.of("day")),
      Map.entry("rule.weeklyQuota", List.of("quota", "used", "asked")),
      Map.entry("rule.monthlyQuota", List.of("quota", "used", "asked")),
      Map.entry("rule.cutoff", List.of("cutoff")),
      Map.entry("rule.runSize", List.of("pallets", "kg")));

  private PageErrors() {
  }

  /**
   * @param labels message key of each field's label, by the field name the input record reports
   * @param inputIds the id of the input a field's error belongs to, where it differs from the field name
   */
  public static JsonObject describe(Messages messages, String lang, DomainException failure, Map<String, String> labels,
      Map<String, String> inputIds) {
    JsonArray errors = new JsonArray();
    JsonObject byField = new JsonObject();
    if (failure instanceof ValidationException v) {
      for (ValidationException.FieldError e : v.errors()) {
        String input = inputIds.getOrDefault(e.field(), labels.containsKey(e.field()) ? e.field() : "");
        String text = messages.has(e.code()) ? messages.get(lang, e.code()) : e.message();
        String label = labels.get(e.field());
        String message = label == null ? text : messages.get(lang, label) + ": " + text;
        errors.add(new JsonObject().put("field", input).put("message", message));
        if (!input.isEmpty() && !byField.containsKey(input)) {
          byField.put(input, text);
        }
      }
    } else if (failure instanceof UnprocessableException u) {
      u.violations().forEach(v -> errors.add(new JsonObject().put("field", "").put("message", rule(messages, lang, v))));
    } else {
      errors.add(new JsonObject().put("field", "").put("message", message(messages, lang, failure)));
    }
    return new JsonObject().put("errors", errors).put("fieldErrors", byField);
  }

  /** The page message of a domain error: its bundle text, else the English detail. */
  public static String message(Messages messages, String lang, DomainException failure) {
    return messages.has(failure.messageKey()) ? messages.get(lang, failure.messageKey()) : failure.getMessage();
  }

  /** A broken booking rule in plain words, with its numbers filled in. */
  public static String rule(Messages messages, String lang, UnprocessableException.Violation v) {
    if (!messages.has(v.messageKey())) {
      return v.message();
    }
    List<String> names = RULE_PARAMS.getOrDefault(v.messageKey(), List.of());
    Object[] args = new Object[names.size()];
    for (int i = 0; i < names.size(); i++) {
      Object value = v.params().getValue(names.get(i));
      if ("minutes".equals(names.get(i)) && value instanceof Number n) {
        value = LocalTimes.duration(n.longValue(), lang);
      } else if (value instanceof Double d && d == Math.rint(d)) {
        value = d.longValue();
      }
      args[i] = value == null ? "" : value;
    }
    return messages.get(lang, v.messageKey(), args);
  }

  /**
   * A transaction that lost to a concurrent one (deadlock 40P01, serialization 40001, or rolled back
   * because of them) wrote nothing; a form says "try again" instead of the 500 the service would give.
   */
  public static Throwable contention(Throwable e) {
    boolean lost = e instanceof io.vertx.sqlclient.TransactionRollbackException
        || e instanceof io.vertx.pgclient.PgException pg
            && ("40P01".equals(pg.getSqlState()) || kr.dure.db.SqlErrors.SERIALIZATION_FAILURE.equals(pg.getSqlState()));
    return lost ? new kr.dure.common.ConflictException("conflict.busy", "Another request changed the same thing at the same moment: try again.") : e;
  }

  /** The 303 a form answers with once it has done its work. */
  public static void seeOther(RoutingContext ctx, String location) {
    ctx.response().setStatusCode(303).putHeader("Location", location).end();
  }
}
