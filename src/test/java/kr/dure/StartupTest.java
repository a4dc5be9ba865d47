package kr.dure;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import kr.dure.demo.DemoData;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the whole platform on a fresh data directory, stops it, and starts it again. */
class StartupTest {

  private static final Vertx VERTX = Vertx.vertx();
  private static final WebClient CLIENT = WebClient.create(VERTX);

  @AfterAll
  static void close() {
    VERTX.close().await();
  }

  private static long count(Application app, String sql) {
    return app.pool().query(sql).execute().await().iterator().next().getLong(0);
  }

  @Test
  void a_fresh_start_migrates_loads_the_demo_once_and_keeps_everything_across_a_restart(@TempDir Path dir) throws Exception {
    // no JWT secret configured: one is generated into the data directory
    Config config = new Config(Optional.empty(), false, 0, dir, Optional.empty(), true, false);
    String token;
    Application first = Application.start(config);
    try {
      assertThat(count(first, "SELECT count(*) FROM flyway_schema_history WHERE success")).isGreaterThanOrEqualTo(3);
      assertThat(CLIENT.get(first.port(), "localhost", "/health/ready").send().await().statusCode()).isEqualTo(200);
      assertThat(CLIENT.get(first.port(), "localhost", "/health/live").send().await().statusCode()).isEqualTo(200);
      assertThat(first.demoLogins()).hasSize(21);
      assertThat(count(first, "SELECT count(*) FROM project")).isEqualTo(3);
      token = CLIENT.post(first.port(), "localhost", "/api/v1/auth/token")
          .sendJsonObject(new JsonObject().put("email", "ministry@dure.demo").put("password", DemoData.PASSWORD))
          .await().bodyAsJsonObject().getString("token");
      first.pool().query("INSERT INTO organisation (kind, name) VALUES ('UNIVERSITY', '재시작 확인 대학')").execute().await();
    } finally {
      first.stop();
    }
    assertThat(Files.exists(dir.resolve("jwt-secret"))).isTrue();
    assertThat(Files.exists(dir.resolve("postgres/PG_VERSION"))).isTrue();

    Application second = Application.start(config);
    try {
      assertThat(second.demoLogins()).isEmpty();
      assertThat(count(second, "SELECT count(*) FROM project")).isEqualTo(3);
      assertThat(count(second, "SELECT count(*) FROM app_user")).isEqualTo(21);
      assertThat(count(second, "SELECT count(*) FROM organisation WHERE name = '재시작 확인 대학'")).isEqualTo(1);
      // a token issued before the restart is still valid: the secret was kept
      var me = CLIENT.get(second.port(), "localhost", "/api/v1/me").putHeader("Authorization", "Bearer " + token).send().await();
      assertThat(me.statusCode()).isEqualTo(200);
    } finally {
      second.stop();
    }
  }

  @Test
  void without_demo_an_empty_install_has_no_users_and_so_no_default_password(@TempDir Path dir) throws Exception {
    Config config = new Config(Optional.empty(), false, 0, dir, Optional.of(TestApp.JWT_SECRET), false, false);
    Application app = Application.start(config);
    try {
      assertThat(count(app, "SELECT count(*) FROM app_user")).isZero();
      assertThat(count(app, "SELECT count(*) FROM region_designation")).isEqualTo(107);
      assertThat(CLIENT.post(app.port(), "localhost", "/api/v1/auth/token")
          .sendJsonObject(new JsonObject().put("email", "ministry@dure.demo").put("password", DemoData.PASSWORD))
          .await().statusCode()).isEqualTo(401);
    } finally {
      app.stop();
    }
  }
}
