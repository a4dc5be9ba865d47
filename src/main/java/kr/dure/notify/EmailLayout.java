package kr.dure.notify;

import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The HTML part of a notification e-mail: the same words as its text part in one column that mail
 * programs show alike (table layout, inline styles, a link button, contrast as on the site). Values
 * are escaped by Handlebars, so a resource or firm name cannot add markup.
 */
final class EmailLayout {

  static final String TEMPLATE = "web-assets/templates/mail/notification.hbs";

  private final Template template;

  EmailLayout() {
    try (InputStream in = EmailLayout.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException(TEMPLATE + " is missing from the classpath");
      }
      template = new Handlebars().compileInline(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code model}: lang, subject, app, title, lines, link and open (optional), footer, settings and settingsLabel (optional). */
  String render(Map<String, Object> model) {
    try {
      return template.apply(model);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
