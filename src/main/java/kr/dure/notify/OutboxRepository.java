package kr.dure.notify;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The e-mail outbox: rows written with the change they announce, claimed and sent by {@link OutboxSender}. */
public final class OutboxRepository {

  private static final String INSERT = """
      INSERT INTO email_outbox (recipient, user_id, kind, subject, body_text, body_html) VALUES ($1, $2, $3, $4, $5, $6)
      """;
  // SKIP LOCKED: a row another sender is claiming right now is left to it; the status and lease
  // conditions are checked again on the row's newest version, so a row claimed and committed by
  // another sender meanwhile is not taken twice
  private static final String CLAIM = """
      UPDATE email_outbox SET status = 'SENDING', attempts = attempts + 1, lease_until = $2
       WHERE id IN (SELECT id FROM email_outbox
                     WHERE (status = 'PENDING' AND next_attempt_at <= $1) OR (status = 'SENDING' AND lease_until <= $1)
                     ORDER BY next_attempt_at, id LIMIT $3
                     FOR UPDATE SKIP LOCKED)
      RETURNING id, recipient, subject, body_text, body_html, attempts
      """;
  private static final String SENT = """
      UPDATE email_outbox SET status = 'SENT', sent_at = $2, lease_until = NULL, last_error = NULL WHERE id = $1 AND status = 'SENDING'
      """;
  private static final String RETRY = """
      UPDATE email_outbox SET status = 'PENDING', next_attempt_at = $2, lease_until = NULL, last_error = $3
       WHERE id = $1 AND status = 'SENDING'
      """;
  private static final String FAILED = """
      UPDATE email_outbox SET status = 'FAILED', lease_until = NULL, last_error = $2 WHERE id = $1 AND status = 'SENDING'
      """;
  private static final String EXPIRE = """
      UPDATE email_outbox SET status = 'FAILED', last_error = 'not sent within ' || $2 || ' hours: dropped'
       WHERE status = 'PENDING' AND created_at < $1
      """;

  /** An e-mail to queue. */
  public record Mail(String recipient, Long userId, String kind, String subject, String text, String html) {
  }

  /** A row this sender has claimed (its attempt already counted). */
  public record Claimed(long id, String recipient, String subject, String text, String html, int attempts) {

    static Claimed from(Row r) {
      return new Claimed(r.getLong("id"), r.getString("recipient"), r.getString("subject"), r.getString("body_text"),
          r.getString("body_html"), r.getInteger("attempts"));
    }
  }

  public Future<Void> enqueue(SqlClient sql, List<Mail> mails) {
    if (mails.isEmpty()) {
      return Future.succeededFuture();
    }
    return sql.preparedQuery(INSERT).executeBatch(mails.stream()
        .map(m -> Tuple.of(m.recipient(), m.userId(), m.kind(), m.subject(), m.text(), m.html())).toList()).mapEmpty();
  }

  /** Claims up to {@code limit} due rows for this sender until {@code leaseUntil}; run outside a transaction so it commits at once. */
  public Future<List<Claimed>> claim(SqlClient sql, Instant now, Instant leaseUntil, int limit) {
    return sql.preparedQuery(CLAIM).execute(Tuple.of(odt(now), odt(leaseUntil), limit)).map(rows -> {
      List<Claimed> list = new ArrayList<>();
      rows.forEach(r -> list.add(Claimed.from(r)));
      return list;
    });
  }

  public Future<Boolean> markSent(SqlClient sql, long id, Instant at) {
    return sql.preparedQuery(SENT).execute(Tuple.of(id, odt(at))).map(rows -> rows.rowCount() == 1);
  }

  public Future<Void> retryAt(SqlClient sql, long id, Instant next, String error) {
    return sql.preparedQuery(RETRY).execute(Tuple.of(id, odt(next), error)).mapEmpty();
  }

  public Future<Void> markFailed(SqlClient sql, long id, String error) {
    return sql.preparedQuery(FAILED).execute(Tuple.of(id, error)).mapEmpty();
  }

  /** Gives up on rows that waited longer than {@code maxAgeHours} (a mail server down for days): stale news helps nobody. */
  public Future<Integer> expire(SqlClient sql, Instant createdBefore, long maxAgeHours) {
    return sql.preparedQuery(EXPIRE).execute(Tuple.of(odt(createdBefore), String.valueOf(maxAgeHours))).map(rows -> rows.rowCount());
  }

  private static OffsetDateTime odt(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
