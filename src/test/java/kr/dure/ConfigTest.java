package kr.dure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

  @Test
  void with_nothing_set_the_embedded_database_runs_with_demo_data_on_port_8080() {
    Config config = Config.fromEnv(Map.of());
    assertThat(config.embeddedDatabase()).isTrue();
    assertThat(config.demo()).isTrue();
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.dataDir().toString()).endsWith("data");
  }

  @Test
  void an_external_database_loads_no_demo_data_unless_asked() {
    assertThat(Config.fromEnv(Map.of("DATABASE_URL", "postgresql://u:p@db:5432/dure")).demo()).isFalse();
    assertThat(Config.fromEnv(Map.of("DATABASE_URL", "postgresql://u:p@db:5432/dure", "DURE_DEMO", "true")).demo()).isTrue();
    assertThat(Config.fromEnv(Map.of("PGHOST", "db")).embeddedDatabase()).isFalse();
    assertThat(Config.fromEnv(Map.of("DURE_DEMO", "false")).demo()).isFalse();
  }

  @Test
  void bad_settings_are_refused_with_a_message_naming_the_variable() {
    assertThatThrownBy(() -> Config.fromEnv(Map.of("HTTP_PORT", "eighty"))).hasMessageContaining("HTTP_PORT");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("HTTP_PORT", "70000"))).hasMessageContaining("HTTP_PORT");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("DURE_DEMO", "maybe"))).hasMessageContaining("DURE_DEMO");
  }
}
