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

  @Test
  void without_smtp_host_there_is_no_mail_server_and_with_it_the_settings_are_read() {
    assertThat(Config.fromEnv(Map.of()).smtp()).isEmpty();
    Config config = Config.fromEnv(Map.of("SMTP_HOST", "smtp.example.kr", "SMTP_FROM", "noreply@dure.example.kr",
        "SMTP_USERNAME", "dure", "SMTP_PASSWORD", " s3cret ", "SMTP_STARTTLS", "true", "DURE_PUBLIC_URL", "https://dure.example.kr/"));
    Config.Smtp smtp = config.smtp().orElseThrow();
    assertThat(smtp.host()).isEqualTo("smtp.example.kr");
    assertThat(smtp.port()).isEqualTo(587);
    assertThat(smtp.username()).contains("dure");
    assertThat(smtp.password()).contains(" s3cret ");
    assertThat(smtp.startTls()).contains(true);
    assertThat(config.publicUrl()).contains("https://dure.example.kr");
    // the password never shows in a log line
    assertThat(config.toString()).doesNotContain("s3cret").contains("smtp.example.kr");
    assertThat(Config.fromEnv(Map.of("SMTP_HOST", "mail", "SMTP_FROM", "a@b.kr", "SMTP_PORT", "2525")).smtp().orElseThrow().port())
        .isEqualTo(2525);
    assertThat(Config.fromEnv(Map.of("SMTP_HOST", "mail", "SMTP_FROM", "a@b.kr")).smtp().orElseThrow().startTls()).isEmpty();
  }

  @Test
  void bad_smtp_settings_are_refused_naming_the_variable() {
    assertThatThrownBy(() -> Config.fromEnv(Map.of("SMTP_HOST", "mail"))).hasMessageContaining("SMTP_FROM");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("SMTP_HOST", "mail", "SMTP_FROM", "nobody"))).hasMessageContaining("SMTP_FROM");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("SMTP_HOST", "mail", "SMTP_FROM", "a@b.kr", "SMTP_PORT", "x")))
        .hasMessageContaining("SMTP_PORT");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("SMTP_HOST", "mail", "SMTP_FROM", "a@b.kr", "SMTP_STARTTLS", "perhaps")))
        .hasMessageContaining("SMTP_STARTTLS");
  }
}
