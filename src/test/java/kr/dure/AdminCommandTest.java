package kr.dure;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgConnectOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import kr.dure.auth.Credentials;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The first ministry administrator of a non-demo install, created from the command line against an external database. */
class AdminCommandTest {

  private static String databaseUrl;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void createEmptyDatabase() {
    TestApp app = TestApp.get();
    app.app().pool().query("DROP DATABASE IF EXISTS admin_cli_test").execute().await();
    app.app().pool().query("CREATE DATABASE admin_cli_test").execute().await();
    PgConnectOptions o = app.app().databaseSettings().connectOptions();
    databaseUrl = "postgresql://" + o.getUser() + "@" + o.getHost() + ":" + o.getPort() + "/admin_cli_test";
  }

  private int run(String stdin, String password, String... args) {
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", databaseUrl);
    env.put("DURE_JWT_SECRET", TestApp.JWT_SECRET);
    if (password != null) {
      env.put("DURE_ADMIN_PASSWORD", password);
    }
    return AdminCommand.run(args, env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void creates_a_ministry_administrator_who_can_sign_in_and_refuses_bad_or_duplicate_input() throws Exception {
    assertThat(run("", "short", "create", "--email", "admin@mss.example.kr", "--name", "관리자")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("at least 12 characters");
    assertThat(run("", "a-strong-password-1", "create", "--email", "not-an-email", "--name", "관리자")).isEqualTo(2);
    assertThat(run("", "a-strong-password-1", "create", "--name")).isEqualTo(2);
    assertThat(run("", "a-strong-password-1", "delete")).isEqualTo(2);

    // password from standard input, as when piped
    assertThat(run("a-strong-password-1\n", null, "create", "--email", "Admin@MSS.example.kr", "--name", "관리자")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("admin@mss.example.kr");
    assertThat(run("", "another-password-22", "create", "--email", "admin@mss.example.kr", "--name", "또")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("already exists");

    Config config = Config.fromEnv(Map.of("DATABASE_URL", databaseUrl, "DURE_JWT_SECRET", TestApp.JWT_SECRET, "HTTP_PORT", "0"));
    assertThat(config.demo()).isFalse();
    try (Application app = Application.start(config)) {
      var signedIn = app.services().auth().login(new Credentials("admin@mss.example.kr", "a-strong-password-1"), "127.0.0.1").await();
      assertThat(signedIn.user().role()).isEqualTo(kr.dure.auth.Role.MINISTRY);
      assertThat(signedIn.user().organisationName()).isEqualTo("중소벤처기업부");
      assertThat(app.pool().query("SELECT count(*) FROM project").execute().await().iterator().next().getLong(0)).isZero();
    }
  }
}
