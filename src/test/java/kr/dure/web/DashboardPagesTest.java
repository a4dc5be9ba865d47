package kr.dure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import java.time.LocalDate;
import kr.dure.support.Api;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ministry dashboard with its drill-down, the coordinator's monitoring page and their API: who may see them, bad periods, both languages. */
class DashboardPagesTest {

  private static final Api API = new Api();
  private final TestApp app = TestApp.get();

  @BeforeEach
  void forgetFailures() {
    app.resetThrottle();
  }

  private static String month() {
    return "period=month&date=" + LocalDate.now(Api.SEOUL);
  }

  @Test
  void the_ministry_sees_every_project_side_by_side_with_a_chart_drawn_from_the_table_data() {
    WebClientSession ministry = app.browserSignedInAs("ministry@dure.demo");
    HttpResponse<Buffer> page = ministry.get("/ministry/dashboard?" + month()).send().await();
    assertThat(page.statusCode()).isEqualTo(200);
    String html = page.bodyAsString();
    assertThat(html).contains("이용 현황 대시보드").contains("P-2026-01").contains("P-2026-02").contains("P-2026-03")
        .contains("<caption>과제별 이용·성과 비교</caption>").contains("예약 이용률").contains("지역 내 순환율")
        .contains("지표 정의").contains("노쇼 ÷ 시작 시각이 지나")
        // the chart: JSON data (no inline script), hidden from assistive technology, the vendored library and our script
        .contains("<script type=\"application/json\" id=\"projects-chart\">{\"type\":\"bar\"")
        .contains("aria-hidden=\"true\"><canvas data-chart=\"projects-chart\">")
        .contains("/static/vendor/chartjs-4.6.1/chart.umd.min.js").contains("/static/js/charts.js")
        .contains("href=\"/ministry/dashboard/projects/");
    assertThat(html).doesNotContain("<script>");
    assertThat(ministry.get("/static/vendor/chartjs-4.6.1/chart.umd.min.js").send().await().statusCode()).isEqualTo(200);
    assertThat(ministry.get("/static/vendor/chartjs-4.6.1/LICENSE.md").send().await().bodyAsString()).contains("Chart.js Contributors");
    // the demo makes the dashboard say something: some equipment and facility time booked this month
    JsonObject api = API.get("/api/v1/monitoring/projects?" + month(), "ministry@dure.demo").bodyAsJsonObject();
    // the three demo projects at least (other tests add projects of their own to the shared database)
    assertThat(api.getJsonArray("projects").stream().map(o -> ((JsonObject) o).getString("code")).toList())
        .contains("P-2026-01", "P-2026-02", "P-2026-03");
    double booked = api.getJsonArray("projects").stream().mapToDouble(o -> {
      Double d = ((JsonObject) o).getDouble("utilizationBooked");
      return d == null ? 0 : d;
    }).sum();
    assertThat(booked).isGreaterThan(0);
    assertThat(api.getJsonArray("projects").stream().map(o -> (JsonObject) o).filter(p -> "P-2026-01".equals(p.getString("code")))
        .findFirst().orElseThrow().getDouble("budgetExecutionRate")).isNotNull();
  }

  @Test
  void the_drill_down_goes_from_project_to_kind_to_resource_week_with_a_heatmap_in_numbers() {
    WebClientSession ministry = app.browserSignedInAs("ministry@dure.demo");
    long project = API.projectId("P-2026-03");
    String projectPage = ministry.get("/ministry/dashboard/projects/" + project + "?" + month()).send().await().bodyAsString();
    assertThat(projectPage).contains("자원 종류별").contains("요일 × 시간대 이용").contains("class=\"report heatmap\"")
        .contains("지역 내 순환").contains("예약 이용료").contains("가치사슬 거래").contains("생활서비스 이용")
        .contains("/kinds/FACILITY?").contains("/ministry/dashboard/resources/").contains("id=\"weeks-chart\"")
        .contains("유휴 자원(이용률 20% 미만)");
    String kindPage = ministry.get("/ministry/dashboard/projects/" + project + "/kinds/FACILITY?" + month() + "&idle=50").send().await()
        .bodyAsString();
    assertThat(kindPage).contains("시설").contains("유휴 자원(이용률 50% 미만)").doesNotContain("자원 종류별");
    long resource = API.count("SELECT min(id) FROM resource WHERE project_id = $1 AND kind = 'FACILITY'", project);
    HttpResponse<Buffer> week = ministry.get("/ministry/dashboard/resources/" + resource + "?week=" + LocalDate.now(Api.SEOUL)).send().await();
    assertThat(week.statusCode()).isEqualTo(200);
    assertThat(week.bodyAsString()).contains("일별 이용률").contains("이전 주").contains("heat-").contains("id=\"days-chart\"");
    assertThat(ministry.get("/ministry/dashboard/projects/999999999").send().await().statusCode()).isEqualTo(404);
    assertThat(ministry.get("/ministry/dashboard/resources/999999999").send().await().statusCode()).isEqualTo(404);
    assertThat(ministry.get("/ministry/dashboard/projects/" + project + "/kinds/ROCKET").send().await().statusCode()).isEqualTo(400);
  }

  @Test
  void pages_render_in_english_too() {
    WebClientSession ministry = app.browserSignedInAs("ministry@dure.demo");
    ministry.get("/lang/en").send().await();
    String html = ministry.get("/ministry/dashboard").send().await().bodyAsString();
    assertThat(html).contains("Utilization dashboard").contains("Booked utilization").contains("Local circulation").contains("Definitions");
    String project = ministry.get("/ministry/dashboard/projects/" + API.projectId("P-2026-01")).send().await().bodyAsString();
    assertThat(project).contains("Use by weekday and hour").contains("Booking fees").contains("Mon");
    WebClientSession coordinator = app.browserSignedInAs("coordinator.goesan@dure.demo");
    coordinator.get("/lang/en").send().await();
    assertThat(coordinator.get("/coordinator/monitoring").send().await().bodyAsString())
        .contains("Fairness between firms").contains("No-shows").contains("Equal share");
  }

  @Test
  void only_the_ministry_opens_the_dashboard() {
    for (String email : new String[] {"cheese@dure.demo", "coordinator.imsil@dure.demo", "imsil@dure.demo", "reviewer@dure.demo"}) {
      WebClientSession browser = app.browserSignedInAs(email);
      assertThat(browser.get("/ministry/dashboard").send().await().statusCode()).as(email).isEqualTo(403);
      assertThat(browser.get("/ministry/dashboard/projects/" + API.projectId("P-2026-01")).send().await().statusCode()).as(email).isEqualTo(403);
      assertThat(API.get("/api/v1/monitoring/projects", email).statusCode()).as(email).isEqualTo(403);
    }
    assertThat(app.client().get("/ministry/dashboard").send().await().statusCode()).isIn(302, 303, 401);
    assertThat(app.client().get("/api/v1/monitoring/projects").send().await().statusCode()).isEqualTo(401);
  }

  @Test
  void coordinators_see_their_own_project_only_and_firms_none() {
    long imsil = API.projectId("P-2026-01");
    long goesan = API.projectId("P-2026-03");
    WebClientSession coordinator = app.browserSignedInAs("coordinator.imsil@dure.demo");
    String page = coordinator.get("/coordinator/monitoring?" + month()).send().await().bodyAsString();
    assertThat(page).contains("이용 모니터링").contains("기업별 이용 형평성").contains("노쇼 목록").contains("균등 점유율")
        .contains("(주)임실숲골치즈").contains("지역 내 순환율").contains("href=\"/coordinator/monitoring\"");
    assertThat(coordinator.get("/coordinator/monitoring?project=" + goesan).send().await().statusCode()).isEqualTo(404);
    assertThat(API.get("/api/v1/projects/" + imsil + "/monitoring", "coordinator.imsil@dure.demo").statusCode()).isEqualTo(200);
    assertThat(API.get("/api/v1/projects/" + goesan + "/monitoring", "coordinator.imsil@dure.demo").statusCode()).isIn(403, 404);
    assertThat(API.get("/api/v1/projects/" + goesan + "/circulation", "coordinator.imsil@dure.demo").statusCode()).isIn(403, 404);
    // the lead county may look at its project; the ministry at every project
    assertThat(API.get("/api/v1/projects/" + imsil + "/monitoring", "imsil@dure.demo").statusCode()).isEqualTo(200);
    assertThat(API.get("/api/v1/projects/" + goesan + "/monitoring", "imsil@dure.demo").statusCode()).isIn(403, 404);
    assertThat(API.get("/api/v1/projects/" + goesan + "/circulation", "ministry@dure.demo").statusCode()).isEqualTo(200);
    // a member firm sees neither
    assertThat(API.get("/api/v1/projects/" + imsil + "/monitoring", "cheese@dure.demo").statusCode()).isEqualTo(403);
    assertThat(API.get("/api/v1/projects/" + imsil + "/circulation", "cheese@dure.demo").statusCode()).isEqualTo(403);
    assertThat(app.browserSignedInAs("cheese@dure.demo").get("/coordinator/monitoring").send().await().statusCode()).isEqualTo(403);
  }

  @Test
  void bad_periods_are_refused_with_400_and_a_message_that_names_the_fix() {
    WebClientSession ministry = app.browserSignedInAs("ministry@dure.demo");
    HttpResponse<Buffer> reversed = ministry.get("/ministry/dashboard?period=custom&from=2026-06-01&to=2026-05-01").send().await();
    assertThat(reversed.statusCode()).isEqualTo(400);
    assertThat(reversed.bodyAsString()).contains("종료일은 시작일보다 빠를 수 없습니다");
    HttpResponse<Buffer> tooLong = ministry.get("/ministry/dashboard?from=2024-01-01&to=2026-01-01").send().await();
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(tooLong.bodyAsString()).contains("최대 2년");
    assertThat(ministry.get("/ministry/dashboard?from=2024-01-02&to=2026-01-01").send().await().statusCode()).isEqualTo(200);
    for (String bad : new String[] {"period=custom&from=2026-13-01&to=2026-12-31", "period=custom&from=yesterday&to=2026-01-01",
        "period=custom&to=2026-01-01", "period=fortnight", "date=2026-02-30", "from=1999-12-31&to=2000-01-02", "idle=101", "idle=abc",
        "from=2026-01-01T00:00:00Z&to=2026-02-01"}) {
      HttpResponse<Buffer> page = ministry.get("/ministry/dashboard?" + bad).send().await();
      assertThat(page.statusCode()).as(bad).isEqualTo(400);
      assertThat(page.bodyAsString()).as(bad).contains("alert-danger");
    }
    HttpResponse<Buffer> api = API.get("/api/v1/monitoring/projects?from=2026-06-01&to=2026-05-01", "ministry@dure.demo");
    assertThat(api.statusCode()).isEqualTo(400);
    assertThat(api.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(api.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("to");
    HttpResponse<Buffer> badFrom = API.get("/api/v1/projects/" + API.projectId("P-2026-01") + "/monitoring?from=x&to=2026-01-01",
        "coordinator.imsil@dure.demo");
    assertThat(badFrom.statusCode()).isEqualTo(400);
    assertThat(badFrom.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("from");
    assertThat(ministry.get("/ministry/dashboard/resources/1?week=someday").send().await().statusCode()).isEqualTo(400);
  }

  @Test
  void the_menus_lead_to_the_monitoring_pages() {
    assertThat(app.browserSignedInAs("ministry@dure.demo").get("/ministry").send().await().bodyAsString())
        .contains("href=\"/ministry/dashboard\"");
    assertThat(app.browserSignedInAs("coordinator.goesan@dure.demo").get("/coordinator").send().await().bodyAsString())
        .contains("href=\"/coordinator/monitoring\"");
  }
}
