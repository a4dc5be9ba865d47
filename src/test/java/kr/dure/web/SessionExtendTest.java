package kr.dure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The expiry warning's "stay signed in" button (KWCAG: session timeouts warn and can be extended). */
class SessionExtendTest {

  private static final Pattern EXPIRES = Pattern.compile("data-session-expires=\"([^\"]+)\"");
  private final TestApp app = TestApp.get();

  @BeforeEach
  void forgetFailures() {
    app.resetThrottle();
  }

  @Test
  void pages_carry_the_session_expiry_and_the_warning_and_extending_renews_the_cookie() {
    WebClientSession browser = app.browserSignedInAs("uiseong@dure.demo");
    String page = browser.get("/local-gov").send().await().bodyAsString();
    Matcher m = EXPIRES.matcher(page);
    assertThat(m.find()).isTrue();
    Instant shown = Instant.parse(m.group(1));
    assertThat(page).contains("id=\"session-warning\"").contains("로그인 연장").contains("/static/js/session.js");

    HttpResponse<Buffer> extended = browser.post("/session/extend")
        .putHeader("X-CSRF-Token", TestApp.csrfFrom(page)).send().await();
    assertThat(extended.statusCode()).isEqualTo(200);
    assertThat(Instant.parse(extended.bodyAsJsonObject().getString("expiresAt"))).isAfterOrEqualTo(shown);
    assertThat(extended.bodyAsJsonObject().getString("csrf")).isNotBlank();
    assertThat(extended.cookies()).anyMatch(c -> c.startsWith("dure_session=ey"));
    // the new CSRF token works for the next form
    HttpResponse<Buffer> again = browser.post("/session/extend")
        .putHeader("X-CSRF-Token", extended.bodyAsJsonObject().getString("csrf")).send().await();
    assertThat(again.statusCode()).isEqualTo(200);
  }

  @Test
  void extending_needs_the_csrf_token_and_a_session() {
    WebClientSession browser = app.browserSignedInAs("goesan@dure.demo");
    browser.get("/local-gov").send().await();
    assertThat(browser.post("/session/extend").send().await().statusCode()).isEqualTo(403);
    WebClientSession anonymous = WebClientSession.create(app.client());
    String csrf = TestApp.csrfFrom(anonymous.get("/login").send().await().bodyAsString());
    HttpResponse<Buffer> response = anonymous.post("/session/extend").putHeader("X-CSRF-Token", csrf).send().await();
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.getHeader("Location")).startsWith("/login");
  }

  @Test
  void the_sign_in_page_has_no_session_warning() {
    assertThat(app.client().get("/login").send().await().bodyAsString()).doesNotContain("session-warning");
  }
}
