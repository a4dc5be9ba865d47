package kr.dure.web;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Message bundles: Korean by default ({@code messages.properties}), English beside it. */
public final class Messages {

  public static final List<String> LANGUAGES = List.of("ko", "en");
  public static final String DEFAULT_LANGUAGE = "ko";
  private static final String BASE = "i18n.messages";
  // without this control a missing bundle would fall back to the JVM's default locale, not to Korean
  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private final ResourceBundle korean = ResourceBundle.getBundle(BASE, Locale.KOREAN, NO_FALLBACK);
  private final ResourceBundle english = ResourceBundle.getBundle(BASE, Locale.ENGLISH, NO_FALLBACK);

  public static String supported(String lang) {
    return lang != null && LANGUAGES.contains(lang) ? lang : DEFAULT_LANGUAGE;
  }

  /** The text for {@code key} in {@code lang}, with {@code {0}}-style arguments filled in; the key itself when missing. */
  public String get(String lang, String key, Object... args) {
    ResourceBundle bundle = "en".equals(lang) ? english : korean;
    String pattern;
    try {
      pattern = bundle.getString(key);
    } catch (MissingResourceException e) {
      return key;
    }
    if (args == null || args.length == 0) {
      return pattern;
    }
    return new MessageFormat(pattern, "en".equals(lang) ? Locale.ENGLISH : Locale.KOREAN).format(args);
  }

  public boolean has(String key) {
    return korean.containsKey(key);
  }
}
