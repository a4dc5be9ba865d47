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

  private static final String METRICS = "u.resource_id, u.organisation_id, u.booked_minutes, u.booked_unit_minutes, u.used_minutes,"
      + " u.used_unit_minutes, u.booked_pallets, u.booked_kg, u.bookings, u.reached_start, u.no_shows, u.cancellations,"
      + " u.late_cancels, u.charged_fee_won";

  /**
   * The use rows of a period: its whole months from {@code booking_usage_monthly}, the days before and
   * after them from {@code booking_usage_daily} ({@code m1}–{@code m2} are the whole months, see {@link #months}).
   */
  private static String usage(String from, String to, String m1, String m2) {
    return "(SELECT " + METRICS + " FROM booking_usage_daily u WHERE (u.day >= " + from + " AND u.day < " + m1 + ") OR (u.day >= "
        + m2 + " AND u.day <= " + to + ")" + " UNION ALL SELECT " + METRICS + " FROM booking_usage_monthly u WHERE u.month >= " + m1
        + " AND u.month < " + m2 + ")";
  }

  /** The first day of the period's first whole month and the day after its last whole month; both the day after {@code to} when it has none. */
  static LocalDate[] months(LocalDate from, LocalDate to) {
    LocalDate first = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
    LocalDate end = to.plusDays(1).withDayOfMonth(1);
    return first.isBefore(end) ? new LocalDate[] {first, end} : new LocalDate[] {to.plusDays(1), to.plusDays(1)};
  }

  // one row per resource of the scope (active ones, or any with use in the period)
  static final String RESOURCES = """
      WITH firm_use AS (
          -- hash-aggregated per resource and organisation first: a distinct count over sorted groups is far slower
          SELECT u.resource_id, u.organisation_id, sum(u.booked_minutes) AS booked_minutes,
                 sum(u.booked_unit_minutes) AS booked_unit_minutes, sum(u.used_minutes) AS used_minutes,
                 sum(u.used_unit_minutes) AS used_unit_minutes, sum(u.booked_pallets) AS pallets, sum(u.booked_kg) AS kg,
                 sum(u.bookings) AS bookings, sum(u.reached_start) AS reached_start, sum(u.no_shows) AS no_shows,
                 sum(u.late_cancels) AS late_cancels
            FROM """ + usage("$1", "$2", "$5", "$6") + """
            u JOIN resource r ON r.id = u.resource_id
           WHERE ($3::bigint IS NULL OR r.project_id = $3) AND ($4::bigint IS NULL OR r.id = $4)
           GROUP BY u.resource_id, u.organisation_id
      ), usage AS (
          SELECT resource_id, sum(booked_minutes) AS booked_minutes, sum(booked_unit_minutes) AS booked_unit_minutes,
                 sum(used_minutes) AS used_minutes, sum(used_unit_minutes) AS used_unit_minutes, sum(pallets) AS pallets,
                 sum(kg) AS kg, sum(bookings) AS bookings, sum(reached_start) AS reached_start, sum(no_shows) AS no_shows,
                 sum(late_cancels) AS late_cancels, count(*) FILTER (WHERE bookings > 0) AS firms
            FROM firm_use GROUP BY resource_id
      ), open AS (
          SELECT o.resource_id, o.open_minutes FROM resource_open_minutes_total($1, $2, $3, $4) o
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
  static final String PROJECTS = """
      WITH active_pairs AS (
          SELECT r.project_id, u.organisation_id
            FROM """ + usage("$1", "$2", "$4", "$5") + """
            u JOIN resource r ON r.id = u.resource_id
           WHERE ($3::bigint IS NULL OR r.project_id = $3)
           GROUP BY r.project_id, u.organisation_id
          HAVING sum(u.bookings) > 0
      ), active AS (
          SELECT project_id, count(*) AS firms FROM active_pairs GROUP BY project_id
      ), members AS (
          SELECT po.project_id, count(*) AS firms FROM project_organisation po JOIN organisation o ON o.id = po.organisation_id
           WHERE o.kind = 'SME' AND ($3::bigint IS NULL OR po.project_id = $3) GROUP BY po.project_id
      ), agreed AS (
          SELECT project_id, sum(amount_won) AS won FROM agreement_budget WHERE ($3::bigint IS NULL OR project_id = $3) GROUP BY project_id
      ), spent AS (
          SELECT project_id, sum(amount_won) AS won FROM spending WHERE spent_on <= $2 AND ($3::bigint IS NULL OR project_id = $3)
           GROUP BY project_id
      ), kpi AS (
          SELECT ak.project_id, avg(least(1, coalesce(latest.actual, 0) / ak.target)) AS progress
            FROM agreement_kpi ak
            LEFT JOIN LATERAL (SELECT kr.actual FROM kpi_report kr
                                WHERE kr.kpi_id = ak.id AND kr.reported_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Seoul'
                                ORDER BY kr.reported_at DESC, kr.id DESC LIMIT 1) latest ON true
           WHERE ak.target > 0 AND ($3::bigint IS NULL OR ak.project_id = $3)
           GROUP BY ak.project_id
      )
      SELECT p.id, p.code, p.title_ko, p.title_en, p.region_code, p.status,
             coalesce(active.firms, 0) AS active_firms, coalesce(members.firms, 0) AS member_firms,
             coalesce(agreed.won, 0) AS agreed_won, coalesce(spent.won, 0) AS spent_won, kpi.progress AS kpi_progress
        FROM project p
        LEFT JOIN active ON active.project_id = p.id
        LEFT JOIN members ON members.project_id = p.id
        LEFT JOIN agreed ON agreed.project_id = p.id
        LEFT JOIN spent ON spent.project_id = p.id
        LEFT JOIN kpi ON kpi.project_id = p.id
       WHERE ($3::bigint IS NULL OR p.id = $3)
       ORDER BY p.code
      """;
  // per project ($1 null: every project) and flow type: the amount with payer and payee in the project's region, and all of it.
  // Booking fees are paid by the booking organisation to the facility operator, the project's lead organisation
  // (resources have no owner of their own: the project runs them).
  private static final String CIRCULATION = """
      SELECT p.id AS project_id, 'FEES' AS flow,
             coalesce(sum(u.charged_fee_won) FILTER (WHERE payer.region_code = p.region_code AND lead.region_code = p.region_code), 0) AS inside_won,
             coalesce(sum(u.charged_fee_won), 0) AS total_won
        FROM project p JOIN organisation lead ON lead.id = p.lead_organisation_id
        JOIN resource r ON r.project_id = p.id
        JOIN """ + usage("$2", "$3", "$4", "$5") + """
            u ON u.resource_id = r.id AND u.charged_fee_won <> 0
        JOIN organisation payer ON payer.id = u.organisation_id
       WHERE ($1::bigint IS NULL OR p.id = $1)
       GROUP BY p.id
      UNION ALL
      SELECT p.id, 'TRADES',
             coalesce(sum(t.amount_won) FILTER (WHERE buyer.region_code = p.region_code AND seller.region_code = p.region_code), 0),
             coalesce(sum(t.amount_won), 0)
        FROM project p JOIN value_chain_trade t ON t.project_id = p.id AND t.traded_on BETWEEN $2 AND $3
        JOIN organisation buyer ON buyer.id = t.buyer_id JOIN organisation seller ON seller.id = t.seller_id
       WHERE ($1::bigint IS NULL OR p.id = $1)
       GROUP BY p.id
      UNION ALL
      SELECT p.id, 'SERVICES',
             coalesce(sum(su.amount_won) FILTER (WHERE provider.region_code = p.region_code), 0),
             coalesce(sum(su.amount_won), 0)
        FROM project p JOIN local_service s ON s.project_id = p.id
        JOIN local_service_usage su ON su.service_id = s.id AND su.period BETWEEN to_char($2::date, 'YYYY-MM') AND to_char($3::date, 'YYYY-MM')
        LEFT JOIN organisation provider ON provider.id = s.provider_organisation_id
       WHERE ($1::bigint IS NULL OR p.id = $1)
       GROUP BY p.id
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
            FROM """ + usage("$2", "$3", "$4", "$5") + """
            u JOIN resource r ON r.id = u.resource_id
           WHERE r.project_id = $1
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
  // firms with at least one booking of the kind in the period (the same rule as the project's active firms)
  static final String KIND_FIRMS = """
      SELECT count(*) AS firms FROM (
          SELECT u.organisation_id
            FROM """ + usage("$1", "$2", "$5", "$6") + """
            u JOIN resource r ON r.id = u.resource_id
           WHERE r.project_id = $3 AND r.kind = $4
           GROUP BY u.organisation_id
          HAVING sum(u.bookings) > 0) f
      """;
  private static final String LED = """
      SELECT p.id, p.code, p.title_ko, p.title_en FROM project p WHERE p.lead_organisation_id = $1 ORDER BY p.code
      """;
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

  /** A flow of one project. */
  public record ProjectFlow(long projectId, Flow flow) {
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

  /** Changes folded per call; a longer queue (after a bulk change) takes several calls. */
  private static final int FOLD_BATCH = 100_000;

  /**
   * Moves the booking changes still queued into the aggregates (V18's {@code booking_usage_fold}),
   * waiting for a fold under way elsewhere: the reads after it see every booking committed before.
   */
  public Future<Void> foldQueuedChanges(SqlClient sql) {
    return sql.preparedQuery("SELECT booking_usage_fold($1)").execute(Tuple.of(FOLD_BATCH))
        .compose(rows -> rows.iterator().next().getInteger(0) < FOLD_BATCH ? Future.<Void>succeededFuture() : foldQueuedChanges(sql));
  }

  public Future<List<ResourceUse>> resources(SqlClient sql, LocalDate from, LocalDate to, Long projectId, Long resourceId) {
    LocalDate[] m = months(from, to);
    return sql.preparedQuery(RESOURCES).execute(Tuple.of(from, to, projectId, resourceId, m[0], m[1]))
        .map(rows -> map(rows, ResourceUse::from));
  }

  public Future<List<ProjectFacts>> projects(SqlClient sql, LocalDate from, LocalDate to, Long projectId) {
    LocalDate[] m = months(from, to);
    return sql.preparedQuery(PROJECTS).execute(Tuple.of(from, to, projectId, m[0], m[1])).map(rows -> map(rows, r -> new ProjectFacts(
        r.getLong("id"), r.getString("code"), r.getString("title_ko"), r.getString("title_en"), r.getString("region_code"),
        r.getString("status"), num(r, "active_firms"), num(r, "member_firms"), num(r, "agreed_won"), num(r, "spent_won"),
        r.getValue("kpi_progress") == null ? null : r.getNumeric("kpi_progress").doubleValue())));
  }

  /** The flows of one project, or of every project when {@code projectId} is null. */
  public Future<List<ProjectFlow>> circulation(SqlClient sql, Long projectId, LocalDate from, LocalDate to) {
    LocalDate[] m = months(from, to);
    return sql.preparedQuery(CIRCULATION).execute(Tuple.of(projectId, from, to, m[0], m[1])).map(rows -> map(rows, r ->
        new ProjectFlow(r.getLong("project_id"), new Flow(r.getString("flow"), num(r, "inside_won"), num(r, "total_won")))));
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
    LocalDate[] m = months(from, to);
    return sql.preparedQuery(FIRM_USE).execute(Tuple.of(projectId, from, to, m[0], m[1])).map(rows -> map(rows, r ->
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

  /** How many firms booked resources of one kind of a project in the period. */
  public Future<Long> kindActiveFirms(SqlClient sql, LocalDate from, LocalDate to, long projectId, String kind) {
    LocalDate[] m = months(from, to);
    return sql.preparedQuery(KIND_FIRMS).execute(Tuple.of(from, to, projectId, kind, m[0], m[1]))
        .map(rows -> num(rows.iterator().next(), "firms"));
  }

  /** The projects whose lead organisation is the given one (a county's projects). */
  public Future<List<ProjectRef>> led(SqlClient sql, long organisationId) {
    return sql.preparedQuery(LED).execute(Tuple.of(organisationId)).map(rows -> map(rows, r ->
        new ProjectRef(r.getLong("id"), r.getString("code"), r.getString("title_ko"), r.getString("title_en"))));
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
