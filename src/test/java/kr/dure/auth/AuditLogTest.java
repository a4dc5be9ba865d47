package kr.dure.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditLogTest {

  private final TestApp app = TestApp.get();
  private final Pool pool = app.app().pool();

  @BeforeEach
  void forgetFailures() {
    app.resetThrottle();
  }

  private long count(String action, String actor) {
    return pool.preparedQuery("SELECT count(*) AS n FROM audit_log WHERE action = $1 AND actor = $2")
        .execute(Tuple.of(action, actor)).await().iterator().next().getLong("n");
  }

  @Test
  void sign_ins_and_failed_sign_ins_are_recorded_with_who_and_from_where() {
    long before = count("auth.login", "kimchi@dure.demo");
    long failedBefore = count("auth.login.failed", "kimchi@dure.demo");
    app.token("kimchi@dure.demo");
    app.client().post("/api/v1/auth/token")
        .sendJsonObject(new JsonObject().put("email", "kimchi@dure.demo").put("password", "wrong")).await();
    assertThat(count("auth.login", "kimchi@dure.demo")).isEqualTo(before + 1);
    assertThat(count("auth.login.failed", "kimchi@dure.demo")).isEqualTo(failedBefore + 1);
    Row last = pool.query("SELECT actor_user_id, ip, at FROM audit_log WHERE actor = 'kimchi@dure.demo' ORDER BY id DESC LIMIT 1")
        .execute().await().iterator().next();
    assertThat(last.getLong("actor_user_id")).isNotNull();
    assertThat(last.getString("ip")).isEqualTo("127.0.0.1");
  }

  @Test
  void creating_a_user_is_recorded_in_the_same_transaction() {
    AuthService auth = app.app().services().auth();
    long userId = auth.createUser(new NewUser("audit.new@dure.demo", "감사 테스트", Role.FIRM, 1, "ko", "a-long-password"),
        Actor.system("test")).await();
    Row row = pool.preparedQuery("SELECT actor, details FROM audit_log WHERE action = 'user.create' AND target_id = $1")
        .execute(Tuple.of(Long.toString(userId))).await().iterator().next();
    assertThat(row.getString("actor")).isEqualTo("system:test");
    assertThat(row.getJsonObject("details").getString("email")).isEqualTo("audit.new@dure.demo");
    // the same e-mail again is a conflict, and nothing more is recorded
    assertThatThrownBy(() -> auth.createUser(new NewUser("audit.new@dure.demo", "둘째", Role.FIRM, 1, "ko", "a-long-password"),
        Actor.system("test")).await()).isInstanceOf(kr.dure.common.ConflictException.class);
    assertThat(pool.query("SELECT count(*) AS n FROM audit_log WHERE action = 'user.create' AND details->>'email' = 'audit.new@dure.demo'")
        .execute().await().iterator().next().getLong("n")).isEqualTo(1);
  }

  @Test
  void the_audit_log_cannot_be_changed_or_deleted() {
    assertThatThrownBy(() -> pool.query("UPDATE audit_log SET actor = 'someone else'").execute().await())
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> pool.query("DELETE FROM audit_log").execute().await())
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> pool.query("TRUNCATE audit_log").execute().await())
        .hasMessageContaining("append-only");
  }
}
