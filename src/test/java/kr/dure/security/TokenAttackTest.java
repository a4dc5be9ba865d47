package kr.dure.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import kr.dure.support.Api;
import kr.dure.support.People;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hand-made JWTs: the server believes only claims it signed itself, for users who may still sign in. */
class TokenAttackTest {

  private static final String HS256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

  private final TestApp app = TestApp.get();
  private final Api api = new Api();

  @BeforeEach
  void forgetFailures() {
    app.resetThrottle();
  }

  @AfterAll
  static void cleanUp() {
    new People().cleanUp();
  }

  private static String b64(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String sign(String algorithm, String signingInput, String secret) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A token made by hand, signed with HMAC-SHA256 over header.payload. */
  private static String jwt(String header, JsonObject claims, String secret) {
    String input = b64(header) + "." + b64(claims.encode());
    return input + "." + sign("HmacSHA256", input, secret);
  }

  private JsonObject claimsOf(String email, long lifetimeSeconds) {
    long now = Instant.now().getEpochSecond();
    return new JsonObject().put("sub", Long.toString(api.userId(email))).put("role", role(email)).put("org", api.organisationOf(email))
        .put("email", email).put("iss", "dure").put("iat", now).put("exp", now + lifetimeSeconds);
  }

  private String role(String email) {
    return api.pool().preparedQuery("SELECT role FROM app_user WHERE email = $1").execute(Tuple.of(email)).await()
        .iterator().next().getString(0);
  }

  private HttpResponse<Buffer> apiCall(String token) {
    return app.client().get("/api/v1/me").putHeader("Authorization", "Bearer " + token).send().await();
  }

  private HttpResponse<Buffer> pageCall(String token) {
    return app.client().get("/firm").putHeader("Cookie", "dure_session=" + token).send().await();
  }

  private void assertRefused(String what, String token) {
    HttpResponse<Buffer> api = apiCall(token);
    assertThat(api.statusCode()).as(what + " (API)").isEqualTo(401);
    assertThat(api.getHeader("Content-Type")).as(what).isEqualTo("application/problem+json");
    assertThat(api.bodyAsJsonObject().getInteger("status")).isEqualTo(401);
    HttpResponse<Buffer> page = pageCall(token);
    assertThat(page.statusCode()).as(what + " (page)").isIn(302, 303);
    assertThat(page.getHeader("Location")).as(what).startsWith("/login");
    // no session is handed out (a readable bad cookie is cleared)
    assertThat(page.cookies()).as(what).noneMatch(c -> c.startsWith("dure_session=") && !c.startsWith("dure_session=;"));
  }

  @Test
  void a_token_made_by_hand_with_the_right_key_works_so_the_refusals_below_mean_something() {
    String token = jwt(HS256, claimsOf("cheese@dure.demo", 600), TestApp.JWT_SECRET);
    HttpResponse<Buffer> response = apiCall(token);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("email")).isEqualTo("cheese@dure.demo");
    assertThat(pageCall(token).statusCode()).isEqualTo(200);
  }

  @Test
  void forged_expired_early_unsigned_and_mangled_tokens_are_refused_on_the_api_and_on_pages() {
    String email = "cheese@dure.demo";
    JsonObject good = claimsOf(email, 600);
    String real = app.token(email);
    String[] parts = real.split("\\.");
    long now = Instant.now().getEpochSecond();
    Map<String, String> attacks = new LinkedHashMap<>();
    attacks.put("expired", jwt(HS256, good.copy().put("iat", now - 7200).put("exp", now - 3600), TestApp.JWT_SECRET));
    attacks.put("not yet valid (nbf in an hour)", jwt(HS256, good.copy().put("nbf", now + 3600), TestApp.JWT_SECRET));
    attacks.put("issued in the future", jwt(HS256, good.copy().put("iat", now + 3600), TestApp.JWT_SECRET));
    attacks.put("no expiry", jwt(HS256, good.copy().put("exp", (Object) null), TestApp.JWT_SECRET));
    attacks.put("another issuer", jwt(HS256, good.copy().put("iss", "evil"), TestApp.JWT_SECRET));
    attacks.put("wrong key", jwt(HS256, good, "another-secret-0123456789-0123456789-0123456789"));
    attacks.put("empty key", jwt(HS256, good, "x"));
    String noneInput = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(good.encode());
    attacks.put("alg none, empty signature", noneInput + ".");
    attacks.put("alg none, no signature part", noneInput);
    attacks.put("alg None (case)", b64("{\"alg\":\"None\"}") + "." + b64(good.encode()) + ".");
    String hs512Input = b64("{\"alg\":\"HS512\",\"typ\":\"JWT\"}") + "." + b64(good.encode());
    attacks.put("alg HS512 signed with the key", hs512Input + "." + sign("HmacSHA512", hs512Input, TestApp.JWT_SECRET));
    String rsInput = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + b64(good.encode());
    attacks.put("alg RS256 with an HMAC signature", rsInput + "." + sign("HmacSHA256", rsInput, TestApp.JWT_SECRET));
    attacks.put("signature stripped", parts[0] + "." + parts[1] + ".");
    attacks.put("signature part missing", parts[0] + "." + parts[1]);
    JsonObject realClaims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    attacks.put("role edited to MINISTRY", parts[0] + "." + b64(realClaims.copy().put("role", "MINISTRY").encode()) + "." + parts[2]);
    attacks.put("sub edited to another user",
        parts[0] + "." + b64(realClaims.copy().put("sub", Long.toString(api.userId("ministry@dure.demo"))).encode()) + "." + parts[2]);
    attacks.put("exp edited a day later", parts[0] + "." + b64(realClaims.copy().put("exp", now + 86400).encode()) + "." + parts[2]);
    attacks.put("signature of another token", parts[0] + "." + parts[1] + "." + app.token("angye@dure.demo").split("\\.")[2]);
    attacks.put("garbage", "garbage");
    attacks.put("three dots of garbage", "a.b.c");
    attacks.put("not base64", "%%%.%%%.%%%");
    attacks.put("JSON instead of a token", "{\"sub\":\"1\"}");
    attacks.put("payload not JSON", b64(HS256) + "." + b64("not json") + "." + sign("HmacSHA256", b64(HS256) + "." + b64("not json"),
        TestApp.JWT_SECRET));
    attacks.put("sub not a number", jwt(HS256, good.copy().put("sub", "abc"), TestApp.JWT_SECRET));
    attacks.put("unknown role", jwt(HS256, good.copy().put("role", "ROOT"), TestApp.JWT_SECRET));
    attacks.put("sub of nobody", jwt(HS256, good.copy().put("sub", "99999999"), TestApp.JWT_SECRET));
    attacks.put("7 KB token", jwt(HS256, good.copy().put("pad", "x".repeat(5000)), TestApp.JWT_SECRET)
        .replaceAll("[A-Za-z0-9_-]{10}$", "AAAAAAAAAA"));
    attacks.forEach(this::assertRefused);
    // the real token was never harmed by all this
    assertThat(apiCall(real).statusCode()).isEqualTo(200);
  }

  @Test
  void a_token_larger_than_8_kb_is_refused_and_never_a_server_error() {
    String huge = jwt(HS256, claimsOf("cheese@dure.demo", 600).put("pad", "x".repeat(7000)), TestApp.JWT_SECRET);
    assertThat(huge.length()).isGreaterThan(8 * 1024);
    // headers up to 16 KB reach the app (HttpVerticle), so this signed but oversized token is judged by the app: 401
    assertRefused("a 9 KB token", huge.substring(0, huge.length() - 4) + "AAAA");
    // still larger headers are refused by the HTTP server itself (431, or the connection is closed): never a 5xx
    String enormous = jwt(HS256, claimsOf("cheese@dure.demo", 600).put("pad", "x".repeat(40_000)), TestApp.JWT_SECRET);
    // on a client of its own: the server closes that connection, which must not hit the shared client's pool
    io.vertx.ext.web.client.WebClient own = io.vertx.ext.web.client.WebClient.create(app.app().vertx(),
        new io.vertx.ext.web.client.WebClientOptions().setDefaultHost("localhost").setDefaultPort(app.port()).setKeepAlive(false));
    try {
      assertThat(own.get("/api/v1/me").putHeader("Authorization", "Bearer " + enormous).send().await().statusCode())
          .isIn(400, 401, 413, 431);
    } catch (io.vertx.core.http.HttpClosedException e) {
      // refused at the protocol level
    } finally {
      own.close();
    }
  }

  @Test
  void another_users_valid_token_acts_only_as_that_user() {
    String cheese = app.token("cheese@dure.demo");
    HttpResponse<Buffer> me = apiCall(cheese);
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.bodyAsJsonObject().getString("email")).isEqualTo("cheese@dure.demo");
    // a firm user's token does not open the ministry's pages or API, whatever else is sent along
    HttpResponse<Buffer> ministryOnly = app.client().get("/api/v1/me").putHeader("Authorization", "Bearer " + cheese)
        .putHeader("X-User-Id", Long.toString(api.userId("ministry@dure.demo"))).send().await();
    assertThat(ministryOnly.bodyAsJsonObject().getString("email")).isEqualTo("cheese@dure.demo");
    assertThat(app.client().get("/ministry").putHeader("Cookie", "dure_session=" + cheese).send().await().statusCode()).isIn(403, 404);
    // a cookie never authorises the API, a bearer header never a page
    assertThat(app.client().get("/api/v1/me").putHeader("Cookie", "dure_session=" + cheese).send().await().statusCode()).isEqualTo(401);
    assertThat(app.client().get("/firm").putHeader("Authorization", "Bearer " + cheese).send().await().statusCode()).isIn(302, 303);
  }

  @Test
  void a_user_switched_off_after_the_token_was_issued_loses_access_at_once() {
    People people = new People();
    long project = people.freshProject();
    long sme = people.addSme(project, "토큰 시험 기업 " + System.nanoTime());
    String email = People.email("switched-off");
    String token = people.join("ministry@dure.demo", project, email, "FIRM", sme);
    assertThat(apiCall(token).statusCode()).isEqualTo(200);
    assertThat(People.as(token, HttpMethod.GET, "/api/v1/projects", null).statusCode()).isEqualTo(200);
    assertThat(pageCall(token).statusCode()).isLessThan(300);
    api.pool().preparedQuery("UPDATE app_user SET active = false WHERE email = $1").execute(Tuple.of(email)).await();
    assertRefused("token of a deactivated user", token);
    assertThat(People.as(token, HttpMethod.GET, "/api/v1/projects", null).statusCode()).isEqualTo(401);
  }

  @Test
  void a_user_whose_role_changed_after_the_token_was_issued_must_sign_in_again() {
    People people = new People();
    long project = people.freshProject();
    long sme = people.addSme(project, "역할 시험 기업 " + System.nanoTime());
    String email = People.email("role-changed");
    String token = people.join("ministry@dure.demo", project, email, "FIRM", sme);
    assertThat(apiCall(token).statusCode()).isEqualTo(200);
    api.pool().preparedQuery("UPDATE app_user SET role = 'COORDINATOR' WHERE email = $1").execute(Tuple.of(email)).await();
    // the token still says FIRM: its claims no longer describe the user, so it is refused rather than trusted
    assertRefused("token with a stale role", token);
  }
}
