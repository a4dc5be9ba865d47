package kr.dure.resource;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kr.dure.project.ProjectRepository;

/** SQL for resources, their opening hours, blackouts, departures, qualifications and the holiday calendar. */
public final class ResourceRepository {

  private static final String COLUMNS = """
      id, project_id, kind, name_ko, name_en, description_ko, description_en, location, capacity,
      unit_label_ko, unit_label_en, route, fee_won, fee_basis, closed_on_holidays, slot_minutes, min_minutes,
      max_minutes, min_notice_minutes, horizon_days, buffer_minutes, approval_required, qualification_required,
      weekly_quota, monthly_quota, free_cancel_hours, late_cancel_fee_percent, no_show_fee_percent,
      check_in_opens_minutes, no_show_after_minutes, active, monthly_operating_cost,
      EXISTS (SELECT 1 FROM resource_photo p WHERE p.resource_id = resource.id) AS has_photo
      """;
  /** One resource with its opening hours in the same row: one round trip on the booking path. */
  private static final String WITH_HOURS = COLUMNS + """
      , (SELECT coalesce(json_agg(json_build_array(h.weekday, h.opens_minute, h.closes_minute) ORDER BY h.weekday, h.opens_minute),
                         '[]') FROM resource_opening_hours h WHERE h.resource_id = resource.id) AS opening_hours
      """;
  private static final String FIND_BY_ID = "SELECT " + WITH_HOURS + " FROM resource WHERE id = $1";
  private static final String LOCK_BY_ID = "SELECT " + WITH_HOURS + " FROM resource WHERE id = $1 FOR UPDATE";
  private static final String FIND_WITH_STANDING = "SELECT " + WITH_HOURS + ", "
      + ProjectRepository.membershipColumns("resource.project_id", "$2", "$3") + " FROM resource WHERE id = $1";
  private static final String LIST_BY_PROJECTS = "SELECT " + COLUMNS
      + " FROM resource WHERE project_id = ANY ($1) AND (active OR $2) ORDER BY project_id, kind, name_ko";
  private static final String INSERT = """
      INSERT INTO resource (project_id, kind, name_ko, name_en, description_ko, description_en, location, capacity,
          unit_label_ko, unit_label_en, route, fee_won, fee_basis, closed_on_holidays, slot_minutes, min_minutes,
          max_minutes, min_notice_minutes, horizon_days, buffer_minutes, approval_required, qualification_required,
          weekly_quota, monthly_quota, free_cancel_hours, late_cancel_fee_percent, no_show_fee_percent,
          check_in_opens_minutes, no_show_after_minutes, monthly_operating_cost)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
          $23, $24, $25, $26, $27, $28, $29, $30)
      RETURNING id
      """;
  private static final String UPDATE = """
      UPDATE resource SET name_ko = $2, name_en = $3, description_ko = $4, description_en = $5, location = $6,
          capacity = $7, unit_label_ko = $8, unit_label_en = $9, route = $10, fee_won = $11, fee_basis = $12,
          closed_on_holidays = $13, slot_minutes = $14, min_minutes = $15, max_minutes = $16, min_notice_minutes = $17,
          horizon_days = $18, buffer_minutes = $19, approval_required = $20, qualification_required = $21,
          weekly_quota = $22, monthly_quota = $23, free_cancel_hours = $24, late_cancel_fee_percent = $25,
          no_show_fee_percent = $26, check_in_opens_minutes = $27, no_show_after_minutes = $28,
          monthly_operating_cost = $29, updated_at = now()
      WHERE id = $1
      """;
  private static final String SET_ACTIVE = "UPDATE resource SET active = $2, updated_at = now() WHERE id = $1";
  private static final String HOURS = """
      SELECT resource_id, weekday, opens_minute, closes_minute FROM resource_opening_hours
       WHERE resource_id = ANY ($1) ORDER BY weekday, opens_minute
      """;
  private static final String DELETE_HOURS = "DELETE FROM resource_opening_hours WHERE resource_id = $1";
  private static final String INSERT_HOURS = """
      INSERT INTO resource_opening_hours (resource_id, weekday, opens_minute, closes_minute) VALUES ($1, $2, $3, $4)
      """;
  private static final String BLACKOUTS = """
      SELECT id, resource_id, lower(during) AS starts_at, upper(during) AS ends_at, reason FROM resource_blackout
       WHERE resource_id = $1 AND during && tstzrange($2, $3) ORDER BY lower(during)
      """;
  private static final String INSERT_BLACKOUT = """
      INSERT INTO resource_blackout (resource_id, during, reason, created_by) VALUES ($1, tstzrange($2, $3), $4, $5) RETURNING id
      """;
  private static final String DELETE_BLACKOUT = "DELETE FROM resource_blackout WHERE id = $1 AND resource_id = $2";
  private static final String HOLIDAYS = "SELECT day FROM holiday WHERE day BETWEEN $1 AND $2";
  /** {@link #HOLIDAYS} and {@link #BLACKOUTS} in one round trip (booking, availability, the schedule board). */
  private static final String CALENDAR = """
      SELECT ARRAY(SELECT day FROM holiday WHERE day BETWEEN $2 AND $3) AS holidays,
             (SELECT coalesce(json_agg(json_build_array(id, resource_id, (extract(epoch FROM lower(during)) * 1000)::bigint,
                                                        (extract(epoch FROM upper(during)) * 1000)::bigint, reason)
                                       ORDER BY lower(during)), '[]')
                FROM resource_blackout WHERE resource_id = ANY ($1) AND during && tstzrange($4, $5)) AS blackouts
      """;
  private static final String DEPARTURES = """
      SELECT id, resource_id, departs_at, arrives_at, cutoff_at, pallet_capacity, kg_capacity, booked_pallets, booked_kg, cancelled
        FROM delivery_departure WHERE resource_id = ANY ($1) AND departs_at >= $2 AND departs_at < $3 ORDER BY departs_at
      """;
  private static final String FIND_DEPARTURE = """
      SELECT id, resource_id, departs_at, arrives_at, cutoff_at, pallet_capacity, kg_capacity, booked_pallets, booked_kg, cancelled
        FROM delivery_departure WHERE id = $1
      """;
  private static final String INSERT_DEPARTURE = """
      INSERT INTO delivery_departure (resource_id, departs_at, arrives_at, cutoff_at, pallet_capacity, kg_capacity)
      VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT ON CONSTRAINT departure_unique_time DO NOTHING
      RETURNING id
      """;
  private static final String VALID_QUALIFICATION = """
      SELECT max(valid_until) AS until FROM qualification
       WHERE resource_id = $1 AND user_id = $2 AND valid_from <= $3 AND valid_until >= $3
      """;
  private static final String ORGANISATION_QUALIFIED = """
      SELECT EXISTS (SELECT 1 FROM qualification q JOIN app_user u ON u.id = q.user_id
                      WHERE q.resource_id = $1 AND u.organisation_id = $2 AND u.active AND q.valid_from <= $3 AND q.valid_until >= $3) AS ok
      """;
  private static final String INSERT_QUALIFICATION = """
      INSERT INTO qualification (resource_id, user_id, valid_from, valid_until, note, recorded_by)
      VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
      """;
  private static final String LIST_QUALIFICATIONS = """
      SELECT q.id, q.user_id, u.name AS user_name, o.name AS organisation_name, q.valid_from, q.valid_until, q.note
        FROM qualification q JOIN app_user u ON u.id = q.user_id JOIN organisation o ON o.id = u.organisation_id
       WHERE q.resource_id = $1 ORDER BY q.valid_until DESC, u.name
      """;

  // the most units slot-holding bookings use at any instant from $2 on: evaluated at each of their starts
  private static final String PEAK_FROM = """
      WITH future AS (
          SELECT starts_at, blocked_until, units FROM booking WHERE resource_id = $1 AND holds_slot AND blocked_until > $2)
      SELECT coalesce(max((SELECT sum(units) FROM future o WHERE o.starts_at <= greatest(f.starts_at, $2) AND o.blocked_until > greatest(f.starts_at, $2))), 0) AS peak
        FROM future f
      """;
  private static final String SAVE_PHOTO = """
      INSERT INTO resource_photo (resource_id, content_type, bytes, updated_by) VALUES ($1, $2, $3, $4)
      ON CONFLICT (resource_id) DO UPDATE SET content_type = excluded.content_type, bytes = excluded.bytes,
          updated_by = excluded.updated_by, updated_at = now()
      """;
  private static final String PHOTO = "SELECT content_type, bytes FROM resource_photo WHERE resource_id = $1";

  /** A stored photo. */
  public record Photo(String contentType, io.vertx.core.buffer.Buffer bytes) {
  }

  /** The peak of units booked from {@code from} on, for refusing a capacity below it. */
  public Future<Integer> peakFrom(SqlClient sql, long resourceId, Instant from) {
    return sql.preparedQuery(PEAK_FROM).execute(Tuple.of(resourceId, utc(from))).map(rows -> rows.iterator().next().getLong("peak").intValue());
  }

  public Future<Void> savePhoto(SqlClient sql, long resourceId, String contentType, io.vertx.core.buffer.Buffer bytes, long userId) {
    return sql.preparedQuery(SAVE_PHOTO).execute(Tuple.of(resourceId, contentType, bytes, userId)).mapEmpty();
  }

  public Future<Optional<Photo>> photo(SqlClient sql, long resourceId) {
    return sql.preparedQuery(PHOTO).execute(Tuple.of(resourceId)).map(rows -> rows.size() == 0 ? Optional.empty()
        : Optional.of(new Photo(rows.iterator().next().getString("content_type"), rows.iterator().next().getBuffer("bytes"))));
  }

  public Future<Optional<Resource>> findById(SqlClient sql, long id) {
    return one(sql, FIND_BY_ID, id);
  }

  /** Reads and locks the resource row until the transaction ends: facility bookings serialise on it. */
  public Future<Optional<Resource>> lockById(SqlClient sql, long id) {
    return one(sql, LOCK_BY_ID, id);
  }

  /** A resource and the caller's standing in its project. */
  public record WithStanding(Resource resource, ProjectRepository.Membership membership) {
  }

  /** The resource and the caller's standing in its project in one round trip (the booking path). */
  public Future<Optional<WithStanding>> findWithStanding(SqlClient sql, long id, long organisationId, long userId) {
    return sql.preparedQuery(FIND_WITH_STANDING).execute(Tuple.of(id, organisationId, userId)).map(rows -> rows.size() == 0
        ? Optional.empty()
        : Optional.of(new WithStanding(withHours(rows.iterator().next()), ProjectRepository.membership(rows.iterator().next()))));
  }

  private Future<Optional<Resource>> one(SqlClient sql, String query, long id) {
    return sql.preparedQuery(query).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(withHours(rows.iterator().next())));
  }

  private static Resource withHours(Row row) {
    List<OpeningHours> hours = new ArrayList<>();
    for (Object o : row.getJsonArray("opening_hours")) {
      JsonArray h = (JsonArray) o;
      hours.add(new OpeningHours(h.getInteger(0), h.getInteger(1), h.getInteger(2)));
    }
    return Resource.from(row, hours);
  }

  public Future<List<Resource>> listByProjects(SqlClient sql, List<Long> projectIds, boolean includeInactive) {
    return sql.preparedQuery(LIST_BY_PROJECTS).execute(Tuple.of(projectIds.toArray(new Long[0]), includeInactive))
        .compose(rows -> {
          List<Row> list = new ArrayList<>();
          rows.forEach(list::add);
          List<Long> ids = list.stream().map(r -> r.getLong("id")).toList();
          return hours(sql, ids).map(h -> list.stream()
              .map(r -> Resource.from(r, h.getOrDefault(r.getLong("id"), List.of()))).toList());
        });
  }

  private Future<Map<Long, List<OpeningHours>>> hours(SqlClient sql, List<Long> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return sql.preparedQuery(HOURS).execute(Tuple.of(ids.toArray(new Long[0]))).map(rows -> {
      Map<Long, List<OpeningHours>> byResource = new HashMap<>();
      rows.forEach(r -> byResource.computeIfAbsent(r.getLong("resource_id"), k -> new ArrayList<>())
          .add(new OpeningHours(r.getInteger("weekday"), r.getInteger("opens_minute"), r.getInteger("closes_minute"))));
      return byResource;
    });
  }

  public Future<Long> insert(SqlClient sql, ResourceInput in) {
    ResourceRules r = in.rules();
    return sql.preparedQuery(INSERT).execute(Tuple.from(new Object[] {
            in.projectId(), in.kind().name(), in.nameKo(), in.nameEn(), in.descriptionKo(), in.descriptionEn(), in.location(),
            in.capacity(), in.unitLabelKo(), in.unitLabelEn(), in.route(), in.feeWon(), in.feeBasis().name(),
            r.closedOnHolidays(), r.slotMinutes(), r.minMinutes(), r.maxMinutes(), r.minNoticeMinutes(), r.horizonDays(),
            r.bufferMinutes(), r.approvalRequired(), r.qualificationRequired(), r.weeklyQuota(), r.monthlyQuota(),
            r.freeCancelHours(), r.lateCancelFeePercent(), r.noShowFeePercent(), r.checkInOpensMinutes(), r.noShowAfterMinutes(),
            in.monthlyOperatingCost()}))
        .map(rows -> rows.iterator().next().getLong("id"))
        .compose(id -> replaceOpeningHours(sql, id, in.openingHours()).map(id));
  }

  public Future<Void> update(SqlClient sql, long id, ResourceInput in) {
    ResourceRules r = in.rules();
    return sql.preparedQuery(UPDATE).execute(Tuple.from(new Object[] {
            id, in.nameKo(), in.nameEn(), in.descriptionKo(), in.descriptionEn(), in.location(),
            in.capacity(), in.unitLabelKo(), in.unitLabelEn(), in.route(), in.feeWon(), in.feeBasis().name(),
            r.closedOnHolidays(), r.slotMinutes(), r.minMinutes(), r.maxMinutes(), r.minNoticeMinutes(), r.horizonDays(),
            r.bufferMinutes(), r.approvalRequired(), r.qualificationRequired(), r.weeklyQuota(), r.monthlyQuota(),
            r.freeCancelHours(), r.lateCancelFeePercent(), r.noShowFeePercent(), r.checkInOpensMinutes(), r.noShowAfterMinutes(),
            in.monthlyOperatingCost()}))
        .compose(v -> replaceOpeningHours(sql, id, in.openingHours()));
  }

  public Future<Void> setActive(SqlClient sql, long id, boolean active) {
    return sql.preparedQuery(SET_ACTIVE).execute(Tuple.of(id, active)).mapEmpty();
  }

  private Future<Void> replaceOpeningHours(SqlClient sql, long id, List<OpeningHours> hours) {
    Future<Void> done = sql.preparedQuery(DELETE_HOURS).execute(Tuple.of(id)).mapEmpty();
    if (hours.isEmpty()) {
      return done;
    }
    List<Tuple> batch = hours.stream().map(h -> Tuple.of(id, h.weekday(), h.opensMinute(), h.closesMinute())).toList();
    return done.compose(v -> sql.preparedQuery(INSERT_HOURS).executeBatch(batch)).mapEmpty();
  }

  public Future<List<Blackout>> blackouts(SqlClient sql, long resourceId, Instant from, Instant to) {
    return sql.preparedQuery(BLACKOUTS).execute(Tuple.of(resourceId, utc(from), utc(to))).map(rows -> {
      List<Blackout> list = new ArrayList<>();
      rows.forEach(r -> list.add(new Blackout(r.getLong("id"), r.getLong("resource_id"),
          r.getOffsetDateTime("starts_at").toInstant(), r.getOffsetDateTime("ends_at").toInstant(), r.getString("reason"))));
      return list;
    });
  }

  public Future<Long> insertBlackout(SqlClient sql, long resourceId, Instant from, Instant to, String reason, Long userId) {
    return sql.preparedQuery(INSERT_BLACKOUT).execute(Tuple.of(resourceId, utc(from), utc(to), reason, userId))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<Boolean> deleteBlackout(SqlClient sql, long resourceId, long blackoutId) {
    return sql.preparedQuery(DELETE_BLACKOUT).execute(Tuple.of(blackoutId, resourceId)).map(rows -> rows.rowCount() == 1);
  }

  /** Public holidays (shipped and ministry-added) between two dates, inclusive. */
  public Future<Set<LocalDate>> holidays(SqlClient sql, LocalDate from, LocalDate to) {
    return sql.preparedQuery(HOLIDAYS).execute(Tuple.of(from, to)).map(rows -> {
      Set<LocalDate> days = new HashSet<>();
      rows.forEach(r -> days.add(r.getLocalDate("day")));
      return days;
    });
  }

  /** The public holidays in [fromDay, toDay] and the resources' blackouts that touch [from, to), in time order. */
  public record Calendar(Set<LocalDate> holidays, List<Blackout> blackouts) {

    /** One resource's blackouts. */
    public List<Blackout> blackoutsOf(long resourceId) {
      return blackouts.stream().filter(b -> b.resourceId() == resourceId).toList();
    }
  }

  public Future<Calendar> calendar(SqlClient sql, long resourceId, LocalDate fromDay, LocalDate toDay, Instant from, Instant to) {
    return calendar(sql, List.of(resourceId), fromDay, toDay, from, to);
  }

  public Future<Calendar> calendar(SqlClient sql, List<Long> resourceIds, LocalDate fromDay, LocalDate toDay, Instant from,
      Instant to) {
    return sql.preparedQuery(CALENDAR).execute(Tuple.of(resourceIds.toArray(new Long[0]), fromDay, toDay, utc(from), utc(to)))
        .map(rows -> {
          Row r = rows.iterator().next();
          List<Blackout> blackouts = new ArrayList<>();
          for (Object o : r.getJsonArray("blackouts")) {
            JsonArray b = (JsonArray) o;
            blackouts.add(new Blackout(b.getLong(0), b.getLong(1), Instant.ofEpochMilli(b.getLong(2)), Instant.ofEpochMilli(b.getLong(3)),
                b.getString(4)));
          }
          return new Calendar(Set.of(r.getArrayOfLocalDates("holidays")), blackouts);
        });
  }

  public Future<List<Departure>> departures(SqlClient sql, long resourceId, Instant from, Instant to) {
    return departures(sql, List.of(resourceId), from, to);
  }

  /** The departures of several runs in [from, to), in time order. */
  public Future<List<Departure>> departures(SqlClient sql, List<Long> resourceIds, Instant from, Instant to) {
    return sql.preparedQuery(DEPARTURES).execute(Tuple.of(resourceIds.toArray(new Long[0]), utc(from), utc(to))).map(rows -> {
      List<Departure> list = new ArrayList<>();
      rows.forEach(r -> list.add(Departure.from(r)));
      return list;
    });
  }

  public Future<Optional<Departure>> findDeparture(SqlClient sql, long id) {
    return sql.preparedQuery(FIND_DEPARTURE).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Departure.from(rows.iterator().next())));
  }

  /** Adds a departure unless one leaves at that time already; returns its id when added. */
  public Future<Optional<Long>> insertDeparture(SqlClient sql, long resourceId, Instant departs, Instant arrives, Instant cutoff,
      int pallets, int kg) {
    return sql.preparedQuery(INSERT_DEPARTURE).execute(Tuple.of(resourceId, utc(departs), utc(arrives), utc(cutoff), pallets, kg))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong("id")));
  }

  /** True when the user holds a training record for the resource valid on that day. */
  public Future<Boolean> isQualified(SqlClient sql, long resourceId, long userId, LocalDate day) {
    return sql.preparedQuery(VALID_QUALIFICATION).execute(Tuple.of(resourceId, userId, day))
        .map(rows -> rows.iterator().next().getLocalDate("until") != null);
  }

  /** True when some user of the organisation holds a training record for the resource valid on that day. */
  public Future<Boolean> isOrganisationQualified(SqlClient sql, long resourceId, long organisationId, LocalDate day) {
    return sql.preparedQuery(ORGANISATION_QUALIFIED).execute(Tuple.of(resourceId, organisationId, day))
        .map(rows -> rows.iterator().next().getBoolean("ok"));
  }

  public Future<Long> insertQualification(SqlClient sql, long resourceId, long userId, LocalDate from, LocalDate until,
      String note, long recordedBy) {
    return sql.preparedQuery(INSERT_QUALIFICATION).execute(Tuple.of(resourceId, userId, from, until, note, recordedBy))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<List<io.vertx.core.json.JsonObject>> qualifications(SqlClient sql, long resourceId) {
    return sql.preparedQuery(LIST_QUALIFICATIONS).execute(Tuple.of(resourceId)).map(rows -> {
      List<io.vertx.core.json.JsonObject> list = new ArrayList<>();
      rows.forEach(r -> list.add(new io.vertx.core.json.JsonObject()
          .put("id", r.getLong("id")).put("userId", r.getLong("user_id")).put("userName", r.getString("user_name"))
          .put("organisation", r.getString("organisation_name"))
          .put("validFrom", r.getLocalDate("valid_from").toString()).put("validUntil", r.getLocalDate("valid_until").toString())
          .put("note", r.getString("note"))));
      return list;
    });
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
