package kr.dure.monitoring;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import kr.dure.common.Zones;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * A table as an XLSX workbook of one sheet, written by fastexcel, which streams: rows already
 * flushed are compressed into the output and not kept. Cells are typed: numbers are numbers, money
 * has the {@code #,##0} format, percentages {@code 0.0%}, dates and times are Excel dates (Seoul
 * local time); the header row is bold and frozen.
 */
public final class XlsxExport implements TableWriter {

  public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  /** Rows are handed to the output in batches of this many. */
  static final int FLUSH_EVERY = 1000;

  private final Workbook workbook;
  private Worksheet sheet;
  private List<ReportTable.Column> columns;
  private int nextRow;
  private boolean finished;

  public XlsxExport(OutputStream out) {
    this.workbook = new Workbook(out, "Dure", "1.0");
  }

  @Override
  public void header(String sheetTitle, List<ReportTable.Column> columns, List<String> labels) throws IOException {
    this.columns = List.copyOf(columns);
    sheet = workbook.newWorksheet(sheetName(sheetTitle));
    for (int c = 0; c < columns.size(); c++) {
      String label = labels.get(c);
      sheet.width(c, Math.max(width(columns.get(c).type()), Math.min(60, displayWidth(label) + 2)));
      sheet.value(0, c, label);
      sheet.style(0, c).bold().fillColor("EEEEEE").set();
    }
    sheet.freezePane(0, 1);
    nextRow = 1;
  }

  @Override
  public void row(List<Object> cells) throws IOException {
    int r = nextRow++;
    for (int c = 0; c < cells.size(); c++) {
      Object value = cells.get(c);
      if (value == null) {
        continue;
      }
      switch (columns.get(c).type()) {
        case TEXT -> sheet.value(r, c, value.toString());
        case INTEGER -> {
          sheet.value(r, c, (Number) value);
          sheet.style(r, c).format("0").set();
        }
        case MONEY -> {
          sheet.value(r, c, (Number) value);
          sheet.style(r, c).format("#,##0").set();
        }
        case PERCENT -> {
          sheet.value(r, c, (Number) value);
          sheet.style(r, c).format("0.0%").set();
        }
        case DECIMAL -> {
          sheet.value(r, c, (Number) value);
          sheet.style(r, c).format("#,##0.00").set();
        }
        case DATE -> {
          sheet.value(r, c, (LocalDate) value);
          sheet.style(r, c).format("yyyy-mm-dd").set();
        }
        case DATETIME -> {
          sheet.value(r, c, ((OffsetDateTime) value).atZoneSameInstant(Zones.SEOUL).toLocalDateTime());
          sheet.style(r, c).format("yyyy-mm-dd hh:mm").set();
        }
      }
    }
    if ((r % FLUSH_EVERY) == 0) {
      sheet.flush();
    }
  }

  @Override
  public void flush() throws IOException {
    if (sheet != null) {
      sheet.flush();
    }
  }

  @Override
  public void finish() throws IOException {
    if (!finished) {
      finished = true;
      workbook.finish();
    }
  }

  /** Excel refuses sheet names over 31 characters or with any of {@code []:*?/\}. */
  static String sheetName(String title) {
    String name = title == null ? "" : title.replaceAll("[\\[\\]:*?/\\\\]", " ").strip();
    if (name.isEmpty()) {
      name = "Sheet1";
    }
    return name.length() > 31 ? name.substring(0, 31) : name;
  }

  private static double width(ReportTable.Type type) {
    return switch (type) {
      case TEXT -> 24;
      case DATETIME -> 17;
      case DATE -> 12;
      case MONEY -> 14;
      default -> 10;
    };
  }

  /** Hangul and other wide characters take about two columns. */
  private static int displayWidth(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); i++) {
      w += s.charAt(i) > 0x1100 ? 2 : 1;
    }
    return w;
  }
}
