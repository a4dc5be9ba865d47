package kr.dure.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import java.util.ArrayList;
import java.util.List;
import kr.dure.support.Api;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every state-changing page route, enumerated from the router, refuses a post without this session's CSRF token. */
class CsrfEveryFormTest {

  private final TestApp app = TestApp.get();
  private final Api api = new Api();

  @BeforeEach
  void forgetFailures() {
    app.resetThrottle();
  }

  private static List<RouteCatalog.Endpoint> pageForms() {
    List<RouteCatalog.Endpoint> forms = new ArrayList<>();
    for (RouteCatalog.Endpoint e : RouteCatalog.all()) {
      if (!e.api() && !e.path().startsWith("/health/") && (e.method() == HttpMethod.POST || e.method() == HttpMethod.PUT
          || e.method() == HttpMethod.PATCH || e.method() == HttpMethod.DELETE)) {
        forms.add(e);
      }
    }
    return forms;
  }

  private long changes() {
    return api.count("SELECT count(*) FROM audit_log");
  }

  @Test
  void there_are_many_page_forms_to_check() {
    assertThat(pageForms()).extracting(Object::toString).contains("POST /login", "POST /logout").hasSizeGreaterThan(20);
    assertThat(pageForms()).anyMatch(RouteCatalog.Endpoint::hasParams);
    System.out.println("CSRF-checked page forms: " + pageForms().size() + " of " + RouteCatalog.all().size() + " endpoints");
  }

  @Test
  void a_signed_in_post_without_the_csrf_token_is_403_on_every_page_form_and_changes_nothing() {
    for (String email : new String[] {"ministry@dure.demo", "angye@dure.demo"}) {
      WebClientSession browser = app.browserSignedInAs(email);
      long before = changes();
      List<String> accepted = new ArrayList<>();
      for (RouteCatalog.Endpoint form : pageForms()) {
        String path = form.with("1");
        HttpResponse<Buffer> response = browser.request(form.method(), path)
            .sendForm(MultiMap.caseInsensitiveMultiMap().add("name", "csrf").add("note", "csrf").add("decision", "APPROVE")).await();
        if (response.statusCode() != 403) {
          accepted.add(form + " -> " + response.statusCode());
        }
      }
      assertThat(accepted).as("page forms that did not refuse a post without a CSRF token (" + email + ")").isEmpty();
      assertThat(changes()).as("audit log rows written by refused posts").isEqualTo(before);
      // the session itself still works: the refusals did not sign the user out either
      assertThat(browser.get("/").send().await().statusCode()).isLessThan(400);
    }
  }

  @Test
  void a_token_taken_from_another_session_is_403_on_every_page_form() {
    WebClientSession attacker = app.browserSignedInAs("cheese@dure.demo");
    String attackersToken = TestApp.csrfFrom(attacker.get("/firm").send().await().bodyAsString());
    WebClientSession victim = app.browserSignedInAs("angye@dure.demo");
    victim.get("/firm").send().await(); // the victim has a CSRF cookie of their own
    long before = changes();
    List<String> accepted = new ArrayList<>();
    for (RouteCatalog.Endpoint form : pageForms()) {
      HttpResponse<Buffer> inForm = victim.request(form.method(), form.with("1"))
          .sendForm(MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", attackersToken).add("name", "csrf")).await();
      HttpResponse<Buffer> inHeader = victim.request(form.method(), form.with("1")).putHeader("X-CSRF-Token", attackersToken)
          .sendForm(MultiMap.caseInsensitiveMultiMap().add("name", "csrf")).await();
      if (inForm.statusCode() != 403 || inHeader.statusCode() != 403) {
        accepted.add(form + " -> " + inForm.statusCode() + "/" + inHeader.statusCode());
      }
    }
    assertThat(accepted).as("page forms that took another session's CSRF token").isEmpty();
    assertThat(changes()).isEqualTo(before);
    // and the victim's own token does work on a form, so the 403s above are about the token
    String own = TestApp.csrfFrom(victim.get("/firm").send().await().bodyAsString());
    HttpResponse<Buffer> logout = victim.post("/logout").sendForm(MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", own)).await();
    assertThat(logout.statusCode()).isIn(302, 303);
  }
}
