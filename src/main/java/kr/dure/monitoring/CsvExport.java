package kr.dure.monitoring;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import kr.dure.common.Zones;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A table as CSV (RFC 4180 via commons-csv) in UTF-8 with a byte-order mark, because Excel reads a
 * CSV without one in the system code page and garbles Korean. Numbers are plain (no separators, a
 * percent is its fraction: 0.25), dates ISO 8601, date-times ISO 8601 with the Seoul offset.
 */
public final class CsvExport implements TableWriter {

  public static final String CONTENT_TYPE = "text/csv; charset=utf-8";
  private static final char BOM = '\uFEFF';

  private final Writer out;
  private CSVPrinter printer;
  private List<ReportTable.Column> columns;

  public CsvExport(OutputStream out) {
    this.out = new OutputStreamWriter(out, StandardCharsets.UTF_8);
  }

  @Override
  public void header(String sheetTitle, List<ReportTable.Column> columns, List<String> labels) throws IOException {
    this.columns = List.copyOf(columns);
    out.write(BOM);
    printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(labels.toArray(String[]::new)).get());
  }

  @Override
  public void row(List<Object> cells) throws IOException {
    List<String> values = new ArrayList<>(cells.size());
    for (int i = 0; i < cells.size(); i++) {
      values.add(text(columns.get(i).type(), cells.get(i)));
    }
    printer.printRecord(values);
  }

  /** A cell as the CSV writes it; null is empty. */
  static String text(ReportTable.Type type, Object value) {
    if (value == null) {
      return "";
    }
    return switch (type) {
      case DATE -> ((LocalDate) value).toString();
      case DATETIME -> ((OffsetDateTime) value).atZoneSameInstant(Zones.SEOUL).toOffsetDateTime()
          .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      case PERCENT, DECIMAL -> java.math.BigDecimal.valueOf(((Number) value).doubleValue()).stripTrailingZeros().toPlainString();
      case TEXT -> defused(value.toString());
      default -> value.toString();
    };
  }

  /**
   * Text that a spreadsheet would run as a formula (CSV injection: a firm or resource named
   * {@code =HYPERLINK(…)}) gets a leading apostrophe, which Excel shows as plain text.
   */
  static String defused(String text) {
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      return "'" + text;
    }
    return text;
  }

  @Override
  public void flush() throws IOException {
    printer.flush();
  }

  @Override
  public void finish() throws IOException {
    if (printer != null) {
      printer.flush();
      printer = null;
    }
    out.flush();
  }
}
