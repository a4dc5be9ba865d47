package kr.dure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CsrfTest {

  private final TestApp app = TestApp.get();

  @BeforeEach
  void forgetFailures() {
    app.resetThrottle();
  }

  @Test
  void a_login_form_post_without_the_token_is_refused_and_signs_nobody_in() {
    WebClientSession browser = WebClientSession.create(app.client());
    browser.get("/login").send().await();
    HttpResponse<Buffer> response = browser.post("/login").sendForm(MultiMap.caseInsensitiveMultiMap()
        .add("email", "ministry@dure.demo").add("password", TestApp.PASSWORD)).await();
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.bodyAsString()).contains("페이지를 새로 고친 뒤 다시 제출하세요");
    assertThat(response.cookies()).noneMatch(c -> c.startsWith("dure_session=ey"));
  }

  @Test
  void a_forged_token_that_does_not_match_the_cookie_is_refused() {
    WebClientSession browser = WebClientSession.create(app.client());
    browser.get("/login").send().await();
    HttpResponse<Buffer> response = browser.post("/login").sendForm(MultiMap.caseInsensitiveMultiMap()
        .add("X-CSRF-Token", "forged.1234.abcd").add("email", "ministry@dure.demo").add("password", TestApp.PASSWORD)).await();
    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void a_logout_post_from_another_site_without_the_token_keeps_the_user_signed_in() {
    WebClientSession browser = app.browserSignedInAs("angye@dure.demo");
    HttpResponse<Buffer> response = browser.post("/logout").sendForm(MultiMap.caseInsensitiveMultiMap()).await();
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(browser.get("/firm").send().await().statusCode()).isEqualTo(200);
  }

  @Test
  void the_session_cookie_is_http_only_and_same_site_lax() {
    WebClientSession browser = WebClientSession.create(app.client());
    HttpResponse<Buffer> response = app.submitLogin(browser, "organic@dure.demo", TestApp.PASSWORD);
    assertThat(response.cookies()).anySatisfy(c -> assertThat(c)
        .startsWith("dure_session=").contains("HTTPOnly").contains("SameSite=Lax").contains("Path=/"));
  }

  @Test
  void a_page_opened_in_a_second_tab_does_not_break_the_forms_of_the_first() {
    WebClientSession browser = app.browserSignedInAs("cheese@dure.demo");
    String firstTab = TestApp.csrfFrom(browser.get("/bookings").send().await().bodyAsString());
    // the second tab, and a background request of the first
    String secondTab = TestApp.csrfFrom(browser.get("/resources").send().await().bodyAsString());
    browser.get("/firm").send().await();
    assertThat(secondTab).isEqualTo(firstTab);
    HttpResponse<Buffer> extend = browser.post("/session/extend")
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", firstTab)).await();
    assertThat(extend.statusCode()).isNotEqualTo(403).isLessThan(400);
    // a form post still rotates the token: the used one is refused the second time
    HttpResponse<Buffer> replay = browser.post("/session/extend")
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", firstTab)).await();
    assertThat(replay.statusCode()).isEqualTo(403);
  }
}
