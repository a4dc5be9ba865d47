package kr.dure.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import java.util.ArrayList;
import java.util.List;
import kr.dure.auth.LoginThrottle;
import kr.dure.support.Api;
import kr.dure.support.People;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Sign-in locks after 5 failures, secrets stay out of the logs, and the audit log cannot be changed. */
class ThrottleAndSecretsTest {

  private final TestApp app = TestApp.get();
  private final Api api = new Api();

  @BeforeEach
  @AfterEach
  void forgetFailures() {
    app.resetThrottle();
  }

  @AfterAll
  static void cleanUp() {
    new People().cleanUp();
  }

  @Test
  void five_wrong_passwords_on_the_form_lock_the_account_for_the_documented_time_even_for_the_right_password() {
    String email = "dairy@dure.demo";
    for (int i = 1; i <= LoginThrottle.ACCOUNT_LIMIT; i++) {
      HttpResponse<Buffer> wrong = app.submitLogin(WebClientSession.create(app.client()), email, "wrong password " + i);
      assertThat(wrong.statusCode()).as("attempt " + i).isEqualTo(i < LoginThrottle.ACCOUNT_LIMIT ? 401 : 429);
      assertThat(wrong.cookies()).noneMatch(c -> c.startsWith("dure_session=ey"));
    }
    WebClientSession browser = WebClientSession.create(app.client());
    HttpResponse<Buffer> right = app.submitLogin(browser, email, TestApp.PASSWORD);
    assertThat(right.statusCode()).isEqualTo(429);
    long retryAfter = Long.parseLong(right.getHeader("Retry-After"));
    assertThat(retryAfter).isBetween(LoginThrottle.LOCK.getSeconds() - 60, LoginThrottle.LOCK.getSeconds());
    assertThat(right.cookies()).noneMatch(c -> c.startsWith("dure_session=ey"));
    // the API is locked too, for the same account
    HttpResponse<Buffer> token = app.client().post("/api/v1/auth/token")
        .sendJsonObject(new JsonObject().put("email", email).put("password", TestApp.PASSWORD)).await();
    assertThat(token.statusCode()).isEqualTo(429);
    assertThat(token.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(Long.parseLong(token.getHeader("Retry-After"))).isPositive();
    // other accounts are not locked by it
    assertThat(app.submitLogin(WebClientSession.create(app.client()), "cheese@dure.demo", TestApp.PASSWORD).statusCode()).isEqualTo(303);
  }

  @Test
  void passwords_and_tokens_never_reach_the_log() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Logger dure = (Logger) LoggerFactory.getLogger("kr.dure");
    Level before = dure.getLevel();
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    root.addAppender(captured);
    dure.setLevel(Level.TRACE);
    List<String> secrets = new ArrayList<>();
    try {
      String wrong = "wrong-password-" + System.nanoTime();
      secrets.add(wrong);
      secrets.add(TestApp.PASSWORD);
      secrets.add(People.PASSWORD);
      // API sign-in: right, wrong, broken JSON and wrong types around a password
      HttpResponse<Buffer> signedIn = app.client().post("/api/v1/auth/token")
          .sendJsonObject(new JsonObject().put("email", "garlic@dure.demo").put("password", TestApp.PASSWORD)).await();
      String token = signedIn.bodyAsJsonObject().getString("token");
      secrets.add(token);
      app.client().post("/api/v1/auth/token").sendJsonObject(new JsonObject().put("email", "garlic@dure.demo").put("password", wrong)).await();
      app.client().post("/api/v1/auth/token").putHeader("Content-Type", "application/json")
          .sendBuffer(Buffer.buffer("{\"email\":\"garlic@dure.demo\",\"password\":\"" + wrong + "\"")).await();
      app.client().post("/api/v1/auth/token").sendJsonObject(new JsonObject().put("email", wrong).put("password", wrong)).await();
      // using the token, also where it is refused
      app.client().get("/api/v1/me").putHeader("Authorization", "Bearer " + token).send().await();
      app.client().get("/api/v1/me").putHeader("Authorization", "Bearer " + token + "x").send().await();
      app.client().get("/firm").putHeader("Cookie", "dure_session=" + token).send().await();
      // form sign-in and the session cookie
      WebClientSession browser = WebClientSession.create(app.client());
      app.submitLogin(browser, "garlic@dure.demo", wrong);
      HttpResponse<Buffer> form = app.submitLogin(browser, "garlic@dure.demo", TestApp.PASSWORD);
      form.cookies().stream().filter(c -> c.startsWith("dure_session=")).findFirst()
          .ifPresent(c -> secrets.add(c.substring("dure_session=".length(), c.indexOf(';'))));
      browser.get("/firm").send().await();
      // an invitation: its one-time token, then the new user's password and token
      People people = new People();
      long project = people.freshProject();
      long sme = people.addSme(project, "로그 시험 기업 " + System.nanoTime());
      HttpResponse<Buffer> invited = people.invite("ministry@dure.demo", project, People.email("log-test"), "FIRM", sme);
      String invitation = invited.bodyAsJsonObject().getString("token");
      secrets.add(invitation);
      app.client().get("/invite/" + invitation).send().await();
      HttpResponse<Buffer> accepted = People.accept(invitation, People.PASSWORD);
      secrets.add(accepted.bodyAsJsonObject().getString("token"));
      People.accept(invitation, People.PASSWORD); // used twice: refused
      People.as(accepted.bodyAsJsonObject().getString("token"), HttpMethod.GET, "/api/v1/me", null);
      LoggerFactory.getLogger("kr.dure.security").debug("canary: the appender hears kr.dure at debug level");
    } finally {
      dure.setLevel(before);
      root.detachAppender(captured);
    }
    assertThat(secrets).doesNotContainNull().hasSizeGreaterThanOrEqualTo(7);
    assertThat(captured.list).anyMatch(e -> e.getFormattedMessage().startsWith("canary"));
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : captured.list) {
      lines.add(event.getFormattedMessage());
      if (event.getThrowableProxy() != null) {
        lines.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
      }
      event.getMDCPropertyMap().values().forEach(lines::add);
    }
    for (String secret : secrets) {
      assertThat(lines).as("log lines").noneMatch(line -> line != null && line.contains(secret));
    }
    // nor does the audit log keep them
    for (String secret : secrets) {
      assertThat(api.count("SELECT count(*) FROM audit_log WHERE details::text LIKE '%' || $1 || '%'", secret)).as("audit log").isZero();
    }
  }

  @Test
  void a_failure_logs_the_path_without_a_token_in_it() {
    String invitation = "Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0";
    assertThat(kr.dure.web.FailureHandler.loggablePath("/invite/" + invitation + "/accept")).isEqualTo("/invite/…/accept")
        .doesNotContain(invitation);
    assertThat(kr.dure.web.FailureHandler.loggablePath("/api/v1/projects/12/members")).isEqualTo("/api/v1/projects/12/members");
  }

  @Test
  void no_route_changes_or_deletes_the_audit_log_and_the_database_refuses_it_too() {
    List<RouteCatalog.Endpoint> writes = RouteCatalog.all().stream()
        .filter(e -> e.path().toLowerCase(java.util.Locale.ROOT).contains("audit"))
        .filter(e -> e.method() != HttpMethod.GET && e.method() != HttpMethod.HEAD && e.method() != HttpMethod.OPTIONS)
        .toList();
    assertThat(writes).as("routes that write to an audit path").isEmpty();
    assertThat(RouteCatalog.all()).hasSizeGreaterThan(100);
    var pool = api.pool();
    long rows = api.count("SELECT count(*) FROM audit_log");
    assertThat(rows).isPositive();
    assertThatThrownBy(() -> pool.query("UPDATE audit_log SET action = 'forged'").execute().await()).hasMessageContaining("append-only");
    assertThatThrownBy(() -> pool.query("DELETE FROM audit_log WHERE id = (SELECT min(id) FROM audit_log)").execute().await())
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> pool.query("TRUNCATE audit_log").execute().await()).hasMessageContaining("append-only");
    assertThat(api.count("SELECT count(*) FROM audit_log")).isEqualTo(rows);
  }
}
