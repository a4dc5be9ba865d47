package kr.dure.support;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.dure.Application;
import kr.dure.Config;
import kr.dure.demo.DemoData;

/**
 * One running Dure per test JVM, on its own embedded PostgreSQL in a temporary directory, with the
 * demo data loaded. Tests that change shared state clean up what they touch.
 */
public final class TestApp {

  public static final String JWT_SECRET = "test-secret-0123456789-0123456789-0123456789";
  public static final String PASSWORD = DemoData.PASSWORD;
  private static final Pattern CSRF = Pattern.compile("name=\"X-CSRF-Token\" value=\"([^\"]+)\"");

  private static TestApp instance;

  private final Application app;
  private final WebClient client;

  private TestApp(Application app) {
    this.app = app;
    this.client = WebClient.create(app.vertx(), new WebClientOptions()
        .setDefaultHost("localhost").setDefaultPort(app.port()).setFollowRedirects(false));
  }

  public static synchronized TestApp get() {
    if (instance == null) {
      try {
        Path dir = Files.createTempDirectory("dure-test-");
        Application app = Application.start(config(dir));
        instance = new TestApp(app);
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
      } catch (Exception e) {
        throw new IllegalStateException("could not start the test application", e);
      }
    }
    return instance;
  }

  /** Embedded database in {@code dir}, any free port, demo data, a fixed JWT secret. */
  public static Config config(Path dir) {
    return new Config(Optional.empty(), false, 0, dir, Optional.of(JWT_SECRET), true, false);
  }

  public Application app() {
    return app;
  }

  public WebClient client() {
    return client;
  }

  public int port() {
    return app.port();
  }

  /** Forgets failed sign-ins, so one test's lock does not leak into another. */
  public void resetThrottle() {
    app.pool().query("DELETE FROM login_throttle").execute().await();
  }

  /** A bearer token for a user, from the token endpoint. */
  public String token(String email) {
    HttpResponse<Buffer> response = client.post("/api/v1/auth/token")
        .sendJsonObject(new JsonObject().put("email", email).put("password", PASSWORD)).await();
    if (response.statusCode() != 200) {
      throw new AssertionError("sign-in of " + email + " failed: " + response.bodyAsString());
    }
    return response.bodyAsJsonObject().getString("token");
  }

  /** A browser-like session (cookies kept) signed in through the login form. */
  public WebClientSession browserSignedInAs(String email) {
    WebClientSession session = WebClientSession.create(client);
    HttpResponse<Buffer> response = submitLogin(session, email, PASSWORD);
    if (response.statusCode() != 303) {
      throw new AssertionError("form sign-in of " + email + " failed: " + response.statusCode() + " " + response.bodyAsString());
    }
    return session;
  }

  public HttpResponse<Buffer> submitLogin(WebClientSession session, String email, String password) {
    String csrf = csrfFrom(session.get("/login").send().await().bodyAsString());
    return session.post("/login").sendForm(MultiMap.caseInsensitiveMultiMap()
        .add("X-CSRF-Token", csrf).add("email", email).add("password", password)).await();
  }

  public static String csrfFrom(String html) {
    Matcher m = CSRF.matcher(html);
    if (!m.find()) {
      throw new AssertionError("no CSRF token in page: " + html);
    }
    return m.group(1);
  }
}
