package kr.dure.monitoring;

import java.util.List;
import java.util.Objects;

/**
 * A table shown on a dashboard or a statement: the one model behind the HTML table, the CSV and the
 * XLSX export, so the three never disagree.
 *
 * <p>Cell values by column type: {@code TEXT} a String; {@code INTEGER} and {@code MONEY} (whole won) a
 * Long; {@code PERCENT} a Double fraction (0.25 is 25 %); {@code DECIMAL} a Double; {@code DATE} a
 * {@link java.time.LocalDate}; {@code DATETIME} an {@link java.time.OffsetDateTime} in Asia/Seoul.
 * A null cell is empty.
 *
 * @param name file-name stem of the export (ASCII, e.g. {@code utilization-2026-11})
 * @param titleKey message key of the table's caption
 * @param columns the columns, in order
 * @param rows each row has one value per column
 */
public record ReportTable(String name, String titleKey, List<Column> columns, List<List<Object>> rows) {

  public ReportTable {
    Objects.requireNonNull(name);
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
    for (List<Object> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException("a row of " + name + " has " + row.size() + " cells for " + columns.size() + " columns");
      }
    }
  }

  /** A column: its header's message key and how its cells are typed and formatted. */
  public record Column(String headerKey, Type type) {
  }

  public enum Type { TEXT, INTEGER, MONEY, PERCENT, DECIMAL, DATE, DATETIME }
}
