package kr.dure.program;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What an uploaded attachment really is (by its first bytes, never by the browser's content type or
 * the file name) and a file name that is safe to store and to send back in Content-Disposition.
 */
public final class AttachmentFiles {

  /** The extension each accepted type is saved with. */
  static final Map<String, String> EXTENSIONS = Map.of(
      "application/pdf", "pdf", "application/x-hwp", "hwp", "application/vnd.hancom.hwpx", "hwpx",
      "image/png", "png", "image/jpeg", "jpg");
  private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
  // HWP 5 is an OLE2 compound file whose FileHeader stream starts with this signature; HWP 3 starts with it
  private static final byte[] HWP_SIGNATURE = "HWP Document File".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HWPX_MIMETYPE = "application/hwp+zip".getBytes(StandardCharsets.US_ASCII);

  private AttachmentFiles() {
  }

  /** The content type the bytes are (PDF, HWP, HWPX, PNG, JPEG), or null for anything else. */
  public static String detect(Buffer b) {
    if (startsWith(b, 0, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
      return "application/pdf";
    }
    if (b.length() >= 8 && (b.getByte(0) & 0xff) == 0x89 && "PNG\r\n".equals(b.getString(1, 6, "ISO-8859-1"))) {
      return "image/png";
    }
    if (b.length() >= 3 && (b.getByte(0) & 0xff) == 0xFF && (b.getByte(1) & 0xff) == 0xD8 && (b.getByte(2) & 0xff) == 0xFF) {
      return "image/jpeg";
    }
    if (startsWith(b, 0, HWP_SIGNATURE) || startsWith(b, 0, OLE2) && contains(b, HWP_SIGNATURE)) {
      // an OLE2 file without the HWP signature (a .doc, .xls, .msi) is refused
      return "application/x-hwp";
    }
    if (isHwpx(b)) {
      return "application/vnd.hancom.hwpx";
    }
    return null;
  }

  /** HWPX (OWPML) is a ZIP whose first entry is an uncompressed {@code mimetype} reading application/hwp+zip, as in ODF. */
  private static boolean isHwpx(Buffer b) {
    if (b.length() < 30 || !startsWith(b, 0, new byte[] {'P', 'K', 3, 4})) {
      return false;
    }
    int nameLength = (b.getByte(26) & 0xff) | (b.getByte(27) & 0xff) << 8;
    int extraLength = (b.getByte(28) & 0xff) | (b.getByte(29) & 0xff) << 8;
    if (nameLength != 8 || b.length() < 30 + nameLength + extraLength + HWPX_MIMETYPE.length
        || !"mimetype".equals(b.getString(30, 38, "US-ASCII"))) {
      return false;
    }
    return startsWith(b, 30 + nameLength + extraLength, HWPX_MIMETYPE);
  }

  private static boolean startsWith(Buffer b, int at, byte[] prefix) {
    if (b.length() < at + prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b.getByte(at + i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean contains(Buffer b, byte[] needle) {
    byte[] bytes = b.getBytes();
    outer:
    for (int i = 0; i + needle.length <= bytes.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** The client's name as {@link kr.dure.common.FileNames#safe} cleans it, at most 150 characters before the extension. */
  public static String safeName(String raw, String contentType) {
    return kr.dure.common.FileNames.safe(raw, EXTENSIONS.getOrDefault(contentType, "bin"), "attachment", 150);
  }
}
