package kr.dure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import io.vertx.ext.web.multipart.MultipartForm;
import java.nio.charset.StandardCharsets;
import java.util.List;
import kr.dure.support.Api;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ministry's reference-data pages (h17): designated regions with their versions, a new designation by form, CSV imports
 * that list every bad line and import nothing, the support history and the holiday calendar. Everything written here uses
 * region codes 981xx, the year 2099 or days in 2099, and is removed after each test.
 */
class ReferenceDataPagesTest {

  private static final Api API = new Api();
  private static final String MINISTRY = "ministry@dure.demo";
  private static final String REGION_HEADER = "sgg_code,sido,sigungu,status,valid_from,valid_to,legal_basis\n";
  private final TestApp app = TestApp.get();

  @BeforeEach
  void forgetFailures() {
    app.resetThrottle();
  }

  @AfterEach
  void removeWhatTheTestsAdded() {
    for (String sql : List.of("DELETE FROM region_designation WHERE sgg_code LIKE '981%'", "DELETE FROM support_history WHERE program_year = 2099",
        "DELETE FROM holiday WHERE day >= '2099-01-01' AND source = 'ministry'")) {
      API.pool().query(sql).execute().await();
    }
  }

  private static long regions(String code) {
    return API.count("SELECT count(*) FROM region_designation WHERE sgg_code = $1", code);
  }

  private static HttpResponse<Buffer> post(WebClientSession browser, String pagePath, String path, MultiMap form) {
    String csrf = TestApp.csrfFrom(browser.get(pagePath).send().await().bodyAsString());
    return browser.post(path).sendForm(form.add("X-CSRF-Token", csrf)).await();
  }

  private static HttpResponse<Buffer> upload(WebClientSession browser, String path, String fileName, byte[] bytes, String type) {
    String csrf = TestApp.csrfFrom(browser.get(path).send().await().bodyAsString());
    return browser.post(path).sendMultipartForm(MultipartForm.create().attribute("X-CSRF-Token", csrf)
        .binaryFileUpload("csvFile", fileName, Buffer.buffer(bytes), type)).await();
  }

  private static MultiMap form(String... pairs) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < pairs.length; i += 2) {
      form.add(pairs[i], pairs[i + 1]);
    }
    return form;
  }

  @Test
  void each_page_renders_for_the_ministry_only() {
    List<String> pages = List.of("/ministry/regions", "/ministry/regions?date=2022-01-01&sido=%EC%B6%A9%EC%B2%AD%EB%B6%81%EB%8F%84&status=DECLINING",
        "/ministry/regions/43760", "/ministry/regions/new", "/ministry/regions/import", "/ministry/support-history",
        "/ministry/support-history/import", "/ministry/holidays", "/ministry/holidays?year=2026");
    WebClientSession ministry = app.browserSignedInAs(MINISTRY);
    for (String page : pages) {
      HttpResponse<Buffer> shown = ministry.get(page).send().await();
      assertThat(shown.statusCode()).as(page).isEqualTo(200);
      assertThat(shown.bodyAsString()).as(page).contains("href=\"/ministry/regions\" aria-current=\"page\">기준 정보")
          .contains("href=\"/ministry/support-history\"").contains("href=\"/ministry/holidays\"");
    }
    String list = ministry.get("/ministry/regions?date=2026-05-01").send().await().bodyAsString();
    assertThat(list).contains("괴산군").contains("43760").contains("인구감소관심지역").contains("18곳").contains("전체 107곳").contains("<caption>");
    String filtered = ministry.get("/ministry/regions?sido=%EC%B6%A9%EC%B2%AD%EB%B6%81%EB%8F%84&status=DECLINING").send().await().bodyAsString();
    assertThat(filtered).contains("괴산군").doesNotContain("부산광역시 서구");
    assertThat(ministry.get("/ministry/regions/43760").send().await().bodyAsString()).contains("충청북도 괴산군").contains("2021-10-19")
        .contains("행정안전부 고시 제2021-66호").contains("현재 적용");
    assertThat(ministry.get("/ministry/holidays?year=2026").send().await().bodyAsString()).contains("2026-12-25").contains("기준 자료")
        .contains("자동으로 취소되지 않");
    assertThat(ministry.get("/ministry/regions/template.csv").send().await().bodyAsString()).contains(REGION_HEADER.strip());
    assertThat(ministry.get("/ministry/regions?date=someday").send().await().statusCode()).isEqualTo(400);
    assertThat(ministry.get("/ministry/regions?status=GONE").send().await().statusCode()).isEqualTo(400);
    assertThat(ministry.get("/ministry/regions/4376x").send().await().statusCode()).isEqualTo(400);
    assertThat(ministry.get("/ministry/regions/98199").send().await().statusCode()).isEqualTo(404);
    assertThat(ministry.get("/ministry/support-history?year=abc").send().await().statusCode()).isEqualTo(400);
    assertThat(ministry.get("/ministry/holidays?year=3000").send().await().statusCode()).isEqualTo(400);
    WebClientSession englishBrowser = app.browserSignedInAs(MINISTRY);
    englishBrowser.get("/lang/en").send().await();
    HttpResponse<Buffer> english = englishBrowser.get("/ministry/holidays").send().await();
    assertThat(english.statusCode()).isEqualTo(200);
    assertThat(english.bodyAsString()).contains("Bookings already made for that day are not cancelled automatically");

    for (String other : List.of("goesan@dure.demo", "garlic@dure.demo", "coordinator.uiseong@dure.demo")) {
      WebClientSession browser = app.browserSignedInAs(other);
      for (String page : pages) {
        assertThat(browser.get(page).send().await().statusCode()).as(other + " " + page).isEqualTo(403);
      }
    }
    for (String page : pages) {
      HttpResponse<Buffer> anonymous = app.client().get(page).send().await();
      assertThat(anonymous.statusCode()).as(page).isEqualTo(302);
      assertThat(anonymous.getHeader("Location")).startsWith("/login");
    }
  }

  @Test
  void a_designation_is_added_by_form_and_bad_or_overlapping_ones_are_refused_by_the_field() {
    WebClientSession ministry = app.browserSignedInAs(MINISTRY);
    HttpResponse<Buffer> added = post(ministry, "/ministry/regions/new", "/ministry/regions/new", form("sggCode", "98101", "sido", "테스트도",
        "sigungu", "가군", "status", "DECLINING", "validFrom", "2099-01-01", "validTo", "", "legalBasis", "테스트 고시 제2099-1호"));
    assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(303);
    assertThat(added.getHeader("Location")).isEqualTo("/ministry/regions/98101?added=1");
    assertThat(ministry.get("/ministry/regions/98101").send().await().bodyAsString()).contains("테스트도 가군").contains("2099-01-01")
        .contains("별도 고시 시까지");
    assertThat(ministry.get("/ministry/regions?date=2099-02-01").send().await().bodyAsString()).contains("98101");

    // invalid fields: each named next to its input, nothing written
    HttpResponse<Buffer> invalid = post(ministry, "/ministry/regions/new", "/ministry/regions/new", form("sggCode", "98x", "status", "GONE",
        "validFrom", "2099-05-01", "validTo", "2099-04-01", "legalBasis", ""));
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.bodyAsString()).contains("id=\"sggCode-error\"").contains("id=\"status-error\"").contains("id=\"validTo-error\"")
        .contains("id=\"legalBasis-error\"").contains("value=\"98x\"");
    // a new code needs its names
    HttpResponse<Buffer> unnamed = post(ministry, "/ministry/regions/new", "/ministry/regions/new", form("sggCode", "98102", "status", "WATCH",
        "validFrom", "2099-01-01", "legalBasis", "고시"));
    assertThat(unnamed.statusCode()).isEqualTo(400);
    assertThat(unnamed.bodyAsString()).contains("id=\"sido-error\"").contains("id=\"sigungu-error\"");
    assertThat(regions("98102")).isZero();

    // an overlapping period: refused at "effective from", the existing version shown, nothing written
    HttpResponse<Buffer> overlap = post(ministry, "/ministry/regions/new", "/ministry/regions/new", form("sggCode", "98101", "status", "WATCH",
        "validFrom", "2099-06-01", "legalBasis", "테스트 고시 제2099-2호"));
    assertThat(overlap.statusCode()).isEqualTo(409);
    assertThat(overlap.bodyAsString()).contains("id=\"validFrom-error\"").contains("이 기간에 이미 지정 내역이 있습니다")
        .contains("이 지역의 기존 지정").contains("value=\"2099-06-01\"");
    assertThat(regions("98101")).isEqualTo(1);
    // the same for a real region in force today: its open-ended designation stays as it is
    HttpResponse<Buffer> real = post(ministry, "/ministry/regions/new", "/ministry/regions/new", form("sggCode", "43760", "status", "WATCH",
        "validFrom", "2099-06-01", "legalBasis", "고시"));
    assertThat(real.statusCode()).isEqualTo(409);
    assertThat(regions("43760")).isEqualTo(1);
    assertThat(API.count("SELECT count(*) FROM region_designation WHERE sgg_code = '43760' AND upper_inf(valid_during)")).isEqualTo(1);

    // a re-designation that ends the current version the day before, in one step
    HttpResponse<Buffer> redesignated = post(ministry, "/ministry/regions/new?code=98101", "/ministry/regions/new", form("sggCode", "98101",
        "status", "WATCH", "validFrom", "2099-06-01", "legalBasis", "테스트 고시 제2099-2호", "endCurrent", "1"));
    assertThat(redesignated.statusCode()).as(redesignated.bodyAsString()).isEqualTo(303);
    assertThat(API.count("SELECT count(*) FROM region_designation WHERE sgg_code = '98101' AND upper(valid_during) = '2099-06-01'"))
        .isEqualTo(1);
    assertThat(API.count("SELECT count(*) FROM region_designation WHERE sgg_code = '98101' AND status = 'WATCH' AND sigungu = '가군'"))
        .isEqualTo(1);
    assertThat(API.count("SELECT count(*) FROM audit_log WHERE action = 'region.endDesignation' AND target_id = '98101'")).isEqualTo(1);
    WebClientSession county = app.browserSignedInAs("goesan@dure.demo");
    String countyCsrf = TestApp.csrfFrom(county.get("/local-gov").send().await().bodyAsString());
    assertThat(county.post("/ministry/regions/new").sendForm(form("X-CSRF-Token", countyCsrf, "sggCode", "98102", "sido", "a", "sigungu", "b",
        "status", "WATCH", "validFrom", "2099-01-01", "legalBasis", "x")).await().statusCode()).isEqualTo(403);
    assertThat(regions("98102")).isZero();
  }

  @Test
  void a_csv_import_adds_all_rows_or_lists_every_bad_line_and_adds_nothing() {
    WebClientSession ministry = app.browserSignedInAs(MINISTRY);
    String good = "\uFEFF" + REGION_HEADER + "98103,테스트도,다군,DECLINING,2099-01-01,,테스트 고시\n98104,테스트도,라군,WATCH,2099-01-01,2099-12-31,테스트 고시\n";
    HttpResponse<Buffer> ok = upload(ministry, "/ministry/regions/import", "regions.csv", good.getBytes(StandardCharsets.UTF_8), "text/csv");
    assertThat(ok.statusCode()).as(ok.bodyAsString()).isEqualTo(303);
    assertThat(ok.getHeader("Location")).isEqualTo("/ministry/regions/import?imported=2");
    assertThat(ministry.get(ok.getHeader("Location")).send().await().bodyAsString()).contains("지정 2건을 추가했습니다");
    assertThat(regions("98103") + regions("98104")).isEqualTo(2);

    String bad = REGION_HEADER + "98105,테스트도,마군,DECLINING,2099-01-01,,테스트 고시\n98106,테스트도,바군,SHRINKING,2099-01-01,,테스트 고시\n"
        + "98107,테스트도,사군,WATCH,2099-13-01,,테스트 고시\n";
    HttpResponse<Buffer> refused = upload(ministry, "/ministry/regions/import", "regions.csv", bad.getBytes(StandardCharsets.UTF_8), "text/csv");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.bodyAsString()).contains("잘못된 줄이 2개 있어 아무것도 가져오지 않았습니다").contains("3번째 줄").contains("SHRINKING")
        .contains("4번째 줄").contains("날짜는 2026-01-01 형식이어야 합니다").doesNotContain("2번째 줄");
    assertThat(regions("98105") + regions("98106") + regions("98107")).isZero();

    // a row overlapping what is recorded rolls the whole file back
    String overlapping = REGION_HEADER + "98105,테스트도,마군,DECLINING,2099-01-01,,테스트 고시\n98103,테스트도,다군,WATCH,2099-03-01,,테스트 고시\n";
    HttpResponse<Buffer> conflict = upload(ministry, "/ministry/regions/import", "r.csv", overlapping.getBytes(StandardCharsets.UTF_8), "text/csv");
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.bodyAsString()).contains("id=\"csvFile-error\"").contains("98103");
    assertThat(regions("98105")).isZero();

    // a header without the columns; an Excel (CP949) file is read; spreadsheets, binaries and no file at all are refused
    HttpResponse<Buffer> header = upload(ministry, "/ministry/regions/import", "r.csv", "code,name\n1,2\n".getBytes(StandardCharsets.UTF_8), "text/csv");
    assertThat(header.statusCode()).isEqualTo(400);
    assertThat(header.bodyAsString()).contains("id=\"csvFile-error\"").contains("missing: sgg_code");
    byte[] cp949 = (REGION_HEADER + "98105,테스트도,마군,DECLINING,2099-01-01,,테스트 고시\n").getBytes(java.nio.charset.Charset.forName("x-windows-949"));
    HttpResponse<Buffer> excel = upload(ministry, "/ministry/regions/import", "r.csv", cp949, "text/csv");
    assertThat(excel.statusCode()).as(excel.bodyAsString()).isEqualTo(303);
    assertThat(API.count("SELECT count(*) FROM region_designation WHERE sgg_code = '98105' AND sigungu = '마군'")).isEqualTo(1);
    long before = API.count("SELECT count(*) FROM region_designation");
    byte[] xlsx = {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0};
    HttpResponse<Buffer> spreadsheet = upload(ministry, "/ministry/regions/import", "regions.csv", xlsx, "text/csv");
    assertThat(spreadsheet.statusCode()).isEqualTo(400);
    assertThat(spreadsheet.bodyAsString()).contains("id=\"csvFile-error\"").contains("엑셀 파일입니다");
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    HttpResponse<Buffer> image = upload(ministry, "/ministry/regions/import", "regions.csv", png, "text/csv");
    assertThat(image.statusCode()).isEqualTo(400);
    assertThat(image.bodyAsString()).contains("id=\"csvFile-error\"").contains("CSV 텍스트 파일이 아닙니다");
    String csrf = TestApp.csrfFrom(ministry.get("/ministry/regions/import").send().await().bodyAsString());
    HttpResponse<Buffer> none = ministry.post("/ministry/regions/import").sendMultipartForm(MultipartForm.create().attribute("X-CSRF-Token", csrf))
        .await();
    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(none.bodyAsString()).contains("가져올 CSV 파일을 선택하세요");
    assertThat(API.count("SELECT count(*) FROM region_designation")).isEqualTo(before);
    WebClientSession county = app.browserSignedInAs("goesan@dure.demo");
    String countyCsrf = TestApp.csrfFrom(county.get("/local-gov").send().await().bodyAsString());
    HttpResponse<Buffer> foreign = county.post("/ministry/regions/import").sendMultipartForm(MultipartForm.create()
        .attribute("X-CSRF-Token", countyCsrf).binaryFileUpload("csvFile", "r.csv", Buffer.buffer(good.getBytes(StandardCharsets.UTF_8)), "text/csv"))
        .await();
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(API.count("SELECT count(*) FROM region_designation")).isEqualTo(before);
  }

  @Test
  void the_support_history_is_added_imported_filtered_and_removed() {
    WebClientSession ministry = app.browserSignedInAs(MINISTRY);
    HttpResponse<Buffer> added = post(ministry, "/ministry/support-history", "/ministry/support-history/add",
        form("sggCode", "43760", "programYear", "2099", "projectTitle", "괴산 테스트 사업"));
    assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(303);
    assertThat(ministry.get(added.getHeader("Location")).send().await().bodyAsString()).contains("지원 이력을 추가했습니다");
    String filtered = ministry.get("/ministry/support-history?year=2099").send().await().bodyAsString();
    assertThat(filtered).contains("괴산 테스트 사업").contains("충청북도 괴산군").contains("1건을 표시합니다")
        // a region whose designation has ended can still be named
        .contains("<option value=\"26110\">26110 부산광역시 중구</option>");
    HttpResponse<Buffer> again = post(ministry, "/ministry/support-history", "/ministry/support-history/add",
        form("sggCode", "43760", "programYear", "2099", "projectTitle", "괴산 테스트 사업"));
    assertThat(ministry.get(again.getHeader("Location")).send().await().bodyAsString()).contains("이미 같은 지원 이력이 있어");

    HttpResponse<Buffer> bad = post(ministry, "/ministry/support-history", "/ministry/support-history/add",
        form("sggCode", "98199", "programYear", "2018"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsString()).contains("id=\"sggCode-error\"").contains("등록된 지역 코드가 아닙니다").contains("id=\"programYear-error\"");
    assertThat(API.count("SELECT count(*) FROM support_history WHERE program_year = 2099")).isEqualTo(1);

    String csv = "sgg_code,program_year,project_title\n43760,2099,괴산 테스트 사업\n47730,2099,의성 테스트 사업\n52750,2099,\n";
    HttpResponse<Buffer> imported = upload(ministry, "/ministry/support-history/import", "s.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv");
    assertThat(imported.statusCode()).as(imported.bodyAsString()).isEqualTo(303);
    assertThat(imported.getHeader("Location")).endsWith("imported=2");
    assertThat(ministry.get(imported.getHeader("Location")).send().await().bodyAsString()).contains("지원 이력 2건을 추가했습니다");
    String badCsv = "sgg_code,program_year,project_title\n43760,2099,a\n4376,2099,b\n47730,twenty,c\n52750\n";
    HttpResponse<Buffer> refused = upload(ministry, "/ministry/support-history/import", "s.csv", badCsv.getBytes(StandardCharsets.UTF_8), "text/csv");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.bodyAsString()).contains("3번째 줄").contains("sgg_code는 숫자 5자리여야 합니다").contains("4번째 줄")
        .contains("program_year는 2025 같은 숫자여야 합니다").contains("5번째 줄").contains("열이 모자랍니다").contains("잘못된 줄이 3개")
        .doesNotContain("2번째 줄");
    assertThat(API.count("SELECT count(*) FROM support_history WHERE program_year = 2099")).isEqualTo(3);

    long id = API.count("SELECT id FROM support_history WHERE program_year = 2099 AND sgg_code = '47730'");
    HttpResponse<Buffer> removed = post(ministry, "/ministry/support-history", "/ministry/support-history/" + id + "/remove", form());
    assertThat(removed.statusCode()).isEqualTo(303);
    assertThat(ministry.get(removed.getHeader("Location")).send().await().bodyAsString()).contains("지원 이력을 삭제했습니다");
    assertThat(API.count("SELECT count(*) FROM support_history WHERE id = $1", id)).isZero();
    assertThat(API.count("SELECT count(*) FROM audit_log WHERE action = 'supportHistory.remove' AND target_id = '47730'")).isGreaterThanOrEqualTo(1);
    assertThat(post(ministry, "/ministry/support-history", "/ministry/support-history/" + id + "/remove", form()).statusCode()).isEqualTo(404);
    WebClientSession county = app.browserSignedInAs("goesan@dure.demo");
    String countyCsrf = TestApp.csrfFrom(county.get("/local-gov").send().await().bodyAsString());
    long other = API.count("SELECT id FROM support_history WHERE program_year = 2099 AND sgg_code = '43760'");
    assertThat(county.post("/ministry/support-history/" + other + "/remove").sendForm(form("X-CSRF-Token", countyCsrf)).await().statusCode())
        .isEqualTo(403);
    assertThat(API.count("SELECT count(*) FROM support_history WHERE id = $1", other)).isEqualTo(1);
  }

  @Test
  void holidays_are_added_and_removed_and_reference_holidays_stay() {
    WebClientSession ministry = app.browserSignedInAs(MINISTRY);
    HttpResponse<Buffer> added = post(ministry, "/ministry/holidays", "/ministry/holidays/add",
        form("day", "2099-03-03", "nameKo", "테스트 임시공휴일", "nameEn", ""));
    assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(303);
    assertThat(added.getHeader("Location")).isEqualTo("/ministry/holidays?year=2099&added=2099-03-03");
    String page = ministry.get(added.getHeader("Location")).send().await().bodyAsString();
    assertThat(page).contains("2099-03-03을(를) 공휴일로 추가했습니다").contains("이날 잡힌 예약은 없습니다").contains("테스트 임시공휴일")
        .contains("부처 추가").contains("action=\"/ministry/holidays/2099-03-03/remove\"");
    assertThat(API.count("SELECT count(*) FROM holiday WHERE day = '2099-03-03' AND name_en = '테스트 임시공휴일'")).isEqualTo(1);

    HttpResponse<Buffer> twice = post(ministry, "/ministry/holidays", "/ministry/holidays/add", form("day", "2099-03-03", "nameKo", "또"));
    assertThat(twice.statusCode()).isEqualTo(409);
    assertThat(twice.bodyAsString()).contains("id=\"day-error\"").contains("이미 공휴일로 등록된 날입니다").contains("value=\"또\"");
    HttpResponse<Buffer> invalid = post(ministry, "/ministry/holidays", "/ministry/holidays/add", form("day", "2099-02-30", "nameKo", ""));
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.bodyAsString()).contains("id=\"day-error\"").contains("id=\"nameKo-error\"");
    assertThat(API.count("SELECT count(*) FROM holiday WHERE day >= '2099-01-01'")).isEqualTo(1);

    HttpResponse<Buffer> shipped = post(ministry, "/ministry/holidays", "/ministry/holidays/2026-12-25/remove", form());
    assertThat(shipped.statusCode()).isEqualTo(409);
    assertThat(shipped.bodyAsString()).contains("공휴일 기준 자료라 삭제할 수 없습니다");
    assertThat(API.count("SELECT count(*) FROM holiday WHERE day = '2026-12-25'")).isEqualTo(1);
    assertThat(post(ministry, "/ministry/holidays", "/ministry/holidays/2099-03-04/remove", form()).statusCode()).isEqualTo(404);
    assertThat(post(ministry, "/ministry/holidays", "/ministry/holidays/someday/remove", form()).statusCode()).isEqualTo(400);

    HttpResponse<Buffer> removed = post(ministry, "/ministry/holidays?year=2099", "/ministry/holidays/2099-03-03/remove", form());
    assertThat(removed.statusCode()).isEqualTo(303);
    assertThat(ministry.get(removed.getHeader("Location")).send().await().bodyAsString()).contains("부처가 추가한 공휴일을 삭제했습니다");
    assertThat(API.count("SELECT count(*) FROM holiday WHERE day = '2099-03-03'")).isZero();
    assertThat(API.count("SELECT count(*) FROM audit_log WHERE target_type = 'holiday' AND target_id = '2099-03-03'")).isGreaterThanOrEqualTo(2);
  }
}
