package kr.dure.booking;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for bookings: inserting under the database's invariants, capacity arithmetic, state changes. */
public final class BookingRepository {

  private static final String INSERT = """
      INSERT INTO booking (resource_id, resource_kind, departure_id, organisation_id, user_id, starts_at, ends_at,
                           blocked_until, units, pallets, kg, status, hold_expires_at, series_id, purpose, fee_won)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
      ON CONFLICT DO NOTHING
      RETURNING """ + Booking.COLUMNS;
  private static final String FIND_BY_ID = "SELECT " + Booking.COLUMNS + " FROM booking WHERE id = $1";
  private static final String LOCK_BY_ID = "SELECT " + Booking.COLUMNS + " FROM booking WHERE id = $1 FOR UPDATE";
  private static final String SERIES_FROM = "SELECT " + Booking.COLUMNS
      + " FROM booking WHERE series_id = $1 AND starts_at >= $2 ORDER BY starts_at";
  // rows are locked in the sorted order, so two cancels of one series never deadlock on each other
  private static final String LOCK_SERIES_FROM = "SELECT " + Booking.COLUMNS
      + " FROM booking WHERE series_id = $1 AND starts_at >= $2 ORDER BY starts_at, id FOR UPDATE";
  // the most units in use at any instant of [$2, $3): evaluated at the window start and at every start inside it
  private static final String PEAK_UNITS = """
      WITH overlapping AS (
          SELECT starts_at, blocked_until, units FROM booking
           WHERE resource_id = $1 AND holds_slot AND tstzrange(starts_at, blocked_until) && tstzrange($2, $3)),
      points AS (
          SELECT $2::timestamptz AS at UNION SELECT starts_at FROM overlapping WHERE starts_at > $2)
      SELECT coalesce(max((SELECT sum(units) FROM overlapping o WHERE o.starts_at <= p.at AND o.blocked_until > p.at)), 0) AS peak
        FROM points p
      """;
  // both limits in one conditional statement: no read-then-write gap for a racing request to slip through
  private static final String RESERVE_DEPARTURE = """
      UPDATE delivery_departure SET booked_pallets = booked_pallets + $2, booked_kg = booked_kg + $3
       WHERE id = $1 AND NOT cancelled AND booked_pallets + $2 <= pallet_capacity AND booked_kg + $3 <= kg_capacity
      RETURNING pallet_capacity - booked_pallets AS pallets_left, kg_capacity - booked_kg AS kg_left
      """;
  private static final String RELEASE_DEPARTURE = """
      UPDATE delivery_departure SET booked_pallets = booked_pallets - $2, booked_kg = booked_kg - $3 WHERE id = $1
      """;
  private static final String QUOTA_TIME = """
      SELECT coalesce(sum(extract(epoch FROM (ends_at - starts_at)) / 3600.0 * units)
                      FILTER (WHERE starts_at >= $3 AND starts_at < $4), 0) AS week,
             coalesce(sum(extract(epoch FROM (ends_at - starts_at)) / 3600.0 * units)
                      FILTER (WHERE starts_at >= $5 AND starts_at < $6), 0) AS month
        FROM booking
       WHERE resource_id = $1 AND organisation_id = $2 AND holds_slot AND starts_at >= least($3, $5) AND starts_at < greatest($4, $6)
      """;
  private static final String QUOTA_PALLETS = """
      SELECT coalesce(sum(pallets) FILTER (WHERE starts_at >= $3 AND starts_at < $4), 0) AS week,
             coalesce(sum(pallets) FILTER (WHERE starts_at >= $5 AND starts_at < $6), 0) AS month
        FROM booking
       WHERE resource_id = $1 AND organisation_id = $2 AND holds_slot AND starts_at >= least($3, $5) AND starts_at < greatest($4, $6)
      """;
  private static final String QUOTA_LOCK = "SELECT pg_advisory_xact_lock(hashtextextended('quota:' || $1 || ':' || $2, 0))";
  private static final String HOLDING_IN_RANGE = "SELECT " + Booking.COLUMNS + """
       FROM booking WHERE resource_id = $1 AND holds_slot AND tstzrange(starts_at, blocked_until) && tstzrange($2, $3)
       ORDER BY starts_at
      """;
  private static final String FOR_ORGANISATION = "SELECT " + Booking.COLUMNS + """
       FROM booking WHERE organisation_id = $1 AND starts_at < $3 AND ends_at > $2 ORDER BY starts_at
      """;
  private static final String FOR_PROJECT = "SELECT b.id, b.resource_id, b.resource_kind, b.departure_id, b.organisation_id, b.user_id,"
      + " b.starts_at, b.ends_at, b.blocked_until, b.units, b.pallets, b.kg, b.status, b.hold_expires_at, b.series_id, b.purpose,"
      + " b.fee_won, b.late_cancel, b.checked_in_at, b.checked_out_at, b.cancelled_at, b.reason, b.created_at"
      + """
       FROM booking b JOIN resource r ON r.id = b.resource_id
      WHERE r.project_id = $1 AND b.starts_at < $3 AND b.ends_at > $2 AND ($4::text IS NULL OR b.status = $4)
        -- implied by the line above (blocked_until >= ends_at): lets booking_resource_span_idx find them per resource
        AND tstzrange(b.starts_at, b.blocked_until) && tstzrange($2, $3)
      ORDER BY b.starts_at
      """;
  private static final String SET_STATUS = """
      UPDATE booking SET status = $2, fee_won = $3, late_cancel = $4, reason = $5, updated_at = now(),
             cancelled_at = CASE WHEN $2 = 'CANCELLED' THEN now() ELSE cancelled_at END,
             decided_by = coalesce($6, decided_by), decided_at = CASE WHEN $6 IS NULL THEN decided_at ELSE now() END,
             hold_expires_at = CASE WHEN $2 = 'HELD' THEN hold_expires_at ELSE NULL END
       WHERE id = $1
      RETURNING""" + " " + Booking.COLUMNS;
  private static final String CHECK_IN = """
      UPDATE booking SET status = 'CHECKED_IN', checked_in_at = $2, updated_at = now() WHERE id = $1 RETURNING
      """ + Booking.COLUMNS;
  private static final String CHECK_OUT = """
      UPDATE booking SET status = 'COMPLETED', checked_out_at = $2, fee_won = $3, updated_at = now() WHERE id = $1 RETURNING
      """ + Booking.COLUMNS;

  // the job steps claim one row per transaction: a row another instance is processing is skipped, never done twice,
  // and a row that failed in this run ($2) is not claimed again until the next run
  private static final String CLAIM_EXPIRED_HOLD = """
      SELECT id FROM booking WHERE status = 'HELD' AND hold_expires_at <= $1 AND NOT (id = ANY($2::bigint[]))
       ORDER BY hold_expires_at, id LIMIT 1 FOR UPDATE SKIP LOCKED
      """;
  private static final String EXPIRE_HOLD = """
      UPDATE booking SET status = 'EXPIRED', hold_expires_at = NULL, updated_at = now() WHERE id = $1 AND status = 'HELD'
      RETURNING""" + " " + Booking.COLUMNS;
  private static final String CLAIM_NO_SHOW = """
      SELECT b.id FROM booking b JOIN resource r ON r.id = b.resource_id
       WHERE b.status = 'CONFIRMED' AND r.no_show_after_minutes IS NOT NULL
         AND b.starts_at + make_interval(mins => r.no_show_after_minutes) <= $1 AND NOT (b.id = ANY($2::bigint[]))
         -- implied (the minutes are positive): bounds the scan of booking_no_show_idx at now
         AND b.starts_at <= $1
       ORDER BY b.starts_at, b.id LIMIT 1 FOR UPDATE OF b SKIP LOCKED
      """;
  private static final String MARK_NO_SHOW = """
      UPDATE booking b SET status = 'NO_SHOW', updated_at = now(),
             fee_won = round(b.fee_won * r.no_show_fee_percent / 100.0)
        FROM resource r
       WHERE r.id = b.resource_id AND b.id = $1 AND b.status = 'CONFIRMED'
      RETURNING b.id, b.resource_id, b.resource_kind, b.departure_id, b.organisation_id, b.user_id, b.starts_at, b.ends_at,
                b.blocked_until, b.units, b.pallets, b.kg, b.status, b.hold_expires_at, b.series_id, b.purpose, b.fee_won,
                b.late_cancel, b.checked_in_at, b.checked_out_at, b.cancelled_at, b.reason, b.created_at
      """;
  private static final String CLAIM_UNDECIDED = """
      SELECT id FROM booking WHERE status = 'REQUESTED' AND starts_at <= $1 AND NOT (id = ANY($2::bigint[]))
       ORDER BY starts_at, id LIMIT 1 FOR UPDATE SKIP LOCKED
      """;

  /** The kinds of rows the booking jobs claim one at a time. */
  enum JobStep {
    EXPIRED_HOLD(CLAIM_EXPIRED_HOLD),
    NO_SHOW(CLAIM_NO_SHOW),
    UNDECIDED_REQUEST(CLAIM_UNDECIDED);

    private final String claim;

    JobStep(String claim) {
      this.claim = claim;
    }
  }

  /** Locks one row due for {@code step} that no other transaction holds and that is not in {@code skip}; its id. */
  public Future<Optional<Long>> claimForJob(SqlClient sql, JobStep step, Instant now, List<Long> skip) {
    return sql.preparedQuery(step.claim).execute(Tuple.tuple().addOffsetDateTime(utc(now)).addArrayOfLong(skip.toArray(new Long[0])))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong("id")));
  }

  /** Ends a claimed hold; empty if it is no longer HELD. */
  public Future<Optional<Booking>> expireHold(SqlClient sql, long id) {
    return sql.preparedQuery(EXPIRE_HOLD).execute(Tuple.of(id)).map(BookingRepository::first);
  }

  /** Records a claimed CONFIRMED booking as a no-show with the resource's no-show fee; empty if it is no longer CONFIRMED. */
  public Future<Optional<Booking>> markNoShow(SqlClient sql, long id) {
    return sql.preparedQuery(MARK_NO_SHOW).execute(Tuple.of(id)).map(BookingRepository::first);
  }

  /** A booking row to insert. */
  public record NewRow(long resourceId, String kind, Long departureId, long organisationId, long userId, Instant start,
      Instant end, Instant blockedUntil, int units, int pallets, int kg, BookingStatus status, Instant holdExpiresAt,
      UUID seriesId, String purpose, long feeWon) {
  }

  /**
   * Inserts unless the equipment exclusion constraint refuses the row; empty then. {@code ON CONFLICT
   * DO NOTHING} waits for a racing transaction like a plain insert would, but a loss is no error:
   * an error would doom the whole transaction (a recurring booking, a waitlist promotion).
   */
  public Future<Optional<Booking>> insert(SqlClient sql, NewRow b) {
    return sql.preparedQuery(INSERT).execute(Tuple.from(new Object[] {
            b.resourceId(), b.kind(), b.departureId(), b.organisationId(), b.userId(), utc(b.start()), utc(b.end()),
            utc(b.blockedUntil()), b.units(), b.pallets(), b.kg(), b.status().name(),
            b.holdExpiresAt() == null ? null : utc(b.holdExpiresAt()), b.seriesId(), b.purpose(), b.feeWon()}))
        .map(BookingRepository::first);
  }

  public Future<Optional<Booking>> findById(SqlClient sql, long id) {
    return sql.preparedQuery(FIND_BY_ID).execute(Tuple.of(id)).map(BookingRepository::first);
  }

  public Future<Optional<Booking>> lockById(SqlClient sql, long id) {
    return sql.preparedQuery(LOCK_BY_ID).execute(Tuple.of(id)).map(BookingRepository::first);
  }

  public Future<List<Booking>> seriesFrom(SqlClient sql, UUID seriesId, Instant from) {
    return sql.preparedQuery(SERIES_FROM).execute(Tuple.of(seriesId, utc(from))).map(BookingRepository::all);
  }

  /** The series from {@code from} on, each row locked until the transaction ends. */
  public Future<List<Booking>> lockSeriesFrom(SqlClient sql, UUID seriesId, Instant from) {
    return sql.preparedQuery(LOCK_SERIES_FROM).execute(Tuple.of(seriesId, utc(from))).map(BookingRepository::all);
  }

  public Future<Integer> peakUnits(SqlClient sql, long resourceId, Instant from, Instant to) {
    return sql.preparedQuery(PEAK_UNITS).execute(Tuple.of(resourceId, utc(from), utc(to)))
        .map(rows -> rows.iterator().next().getLong("peak").intValue());
  }

  /** Takes pallets and kilograms on a departure if both fit; empty when they do not. */
  public Future<Optional<int[]>> reserveDeparture(SqlClient sql, long departureId, int pallets, int kg) {
    return sql.preparedQuery(RESERVE_DEPARTURE).execute(Tuple.of(departureId, pallets, kg)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new int[] {r.getInteger("pallets_left"), r.getInteger("kg_left")});
    });
  }

  public Future<Void> releaseDeparture(SqlClient sql, long departureId, int pallets, int kg) {
    return sql.preparedQuery(RELEASE_DEPARTURE).execute(Tuple.of(departureId, pallets, kg)).mapEmpty();
  }

  /** Serialises quota checks of one firm on one resource until the transaction ends. */
  public Future<Void> lockQuota(SqlClient sql, long resourceId, long organisationId) {
    return sql.preparedQuery(QUOTA_LOCK).execute(Tuple.of(Long.toString(resourceId), Long.toString(organisationId))).mapEmpty();
  }

  public Future<QuotaUse> quotaUse(SqlClient sql, long resourceId, long organisationId, boolean pallets,
      Instant weekStart, Instant weekEnd, Instant monthStart, Instant monthEnd) {
    return sql.preparedQuery(pallets ? QUOTA_PALLETS : QUOTA_TIME)
        .execute(Tuple.of(resourceId, organisationId, utc(weekStart), utc(weekEnd), utc(monthStart), utc(monthEnd)))
        .map(rows -> {
          Row r = rows.iterator().next();
          return new QuotaUse(number(r.getValue("week")), number(r.getValue("month")));
        });
  }

  public Future<List<Booking>> holdingInRange(SqlClient sql, long resourceId, Instant from, Instant to) {
    return sql.preparedQuery(HOLDING_IN_RANGE).execute(Tuple.of(resourceId, utc(from), utc(to))).map(BookingRepository::all);
  }

  public Future<List<Booking>> forOrganisation(SqlClient sql, long organisationId, Instant from, Instant to) {
    return sql.preparedQuery(FOR_ORGANISATION).execute(Tuple.of(organisationId, utc(from), utc(to))).map(BookingRepository::all);
  }

  public Future<List<Booking>> forProject(SqlClient sql, long projectId, Instant from, Instant to, BookingStatus status) {
    return sql.preparedQuery(FOR_PROJECT)
        .execute(Tuple.of(projectId, utc(from), utc(to), status == null ? null : status.name()))
        .map(BookingRepository::all);
  }

  public Future<Booking> setStatus(SqlClient sql, long id, BookingStatus status, long feeWon, boolean lateCancel, String reason,
      Long decidedBy) {
    return sql.preparedQuery(SET_STATUS).execute(Tuple.of(id, status.name(), feeWon, lateCancel, reason, decidedBy))
        .map(rows -> Booking.from(rows.iterator().next()));
  }

  public Future<Booking> checkIn(SqlClient sql, long id, Instant at) {
    return sql.preparedQuery(CHECK_IN).execute(Tuple.of(id, utc(at))).map(rows -> Booking.from(rows.iterator().next()));
  }

  public Future<Booking> checkOut(SqlClient sql, long id, Instant at, long feeWon) {
    return sql.preparedQuery(CHECK_OUT).execute(Tuple.of(id, utc(at), feeWon)).map(rows -> Booking.from(rows.iterator().next()));
  }

  static Optional<Booking> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(Booking.from(rows.iterator().next()));
  }

  static List<Booking> all(RowSet<Row> rows) {
    List<Booking> list = new ArrayList<>();
    rows.forEach(r -> list.add(Booking.from(r)));
    return list;
  }

  private static double number(Object value) {
    return value == null ? 0 : ((Number) value).doubleValue();
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
