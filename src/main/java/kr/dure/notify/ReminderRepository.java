package kr.dure.notify;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Which confirmed bookings are due a reminder now, each reminder recorded once. */
public final class ReminderRepository {

  // DAY: starts within 24 h (and more than 1 h away); HOUR: starts within 1 h. A reminder only goes
  // to a booking made longer ago than its lead (booking 3 h ahead needs no "tomorrow" reminder).
  // The primary key of booking_reminder makes each one once: a second instance running the same
  // statement waits for the first to commit, then its insert does nothing.
  private static final String CLAIM_DUE = """
      WITH due AS (
          SELECT b.id, CASE WHEN b.starts_at <= $1::timestamptz + interval '1 hour' THEN 'HOUR' ELSE 'DAY' END AS lead
            FROM booking b
           WHERE b.status = 'CONFIRMED' AND b.starts_at > $1::timestamptz AND b.starts_at <= $1::timestamptz + interval '24 hours'
             AND b.created_at <= b.starts_at - CASE WHEN b.starts_at <= $1::timestamptz + interval '1 hour' THEN interval '1 hour'
                                                     ELSE interval '24 hours' END
      ), fresh AS (
          INSERT INTO booking_reminder (booking_id, lead) SELECT id, lead FROM due
          ON CONFLICT (booking_id, lead) DO NOTHING
          RETURNING booking_id, lead
      )
      SELECT f.booking_id, f.lead, b.user_id, b.starts_at, b.ends_at, r.name_ko
        FROM fresh f JOIN booking b ON b.id = f.booking_id JOIN resource r ON r.id = b.resource_id
       ORDER BY b.starts_at
      """;

  public record Due(long bookingId, String lead, long userId, Instant startsAt, Instant endsAt, String resourceName) {
  }

  /** Records and returns the reminders due at {@code now}; run it in the transaction that sends them. */
  public Future<List<Due>> claimDue(SqlClient sql, Instant now) {
    return sql.preparedQuery(CLAIM_DUE).execute(Tuple.of(now.atOffset(ZoneOffset.UTC))).map(rows -> {
      List<Due> list = new ArrayList<>();
      for (Row r : rows) {
        list.add(new Due(r.getLong("booking_id"), r.getString("lead"), r.getLong("user_id"),
            r.getOffsetDateTime("starts_at").toInstant(), r.getOffsetDateTime("ends_at").toInstant(), r.getString("name_ko")));
      }
      return list;
    });
  }
}
