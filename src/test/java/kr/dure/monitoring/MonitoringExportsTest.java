package kr.dure.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.dure.support.Api;
import kr.dure.support.TestApp;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every monitoring table downloads as CSV and XLSX from the same model the page shows; coordinators
 * drill down into their own project's resources, the lead county sees its project's monitoring page,
 * and a kind's page counts the firms that booked that kind.
 */
class MonitoringExportsTest {

  private static final Api API = new Api();
  private static final String MINISTRY = "ministry@dure.demo";
  private static final String COORDINATOR = "coordinator.imsil@dure.demo";
  private final TestApp app = TestApp.get();

  @BeforeEach
  void forgetFailures() {
    app.resetThrottle();
  }

  private static LocalDate today() {
    return LocalDate.now(Api.SEOUL);
  }

  private static String month() {
    return "period=month&date=" + today();
  }

  // ---- parsing what the page shows and what the file says

  /** The rows (header row first) of the table with the given id on a page, as the reader sees the cells. */
  static List<List<String>> htmlTable(String html, String id) {
    int start = html.indexOf("<table id=\"" + id + "\"");
    assertThat(start).as("table " + id).isGreaterThanOrEqualTo(0);
    String table = html.substring(start, html.indexOf("</table>", start));
    List<List<String>> rows = new ArrayList<>();
    Matcher tr = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL).matcher(table);
    while (tr.find()) {
      List<String> cells = new ArrayList<>();
      Matcher cell = Pattern.compile("<t[hd][^>]*>(.*?)</t[hd]>", Pattern.DOTALL).matcher(tr.group(1));
      while (cell.find()) {
        cells.add(unescape(cell.group(1).replaceAll("<[^>]+>", "").trim()));
      }
      rows.add(cells);
    }
    return rows;
  }

  static String unescape(String s) {
    return s.replace("&#x3D;", "=").replace("&#x27;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  static List<CSVRecord> csv(HttpResponse<Buffer> response) throws Exception {
    byte[] bytes = response.body().getBytes();
    assertThat(bytes[0] & 0xff).isEqualTo(0xEF);
    assertThat(bytes[1] & 0xff).isEqualTo(0xBB);
    assertThat(bytes[2] & 0xff).isEqualTo(0xBF);
    String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    return CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
  }

  /** The page's cell and the file's cell say the same (the page rounds: one decimal, percentages of the fraction). */
  static void sameCell(String page, String file, String where) {
    if (file.isEmpty()) {
      assertThat(page).as(where).isIn("–", "");
      return;
    }
    Double number = number(file);
    if (number == null || page.matches(".*[가-힣A-Za-z].*") && !page.endsWith("원")) {
      assertThat(page).as(where).isEqualTo(file.startsWith("'") ? file.substring(1) : file);
      return;
    }
    double shown = Double.parseDouble(page.replaceAll("[^0-9.\\-]", ""));
    if (page.endsWith("%")) {
      assertThat(shown / 100).as(where).isCloseTo(number, org.assertj.core.data.Offset.offset(0.0006));
    } else {
      assertThat(shown).as(where).isCloseTo(number, org.assertj.core.data.Offset.offset(0.051));
    }
  }

  static Double number(String s) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static void pageEqualsFile(List<List<String>> page, List<CSVRecord> file, String what) {
    assertThat(file).as(what + " rows").hasSize(page.size());
    assertThat(page.size()).as(what + " has rows").isGreaterThan(1);
    for (int r = 0; r < page.size(); r++) {
      assertThat(file.get(r).size()).as(what + " row " + r).isEqualTo(page.get(r).size());
      for (int c = 0; c < page.get(r).size(); c++) {
        if (r == 0) {
          assertThat(file.get(r).get(c)).as(what + " header " + c).isEqualTo(page.get(r).get(c));
        } else {
          sameCell(page.get(r).get(c), file.get(r).get(c), what + " row " + r + " column " + c);
        }
      }
    }
  }

  // ---- downloads

  @Test
  void every_dashboard_table_downloads_as_csv_with_bom_korean_headers_and_the_numbers_of_the_page() throws Exception {
    WebClientSession ministry = app.browserSignedInAs(MINISTRY);
    String html = ministry.get("/ministry/dashboard?" + month()).send().await().bodyAsString();
    // a link per table, keeping the period
    String periodQuery = UtilizationPeriod.of("month", today()).query();
    assertThat(unescape(html)).contains("/ministry/dashboard?" + periodQuery + "&idle=20&table=projects&format=csv")
        .contains("&table=projects&format=xlsx").contains("&table=idle&format=csv");
    HttpResponse<Buffer> file = ministry.get("/ministry/dashboard?" + month() + "&table=projects&format=csv").send().await();
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.getHeader("Content-Type")).startsWith("text/csv");
    UtilizationPeriod period = UtilizationPeriod.of("month", today());
    String stem = "projects-" + period.from() + "_" + period.to();
    assertThat(file.getHeader("Content-Disposition")).isEqualTo("attachment; filename=\"" + stem + ".csv\"; filename*=UTF-8''" + stem + ".csv");
    List<CSVRecord> records = csv(file);
    assertThat(records.get(0).get(0)).isEqualTo("과제");
    assertThat(records.get(0).values()).contains("예약 이용률", "지역 내 순환율");
    pageEqualsFile(htmlTable(html, "projects"), records, "projects");

    // the project drill-down: every table of the page, the same as its file
    long project = API.projectId("P-2026-01");
    String base = "/ministry/dashboard/projects/" + project + "?" + month();
    String projectPage = ministry.get(base).send().await().bodyAsString();
    for (String table : MonitoringTables.PROJECT) {
      HttpResponse<Buffer> download = ministry.get(base + "&table=" + table + "&format=csv").send().await();
      assertThat(download.statusCode()).as(table).isEqualTo(200);
      assertThat(download.getHeader("Content-Disposition")).as(table).contains(table + "-P-2026-01-" + period.from() + "_" + period.to() + ".csv");
      List<List<String>> shown = htmlTable(projectPage, table);
      List<CSVRecord> rows = csv(download);
      if (shown.size() > 1) {
        pageEqualsFile(shown, rows, table);
      } else {
        assertThat(rows).as(table).hasSize(1);
      }
    }
  }

  @Test
  void coordinator_tables_download_as_csv_and_typed_xlsx_for_the_chosen_period() throws Exception {
    long imsil = API.projectId("P-2026-01");
    WebClientSession coordinator = app.browserSignedInAs(COORDINATOR);
    String page = coordinator.get("/coordinator/monitoring?project=" + imsil + "&" + month()).send().await().bodyAsString();
    assertThat(unescape(page)).contains("/coordinator/monitoring?project=" + imsil + "&" + UtilizationPeriod.of("month", today()).query()
        + "&table=fairness&format=xlsx");
    List<CSVRecord> resources = csv(coordinator.get("/coordinator/monitoring?project=" + imsil + "&" + month()
        + "&table=resources&format=csv").send().await());
    pageEqualsFile(htmlTable(page, "resources"), resources, "resources");
    int bookingsColumn = resources.get(0).values().length - 3;
    assertThat(resources.get(0).get(bookingsColumn)).isEqualTo("예약 건수");
    long booked = resources.stream().skip(1).mapToLong(r -> Long.parseLong(r.get(bookingsColumn))).sum();
    assertThat(booked).as("the demo books this month").isGreaterThan(0);

    // the period is the file's: a custom period with no bookings gives zeros, and its name
    HttpResponse<Buffer> empty = coordinator.get("/coordinator/monitoring?project=" + imsil
        + "&period=custom&from=2031-03-01&to=2031-03-31&table=resources&format=csv").send().await();
    assertThat(empty.getHeader("Content-Disposition")).contains("resources-P-2026-01-2031-03-01_2031-03-31.csv");
    assertThat(csv(empty).stream().skip(1).mapToLong(r -> Long.parseLong(r.get(bookingsColumn))).sum()).isZero();

    HttpResponse<Buffer> xlsx = coordinator.get("/coordinator/monitoring?project=" + imsil + "&" + month()
        + "&table=resources&format=xlsx").send().await();
    assertThat(xlsx.statusCode()).isEqualTo(200);
    assertThat(xlsx.getHeader("Content-Type")).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assertThat(xlsx.getHeader("Content-Disposition")).contains(".xlsx");
    try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx.body().getBytes()))) {
      List<Row> rows = workbook.getFirstSheet().read();
      Row header = rows.stream().filter(r -> r.getCell(0) != null && "자원".equals(r.getCell(0).getText())).findFirst().orElseThrow();
      int first = rows.indexOf(header) + 1;
      assertThat(rows.size() - first).isEqualTo(resources.size() - 1);
      long xlsxBooked = 0;
      for (int i = first; i < rows.size(); i++) {
        Row row = rows.get(i);
        assertThat(row.getCell(0).getType()).isEqualTo(CellType.STRING);
        assertThat(row.getCell(2).getType()).as("capacity").isEqualTo(CellType.NUMBER);
        assertThat(row.getCell(bookingsColumn).getType()).as("bookings").isEqualTo(CellType.NUMBER);
        xlsxBooked += row.getCell(bookingsColumn).asNumber().longValue();
      }
      assertThat(xlsxBooked).isEqualTo(booked);
    }
  }

  @Test
  void the_api_downloads_the_same_tables() throws Exception {
    long imsil = API.projectId("P-2026-01");
    HttpResponse<Buffer> projects = API.get("/api/v1/monitoring/projects?" + month() + "&table=projects&format=csv", MINISTRY);
    assertThat(projects.statusCode()).isEqualTo(200);
    assertThat(csv(projects).get(0).get(0)).isIn("과제", "Project");
    HttpResponse<Buffer> fairness = API.get("/api/v1/projects/" + imsil + "/monitoring?" + month() + "&table=fairness&format=xlsx",
        COORDINATOR);
    assertThat(fairness.statusCode()).isEqualTo(200);
    assertThat(fairness.getHeader("Content-Disposition")).contains("fairness-P-2026-01-");
    // json stays the default
    assertThat(API.get("/api/v1/projects/" + imsil + "/monitoring?" + month() + "&format=json", COORDINATOR).bodyAsJsonObject()
        .getJsonArray("resources")).isNotEmpty();
    HttpResponse<Buffer> bad = API.get("/api/v1/projects/" + imsil + "/monitoring?table=rockets&format=csv", COORDINATOR);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(bad.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("table");
    HttpResponse<Buffer> badFormat = API.get("/api/v1/monitoring/projects?table=projects&format=pdf", MINISTRY);
    assertThat(badFormat.statusCode()).isEqualTo(400);
    assertThat(badFormat.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("format");
    long goesan = API.projectId("P-2026-03");
    assertThat(API.get("/api/v1/projects/" + goesan + "/monitoring?table=resources&format=csv", COORDINATOR).statusCode()).isIn(403, 404);
  }

  @Test
  void bad_tables_and_formats_are_400_and_other_projects_are_not_exported() {
    WebClientSession ministry = app.browserSignedInAs(MINISTRY);
    for (String bad : new String[] {"table=rockets&format=csv", "table=projects&format=pdf", "format=csv", "table=fairness&format=xlsx",
        "table=" + "x".repeat(300) + "&format=csv"}) {
      HttpResponse<Buffer> page = ministry.get("/ministry/dashboard?" + bad).send().await();
      assertThat(page.statusCode()).as(bad).isEqualTo(400);
      assertThat(page.bodyAsString()).as(bad).contains("alert-danger");
    }
    assertThat(ministry.get("/ministry/dashboard/projects/" + API.projectId("P-2026-01") + "/kinds/FACILITY?table=kinds&format=csv")
        .send().await().statusCode()).as("a kind's page has no kinds table").isEqualTo(400);
    WebClientSession coordinator = app.browserSignedInAs(COORDINATOR);
    long goesan = API.projectId("P-2026-03");
    assertThat(coordinator.get("/coordinator/monitoring?project=" + goesan + "&table=resources&format=csv").send().await().statusCode())
        .isEqualTo(404);
    assertThat(coordinator.get("/monitoring/projects/" + goesan + "?table=resources&format=csv").send().await().statusCode())
        .isIn(403, 404);
    assertThat(coordinator.get("/coordinator/monitoring?table=nope&format=csv").send().await().statusCode()).isEqualTo(400);
  }

  // ---- drill-down for coordinators and the lead county

  @Test
  void coordinators_drill_down_into_their_own_project_only() {
    long imsil = API.projectId("P-2026-01");
    long goesan = API.projectId("P-2026-03");
    long own = API.count("SELECT min(id) FROM resource WHERE project_id = $1 AND kind = 'FACILITY'", imsil);
    long other = API.count("SELECT min(id) FROM resource WHERE project_id = $1", goesan);
    WebClientSession coordinator = app.browserSignedInAs(COORDINATOR);
    String page = coordinator.get("/coordinator/monitoring?" + month()).send().await().bodyAsString();
    assertThat(page).contains("href=\"/monitoring/projects/" + imsil + "?").contains("href=\"/monitoring/resources/");
    HttpResponse<Buffer> project = coordinator.get("/monitoring/projects/" + imsil + "?" + month()).send().await();
    assertThat(project.statusCode()).isEqualTo(200);
    assertThat(unescape(project.bodyAsString())).contains("href=\"/monitoring/projects/" + imsil + "/kinds/FACILITY?")
        .contains("href=\"/coordinator/monitoring?project=" + imsil).doesNotContain("href=\"/ministry/dashboard");
    assertThat(coordinator.get("/monitoring/projects/" + imsil + "/kinds/FACILITY?" + month()).send().await().statusCode()).isEqualTo(200);
    HttpResponse<Buffer> week = coordinator.get("/monitoring/resources/" + own + "?week=" + today()).send().await();
    assertThat(week.statusCode()).isEqualTo(200);
    assertThat(week.bodyAsString()).contains("일별 이용률").contains("action=\"/monitoring/resources/" + own + "\"");
    assertThat(coordinator.get("/monitoring/resources/" + own + "?week=" + today() + "&table=days&format=csv").send().await()
        .getHeader("Content-Disposition")).contains("days-resource-" + own + "-");
    assertThat(coordinator.get("/monitoring/projects/" + goesan).send().await().statusCode()).isIn(403, 404);
    assertThat(coordinator.get("/monitoring/projects/" + goesan + "/kinds/FACILITY").send().await().statusCode()).isIn(403, 404);
    assertThat(coordinator.get("/monitoring/resources/" + other).send().await().statusCode()).isIn(403, 404);
    assertThat(coordinator.get("/monitoring/resources/999999999").send().await().statusCode()).isEqualTo(404);
    // the ministry's own paths stay the ministry's
    assertThat(coordinator.get("/ministry/dashboard/projects/" + imsil).send().await().statusCode()).isEqualTo(403);
    // firms see none of it
    assertThat(app.browserSignedInAs("cheese@dure.demo").get("/monitoring/projects/" + imsil).send().await().statusCode()).isEqualTo(403);
  }

  @Test
  void the_lead_county_sees_its_project_monitoring_page_and_another_county_does_not() {
    long imsil = API.projectId("P-2026-01");
    WebClientSession county = app.browserSignedInAs("imsil@dure.demo");
    String list = county.get("/local-gov/monitoring").send().await().bodyAsString();
    assertThat(list).contains("href=\"/monitoring/projects/" + imsil + "?").contains("P-2026-01")
        .contains("href=\"/local-gov/monitoring\"");
    HttpResponse<Buffer> page = county.get("/monitoring/projects/" + imsil + "?" + month()).send().await();
    assertThat(page.statusCode()).isEqualTo(200);
    // utilization, circulation, budget execution and KPI progress; nothing to change
    String main = page.bodyAsString().substring(page.bodyAsString().indexOf("id=\"main\""));
    assertThat(main).contains("예약 이용률").contains("지역 내 순환").contains("사업비 집행률").contains("성과지표")
        .contains("<table id=\"overview\"").doesNotContain("method=\"post\"");
    assertThat(county.get("/monitoring/projects/" + imsil + "?" + month() + "&table=overview&format=xlsx").send().await().statusCode())
        .isEqualTo(200);
    WebClientSession other = app.browserSignedInAs("goesan@dure.demo");
    assertThat(other.get("/monitoring/projects/" + imsil).send().await().statusCode()).isIn(403, 404);
    assertThat(other.get("/local-gov/monitoring").send().await().bodyAsString()).doesNotContain("/monitoring/projects/" + imsil + "?");
  }

  // ---- the kind page's active firms

  @Test
  void a_kinds_active_firms_are_the_firms_that_booked_that_kind() {
    WebClientSession ministry = app.browserSignedInAs(MINISTRY);
    // in a month nothing else books: one firm books a facility and equipment, another only equipment
    long imsil = API.projectId("P-2026-01");
    long facility = API.count("SELECT min(id) FROM resource WHERE project_id = $1 AND kind = 'FACILITY' AND active", imsil);
    long equipment = API.count("SELECT min(id) FROM resource WHERE project_id = $1 AND kind = 'EQUIPMENT' AND active", imsil);
    List<Long> created = new ArrayList<>();
    try {
      created.add(book(facility, "FACILITY", "cheese@dure.demo", LocalDate.of(2033, 2, 7)));
      created.add(book(equipment, "EQUIPMENT", "cheese@dure.demo", LocalDate.of(2033, 2, 8)));
      created.add(book(equipment, "EQUIPMENT", "dairy@dure.demo", LocalDate.of(2033, 2, 9)));
      String feb = "period=month&date=2033-02-01";
      assertThat(activeFirms(ministry, "/ministry/dashboard/projects/" + imsil + "?" + feb)).isEqualTo(2);
      assertThat(activeFirms(ministry, "/ministry/dashboard/projects/" + imsil + "/kinds/FACILITY?" + feb)).isEqualTo(1);
      assertThat(activeFirms(ministry, "/ministry/dashboard/projects/" + imsil + "/kinds/EQUIPMENT?" + feb)).isEqualTo(2);
      assertThat(activeFirms(ministry, "/ministry/dashboard/projects/" + imsil + "/kinds/DELIVERY_RUN?" + feb)).isZero();
    } finally {
      API.pool().preparedQuery("DELETE FROM booking WHERE id = ANY($1)").execute(io.vertx.sqlclient.Tuple.of(created.toArray(new Long[0])))
          .await();
    }
    // and the demo's month, against an independent count from the booking table
    UtilizationPeriod period = UtilizationPeriod.of("month", today());
    for (String code : new String[] {"P-2026-01", "P-2026-02", "P-2026-03"}) {
      long project = API.projectId(code);
      for (String kind : new String[] {"EQUIPMENT", "FACILITY", "DELIVERY_RUN"}) {
        String html = ministry.get("/ministry/dashboard/projects/" + project + "/kinds/" + kind + "?" + month()).send().await()
            .bodyAsString();
        Matcher m = Pattern.compile("<span>활동 기업</span> <strong>(\\d+)</strong>").matcher(html);
        assertThat(m.find()).as(code + " " + kind).isTrue();
        long expected = API.count("""
            SELECT count(DISTINCT b.organisation_id) FROM booking b JOIN resource r ON r.id = b.resource_id
             WHERE r.project_id = $1 AND r.kind = $2 AND b.status NOT IN ('HELD', 'EXPIRED')
               AND (b.starts_at AT TIME ZONE 'Asia/Seoul')::date BETWEEN $3 AND $4""", project, kind, period.from(), period.to());
        assertThat(Long.parseLong(m.group(1))).as(code + " " + kind).isEqualTo(expected);
      }
    }
  }

  private static long activeFirms(WebClientSession browser, String path) {
    String html = browser.get(path).send().await().bodyAsString();
    Matcher m = Pattern.compile("<span>활동 기업</span> <strong>(\\d+)</strong>").matcher(html);
    assertThat(m.find()).as(path).isTrue();
    return Long.parseLong(m.group(1));
  }

  /** A completed two-hour booking at 10:00 Seoul time, inserted as it would be after use. */
  private static long book(long resource, String kind, String email, LocalDate day) {
    java.time.OffsetDateTime start = day.atTime(10, 0).atZone(Api.SEOUL).toOffsetDateTime();
    return API.pool().preparedQuery("""
            INSERT INTO booking (resource_id, resource_kind, organisation_id, user_id, starts_at, ends_at, blocked_until, units,
                                 status, fee_won, late_cancel)
            VALUES ($1, $2, $3, $4, $5, $6, $6, 1, 'COMPLETED', 0, false) RETURNING id
            """)
        .execute(io.vertx.sqlclient.Tuple.of(resource, kind, API.organisationOf(email), API.userId(email), start, start.plusHours(2)))
        .await().iterator().next().getLong(0);
  }
}
