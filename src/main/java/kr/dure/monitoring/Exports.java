package kr.dure.monitoring;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import io.vertx.sqlclient.Tuple;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;
import kr.dure.web.Messages;
import kr.dure.web.RequestContext;

/**
 * The export convention of every table page: {@code ?format=csv} or {@code ?format=xlsx} answers the
 * page's {@link ReportTable} as an attachment named {@code <table name>.<ext>} (RFC 6266 with an
 * RFC 5987 UTF-8 name), headers in the reader's language. Big tables stream from a PostgreSQL cursor.
 */
public final class Exports {

  /** Rows fetched from the cursor at a time when streaming. */
  static final int FETCH = 500;

  private final Messages messages;

  public Exports(Messages messages) {
    this.messages = messages;
  }

  /** Sends a table in the given format (not HTML: the page renders itself). */
  public Future<Void> send(RoutingContext ctx, ReportTable table, ExportFormat format) {
    String lang = RequestContext.lang(ctx);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TableWriter writer = writer(format, bytes)) {
      writer.write(table, messages.get(lang, table.titleKey()), labels(table.columns(), lang));
    } catch (IOException e) {
      return Future.failedFuture(new UncheckedIOException(e));
    }
    attachment(ctx.response(), table.name(), format);
    return ctx.response().end(io.vertx.core.buffer.Buffer.buffer(bytes.toByteArray()));
  }

  /**
   * Streams the rows of a query into the response without holding them: a cursor inside a read-only
   * transaction fetches {@link #FETCH} rows at a time, and the cursor pauses while the client's
   * connection cannot take more (back-pressure). Returns the number of rows sent.
   */
  public Future<Long> stream(RoutingContext ctx, Pool pool, String name, String titleKey, List<ReportTable.Column> columns,
      ExportFormat format, String sql, Tuple args, Function<Row, List<Object>> toCells) {
    String lang = RequestContext.lang(ctx);
    HttpServerResponse response = ctx.response();
    attachment(response, name, format);
    response.setChunked(true);
    ResponseOutputStream out = new ResponseOutputStream(response);
    TableWriter writer = writer(format, out);
    long[] count = {0};
    return pool.withTransaction(conn -> conn.query("SET TRANSACTION READ ONLY").execute()
            .compose(v -> conn.prepare(sql))
            .compose(statement -> {
              Promise<Void> done = Promise.promise();
              try {
                writer.header(messages.get(lang, titleKey), columns, labels(columns, lang));
              } catch (IOException e) {
                return Future.failedFuture(e);
              }
              RowStream<Row> rows = statement.createStream(FETCH, args);
              rows.exceptionHandler(done::tryFail);
              // a client that goes away mid-download must not leave the cursor (and its connection) paused forever
              response.closeHandler(v -> done.tryFail(new IllegalStateException("the client closed the connection")));
              rows.endHandler(v -> done.tryComplete());
              rows.handler(row -> {
                try {
                  writer.row(toCells.apply(row));
                  count[0]++;
                } catch (IOException | RuntimeException e) {
                  rows.pause();
                  done.tryFail(e);
                  return;
                }
                if (out.writeQueueFull()) {
                  rows.pause();
                  response.drainHandler(x -> rows.resume());
                }
              });
              return done.future().eventually(() -> rows.close());
            }))
        .compose(v -> {
          try {
            writer.finish();
            out.close();
          } catch (IOException e) {
            return Future.failedFuture(e);
          }
          return response.end().map(count[0]);
        })
        .recover(e -> {
          // the status and headers are gone already: cut the download short so the file is visibly incomplete
          if (response.headWritten() && !response.closed()) {
            response.reset();
          }
          return Future.failedFuture(e);
        });
  }

  public List<String> labels(List<ReportTable.Column> columns, String lang) {
    return columns.stream().map(c -> messages.get(lang, c.headerKey())).toList();
  }

  public static TableWriter writer(ExportFormat format, OutputStream out) {
    return switch (format) {
      case CSV -> new CsvExport(out);
      case XLSX -> new XlsxExport(out);
      case HTML -> throw new IllegalArgumentException("a page renders itself");
    };
  }

  /** Content type and {@code Content-Disposition: attachment} for a download named {@code <name>.<ext>}. */
  public static void attachment(HttpServerResponse response, String name, ExportFormat format) {
    response.putHeader("Content-Type", format.contentType())
        .putHeader("Content-Disposition", kr.dure.common.FileNames.contentDisposition(name + "." + format.extension()))
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Content-Type-Options", "nosniff");
  }
}
