package kr.dure.notify;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Users' notification choices: per kind in the app and by e-mail, and the language of their e-mails. */
public final class PreferenceRepository {

  private static final String RECIPIENTS = """
      SELECT u.id, u.email, u.active, coalesce(s.email_language, 'ko') AS email_language, p.in_app, p.email AS by_email
        FROM app_user u
        LEFT JOIN notification_setting s ON s.user_id = u.id
        LEFT JOIN notification_preference p ON p.user_id = u.id AND p.kind = $2
       WHERE u.id = ANY($1)
      """;
  private static final String LOCALE = "SELECT locale FROM app_user WHERE id = $1";
  private static final String CHOICES = "SELECT kind, in_app, email FROM notification_preference WHERE user_id = $1";
  private static final String LANGUAGE = "SELECT email_language FROM notification_setting WHERE user_id = $1";
  private static final String UPSERT_CHOICE = """
      INSERT INTO notification_preference (user_id, kind, in_app, email) VALUES ($1, $2, $3, $4)
      ON CONFLICT (user_id, kind) DO UPDATE SET in_app = EXCLUDED.in_app, email = EXCLUDED.email, updated_at = now()
      """;
  private static final String UPSERT_LANGUAGE = """
      INSERT INTO notification_setting (user_id, email_language) VALUES ($1, $2)
      ON CONFLICT (user_id) DO UPDATE SET email_language = EXCLUDED.email_language, updated_at = now()
      """;

  /** Who a notification goes to and how; {@code inApp}/{@code byEmail} are null when the user kept the default. */
  public record Recipient(long userId, String email, boolean active, String language, Boolean inApp, Boolean byEmail) {
  }

  public record Choice(boolean inApp, boolean email) {
  }

  public Future<List<Recipient>> recipients(SqlClient sql, List<Long> userIds, String kind) {
    return sql.preparedQuery(RECIPIENTS).execute(Tuple.of(userIds.toArray(new Long[0]), kind)).map(rows -> {
      List<Recipient> list = new ArrayList<>();
      for (Row r : rows) {
        list.add(new Recipient(r.getLong("id"), r.getString("email"), r.getBoolean("active"), r.getString("email_language"),
            r.getBoolean("in_app"), r.getBoolean("by_email")));
      }
      return list;
    });
  }

  /** The user's stored choices by kind (kinds without a row keep their defaults). */
  public Future<Map<String, Choice>> choices(SqlClient sql, long userId) {
    return sql.preparedQuery(CHOICES).execute(Tuple.of(userId)).map(rows -> {
      Map<String, Choice> map = new HashMap<>();
      rows.forEach(r -> map.put(r.getString("kind"), new Choice(r.getBoolean("in_app"), r.getBoolean("email"))));
      return map;
    });
  }

  /** The language the user chose for the site (the API's texts default to it). */
  public Future<String> locale(SqlClient sql, long userId) {
    return sql.preparedQuery(LOCALE).execute(Tuple.of(userId))
        .map(rows -> rows.size() == 0 ? "ko" : rows.iterator().next().getString("locale"));
  }

  public Future<String> emailLanguage(SqlClient sql, long userId) {
    return sql.preparedQuery(LANGUAGE).execute(Tuple.of(userId))
        .map(rows -> rows.size() == 0 ? "ko" : rows.iterator().next().getString("email_language"));
  }

  public Future<Void> saveChoices(SqlClient sql, long userId, Map<String, Choice> choices) {
    if (choices.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = new ArrayList<>();
    choices.forEach((kind, c) -> batch.add(Tuple.of(userId, kind, c.inApp(), c.email())));
    return sql.preparedQuery(UPSERT_CHOICE).executeBatch(batch).mapEmpty();
  }

  public Future<Void> saveEmailLanguage(SqlClient sql, long userId, String language) {
    return sql.preparedQuery(UPSERT_LANGUAGE).execute(Tuple.of(userId, language)).mapEmpty();
  }
}
