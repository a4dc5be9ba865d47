package kr.dure.bench;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's data set: 3 projects, 300 resources (per project 45 equipment, 45 facilities of 4
 * units, 10 delivery runs with a departure every day), 200 firms (organisations with one FIRM user
 * each, spread over the projects), a coordinator per project and a ministry official, and about
 * {@code bookings} historical bookings over the two years before today. The bookings are bulk-loaded
 * with set-based {@code INSERT … SELECT} in month-sized chunks (a progress bar on stderr) with the
 * usage trigger off, then {@code booking_usage_rebuild()} fills the aggregate and {@code VACUUM
 * ANALYZE} does what autovacuum would do soon after.
 */
final class BenchSeed {

  static final int PROJECTS = 3;
  static final int FIRMS = 200;
  static final int DAYS = 730;
  /** historical slots: five 2-hour slots a day per resource */
  static final long SLOTS = 300L * DAYS * 5;

  private BenchSeed() {
  }

  static boolean seeded(Pool pool) {
    return pool.query("SELECT count(*) FROM resource WHERE name_en LIKE 'Bench %'").execute().await().iterator().next().getLong(0) > 0;
  }

  static void load(Pool pool, long bookings) {
    long t0 = System.nanoTime();
    for (String sql : SETUP) {
      pool.query(sql).execute().await();
    }
    System.err.printf("seed: 3 projects, %d resources, %d firms in %.1f s%n",
        count(pool, "SELECT count(*) FROM resource WHERE name_en LIKE 'Bench %'"),
        count(pool, "SELECT count(*) FROM organisation WHERE kind = 'SME' AND name LIKE '벤치 기업 %'"), (System.nanoTime() - t0) / 1e9);
    double share = Math.min(1.0, bookings / (double) SLOTS);
    pool.query("ALTER TABLE booking DISABLE TRIGGER booking_usage_track").execute().await();
    LocalDate today = LocalDate.now(kr.dure.common.Zones.SEOUL);
    LocalDate first = today.minusDays(DAYS);
    int chunk = 30;
    long t1 = System.nanoTime();
    Progress bar = new Progress("bookings", DAYS);
    for (int d = 0; d < DAYS; d += chunk) {
      LocalDate from = first.plusDays(d);
      LocalDate to = first.plusDays(Math.min(DAYS, d + chunk));
      pool.preparedQuery(BOOKINGS).execute(Tuple.of(from, to, share)).await();
      bar.update(Math.min(DAYS, d + chunk), null);
    }
    pool.query("ALTER TABLE booking ENABLE TRIGGER booking_usage_track").execute().await();
    long loaded = count(pool, "SELECT count(*) FROM booking");
    bar.done(String.format(Locale.ROOT, "%,d bookings in %.1f s", loaded, (System.nanoTime() - t1) / 1e9));
    long t2 = System.nanoTime();
    pool.query("SELECT booking_usage_rebuild()").execute().await();
    pool.query("VACUUM ANALYZE").execute().await();
    System.err.printf("seed: usage aggregate rebuilt and VACUUM ANALYZE in %.1f s%n", (System.nanoTime() - t2) / 1e9);
  }

  static long count(Pool pool, String sql) {
    return pool.query(sql).execute().await().iterator().next().getLong(0);
  }

  /** A firm (its organisation and FIRM user) of one project. */
  record Firm(long organisationId, long userId, String email, long projectId) {
  }

  record Res(long id, long projectId, String kind) {
  }

  record Person(long userId, long organisationId, String email, long projectId) {
  }

  static List<Firm> firms(Pool pool) {
    List<Firm> list = new ArrayList<>();
    for (Row r : pool.query("""
        SELECT o.id AS org, u.id AS uid, u.email, po.project_id
          FROM organisation o JOIN app_user u ON u.organisation_id = o.id JOIN project_organisation po ON po.organisation_id = o.id
         WHERE o.kind = 'SME' AND o.name LIKE '벤치 기업 %' ORDER BY o.id
        """).execute().await()) {
      list.add(new Firm(r.getLong("org"), r.getLong("uid"), r.getString("email"), r.getLong("project_id")));
    }
    return list;
  }

  static List<Res> resources(Pool pool) {
    List<Res> list = new ArrayList<>();
    for (Row r : pool.query("SELECT id, project_id, kind FROM resource WHERE name_en LIKE 'Bench %' ORDER BY id").execute().await()) {
      list.add(new Res(r.getLong("id"), r.getLong("project_id"), r.getString("kind")));
    }
    return list;
  }

  static List<Person> coordinators(Pool pool) {
    List<Person> list = new ArrayList<>();
    for (Row r : pool.query("""
        SELECT u.id, u.organisation_id, u.email, pu.project_id FROM project_user pu JOIN app_user u ON u.id = pu.user_id
         WHERE u.email LIKE 'coordinator%@bench.test' ORDER BY pu.project_id
        """).execute().await()) {
      list.add(new Person(r.getLong("id"), r.getLong("organisation_id"), r.getString("email"), r.getLong("project_id")));
    }
    return list;
  }

  static Person ministry(Pool pool) {
    Row r = pool.query("SELECT id, organisation_id, email FROM app_user WHERE email = 'ministry@bench.test'").execute().await().iterator().next();
    return new Person(r.getLong("id"), r.getLong("organisation_id"), r.getString("email"), 0);
  }

  /** Working days (Mon–Fri, not a public holiday) from {@code from} to {@code to}. */
  static List<LocalDate> workdays(Pool pool, LocalDate from, LocalDate to) {
    List<LocalDate> days = new ArrayList<>();
    for (Row r : pool.preparedQuery("""
        SELECT d::date AS day FROM generate_series($1::date, $2::date, interval '1 day') d
         WHERE extract(isodow FROM d) < 6 AND NOT EXISTS (SELECT 1 FROM holiday h WHERE h.day = d::date) ORDER BY d
        """).execute(Tuple.of(from, to)).await()) {
      days.add(r.getLocalDate("day"));
    }
    return days;
  }

  private static final List<String> SETUP = List.of(
      "INSERT INTO program (code, title_ko, title_en, year) VALUES ('BENCH-H', '벤치', 'Bench', 2026)",
      """
      INSERT INTO grant_call (program_id, title_ko, title_en, opens_on, closes_on, projects_to_select, national_cap_won, local_min_won,
                              total_cap_won, status)
      SELECT id, '벤치 공고', 'Bench call', '2026-01-01', '2026-01-31', 3, 300000000, 130000000, 430000000, 'SELECTED'
        FROM program WHERE code = 'BENCH-H'
      """,
      "INSERT INTO organisation (kind, name) VALUES ('MINISTRY', '벤치 부처')",
      """
      INSERT INTO app_user (email, name, role, organisation_id, password_hash)
      SELECT 'ministry@bench.test', '벤치 담당관', 'MINISTRY', id, 'x' FROM organisation WHERE name = '벤치 부처'
      """,
      """
      INSERT INTO organisation (kind, name, region_code)
      SELECT 'LOCAL_GOV', '벤치 군청 ' || g, lpad((47000 + g)::text, 5, '0') FROM generate_series(1, 3) g
      """,
      """
      INSERT INTO project (call_id, code, title_ko, title_en, lead_organisation_id, region_code, collaboration_types, status)
      SELECT (SELECT c.id FROM grant_call c JOIN program p ON p.id = c.program_id WHERE p.code = 'BENCH-H'),
             'BENCH-' || o.id, '벤치 과제 ' || o.id, 'Bench project ' || o.id, o.id, o.region_code, ARRAY['SHARED_INFRASTRUCTURE'], 'ACTIVE'
        FROM organisation o WHERE o.name LIKE '벤치 군청 %'
      """,
      """
      INSERT INTO project_organisation (project_id, organisation_id, member_role)
      SELECT p.id, p.lead_organisation_id, 'LEAD' FROM project p WHERE p.code LIKE 'BENCH-%'
      """,
      """
      INSERT INTO app_user (email, name, role, organisation_id, password_hash)
      SELECT 'coordinator' || p.id || '@bench.test', '벤치 코디네이터 ' || p.id, 'COORDINATOR', p.lead_organisation_id, 'x'
        FROM project p WHERE p.code LIKE 'BENCH-%'
      """,
      """
      INSERT INTO project_user (project_id, user_id, project_role)
      SELECT p.id, u.id, 'COORDINATOR' FROM project p JOIN app_user u ON u.email = 'coordinator' || p.id || '@bench.test'
       WHERE p.code LIKE 'BENCH-%'
      """,
      """
      INSERT INTO organisation (kind, name, region_code, business_number)
      SELECT 'SME', '벤치 기업 ' || f, '47001', lpad((9000000000 + f)::text, 10, '0') FROM generate_series(1, 200) f
      """,
      """
      INSERT INTO project_organisation (project_id, organisation_id, member_role)
      SELECT p.id, o.id, 'MEMBER'
        FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM organisation WHERE name LIKE '벤치 기업 %') o
        JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM project WHERE code LIKE 'BENCH-%') p ON p.n = o.n % 3
      """,
      """
      INSERT INTO app_user (email, name, role, organisation_id, password_hash)
      SELECT 'firm' || o.id || '@bench.test', '벤치 사용자 ' || o.id, 'FIRM', o.id, 'x' FROM organisation o WHERE o.name LIKE '벤치 기업 %'
      """,
      // all rules on: hours, holidays, slot grid, min/max length, notice, horizon, changeover buffer, weekly and monthly quotas
      """
      INSERT INTO resource (project_id, kind, name_ko, name_en, capacity, closed_on_holidays, fee_won, fee_basis, slot_minutes, min_minutes,
                            max_minutes, min_notice_minutes, horizon_days, buffer_minutes, weekly_quota, monthly_quota)
      SELECT p.id, k.kind, '벤치 ' || k.kind || ' ' || p.id || '-' || n, 'Bench ' || k.kind || ' ' || p.id || '-' || n,
             CASE WHEN k.kind = 'FACILITY' THEN 4 ELSE 1 END, k.kind = 'EQUIPMENT',
             CASE WHEN k.kind = 'DELIVERY_RUN' THEN 10000 ELSE 5000 END,
             CASE WHEN k.kind = 'DELIVERY_RUN' THEN 'PER_PALLET' ELSE 'PER_HOUR' END,
             30, CASE WHEN k.kind = 'DELIVERY_RUN' THEN NULL ELSE 30 END, CASE WHEN k.kind = 'DELIVERY_RUN' THEN NULL ELSE 240 END,
             60, 365, CASE WHEN k.kind = 'EQUIPMENT' THEN 15 ELSE 0 END,
             CASE WHEN k.kind = 'DELIVERY_RUN' THEN 40 ELSE 40 END, CASE WHEN k.kind = 'DELIVERY_RUN' THEN 150 ELSE 150 END
        FROM project p
        CROSS JOIN (VALUES ('EQUIPMENT', 45), ('FACILITY', 45), ('DELIVERY_RUN', 10)) AS k(kind, count)
        CROSS JOIN LATERAL generate_series(1, k.count) n
       WHERE p.code LIKE 'BENCH-%'
      """,
      """
      INSERT INTO resource_opening_hours (resource_id, weekday, opens_minute, closes_minute)
      SELECT r.id, d, 480, 1200 FROM resource r CROSS JOIN generate_series(1, 5) d WHERE r.kind = 'EQUIPMENT' AND r.name_en LIKE 'Bench %'
      """,
      """
      INSERT INTO resource_opening_hours (resource_id, weekday, opens_minute, closes_minute)
      SELECT r.id, d, 420, 1320 FROM resource r CROSS JOIN generate_series(1, 7) d WHERE r.kind = 'FACILITY' AND r.name_en LIKE 'Bench %'
      """,
      """
      INSERT INTO delivery_departure (resource_id, departs_at, arrives_at, cutoff_at, pallet_capacity, kg_capacity)
      SELECT r.id, (d + time '06:00') AT TIME ZONE 'Asia/Seoul', (d + time '09:00') AT TIME ZONE 'Asia/Seoul',
             (d - interval '6 hours') AT TIME ZONE 'Asia/Seoul', 12, 5000
        FROM resource r CROSS JOIN generate_series(current_date - 730, current_date + 365, interval '1 day') d
       WHERE r.kind = 'DELIVERY_RUN' AND r.name_en LIKE 'Bench %'
      """);

  // five 2-hour slots a day per equipment or facility (never overlapping, buffer included), bookings on
  // run departures; $3 of the slots taken; past statuses (completed, no-show, cancelled, rejected)
  private static final String BOOKINGS = """
      WITH firms AS (
          SELECT po.project_id, array_agg(po.organisation_id ORDER BY po.organisation_id) AS orgs,
                 array_agg(u.id ORDER BY po.organisation_id) AS users, count(*)::int AS n
            FROM project_organisation po JOIN app_user u ON u.organisation_id = po.organisation_id AND u.role = 'FIRM'
           GROUP BY po.project_id
      ), slots AS (
          SELECT r.id AS resource_id, r.kind, d.id AS departure_id, f.orgs, f.users,
                 coalesce(d.departs_at, (day + make_interval(hours => 8 + 2 * s)) AT TIME ZONE 'Asia/Seoul') AS starts_at,
                 CASE WHEN r.kind = 'DELIVERY_RUN' THEN 180 ELSE 60 + 30 * (s % 2) END AS minutes,
                 CASE WHEN r.kind = 'EQUIPMENT' THEN 15 ELSE 0 END AS buffer,
                 1 + floor(random() * f.n)::int AS pick, random() AS luck, random() AS fate
            FROM resource r
            JOIN firms f ON f.project_id = r.project_id
            CROSS JOIN generate_series($1::date, $2::date - 1, interval '1 day') day
            CROSS JOIN generate_series(0, 4) s
            LEFT JOIN delivery_departure d ON r.kind = 'DELIVERY_RUN' AND d.resource_id = r.id
                 AND d.departs_at = (day + time '06:00') AT TIME ZONE 'Asia/Seoul'
           WHERE r.name_en LIKE 'Bench %'
      )
      INSERT INTO booking (resource_id, resource_kind, departure_id, organisation_id, user_id, starts_at, ends_at, blocked_until,
                           units, pallets, kg, status, late_cancel, fee_won)
      SELECT resource_id, kind, departure_id, orgs[pick], users[pick], starts_at, starts_at + make_interval(mins => minutes),
             starts_at + make_interval(mins => minutes + buffer),
             CASE WHEN kind = 'FACILITY' THEN 1 + (pick % 3) ELSE 1 END,
             CASE WHEN kind = 'DELIVERY_RUN' THEN 1 + (pick % 2) ELSE 0 END,
             CASE WHEN kind = 'DELIVERY_RUN' THEN 200 * (1 + pick % 4) ELSE 0 END,
             CASE WHEN fate < 0.80 THEN 'COMPLETED' WHEN fate < 0.85 THEN 'NO_SHOW' WHEN fate < 0.95 THEN 'CANCELLED' ELSE 'REJECTED' END,
             fate BETWEEN 0.85 AND 0.90,
             CASE WHEN kind = 'DELIVERY_RUN' THEN 10000 ELSE 5000 END
        FROM slots WHERE luck < $3
      """;

  /** A text progress bar on stderr. */
  static final class Progress {
    private final String what;
    private final long total;
    private final long started = System.nanoTime();

    Progress(String what, long total) {
      this.what = what;
      this.total = total;
    }

    void update(long done, String note) {
      int width = 40;
      int filled = (int) (width * done / Math.max(1, total));
      System.err.printf(Locale.ROOT, "\r%-9s [%s%s] %3d%% %,d/%,d %5.0f s %s", what, "#".repeat(filled), " ".repeat(width - filled),
          100 * done / Math.max(1, total), done, total, (System.nanoTime() - started) / 1e9, note == null ? "" : note);
    }

    void done(String note) {
      update(total, null);
      System.err.println();
      System.err.println("seed: " + note);
    }
  }
}
