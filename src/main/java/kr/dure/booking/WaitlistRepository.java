package kr.dure.booking;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for waitlist entries. */
public final class WaitlistRepository {

  private static final String COLUMNS = """
      id, resource_id, departure_id, organisation_id, user_id, starts_at, ends_at, units, pallets, kg, purpose, status,
      offered_booking_id, created_at
      """;
  private static final String INSERT = """
      INSERT INTO waitlist_entry (resource_id, departure_id, organisation_id, user_id, starts_at, ends_at, units, pallets, kg, purpose)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING """ + " " + COLUMNS;
  // oldest first; entries another instance is promoting are skipped, not waited for
  private static final String WAITING_OVERLAPPING = "SELECT " + COLUMNS + """
       FROM waitlist_entry
      WHERE resource_id = $1 AND status = 'WAITING' AND starts_at < $3 AND ends_at > $2 AND starts_at > $4
      ORDER BY created_at, id
      FOR UPDATE SKIP LOCKED
      """;
  private static final String SET_STATUS = """
      UPDATE waitlist_entry SET status = $2, offered_booking_id = coalesce($3, offered_booking_id), updated_at = now() WHERE id = $1
      """;
  private static final String LEAVE = """
      UPDATE waitlist_entry SET status = 'LEFT', updated_at = now() WHERE id = $1 AND organisation_id = $2 AND status = 'WAITING' RETURNING id
      """;
  private static final String OPEN_FOR_SLOT = "SELECT " + COLUMNS + """
       FROM waitlist_entry
      WHERE user_id = $1 AND resource_id = $2 AND departure_id IS NOT DISTINCT FROM $3 AND starts_at = $4 AND ends_at = $5
        AND status IN ('WAITING', 'OFFERED')
      ORDER BY id LIMIT 1
      """;
  private static final String JOIN_LOCK = "SELECT pg_advisory_xact_lock(hashtextextended('waitlist:' || $1 || ':' || $2, 0))";
  private static final String BY_OFFER = "SELECT " + COLUMNS + " FROM waitlist_entry WHERE offered_booking_id = $1";
  private static final String FIND = "SELECT " + COLUMNS + " FROM waitlist_entry WHERE id = $1";
  private static final String FOR_ORGANISATION = "SELECT " + COLUMNS
      + " FROM waitlist_entry WHERE organisation_id = $1 AND status IN ('WAITING', 'OFFERED') ORDER BY starts_at";

  /** A firm waiting for a slot or capacity to free up. */
  public record Entry(long id, long resourceId, Long departureId, long organisationId, long userId, Instant startsAt,
      Instant endsAt, int units, int pallets, int kg, String purpose, String status, Long offeredBookingId) {

    static Entry from(Row r) {
      return new Entry(r.getLong("id"), r.getLong("resource_id"), r.getLong("departure_id"), r.getLong("organisation_id"),
          r.getLong("user_id"), r.getOffsetDateTime("starts_at").toInstant(), r.getOffsetDateTime("ends_at").toInstant(),
          r.getInteger("units"), r.getInteger("pallets"), r.getInteger("kg"), r.getString("purpose"), r.getString("status"),
          r.getLong("offered_booking_id"));
    }

    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("resourceId", resourceId).put("departureId", departureId)
          .put("organisationId", organisationId).put("startsAt", startsAt.toString()).put("endsAt", endsAt.toString())
          .put("units", units).put("pallets", pallets).put("kg", kg).put("purpose", purpose).put("status", status)
          .put("offeredBookingId", offeredBookingId);
    }
  }

  public Future<Entry> insert(SqlClient sql, long resourceId, Long departureId, long organisationId, long userId, Instant start,
      Instant end, int units, int pallets, int kg, String purpose) {
    return sql.preparedQuery(INSERT).execute(Tuple.from(new Object[] {resourceId, departureId, organisationId, userId,
            BookingRepository.utc(start), BookingRepository.utc(end), units, pallets, kg, purpose}))
        .map(rows -> Entry.from(rows.iterator().next()));
  }

  public Future<List<Entry>> waitingOverlapping(SqlClient sql, long resourceId, Instant from, Instant to, Instant notBefore) {
    return sql.preparedQuery(WAITING_OVERLAPPING)
        .execute(Tuple.of(resourceId, BookingRepository.utc(from), BookingRepository.utc(to), BookingRepository.utc(notBefore)))
        .map(rows -> {
          List<Entry> list = new ArrayList<>();
          rows.forEach(r -> list.add(Entry.from(r)));
          return list;
        });
  }

  public Future<Void> setStatus(SqlClient sql, long id, String status, Long offeredBookingId) {
    return sql.preparedQuery(SET_STATUS).execute(Tuple.of(id, status, offeredBookingId)).mapEmpty();
  }

  /** Leaves the waitlist if the entry is still waiting; false when it is not (offered meanwhile, or not the firm's). */
  public Future<Boolean> leave(SqlClient sql, long id, long organisationId) {
    return sql.preparedQuery(LEAVE).execute(Tuple.of(id, organisationId)).map(rows -> rows.size() == 1);
  }

  /** The user's waiting or offered entry for exactly this slot, if any. */
  public Future<Optional<Entry>> openForSlot(SqlClient sql, long userId, long resourceId, Long departureId, Instant start, Instant end) {
    return sql.preparedQuery(OPEN_FOR_SLOT).execute(Tuple.of(userId, resourceId, departureId, BookingRepository.utc(start),
            BookingRepository.utc(end)))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Entry.from(rows.iterator().next())));
  }

  /** Serialises joins of one user on one resource until the transaction ends. */
  public Future<Void> lockJoins(SqlClient sql, long userId, long resourceId) {
    return sql.preparedQuery(JOIN_LOCK).execute(Tuple.of(Long.toString(userId), Long.toString(resourceId))).mapEmpty();
  }

  public Future<Optional<Entry>> byOffer(SqlClient sql, long bookingId) {
    return sql.preparedQuery(BY_OFFER).execute(Tuple.of(bookingId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Entry.from(rows.iterator().next())));
  }

  public Future<Optional<Entry>> find(SqlClient sql, long id) {
    return sql.preparedQuery(FIND).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Entry.from(rows.iterator().next())));
  }

  public Future<List<Entry>> forOrganisation(SqlClient sql, long organisationId) {
    return sql.preparedQuery(FOR_ORGANISATION).execute(Tuple.of(organisationId)).map(rows -> {
      List<Entry> list = new ArrayList<>();
      rows.forEach(r -> list.add(Entry.from(r)));
      return list;
    });
  }
}
