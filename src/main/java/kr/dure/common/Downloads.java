package kr.dure.common;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** What every download answers with: one way to name the file for the browser. */
public final class Downloads {

  private Downloads() {
  }

  /**
   * {@code attachment} with an ASCII fallback name (quotes, backslashes, percent signs, semicolons and
   * anything outside printable ASCII become {@code _}) and the exact name in RFC 5987 form, where
   * only RFC 5987's attr-chars stay unencoded (RFC 6266).
   */
  public static String contentDisposition(String filename) {
    StringBuilder ascii = new StringBuilder();
    filename.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7F && "\"\\%;".indexOf(c) < 0 ? (char) c : '_'));
    StringBuilder encoded = new StringBuilder();
    for (byte b : filename.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }
}
