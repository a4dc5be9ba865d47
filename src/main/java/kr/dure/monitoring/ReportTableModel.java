package kr.dure.monitoring;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import kr.dure.web.LocalTimes;
import kr.dure.web.Messages;
import kr.dure.web.Views;

/**
 * A {@link ReportTable} as the {@code report-table} partial renders it: caption, column headers,
 * body rows and footer rows (totals), every cell already formatted for the reader's language, so the
 * page shows exactly the table that the CSV and XLSX exports write.
 */
public final class ReportTableModel {

  private ReportTableModel() {
  }

  /**
   * @param footerRows how many of the table's last rows are totals (shown in {@code <tfoot>})
   * @param rowHeader the column whose cell heads its row ({@code <th scope="row">}), or -1
   */
  public static JsonObject of(ReportTable table, Messages messages, String lang, int footerRows, int rowHeader) {
    JsonArray headers = new JsonArray();
    for (ReportTable.Column c : table.columns()) {
      headers.add(new JsonObject().put("label", messages.get(lang, c.headerKey())).put("numeric", numeric(c.type())));
    }
    int bodyRows = table.rows().size() - footerRows;
    JsonArray body = new JsonArray();
    JsonArray foot = new JsonArray();
    for (int i = 0; i < table.rows().size(); i++) {
      (i < bodyRows ? body : foot).add(new JsonObject().put("cells", cells(table.columns(), table.rows().get(i), lang, rowHeader)));
    }
    return new JsonObject().put("caption", messages.get(lang, table.titleKey())).put("headers", headers)
        .put("rows", body).put("footer", foot).put("empty", bodyRows == 0);
  }

  private static JsonArray cells(List<ReportTable.Column> columns, List<Object> row, String lang, int rowHeader) {
    JsonArray cells = new JsonArray();
    for (int c = 0; c < columns.size(); c++) {
      ReportTable.Type type = columns.get(c).type();
      cells.add(new JsonObject().put("text", text(type, row.get(c), lang)).put("numeric", numeric(type))
          .put("rowHeader", c == rowHeader));
    }
    return cells;
  }

  static boolean numeric(ReportTable.Type type) {
    return type == ReportTable.Type.INTEGER || type == ReportTable.Type.MONEY || type == ReportTable.Type.PERCENT
        || type == ReportTable.Type.DECIMAL;
  }

  /** A cell as the page shows it: won with separators, percentages with one decimal, Seoul times. */
  public static String text(ReportTable.Type type, Object value, String lang) {
    if (value == null) {
      return "";
    }
    return switch (type) {
      case TEXT -> value.toString();
      case INTEGER -> String.format(Locale.ROOT, "%,d", ((Number) value).longValue());
      case MONEY -> Views.won(((Number) value).longValue(), lang);
      case PERCENT -> String.format(Locale.ROOT, "%.1f%%", ((Number) value).doubleValue() * 100);
      case DECIMAL -> String.format(Locale.ROOT, "%,.2f", ((Number) value).doubleValue());
      case DATE -> LocalTimes.date((LocalDate) value, lang);
      case DATETIME -> LocalTimes.dateTime(((OffsetDateTime) value).toInstant(), lang);
    };
  }
}
