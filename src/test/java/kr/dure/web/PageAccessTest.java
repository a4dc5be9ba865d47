package kr.dure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import java.util.Map;
import kr.dure.auth.Role;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PageAccessTest {

  private static final Map<Role, String> USERS = Map.of(
      Role.MINISTRY, "ministry@dure.demo",
      Role.REVIEWER, "reviewer@dure.demo",
      Role.DESIGN_AGENCY, "design@dure.demo",
      Role.LOCAL_GOV, "imsil@dure.demo",
      Role.COORDINATOR, "coordinator.uiseong@dure.demo",
      Role.FIRM, "garlic@dure.demo");

  /** Something only that role's home page, filled from the database, shows. */
  private static final Map<Role, String> HOME_SHOWS = Map.of(
      Role.MINISTRY, "괴산 유기농 공유주방·생활서비스",
      Role.REVIEWER, "배정된 신청서",
      Role.DESIGN_AGENCY, "의성 마늘 공동브랜드·공동물류",
      Role.LOCAL_GOV, "(주)임실숲골치즈",
      Role.COORDINATOR, "의성로컬배송(주)",
      Role.FIRM, "513-81-00562");

  private final TestApp app = TestApp.get();

  @BeforeEach
  void forgetFailures() {
    app.resetThrottle();
  }

  @ParameterizedTest
  @EnumSource(Role.class)
  void each_role_reaches_its_home_page_and_is_refused_on_the_others(Role role) {
    WebClientSession browser = app.browserSignedInAs(USERS.get(role));
    HttpResponse<Buffer> start = browser.get("/").send().await();
    assertThat(start.statusCode()).isEqualTo(302);
    assertThat(start.getHeader("Location")).isEqualTo(role.homePath());

    HttpResponse<Buffer> home = browser.get(role.homePath()).send().await();
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.getHeader("Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(home.bodyAsString()).contains(HOME_SHOWS.get(role)).contains("본문 바로가기").contains("<html lang=\"ko\">");

    for (Role other : Role.values()) {
      if (other != role) {
        HttpResponse<Buffer> refused = browser.get(other.homePath()).send().await();
        assertThat(refused.statusCode()).as(role + " on " + other.homePath()).isEqualTo(403);
        assertThat(refused.bodyAsString()).contains("권한이 없습니다");
      }
    }
  }

  @Test
  void a_firm_sees_only_its_own_project_and_colleagues() {
    String page = app.browserSignedInAs("garlic@dure.demo").get("/firm").send().await().bodyAsString();
    assertThat(page).contains("의성 마늘 공동브랜드·공동물류").doesNotContain("임실 치즈").doesNotContain("괴산 유기농");
  }

  @Test
  void a_page_without_a_session_redirects_to_sign_in_and_comes_back_after() {
    HttpResponse<Buffer> response = app.client().get("/coordinator").send().await();
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.getHeader("Location")).isEqualTo("/login?next=%2Fcoordinator");

    WebClientSession browser = WebClientSession.create(app.client());
    String csrf = TestApp.csrfFrom(browser.get("/login?next=%2Fcoordinator").send().await().bodyAsString());
    HttpResponse<Buffer> login = browser.post("/login").sendForm(MultiMap.caseInsensitiveMultiMap()
        .add("X-CSRF-Token", csrf).add("email", "coordinator.imsil@dure.demo").add("password", TestApp.PASSWORD)
        .add("next", "/coordinator")).await();
    assertThat(login.statusCode()).isEqualTo(303);
    assertThat(login.getHeader("Location")).isEqualTo("/coordinator");
  }

  @Test
  void the_next_parameter_never_sends_the_user_to_another_site() {
    WebClientSession browser = WebClientSession.create(app.client());
    String csrf = TestApp.csrfFrom(browser.get("/login").send().await().bodyAsString());
    HttpResponse<Buffer> login = browser.post("/login").sendForm(MultiMap.caseInsensitiveMultiMap()
        .add("X-CSRF-Token", csrf).add("email", "ministry@dure.demo").add("password", TestApp.PASSWORD)
        .add("next", "//evil.example/steal")).await();
    assertThat(login.getHeader("Location")).isEqualTo("/ministry");
  }

  @Test
  void a_wrong_password_on_the_form_shows_the_form_again_with_the_message_and_the_email_kept() {
    WebClientSession browser = WebClientSession.create(app.client());
    HttpResponse<Buffer> response = app.submitLogin(browser, "corn@dure.demo", "wrong-password");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.bodyAsString()).contains("이메일 또는 비밀번호가 올바르지 않습니다").contains("value=\"corn@dure.demo\"");
    HttpResponse<Buffer> empty = app.submitLogin(browser, "", "");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.bodyAsString()).contains("이메일: 필수 입력 항목입니다").contains("비밀번호: 필수 입력 항목입니다");
  }

  @Test
  void signing_out_ends_the_page_session() {
    WebClientSession browser = app.browserSignedInAs("kitchen@dure.demo");
    String csrf = TestApp.csrfFrom(browser.get("/firm").send().await().bodyAsString());
    HttpResponse<Buffer> out = browser.post("/logout").sendForm(MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", csrf)).await();
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.getHeader("Location")).isEqualTo("/login?loggedOut=1");
    assertThat(browser.get("/firm").send().await().statusCode()).isEqualTo(302);
  }

  @Test
  void the_language_switch_turns_the_pages_english_and_back() {
    WebClientSession browser = app.browserSignedInAs("design@dure.demo");
    HttpResponse<Buffer> switched = browser.get("/lang/en?next=/design").send().await();
    assertThat(switched.statusCode()).isEqualTo(302);
    assertThat(switched.getHeader("Location")).isEqualTo("/design");
    String page = browser.get("/design").send().await().bodyAsString();
    assertThat(page).contains("<html lang=\"en\">").contains("Skip to main content").contains("Uiseong garlic joint brand");
    browser.get("/lang/ko").send().await();
    assertThat(browser.get("/design").send().await().bodyAsString()).contains("<html lang=\"ko\">");
    assertThat(browser.get("/lang/fr").send().await().statusCode()).isEqualTo(400);
  }

  @Test
  void an_unknown_page_is_a_friendly_404_and_an_unknown_api_path_is_problem_json() {
    HttpResponse<Buffer> page = app.client().get("/no-such-page").send().await();
    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.bodyAsString()).contains("찾을 수 없습니다");
    HttpResponse<Buffer> api = app.client().get("/api/v1/no-such-thing").send().await();
    assertThat(api.statusCode()).isEqualTo(404);
    assertThat(api.getHeader("Content-Type")).isEqualTo("application/problem+json");
  }

  @Test
  void pages_and_api_carry_the_security_headers() {
    for (String path : new String[] {"/login", "/api/v1/me", "/health/live"}) {
      HttpResponse<Buffer> response = app.client().get(path).send().await();
      assertThat(response.getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'").contains("default-src 'self'");
      assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(response.getHeader("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
    }
  }
}
