package kr.dure.monitoring;

import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import kr.dure.common.ValidationException;

/** What a table page answers with: the page itself, or the same table as a CSV or XLSX download ({@code ?format=}). */
public enum ExportFormat {
  HTML, CSV, XLSX;

  /** The {@code format} query parameter; absent means the page; anything else but csv or xlsx is a 400. */
  public static ExportFormat of(RoutingContext ctx) {
    String raw = ctx.request().getParam("format");
    if (raw == null || raw.isBlank()) {
      return HTML;
    }
    return switch (raw.trim().toLowerCase(Locale.ROOT)) {
      case "csv" -> CSV;
      case "xlsx" -> XLSX;
      case "html" -> HTML;
      default -> throw ValidationException.of("format", "validation.exportFormat", "format must be csv or xlsx, not '" + raw + "'.");
    };
  }

  public String extension() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String contentType() {
    return switch (this) {
      case CSV -> CsvExport.CONTENT_TYPE;
      case XLSX -> XlsxExport.CONTENT_TYPE;
      case HTML -> "text/html; charset=utf-8";
    };
  }
}
