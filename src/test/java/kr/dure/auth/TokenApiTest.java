package kr.dure.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import kr.dure.common.TooManyRequestsException;
import kr.dure.common.UnauthorizedException;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenApiTest {

  private final TestApp app = TestApp.get();
  private final WebClient client = app.client();

  @BeforeEach
  void forgetFailures() {
    app.resetThrottle();
  }

  private HttpResponse<Buffer> token(String email, String password) {
    return client.post("/api/v1/auth/token")
        .sendJsonObject(new JsonObject().put("email", email).put("password", password)).await();
  }

  private HttpResponse<Buffer> me(String token) {
    return client.get("/api/v1/me").putHeader("Authorization", "Bearer " + token).send().await();
  }

  @Test
  void the_right_password_gives_a_bearer_token_that_opens_the_api() {
    HttpResponse<Buffer> response = token("ministry@dure.demo", TestApp.PASSWORD);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("tokenType")).isEqualTo("Bearer");
    assertThat(Instant.parse(body.getString("expiresAt"))).isAfter(Instant.now().plus(Duration.ofMinutes(25)));
    HttpResponse<Buffer> me = me(body.getString("token"));
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.bodyAsJsonObject().getString("email")).isEqualTo("ministry@dure.demo");
    assertThat(me.bodyAsJsonObject().getString("role")).isEqualTo("MINISTRY");
  }

  @Test
  void a_wrong_password_is_401_problem_json_saying_how_many_tries_are_left() {
    HttpResponse<Buffer> response = token("cheese@dure.demo", "not-the-password");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("wrong").contains("4 more failed attempts");
    assertThat(token("nobody@dure.demo", "whatever").statusCode()).isEqualTo(401);
  }

  @Test
  void five_failures_lock_the_account_even_for_the_right_password_with_retry_after() {
    String email = "dairy@dure.demo";
    for (int i = 0; i < LoginThrottle.ACCOUNT_LIMIT - 1; i++) {
      assertThat(token(email, "wrong-" + i).statusCode()).isEqualTo(401);
    }
    HttpResponse<Buffer> locking = token(email, "wrong-last");
    assertThat(locking.statusCode()).isEqualTo(429);
    HttpResponse<Buffer> locked = token(email, TestApp.PASSWORD);
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(locked.bodyAsJsonObject().getString("detail")).contains("locked");
    assertThat(Long.parseLong(locked.getHeader("Retry-After"))).isBetween(60L, LoginThrottle.LOCK.getSeconds());
    // another account from the same address is not locked
    assertThat(token("localfood@dure.demo", TestApp.PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  void a_success_clears_the_account_failures() {
    String email = "coldchain@dure.demo";
    for (int i = 0; i < LoginThrottle.ACCOUNT_LIMIT - 1; i++) {
      token(email, "wrong");
    }
    assertThat(token(email, TestApp.PASSWORD).statusCode()).isEqualTo(200);
    assertThat(token(email, "wrong").bodyAsJsonObject().getString("detail")).contains("4 more failed attempts");
  }

  @Test
  void too_many_failures_from_one_address_lock_that_address_for_every_account() {
    AuthService auth = app.app().services().auth();
    String address = "198.51.100.7";
    for (int i = 0; i < LoginThrottle.ADDRESS_LIMIT - 1; i++) {
      assertThat(failure(auth, "spray" + i + "@example.kr", "guess", address)).isInstanceOf(UnauthorizedException.class);
    }
    assertThat(failure(auth, "spray-last@example.kr", "guess", address)).isInstanceOf(TooManyRequestsException.class);
    assertThat(failure(auth, "ministry@dure.demo", TestApp.PASSWORD, address)).isInstanceOf(TooManyRequestsException.class);
    assertThat(failure(auth, "ministry@dure.demo", TestApp.PASSWORD, "198.51.100.8")).isNull();
  }

  private static Throwable failure(AuthService auth, String email, String password, String address) {
    try {
      auth.login(new Credentials(email, password), address).await();
      return null;
    } catch (Exception e) {
      return e;
    }
  }

  @Test
  void no_token_an_expired_token_and_a_token_signed_with_another_key_are_401() {
    assertThat(client.get("/api/v1/me").send().await().statusCode()).isEqualTo(401);
    User user = app.app().services().auth().findUser(1).await().orElseThrow();
    Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
    String expired = new TokenService(app.app().vertx(), TestApp.JWT_SECRET, past).issue(user).token();
    assertThat(me(expired).statusCode()).isEqualTo(401);
    String otherKey = new TokenService(app.app().vertx(), "another-secret-0123456789-0123456789", Clock.systemUTC()).issue(user).token();
    assertThat(me(otherKey).statusCode()).isEqualTo(401);
    assertThat(me("not.a.jwt").statusCode()).isEqualTo(401);
  }

  @Test
  void a_token_whose_payload_was_edited_or_whose_algorithm_is_none_is_401() {
    String firm = app.token("cheese@dure.demo");
    String[] parts = firm.split("\\.");
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    String escalated = b64(claims.copy().put("role", "MINISTRY").encode());
    assertThat(me(parts[0] + "." + escalated + "." + parts[2]).statusCode()).isEqualTo(401);
    String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
    assertThat(me(none + "." + escalated + ".").statusCode()).isEqualTo(401);
    assertThat(me(none + "." + parts[1] + ".").statusCode()).isEqualTo(401);
    assertThat(me(parts[0] + "." + parts[1] + ".").statusCode()).isEqualTo(401);
    // the untouched token still works
    assertThat(me(firm).statusCode()).isEqualTo(200);
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
