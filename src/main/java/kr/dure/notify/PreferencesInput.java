package kr.dure.notify;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.dure.common.ValidationException;
import kr.dure.web.Messages;

/**
 * Changes to notification preferences: choices per kind (only known kinds) and the e-mail
 * language. Parses itself from the API's JSON or the settings form, reporting every bad field.
 */
public record PreferencesInput(Map<String, PreferenceRepository.Choice> choices, String emailLanguage) {

  /**
   * JSON: {@code {"emailLanguage": "en", "kinds": [{"kind": "booking.reminder", "inApp": true, "email": false}]}};
   * both parts are optional, a kind left out keeps its setting.
   */
  public static PreferencesInput fromJson(JsonObject json) {
    List<ValidationException.FieldError> errors = new ArrayList<>();
    if (json == null) {
      throw ValidationException.of("body", "validation.required", "Send a JSON object with emailLanguage and/or kinds.");
    }
    String language = language(json.getValue("emailLanguage"), errors);
    Map<String, PreferenceRepository.Choice> choices = new LinkedHashMap<>();
    Object rawKinds = json.getValue("kinds");
    if (rawKinds != null && !(rawKinds instanceof JsonArray)) {
      errors.add(new ValidationException.FieldError("kinds", "validation.list", "kinds must be a list of {kind, inApp, email}."));
    } else if (rawKinds instanceof JsonArray kinds) {
      for (int i = 0; i < kinds.size(); i++) {
        String field = "kinds[" + i + "]";
        if (!(kinds.getValue(i) instanceof JsonObject k)) {
          errors.add(new ValidationException.FieldError(field, "validation.list", field + " must be an object {kind, inApp, email}."));
          continue;
        }
        Object kind = k.getValue("kind");
        if (!(kind instanceof String name) || NotificationKind.find(name).isEmpty()) {
          errors.add(new ValidationException.FieldError(field + ".kind", "validation.choice",
              field + ".kind must be one of " + NotificationKind.ALL.stream().map(NotificationKind::key).toList() + "."));
          continue;
        }
        Object inApp = k.getValue("inApp");
        Object email = k.getValue("email");
        if (!(inApp instanceof Boolean)) {
          errors.add(new ValidationException.FieldError(field + ".inApp", "validation.boolean", field + ".inApp must be true or false."));
        }
        if (!(email instanceof Boolean)) {
          errors.add(new ValidationException.FieldError(field + ".email", "validation.boolean", field + ".email must be true or false."));
        }
        if (inApp instanceof Boolean a && email instanceof Boolean e) {
          choices.put(name, new PreferenceRepository.Choice(a, e));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return new PreferencesInput(choices, language);
  }

  /** The settings form: a checkbox {@code inApp.<kind>} and {@code email.<kind>} per kind (unchecked boxes are not sent). */
  public static PreferencesInput fromForm(MultiMap form) {
    List<ValidationException.FieldError> errors = new ArrayList<>();
    String language = language(form.get("emailLanguage"), errors);
    Map<String, PreferenceRepository.Choice> choices = new LinkedHashMap<>();
    for (NotificationKind k : NotificationKind.ALL) {
      choices.put(k.key(), new PreferenceRepository.Choice(checked(form, "inApp." + k.key(), errors),
          checked(form, "email." + k.key(), errors)));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return new PreferencesInput(choices, language);
  }

  private static boolean checked(MultiMap form, String name, List<ValidationException.FieldError> errors) {
    String value = form.get(name);
    if (value == null) {
      return false;
    }
    if (!"on".equals(value) && !"true".equals(value)) {
      errors.add(new ValidationException.FieldError(name, "validation.boolean", name + " must be on when checked."));
    }
    return true;
  }

  private static String language(Object raw, List<ValidationException.FieldError> errors) {
    if (raw == null) {
      return null;
    }
    if (!(raw instanceof String s) || !Messages.LANGUAGES.contains(s)) {
      errors.add(new ValidationException.FieldError("emailLanguage", "validation.language",
          "emailLanguage must be one of " + Messages.LANGUAGES + "."));
      return null;
    }
    return s;
  }

  public JsonObject toJson() {
    JsonObject kinds = new JsonObject();
    choices.forEach((k, c) -> kinds.put(k, new JsonObject().put("inApp", c.inApp()).put("email", c.email())));
    return new JsonObject().put("emailLanguage", emailLanguage).put("kinds", kinds);
  }
}
