package kr.dure.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** Which failures mean "the database is unreachable for now" (503) and which do not (reliability, issue 6). */
class SqlErrorsTest {

  @Test
  void lost_or_refused_connections_and_server_shutdowns_are_unavailable() {
    assertThat(SqlErrors.isUnavailable(ClosedConnectionException.INSTANCE)).isTrue();
    assertThat(SqlErrors.isUnavailable(new ConnectException("Connection refused"))).isTrue();
    assertThat(SqlErrors.isUnavailable(new IOException("Broken pipe"))).isTrue();
    assertThat(SqlErrors.isUnavailable(new PgException("terminating connection due to administrator command", "FATAL", "57P01", null)))
        .isTrue();
    assertThat(SqlErrors.isUnavailable(new PgException("the database system is starting up", "FATAL", "57P03", null))).isTrue();
    assertThat(SqlErrors.isUnavailable(new PgException("connection failure", "FATAL", "08006", null))).isTrue();
    assertThat(SqlErrors.isUnavailable(new VertxException("Timeout waiting for connection", true))).isTrue();
    assertThat(SqlErrors.isUnavailable(new RuntimeException("wrapped", new ConnectException("Connection refused")))).isTrue();
  }

  @Test
  void errors_of_the_request_or_the_code_are_not() {
    assertThat(SqlErrors.isUnavailable(new PgException("duplicate key", "ERROR", SqlErrors.UNIQUE_VIOLATION, null))).isFalse();
    assertThat(SqlErrors.isUnavailable(new PgException("could not serialize", "ERROR", SqlErrors.SERIALIZATION_FAILURE, null))).isFalse();
    assertThat(SqlErrors.isUnavailable(new NoSuchFileException("/tmp/upload"))).isFalse();
    assertThat(SqlErrors.isUnavailable(new IllegalStateException("bug"))).isFalse();
    assertThat(SqlErrors.isUnavailable(null)).isFalse();
  }
}
