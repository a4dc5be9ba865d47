package kr.dure.common;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Well-formed input that the rules refuse (outside opening hours, beyond the horizon, over a quota):
 * 422 with every broken rule listed.
 */
public final class UnprocessableException extends DomainException {

  private final List<Violation> violations;

  public UnprocessableException(List<Violation> violations) {
    super(violations.get(0).messageKey(), violations.size() == 1
        ? violations.get(0).message()
        : violations.size() + " rules refuse this: " + String.join(" ", violations.stream().map(Violation::message).toList()));
    this.violations = List.copyOf(violations);
  }

  public static UnprocessableException of(String rule, String messageKey, String message) {
    return new UnprocessableException(List.of(new Violation(rule, messageKey, message, new JsonObject())));
  }

  public List<Violation> violations() {
    return violations;
  }

  @Override
  public int status() {
    return 422;
  }

  @Override
  public String title() {
    return "Refused by the rules";
  }

  @Override
  public JsonObject extensions() {
    JsonArray list = new JsonArray();
    violations.forEach(v -> list.add(new JsonObject().put("rule", v.rule()).put("message", v.message()).put("params", v.params())));
    return new JsonObject().put("violations", list);
  }

  /** One broken rule: a stable code, a message-bundle key for pages, an English message, and its numbers. */
  public record Violation(String rule, String messageKey, String message, JsonObject params) {
  }
}
