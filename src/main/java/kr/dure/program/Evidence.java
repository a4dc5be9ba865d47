package kr.dure.program;

import io.vertx.core.buffer.Buffer;
import kr.dure.common.ValidationException;

/**
 * Spending evidence (증빙) files: which types are taken (PDF, HWP, HWPX, PNG, JPEG — told by their
 * first bytes, never by the name or the declared type), how large, and how the name is kept and sent back.
 */
public final class Evidence {

  /** The largest evidence file: 10 MiB, as the {@code spending_evidence_size} constraint says. */
  public static final int LIMIT = 10 * 1024 * 1024;

  /** A stored evidence file. */
  public record File(String filename, String contentType, Buffer bytes) {
  }

  private Evidence() {
  }

  /**
   * Checks an uploaded file and returns it with its real type and a safe name.
   *
   * @param field the form or API field errors are reported on
   */
  public static File check(String field, String filename, Buffer bytes) {
    if (bytes == null || bytes.length() == 0) {
      throw ValidationException.of(field, "validation.evidenceMissing", "Choose an evidence file to upload.");
    }
    if (bytes.length() > LIMIT) {
      throw ValidationException.of(field, "validation.evidenceSize", "The evidence file must be at most 10 MiB.");
    }
    String type = type(bytes);
    if (type == null) {
      throw ValidationException.of(field, "validation.evidenceType",
          "The evidence must be a PDF, HWP, HWPX, PNG or JPEG file; this file's content is none of them.");
    }
    return new File(safeName(filename, type), type, bytes);
  }

  /**
   * The type the bytes start with, whatever the client claimed (detected as for application
   * attachments); HWPX is stored under the name the spending table allows. Null for anything else.
   */
  static String type(Buffer b) {
    String detected = AttachmentFiles.detect(b);
    return "application/vnd.hancom.hwpx".equals(detected) ? "application/hwp+zip" : detected;
  }

  static String extension(String type) {
    return switch (type) {
      case "application/pdf" -> "pdf";
      case "image/png" -> "png";
      case "image/jpeg" -> "jpg";
      case "application/x-hwp" -> "hwp";
      default -> "hwpx";
    };
  }

  /** The client's name as {@link kr.dure.common.FileNames#safe} cleans it, at most 120 characters before the extension. */
  static String safeName(String raw, String type) {
    return kr.dure.common.FileNames.safe(raw, extension(type), "evidence", 120);
  }
}
