package kr.dure.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import java.util.LinkedHashMap;
import java.util.Map;
import kr.dure.support.Api;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.Test;

/** CORS stays closed, and every kind of answer carries the security headers. */
class CorsAndHeadersTest {

  private static final String EVIL = "https://evil.example";

  private final TestApp app = TestApp.get();
  private final Api api = new Api();

  @Test
  void the_route_catalog_sees_pages_the_api_and_sub_routers() {
    assertThat(RouteCatalog.all()).extracting(Object::toString)
        .contains("POST /api/v1/auth/token", "GET /api/v1/me", "POST /login", "POST /logout");
  }

  @Test
  void a_cross_origin_preflight_or_request_gets_no_allow_origin() {
    HttpResponse<Buffer> preflight = app.client().request(HttpMethod.OPTIONS, "/api/v1/me")
        .putHeader("Origin", EVIL).putHeader("Access-Control-Request-Method", "GET")
        .putHeader("Access-Control-Request-Headers", "Authorization").send().await();
    assertThat(preflight.statusCode()).isLessThan(500);
    assertNoCors(preflight);
    HttpResponse<Buffer> get = app.client().get("/api/v1/me").putHeader("Origin", EVIL)
        .putHeader("Authorization", "Bearer " + api.token("ministry@dure.demo")).send().await();
    assertThat(get.statusCode()).isEqualTo(200);
    assertNoCors(get);
    HttpResponse<Buffer> tokenPost = app.client().request(HttpMethod.OPTIONS, "/api/v1/auth/token")
        .putHeader("Origin", EVIL).putHeader("Access-Control-Request-Method", "POST").send().await();
    assertNoCors(tokenPost);
    HttpResponse<Buffer> page = app.client().get("/login").putHeader("Origin", EVIL).send().await();
    assertNoCors(page);
  }

  private static void assertNoCors(HttpResponse<Buffer> response) {
    assertThat(response.getHeader("Access-Control-Allow-Origin")).isNull();
    assertThat(response.getHeader("Access-Control-Allow-Credentials")).isNull();
  }

  @Test
  void every_kind_of_answer_carries_the_security_headers() {
    String bearer = "Bearer " + api.token("ministry@dure.demo");
    Map<String, HttpResponse<Buffer>> answers = new LinkedHashMap<>();
    answers.put("page", app.client().get("/login").send().await());
    answers.put("api", app.client().get("/api/v1/me").putHeader("Authorization", bearer).send().await());
    answers.put("static", app.client().get("/static/css/dure.css").send().await());
    answers.put("page 404", app.client().get("/no-such-page").send().await());
    answers.put("api 404", app.client().get("/api/v1/no-such-thing").putHeader("Authorization", bearer).send().await());
    answers.put("405", app.client().request(HttpMethod.DELETE, "/api/v1/auth/token").send().await());
    answers.put("problem+json 401", app.client().get("/api/v1/me").send().await());
    answers.put("problem+json 400", app.client().post("/api/v1/auth/token").putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{")).await());
    answers.put("health", app.client().get("/health/ready").send().await());
    answers.put("redirect", app.client().get("/firm").send().await());
    answers.put("page 403 (CSRF)", app.client().post("/login").send().await());
    answers.forEach((what, response) -> {
      assertThat(response.statusCode()).as(what).isLessThan(500);
      assertThat(response.getHeader("Content-Security-Policy")).as(what + " CSP").contains("default-src 'self'")
          .contains("frame-ancestors 'none'").contains("object-src 'none'");
      assertThat(response.getHeader("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
      assertThat(response.getHeader("X-Frame-Options")).as(what).isEqualTo("DENY");
      assertThat(response.getHeader("Referrer-Policy")).as(what).isNotBlank();
      assertNoCors(response);
    });
    assertThat(answers.get("static").statusCode()).isEqualTo(200);
    assertThat(answers.get("static").getHeader("Cache-Control")).doesNotContain("no-store");
    assertThat(answers.get("page 404").statusCode()).isEqualTo(404);
    assertThat(answers.get("api 404").statusCode()).isEqualTo(404);
    assertThat(answers.get("405").statusCode()).isEqualTo(405);
    assertThat(answers.get("health").statusCode()).isEqualTo(200);
    assertThat(answers.get("redirect").statusCode()).isBetween(301, 303);
  }

  @Test
  void signed_in_pages_and_api_answers_are_never_cached() {
    app.resetThrottle();
    WebClientSession browser = app.browserSignedInAs("ministry@dure.demo");
    for (String path : new String[] {"/", "/no-such-page"}) {
      HttpResponse<Buffer> page = browser.get(path).send().await();
      assertThat(page.statusCode()).as(path).isLessThan(500);
      assertThat(page.getHeader("Cache-Control")).as(path).contains("no-store");
    }
    HttpResponse<Buffer> me = api.get("/api/v1/me", "ministry@dure.demo");
    assertThat(me.getHeader("Cache-Control")).contains("no-store");
  }
}
