package kr.dure.monitoring;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the pre-aggregated booking use ({@code booking_usage_daily}, {@code booking_usage_hourly},
 * kept by a trigger, see V17), open time ({@code resource_open_minutes}) and the program's money
 * records for the monitoring dashboards.
 */
public final class UtilizationRepository {

  // one row per resource of the scope (active ones, or any with use in the period)
  private static final String RESOURCES = """
      WITH usage AS (
          SELECT u.resource_id, sum(u.booked_minutes) AS booked_minutes, sum(u.booked_unit_minutes) AS booked_unit_minutes,
                 sum(u.used_minutes) AS used_minutes, sum(u.used_unit_minutes) AS used_unit_minutes,
                 sum(u.booked_pallets) AS pallets, sum(u.booked_kg) AS kg, sum(u.bookings) AS bookings,
                 sum(u.reached_start) AS reached_start, sum(u.no_shows) AS no_shows, sum(u.late_cancels) AS late_cancels,
                 count(DISTINCT u.organisation_id) FILTER (WHERE u.bookings > 0) AS firms
            FROM booking_usage_daily u JOIN resource r ON r.id = u.resource_id
           WHERE u.day BETWEEN $1 AND $2 AND ($3::bigint IS NULL OR r.project_id = $3) AND ($4::bigint IS NULL OR r.id = $4)
           GROUP BY u.resource_id
      ), open AS (
          SELECT o.resource_id, sum(o.open_minutes) AS open_minutes FROM resource_open_minutes($1, $2, $3, $4) o GROUP BY o.resource_id
      ), runs AS (
          SELECT d.resource_id, sum(d.pallet_capacity) AS pallet_capacity, sum(d.kg_capacity) AS kg_capacity, count(*) AS departures
            FROM delivery_departure d JOIN resource r ON r.id = d.resource_id
           WHERE NOT d.cancelled AND d.departs_at >= ($1::date)::timestamp AT TIME ZONE 'Asia/Seoul'
             AND d.departs_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Seoul'
             AND ($3::bigint IS NULL OR r.project_id = $3) AND ($4::bigint IS NULL OR r.id = $4)
           GROUP BY d.resource_id
      )
      SELECT r.id, r.project_id, r.kind, r.name_ko, r.name_en, r.capacity, r.active,
             coalesce(u.booked_minutes, 0) AS booked_minutes, coalesce(u.booked_unit_minutes, 0) AS booked_unit_minutes,
             coalesce(u.used_minutes, 0) AS used_minutes, coalesce(u.used_unit_minutes, 0) AS used_unit_minutes,
             coalesce(u.pallets, 0) AS pallets, coalesce(u.kg, 0) AS kg, coalesce(u.bookings, 0) AS bookings,
             coalesce(u.reached_start, 0) AS reached_start, coalesce(u.no_shows, 0) AS no_shows,
             coalesce(u.late_cancels, 0) AS late_cancels, coalesce(u.firms, 0) AS firms,
             coalesce(o.open_minutes, 0) AS open_minutes,
             coalesce(d.pallet_capacity, 0) AS pallet_capacity, coalesce(d.kg_capacity, 0) AS kg_capacity,
             coalesce(d.departures, 0) AS departures
        FROM resource r
        LEFT JOIN usage u ON u.resource_id = r.id
        LEFT JOIN open o ON o.resource_id = r.id
        LEFT JOIN runs d ON d.resource_id = r.id
       WHERE (r.active OR u.resource_id IS NOT NULL)
         AND ($3::bigint IS NULL OR r.project_id = $3) AND ($4::bigint IS NULL OR r.id = $4)
       ORDER BY r.project_id, r.kind, r.name_ko, r.id
      """;
  private static final String PROJECTS = """
      SELECT p.id, p.code, p.title_ko, p.title_en, p.region_code, p.status,
             (SELECT count(DISTINCT u.organisation_id) FROM booking_usage_daily u JOIN resource r ON r.id = u.resource_id
               WHERE r.project_id = p.id AND u.day BETWEEN $1 AND $2 AND u.bookings > 0) AS active_firms,
             (SELECT count(*) FROM project_organisation po JOIN organisation o ON o.id = po.organisation_id
               WHERE po.project_id = p.id AND o.kind = 'SME') AS member_firms,
             (SELECT coalesce(sum(amount_won), 0) FROM agreement_budget b WHERE b.project_id = p.id) AS agreed_won,
             (SELECT coalesce(sum(amount_won), 0) FROM spending s WHERE s.project_id = p.id AND s.spent_on <= $2) AS spent_won,
             (SELECT avg(least(1, coalesce(k.actual, 0) / k.target)) FROM (
                 SELECT ak.target, (SELECT kr.actual FROM kpi_report kr WHERE kr.kpi_id = ak.id
                                     AND kr.reported_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Seoul'
                                   ORDER BY kr.reported_at DESC, kr.id DESC LIMIT 1) AS actual
                   FROM agreement_kpi ak WHERE ak.project_id = p.id AND ak.target > 0) k) AS kpi_progress
        FROM project p
       WHERE ($3::bigint IS NULL OR p.id = $3)
       ORDER BY p.code
      """;
  // booking fees: paid by the booking organisation to the facility operator, the project's lead organisation
  private static final String CIRCULATION = """
      SELECT 'FEES' AS flow,
             coalesce(sum(u.charged_fee_won) FILTER (WHERE payer.region_code = p.region_code AND lead.region_code = p.region_code), 0) AS inside_won,
             coalesce(sum(u.charged_fee_won), 0) AS total_won
        FROM project p JOIN organisation lead ON lead.id = p.lead_organisation_id
        JOIN resource r ON r.project_id = p.id
        JOIN booking_usage_daily u ON u.resource_id = r.id AND u.day BETWEEN $2 AND $3
        JOIN organisation payer ON payer.id = u.organisation_id
       WHERE p.id = $1
      UNION ALL
      SELECT 'TRADES',
             coalesce(sum(t.amount_won) FILTER (WHERE buyer.region_code = p.region_code AND seller.region_code = p.region_code), 0),
             coalesce(sum(t.amount_won), 0)
        FROM project p JOIN value_chain_trade t ON t.project_id = p.id AND t.traded_on BETWEEN $2 AND $3
        JOIN organisation buyer ON buyer.id = t.buyer_id JOIN organisation seller ON seller.id = t.seller_id
       WHERE p.id = $1
      UNION ALL
      SELECT 'SERVICES',
             coalesce(sum(su.amount_won) FILTER (WHERE provider.region_code = p.region_code), 0),
             coalesce(sum(su.amount_won), 0)
        FROM project p JOIN local_service s ON s.project_id = p.id
        JOIN local_service_usage su ON su.service_id = s.id AND su.period BETWEEN to_char($2::date, 'YYYY-MM') AND to_char($3::date, 'YYYY-MM')
        LEFT JOIN organisation provider ON provider.id = s.provider_organisation_id
       WHERE p.id = $1
      """;
  private static final String HEATMAP = """
      SELECT extract(isodow FROM h.day)::int AS weekday, h.hour, sum(h.booked_minutes) AS booked_minutes, sum(h.used_minutes) AS used_minutes
        FROM booking_usage_hourly h JOIN resource r ON r.id = h.resource_id
       WHERE h.day BETWEEN $1 AND $2 AND ($3::bigint IS NULL OR r.project_id = $3) AND ($4::bigint IS NULL OR r.id = $4)
         AND ($4::bigint IS NOT NULL OR r.kind <> 'DELIVERY_RUN')
       GROUP BY 1, 2
      """;
  // time utilization of equipment and facilities by week (Monday) or day
  private static final String SERIES = """
      WITH usage AS (
          SELECT CASE WHEN $5 THEN u.day ELSE date_trunc('week', u.day)::date END AS bucket,
                 sum(u.booked_unit_minutes) AS booked, sum(u.used_unit_minutes) AS used, sum(u.bookings) AS bookings,
                 sum(u.no_shows) AS no_shows
            FROM booking_usage_daily u JOIN resource r ON r.id = u.resource_id
           WHERE u.day BETWEEN $1 AND $2 AND r.kind <> 'DELIVERY_RUN' AND r.active
             AND ($3::bigint IS NULL OR r.project_id = $3) AND ($4::bigint IS NULL OR r.id = $4)
           GROUP BY 1
      ), open AS (
          SELECT CASE WHEN $5 THEN o.day ELSE date_trunc('week', o.day)::date END AS bucket, sum(o.open_minutes * r.capacity) AS capacity
            FROM resource_open_minutes($1, $2, $3, $4) o JOIN resource r ON r.id = o.resource_id
           GROUP BY 1
      ), buckets AS (
          SELECT DISTINCT CASE WHEN $5 THEN d::date ELSE date_trunc('week', d)::date END AS bucket
            FROM generate_series($1::timestamp, $2::timestamp, interval '1 day') d
      )
      SELECT b.bucket, coalesce(o.capacity, 0) AS capacity, coalesce(u.booked, 0) AS booked, coalesce(u.used, 0) AS used,
             coalesce(u.bookings, 0) AS bookings, coalesce(u.no_shows, 0) AS no_shows
        FROM buckets b LEFT JOIN usage u ON u.bucket = b.bucket LEFT JOIN open o ON o.bucket = b.bucket
       ORDER BY b.bucket
      """;
  // each organisation that booked, and every member firm, with its booked unit-minutes and pallets
  private static final String FIRM_USE = """
      WITH use AS (
          SELECT u.organisation_id, sum(u.booked_unit_minutes) FILTER (WHERE r.kind <> 'DELIVERY_RUN') AS unit_minutes,
                 sum(u.booked_pallets) AS pallets, sum(u.bookings) AS bookings, sum(u.no_shows) AS no_shows
            FROM booking_usage_daily u JOIN resource r ON r.id = u.resource_id
           WHERE r.project_id = $1 AND u.day BETWEEN $2 AND $3
           GROUP BY u.organisation_id
      ), firms AS (
          SELECT po.organisation_id FROM project_organisation po JOIN organisation o ON o.id = po.organisation_id
           WHERE po.project_id = $1 AND o.kind = 'SME'
      )
      SELECT o.id, o.name, coalesce(o.name_en, '') AS name_en, (f.organisation_id IS NOT NULL) AS member,
             coalesce(use.unit_minutes, 0) AS unit_minutes, coalesce(use.pallets, 0) AS pallets,
             coalesce(use.bookings, 0) AS bookings, coalesce(use.no_shows, 0) AS no_shows
        FROM organisation o
        LEFT JOIN use ON use.organisation_id = o.id
        LEFT JOIN firms f ON f.organisation_id = o.id
       WHERE (use.organisation_id IS NOT NULL AND use.bookings > 0) OR f.organisation_id IS NOT NULL
       ORDER BY o.name
      """;
  private static final String NO_SHOWS = """
      SELECT b.id, o.name AS firm, coalesce(o.name_en, '') AS firm_en, r.id AS resource_id, r.name_ko, r.name_en,
             b.starts_at, b.ends_at, b.fee_won
        FROM booking b JOIN resource r ON r.id = b.resource_id JOIN organisation o ON o.id = b.organisation_id
       WHERE r.project_id = $1 AND b.status = 'NO_SHOW'
         AND b.starts_at >= ($2::date)::timestamp AT TIME ZONE 'Asia/Seoul' AND b.starts_at < ($3::date + 1)::timestamp AT TIME ZONE 'Asia/Seoul'
       ORDER BY b.starts_at DESC, b.id DESC
       LIMIT 500
      """;
  private static final String RESOURCE = "SELECT id, project_id, kind FROM resource WHERE id = $1";
  private static final String COORDINATED = """
      SELECT p.id, p.code, p.title_ko, p.title_en FROM project p JOIN project_user pu ON pu.project_id = p.id
       WHERE pu.user_id = $1 AND pu.project_role = 'COORDINATOR' ORDER BY p.code
      """;

  /** Use, open time and run capacity of one resource in a period. */
  public record ResourceUse(long id, long projectId, String kind, String nameKo, String nameEn, int capacity, boolean active,
      long bookedMinutes, long bookedUnitMinutes, long usedMinutes, long usedUnitMinutes, long pallets, long kg,
      long bookings, long reachedStart, long noShows, long lateCancels, long firms, long openMinutes,
      long palletCapacity, long kgCapacity, long departures) {

    static ResourceUse from(Row r) {
      return new ResourceUse(r.getLong("id"), r.getLong("project_id"), r.getString("kind"), r.getString("name_ko"),
          r.getString("name_en"), r.getInteger("capacity"), r.getBoolean("active"), num(r, "booked_minutes"),
          num(r, "booked_unit_minutes"), num(r, "used_minutes"), num(r, "used_unit_minutes"), num(r, "pallets"), num(r, "kg"),
          num(r, "bookings"), num(r, "reached_start"), num(r, "no_shows"), num(r, "late_cancels"), num(r, "firms"),
          num(r, "open_minutes"), num(r, "pallet_capacity"), num(r, "kg_capacity"), num(r, "departures"));
    }

    /** Capacity × open minutes: the unit-minutes that could have been booked. */
    public long capacityMinutes() {
      return openMinutes * capacity;
    }

    public boolean run() {
      return "DELIVERY_RUN".equals(kind);
    }
  }

  /** A project's program figures in a period. */
  public record ProjectFacts(long id, String code, String titleKo, String titleEn, String regionCode, String status,
      long activeFirms, long memberFirms, long agreedWon, long spentWon, Double kpiProgress) {
  }

  /** Money of one flow type: the part with both sides inside the project's region, and all of it. */
  public record Flow(String type, long insideWon, long totalWon) {
  }

  public record HeatCell(int weekday, int hour, long bookedMinutes, long usedMinutes) {
  }

  /** Time utilization of equipment and facilities in one week or day. */
  public record SeriesPoint(LocalDate bucket, long capacityMinutes, long bookedUnitMinutes, long usedUnitMinutes, long bookings,
      long noShows) {
  }

  public record FirmUse(long organisationId, String name, String nameEn, boolean member, long unitMinutes, long pallets,
      long bookings, long noShows) {
  }

  public record NoShow(long bookingId, String firm, String firmEn, long resourceId, String resourceKo, String resourceEn,
      OffsetDateTime startsAt, OffsetDateTime endsAt, long feeWon) {
  }

  public record ProjectRef(long id, String code, String titleKo, String titleEn) {
  }

  public Future<List<ResourceUse>> resources(SqlClient sql, LocalDate from, LocalDate to, Long projectId, Long resourceId) {
    return sql.preparedQuery(RESOURCES).execute(Tuple.of(from, to, projectId, resourceId))
        .map(rows -> map(rows, ResourceUse::from));
  }

  public Future<List<ProjectFacts>> projects(SqlClient sql, LocalDate from, LocalDate to, Long projectId) {
    return sql.preparedQuery(PROJECTS).execute(Tuple.of(from, to, projectId)).map(rows -> map(rows, r -> new ProjectFacts(
        r.getLong("id"), r.getString("code"), r.getString("title_ko"), r.getString("title_en"), r.getString("region_code"),
        r.getString("status"), num(r, "active_firms"), num(r, "member_firms"), num(r, "agreed_won"), num(r, "spent_won"),
        r.getValue("kpi_progress") == null ? null : r.getNumeric("kpi_progress").doubleValue())));
  }

  public Future<List<Flow>> circulation(SqlClient sql, long projectId, LocalDate from, LocalDate to) {
    return sql.preparedQuery(CIRCULATION).execute(Tuple.of(projectId, from, to))
        .map(rows -> map(rows, r -> new Flow(r.getString("flow"), num(r, "inside_won"), num(r, "total_won"))));
  }

  public Future<List<HeatCell>> heatmap(SqlClient sql, LocalDate from, LocalDate to, Long projectId, Long resourceId) {
    return sql.preparedQuery(HEATMAP).execute(Tuple.of(from, to, projectId, resourceId)).map(rows -> map(rows, r ->
        new HeatCell(r.getInteger("weekday"), r.getInteger("hour"), num(r, "booked_minutes"), num(r, "used_minutes"))));
  }

  public Future<List<SeriesPoint>> series(SqlClient sql, LocalDate from, LocalDate to, Long projectId, Long resourceId, boolean daily) {
    return sql.preparedQuery(SERIES).execute(Tuple.of(from, to, projectId, resourceId, daily)).map(rows -> map(rows, r ->
        new SeriesPoint(r.getLocalDate("bucket"), num(r, "capacity"), num(r, "booked"), num(r, "used"), num(r, "bookings"),
            num(r, "no_shows"))));
  }

  public Future<List<FirmUse>> firmUse(SqlClient sql, long projectId, LocalDate from, LocalDate to) {
    return sql.preparedQuery(FIRM_USE).execute(Tuple.of(projectId, from, to)).map(rows -> map(rows, r ->
        new FirmUse(r.getLong("id"), r.getString("name"), r.getString("name_en"), r.getBoolean("member"), num(r, "unit_minutes"),
            num(r, "pallets"), num(r, "bookings"), num(r, "no_shows"))));
  }

  public Future<List<NoShow>> noShows(SqlClient sql, long projectId, LocalDate from, LocalDate to) {
    return sql.preparedQuery(NO_SHOWS).execute(Tuple.of(projectId, from, to)).map(rows -> map(rows, r ->
        new NoShow(r.getLong("id"), r.getString("firm"), r.getString("firm_en"), r.getLong("resource_id"), r.getString("name_ko"),
            r.getString("name_en"), r.getOffsetDateTime("starts_at"), r.getOffsetDateTime("ends_at"), num(r, "fee_won"))));
  }

  /** The resource's project and kind, or null when there is no such resource. */
  public Future<Row> resource(SqlClient sql, long id) {
    return sql.preparedQuery(RESOURCE).execute(Tuple.of(id)).map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null);
  }

  public Future<List<ProjectRef>> coordinated(SqlClient sql, long userId) {
    return sql.preparedQuery(COORDINATED).execute(Tuple.of(userId)).map(rows -> map(rows, r ->
        new ProjectRef(r.getLong("id"), r.getString("code"), r.getString("title_ko"), r.getString("title_en"))));
  }

  private static long num(Row r, String column) {
    Object v = r.getValue(column);
    return v == null ? 0 : ((Number) v).longValue();
  }

  private static <T> List<T> map(RowSet<Row> rows, java.util.function.Function<Row, T> f) {
    List<T> list = new ArrayList<>();
    rows.forEach(r -> list.add(f.apply(r)));
    return list;
  }
}
