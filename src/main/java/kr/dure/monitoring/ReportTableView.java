package kr.dure.monitoring;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import kr.dure.web.Views;

/**
 * A {@link ReportTable} as the {@code monitoring-table} partial draws it (formatted cells, optional
 * links in the first column, optional shading levels), and the JSON a chart draws from the same rows.
 */
final class ReportTableView {

  private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private ReportTableView() {
  }

  static JsonObject of(ReportTable table, String id, String lang, List<String> links) {
    return of(table, id, lang, links, false);
  }

  /** {@code shade}: numeric cells get a {@code heat-0}…{@code heat-5} class relative to the largest value (the number stays). */
  static JsonObject of(ReportTable table, String id, String lang, List<String> links, boolean shade) {
    double max = 0;
    if (shade) {
      for (List<Object> row : table.rows()) {
        for (Object v : row) {
          if (v instanceof Number n) {
            max = Math.max(max, n.doubleValue());
          }
        }
      }
    }
    JsonArray headers = new JsonArray();
    table.columns().forEach(c -> headers.add(new JsonObject().put("key", c.headerKey()).put("numeric", numeric(c.type()))));
    JsonArray rows = new JsonArray();
    for (int i = 0; i < table.rows().size(); i++) {
      List<Object> row = table.rows().get(i);
      JsonArray cells = new JsonArray();
      for (int c = 0; c < row.size(); c++) {
        ReportTable.Type type = table.columns().get(c).type();
        JsonObject cell = new JsonObject().put("text", format(row.get(c), type, lang)).put("header", c == 0);
        String cls = numeric(type) ? "num" : "";
        if (shade && c > 0 && row.get(c) instanceof Number n) {
          int level = max <= 0 || n.doubleValue() <= 0 ? 0 : (int) Math.ceil(n.doubleValue() / max * 5);
          cls += " heat-" + level;
        }
        cell.put("cls", cls.trim());
        if (c == 0 && links != null && i < links.size() && links.get(i) != null) {
          cell.put("href", links.get(i));
        }
        cells.add(cell);
      }
      rows.add(new JsonObject().put("cells", cells));
    }
    return new JsonObject().put("id", id).put("titleKey", table.titleKey()).put("headers", headers).put("rows", rows)
        .put("empty", table.rows().isEmpty()).put("heat", shade);
  }

  /**
   * Chart.js data (labels from the first column, one dataset per chosen column; percentages as
   * 0–100), escaped so it can sit inside {@code <script type="application/json">}.
   */
  static String chart(ReportTable table, String type, List<Integer> columns, List<String> labels, String lang) {
    JsonArray xs = new JsonArray();
    table.rows().forEach(r -> xs.add(format(r.get(0), table.columns().get(0).type(), lang)));
    JsonArray datasets = new JsonArray();
    boolean percent = false;
    for (int k = 0; k < columns.size(); k++) {
      int c = columns.get(k);
      percent |= table.columns().get(c).type() == ReportTable.Type.PERCENT;
      JsonArray data = new JsonArray();
      for (List<Object> r : table.rows()) {
        Object v = r.get(c);
        if (v instanceof Number n) {
          double d = table.columns().get(c).type() == ReportTable.Type.PERCENT ? n.doubleValue() * 100 : n.doubleValue();
          data.add(Math.round(d * 10) / 10.0);
        } else {
          data.addNull();
        }
      }
      datasets.add(new JsonObject().put("label", labels.get(k)).put("data", data));
    }
    String json = new JsonObject().put("type", type).put("percent", percent)
        .put("data", new JsonObject().put("labels", xs).put("datasets", datasets)).encode();
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
  }

  private static boolean numeric(ReportTable.Type type) {
    return type != ReportTable.Type.TEXT && type != ReportTable.Type.DATE && type != ReportTable.Type.DATETIME;
  }

  static String format(Object value, ReportTable.Type type, String lang) {
    if (value == null) {
      return "–";
    }
    return switch (type) {
      case TEXT -> value.toString();
      case INTEGER -> String.format(Locale.ROOT, "%,d", ((Number) value).longValue());
      case MONEY -> Views.won(((Number) value).longValue(), lang);
      case PERCENT -> String.format(Locale.ROOT, "%.1f%%", ((Number) value).doubleValue() * 100);
      case DECIMAL -> String.format(Locale.ROOT, "%,.1f", ((Number) value).doubleValue());
      case DATE -> ((LocalDate) value).toString();
      case DATETIME -> ((OffsetDateTime) value).format(DATETIME);
    };
  }
}
