package kr.dure.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MessagesTest {

  private static Set<String> keys(String resource) throws IOException {
    Properties p = new Properties();
    try (Reader r = new InputStreamReader(MessagesTest.class.getResourceAsStream(resource), StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return new TreeSet<>(p.stringPropertyNames());
  }

  @Test
  void korean_and_english_bundles_have_the_same_keys() throws IOException {
    assertThat(keys("/i18n/messages_en.properties")).isEqualTo(keys("/i18n/messages.properties"));
  }

  @Test
  void every_literal_key_used_in_a_template_exists() throws IOException {
    Set<String> known = keys("/i18n/messages.properties");
    Pattern use = Pattern.compile("\\{\\{t \"([^\"]+)\"");
    Set<String> missing = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("web-assets/templates"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Matcher m = use.matcher(Files.readString(file));
        while (m.find()) {
          if (!known.contains(m.group(1))) {
            missing.add(file.getFileName() + ": " + m.group(1));
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void korean_is_the_default_and_english_is_used_when_asked() {
    Messages messages = new Messages();
    assertThat(messages.get("ko", "nav.login")).isEqualTo("로그인");
    assertThat(messages.get("en", "nav.login")).isEqualTo("Sign in");
    assertThat(messages.get("fr", "nav.login")).isEqualTo("로그인");
    assertThat(messages.get("en", "home.welcome", "Kim")).isEqualTo("Welcome, Kim.");
  }
}
