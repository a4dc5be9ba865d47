package kr.dure.monitoring;

import java.io.IOException;
import java.util.List;

/**
 * Writes the rows of a {@link ReportTable}-shaped table to a file format, one row at a time, so a
 * caller can stream rows from the database without holding them all; the cells follow the column
 * types of {@link ReportTable}.
 */
public interface TableWriter extends AutoCloseable {

  /** Starts the file with the header row; {@code labels} are the columns' headers in the reader's language. */
  void header(String sheetTitle, List<ReportTable.Column> columns, List<String> labels) throws IOException;

  void row(List<Object> cells) throws IOException;

  /** Hands what is written so far to the output (a streaming writer keeps nothing of the rows after this). */
  void flush() throws IOException;

  /** Ends the file; nothing may be written after it. */
  void finish() throws IOException;

  @Override
  default void close() throws IOException {
    finish();
  }

  /** Writes a whole table: header, every row, end. */
  default void write(ReportTable table, String sheetTitle, List<String> labels) throws IOException {
    header(sheetTitle, table.columns(), labels);
    for (List<Object> row : table.rows()) {
      row(row);
    }
    finish();
  }
}
