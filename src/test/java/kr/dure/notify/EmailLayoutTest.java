package kr.dure.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HTML part of notification e-mails. */
class EmailLayoutTest {

  @Test
  void names_from_users_are_escaped_and_the_parts_without_a_value_are_left_out() {
    Map<String, Object> model = new HashMap<>();
    model.put("lang", "en");
    model.put("subject", "[Dure] Booking confirmed");
    model.put("app", "Dure");
    model.put("title", "Booking confirmed: <script>alert(1)</script> & Co");
    model.put("lines", List.of("First line", "Second \"line\""));
    model.put("footer", "Sent by Dure.");
    String html = new EmailLayout().render(model);
    assertThat(html).contains("<html lang=\"en\">")
        .contains("Booking confirmed: &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co").doesNotContain("<script>")
        .contains(">First line<").contains("Second &quot;line&quot;")
        // no link and no settings: no button and no settings link
        .doesNotContain("<a ");
  }
}
