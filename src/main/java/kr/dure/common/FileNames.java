package kr.dure.common;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** File names of uploads and downloads: one way to clean what a client sends, one way to name a download. */
public final class FileNames {

  private FileNames() {
  }

  /**
   * The last path segment of what the client sent, without control, direction or zero-width
   * characters, with characters Windows refuses (and {@code ;}) as {@code _}, no leading dots, at most
   * {@code maxCodePoints} before the extension, ending in {@code extension} — the type the bytes really
   * are ({@code ../../x.exe} holding a PDF becomes {@code x.exe.pdf}; {@code .jpeg} passes for {@code jpg}).
   * An empty result is {@code fallback} with the extension.
   */
  public static String safe(String raw, String extension, String fallback, int maxCodePoints) {
    String name = raw == null ? "" : raw;
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    StringBuilder out = new StringBuilder();
    name.codePoints().forEach(c -> {
      boolean invisible = c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || (c >= 0x200B && c <= 0x200F)
          || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
      if (!invisible) {
        out.appendCodePoint("<>:\"|?*;".indexOf(c) >= 0 ? '_' : c);
      }
    });
    name = out.toString().strip();
    while (name.startsWith(".")) {
      name = name.substring(1);
    }
    if (name.codePointCount(0, name.length()) > maxCodePoints) {
      name = name.substring(0, name.offsetByCodePoints(0, maxCodePoints));
    }
    if (name.isEmpty()) {
      name = fallback;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    boolean hasExt = lower.endsWith("." + extension) || "jpg".equals(extension) && lower.endsWith(".jpeg");
    return hasExt ? name : name + "." + extension;
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
