package kr.dure.auth;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import kr.dure.common.Validator;

/** E-mail and password as typed on the sign-in form or sent to the token endpoint. */
public record Credentials(String email, String password) {

  public static Credentials fromJson(JsonObject json) {
    return parse(Validator.of(json));
  }

  public static Credentials fromForm(MultiMap form) {
    return parse(Validator.ofForm(form));
  }

  private static Credentials parse(Validator v) {
    String email = v.requiredEmail("email");
    String password = v.requiredPassword("password", 1, 200);
    v.throwIfInvalid();
    return new Credentials(email, password);
  }
}
