package kr.dure.program;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for an application's attachments (bytes kept in the database, so every app instance serves them). */
public final class AttachmentRepository {

  private static final String LIST = """
      SELECT id, application_id, filename, content_type, size_bytes, uploaded_at FROM application_attachment
       WHERE application_id = $1 ORDER BY uploaded_at, id
      """;
  private static final String COUNT = "SELECT count(*) AS n FROM application_attachment WHERE application_id = $1";
  private static final String INSERT = """
      INSERT INTO application_attachment (application_id, filename, content_type, size_bytes, content, uploaded_by)
      VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, application_id, filename, content_type, size_bytes, uploaded_at
      """;
  private static final String CONTENT = """
      SELECT id, application_id, filename, content_type, size_bytes, uploaded_at, content FROM application_attachment
       WHERE application_id = $1 AND id = $2
      """;
  private static final String DELETE = "DELETE FROM application_attachment WHERE application_id = $1 AND id = $2 RETURNING id";

  /** An attachment without its bytes. */
  public record Attachment(long id, long applicationId, String filename, String contentType, int sizeBytes, String uploadedAt) {

    static Attachment from(Row r) {
      return new Attachment(r.getLong("id"), r.getLong("application_id"), r.getString("filename"), r.getString("content_type"),
          r.getInteger("size_bytes"), r.getOffsetDateTime("uploaded_at").toInstant().toString());
    }

    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("applicationId", applicationId).put("filename", filename)
          .put("contentType", contentType).put("sizeBytes", sizeBytes).put("uploadedAt", uploadedAt)
          .put("href", "/applications/" + applicationId + "/attachments/" + id);
    }
  }

  /** An attachment with its bytes, for download. */
  public record Content(Attachment attachment, Buffer bytes) {
  }

  public Future<List<Attachment>> list(SqlClient sql, long applicationId) {
    return sql.preparedQuery(LIST).execute(Tuple.of(applicationId)).map(rows -> {
      List<Attachment> list = new ArrayList<>();
      rows.forEach(r -> list.add(Attachment.from(r)));
      return list;
    });
  }

  public Future<Long> count(SqlClient sql, long applicationId) {
    return sql.preparedQuery(COUNT).execute(Tuple.of(applicationId)).map(rows -> rows.iterator().next().getLong("n"));
  }

  public Future<Attachment> insert(SqlClient sql, long applicationId, String filename, String contentType, Buffer bytes, long userId) {
    return sql.preparedQuery(INSERT).execute(Tuple.of(applicationId, filename, contentType, bytes.length(), bytes, userId))
        .map(rows -> Attachment.from(rows.iterator().next()));
  }

  public Future<Optional<Content>> content(SqlClient sql, long applicationId, long id) {
    return sql.preparedQuery(CONTENT).execute(Tuple.of(applicationId, id)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new Content(Attachment.from(r), r.getBuffer("content")));
    });
  }

  public Future<Boolean> delete(SqlClient sql, long applicationId, long id) {
    return sql.preparedQuery(DELETE).execute(Tuple.of(applicationId, id)).map(rows -> rows.size() == 1);
  }
}
