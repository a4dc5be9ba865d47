package kr.dure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import io.vertx.ext.web.multipart.MultipartForm;
import java.nio.charset.StandardCharsets;
import java.util.List;
import kr.dure.project.CollaborationType;
import kr.dure.project.NewProject;
import kr.dure.support.Api;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The projects list and hub, the agreement, spending and KPI pages, driven like a browser without JavaScript. */
class ProjectPagesTest {

  static final String LEAD = "uiseong@dure.demo";
  static final String MINISTRY = "ministry@dure.demo";
  static final byte[] PDF = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
      .getBytes(StandardCharsets.US_ASCII);
  private static final Api API = new Api();
  private final TestApp app = TestApp.get();

  @BeforeEach
  void forgetFailures() {
    app.resetThrottle();
  }

  static MultiMap form() {
    return MultiMap.caseInsensitiveMultiMap();
  }

  static HttpResponse<Buffer> post(WebClientSession browser, String pagePath, String path, MultiMap form) {
    String csrf = TestApp.csrfFrom(browser.get(pagePath).send().await().bodyAsString());
    return browser.post(path).sendForm(form.add("X-CSRF-Token", csrf)).await();
  }

  static HttpResponse<Buffer> upload(WebClientSession browser, String pagePath, String path, MultipartForm form) {
    String csrf = TestApp.csrfFrom(browser.get(pagePath).send().await().bodyAsString());
    return browser.post(path).sendMultipartForm(form.attribute("X-CSRF-Token", csrf)).await();
  }

  private static int status(WebClientSession browser, String path) {
    return browser.get(path).send().await().statusCode();
  }

  /** A fresh selected project led by 의성 with 의성흑마늘 as member (the demo projects are signed already). */
  static long freshProject() {
    var services = TestApp.get().app().services();
    long uiseong = API.organisationOf(LEAD);
    long project = services.projectRepository().insert(services.pool(), new NewProject(API.count("SELECT min(id) FROM grant_call"),
        "T-" + System.nanoTime(), "의성 협약 페이지 테스트", "Agreement page test", uiseong, "47730",
        List.of(CollaborationType.JOINT_BRAND), "SELECTED", 300_000_000L, 130_000_000L)).await();
    services.projectRepository().addOrganisation(services.pool(), project, uiseong, "LEAD").await();
    services.projectRepository().addOrganisation(services.pool(), project, API.organisationOf("garlic@dure.demo"), "MEMBER").await();
    return project;
  }

  @Test
  void the_list_and_hub_show_each_role_its_projects_and_the_pages_by_collaboration_type() {
    long imsil = API.projectId("P-2026-01");
    long uiseong = API.projectId("P-2026-02");

    WebClientSession county = app.browserSignedInAs("imsil@dure.demo");
    String list = county.get("/projects").send().await().bodyAsString();
    assertThat(list).contains("href=\"/projects\"").contains("임실 치즈·낙농 공동가공 두레").doesNotContain("의성 마늘 공동브랜드");
    String hub = county.get("/projects/" + imsil).send().await().bodyAsString();
    assertThat(hub).contains("(주)임실숲골치즈").contains("주관").contains("협약 체결").contains("2026-07-01 – 2027-06-30")
        .contains("href=\"/projects/" + imsil + "/agreement\"").contains("href=\"/projects/" + imsil + "/spending\"")
        .contains("href=\"/projects/" + imsil + "/kpis\"").contains("href=\"/projects/" + imsil + "/trades\"")
        .contains("href=\"/projects/" + imsil + "/members\"").contains("href=\"/projects/" + imsil + "/completion\"")
        .doesNotContain("/projects/" + imsil + "/brand").doesNotContain("/projects/" + imsil + "/services")
        .contains("예산 집행률").contains("<progress");
    assertThat(status(county, "/projects/" + uiseong)).isEqualTo(404);
    assertThat(status(county, "/projects/abc")).isEqualTo(400);

    WebClientSession ministry = app.browserSignedInAs(MINISTRY);
    assertThat(ministry.get("/projects").send().await().bodyAsString()).contains("사업 관리").contains("P-2026-01").contains("P-2026-02")
        .contains("P-2026-03");
    assertThat(ministry.get("/projects/" + uiseong).send().await().bodyAsString()).contains("href=\"/projects/" + uiseong + "/brand\"")
        .contains("검토 중인 변경 요청 1건");

    WebClientSession coordinator = app.browserSignedInAs("coordinator.uiseong@dure.demo");
    assertThat(coordinator.get("/coordinator").send().await().bodyAsString()).contains("href=\"/projects\"");
    assertThat(coordinator.get("/projects/" + uiseong).send().await().bodyAsString()).contains("/projects/" + uiseong + "/members");

    // a firm sees its project's pages, but not how the consortium is run, and nothing of another project
    WebClientSession firm = app.browserSignedInAs("garlic@dure.demo");
    String firmHub = firm.get("/projects/" + uiseong).send().await().bodyAsString();
    assertThat(firmHub).contains("/projects/" + uiseong + "/brand").doesNotContain("/projects/" + uiseong + "/members");
    for (String page : List.of("", "/agreement", "/spending", "/kpis")) {
      assertThat(status(firm, "/projects/" + uiseong + page)).as("firm on own " + page).isEqualTo(200);
      assertThat(status(firm, "/projects/" + imsil + page)).as("firm on other " + page).isEqualTo(404);
      assertThat(status(county, "/projects/" + imsil + page)).as("lead on " + page).isEqualTo(200);
      assertThat(status(coordinator, "/projects/" + uiseong + page)).as("coordinator on " + page).isEqualTo(200);
      assertThat(status(ministry, "/projects/" + imsil + page)).as("ministry on " + page).isEqualTo(200);
    }
    // a local government of another project, and roles that do not run projects
    WebClientSession other = app.browserSignedInAs(LEAD);
    assertThat(status(other, "/projects/" + imsil + "/spending")).isEqualTo(404);
    assertThat(status(other, "/projects/" + imsil + "/agreement")).isEqualTo(404);
    assertThat(status(app.browserSignedInAs("reviewer@dure.demo"), "/projects")).isEqualTo(403);
    assertThat(app.client().get("/projects/" + imsil).send().await().statusCode()).isEqualTo(302);
  }

  @Test
  void the_demo_shows_execution_evidence_kpis_and_a_pending_plan_change() {
    long imsil = API.projectId("P-2026-01");
    long uiseong = API.projectId("P-2026-02");
    WebClientSession ministry = app.browserSignedInAs(MINISTRY);
    String spending = ministry.get("/projects/" + imsil + "/spending").send().await().bodyAsString();
    assertThat(spending).contains("장비·시설비").contains("150,000,000원").contains("62,000,000원").contains("41.3%")
        .contains("공동설비_도입_세금계산서.pdf");
    long record = API.count("SELECT id FROM spending WHERE project_id = $1 AND evidence IS NOT NULL", imsil);
    HttpResponse<Buffer> file = ministry.get("/projects/" + imsil + "/spending/" + record + "/evidence").send().await();
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.bodyAsString()).startsWith("%PDF-1.4").contains("xref").endsWith("%%EOF\n");
    String agreement = ministry.get("/projects/" + uiseong + "/agreement").send().await().bodyAsString();
    assertThat(agreement).contains("계획 변경").contains("검토 중").contains("2027-08-31").contains("신규 고용 목표: 12 → 14 명")
        .contains("승인").contains("반려");
    assertThat(ministry.get("/projects/" + uiseong + "/kpis").send().await().bodyAsString()).contains("공동브랜드·공동판매 매출")
        .contains("2026-Q3: 182").contains("20.2%");
  }

  @Test
  void an_agreement_is_drafted_and_confirmed_through_the_pages_then_changed_by_request() {
    long p = freshProject();
    String base = "/projects/" + p + "/agreement";
    WebClientSession ministry = app.browserSignedInAs(MINISTRY);
    WebClientSession lead = app.browserSignedInAs(LEAD);
    assertThat(ministry.get(base).send().await().bodyAsString()).contains("협약안 없음").contains("href=\"" + base + "/edit\"");
    assertThat(status(lead, base + "/edit")).as("the lead edits only a draft the ministry made").isEqualTo(403);

    // refused by the field, nothing written
    HttpResponse<Buffer> bad = post(ministry, base + "/edit", base + "/edit", form().add("periodStart", "2026-07-01")
        .add("periodEnd", "2026-06-30").add("b-MATERIALS-NATIONAL", "1억").add("k0-name", "매출").add("k0-target", "many"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsString()).contains("id=\"periodEnd-error\"").contains("id=\"b-MATERIALS-NATIONAL-error\"")
        .contains("id=\"k0-target-error\"").contains("1행 목표값").contains("value=\"1억\"");
    assertThat(API.count("SELECT count(*) FROM agreement WHERE project_id = $1", p)).isZero();
    // the call's caps, in the summary
    HttpResponse<Buffer> overCap = post(ministry, base + "/edit", base + "/edit", form().add("periodStart", "2026-07-01")
        .add("periodEnd", "2027-06-30").add("b-MATERIALS-NATIONAL", "310,000,000").add("b-OPERATIONS-LOCAL", "130000000"));
    assertThat(overCap.statusCode()).isEqualTo(422);
    assertThat(overCap.bodyAsString()).contains("국비 한도");
    HttpResponse<Buffer> drafted = post(ministry, base + "/edit", base + "/edit", form().add("periodStart", "2026-07-01")
        .add("periodEnd", "2027-06-30").add("b-MATERIALS-NATIONAL", "100,000,000").add("b-PROMOTION-NATIONAL", "200000000")
        .add("b-OPERATIONS-LOCAL", "130000000").add("k0-name", "공동브랜드 매출").add("k0-unit", "백만원").add("k0-target", "800")
        .add("k1-name", "공동시설 이용률").add("k1-unit", "%").add("k1-target", "60"));
    assertThat(drafted.statusCode()).as(drafted.bodyAsString()).isEqualTo(303);
    assertThat(drafted.getHeader("Location")).isEqualTo(base + "?done=drafted");

    // both sides confirm from the page, after a confirm step; a side confirms once
    String shown = lead.get(base).send().await().bodyAsString();
    assertThat(shown).contains("협약안 확인 중").contains("430,000,000원").contains("공동브랜드 매출").contains("href=\"" + base + "/confirm\"")
        .contains("아직 확인하지 않음");
    assertThat(lead.get(base + "/confirm").send().await().bodyAsString()).contains("효력").contains("동의하고 확인합니다").contains("취소");
    HttpResponse<Buffer> cancelled = post(lead, base + "/confirm", base + "/confirm", form().add("action", "cancel"));
    assertThat(cancelled.getHeader("Location")).isEqualTo(base);
    assertThat(API.count("SELECT count(*) FROM agreement WHERE project_id = $1 AND lead_confirmed_at IS NOT NULL", p)).isZero();
    HttpResponse<Buffer> confirmed = post(lead, base + "/confirm", base + "/confirm", form().add("action", "confirm"));
    assertThat(confirmed.getHeader("Location")).isEqualTo(base + "?done=confirmed");
    assertThat(lead.get(base + "?done=confirmed").send().await().bodyAsString()).contains("상대 기관의 확인을 기다립니다").contains("오세훈");
    assertThat(post(lead, base, base + "/confirm", form().add("action", "confirm")).statusCode()).isEqualTo(409);
    HttpResponse<Buffer> signed = post(ministry, base + "/confirm", base + "/confirm", form().add("action", "confirm"));
    assertThat(signed.getHeader("Location")).isEqualTo(base + "?done=signed");
    assertThat(API.count("SELECT count(*) FROM agreement WHERE project_id = $1 AND status = 'SIGNED'", p)).isEqualTo(1);
    assertThat(ministry.get(base).send().await().bodyAsString()).contains("협약 체결").contains("김지원").contains("오세훈");

    // spending: 40,000,000 of materials, with a PDF as evidence
    String spending = "/projects/" + p + "/spending";
    HttpResponse<Buffer> recorded = upload(lead, spending, spending + "/evidence", spend("40,000,000")
        .binaryFileUpload("evidence", "영수증 (원본).pdf", Buffer.buffer(PDF), "application/pdf"));
    assertThat(recorded.statusCode()).as(recorded.bodyAsString()).isEqualTo(303);
    assertThat(API.count("SELECT count(*) FROM spending WHERE project_id = $1 AND evidence_type = 'application/pdf'", p)).isEqualTo(1);

    // a budget change below what is spent is refused next to that line; a valid one is rejected, then another approved
    String budgetChange = base + "/changes/budget";
    HttpResponse<Buffer> below = post(lead, budgetChange, budgetChange, form().add("b-MATERIALS-NATIONAL", "30000000")
        .add("b-PROMOTION-NATIONAL", "270000000").add("b-OPERATIONS-LOCAL", "130000000").add("reason", "홍보 확대"));
    assertThat(below.statusCode()).isEqualTo(422);
    assertThat(below.bodyAsString()).contains("id=\"b-MATERIALS-NATIONAL-error\"").contains("40,000,000원을 집행했으므로");
    HttpResponse<Buffer> noReason = post(lead, budgetChange, budgetChange, form().add("b-MATERIALS-NATIONAL", "120000000")
        .add("b-PROMOTION-NATIONAL", "180000000").add("b-OPERATIONS-LOCAL", "130000000"));
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(noReason.bodyAsString()).contains("id=\"reason-error\"");
    assertThat(API.count("SELECT count(*) FROM agreement_change WHERE project_id = $1", p)).isZero();
    assertThat(status(ministry, budgetChange)).as("only the lead asks").isEqualTo(403);
    assertThat(post(lead, budgetChange, budgetChange, form().add("b-MATERIALS-NATIONAL", "120000000")
        .add("b-PROMOTION-NATIONAL", "180000000").add("b-OPERATIONS-LOCAL", "130000000").add("reason", "원료 단가 상승"))
        .getHeader("Location")).isEqualTo(base + "?done=budgetRequested#changes");
    long first = API.count("SELECT max(id) FROM agreement_change WHERE project_id = $1", p);
    String decision = base + "/changes/" + first + "/decision";
    HttpResponse<Buffer> rejectBare = post(ministry, base, decision, form().add("action", "reject").add("note", " "));
    assertThat(rejectBare.statusCode()).isEqualTo(400);
    assertThat(rejectBare.bodyAsString()).contains("id=\"note-" + first + "-error\"").contains("반려하는 이유");
    assertThat(post(lead, base, decision, form().add("action", "approve")).statusCode()).isEqualTo(403);
    assertThat(post(ministry, base, decision, form().add("action", "reject").add("note", "근거 자료 부족")).getHeader("Location"))
        .isEqualTo(base + "?done=rejected#changes");
    assertThat(post(lead, budgetChange, budgetChange, form().add("b-MATERIALS-NATIONAL", "110,000,000")
        .add("b-PROMOTION-NATIONAL", "190,000,000").add("b-OPERATIONS-LOCAL", "130,000,000").add("reason", "원료 단가 상승(견적 첨부)"))
        .statusCode()).isEqualTo(303);
    long second = API.count("SELECT max(id) FROM agreement_change WHERE project_id = $1", p);
    assertThat(post(ministry, base, base + "/changes/" + second + "/decision", form().add("action", "approve")).statusCode()).isEqualTo(303);
    assertThat(API.count("SELECT amount_won FROM agreement_budget WHERE project_id = $1 AND category_code = 'MATERIALS'", p))
        .isEqualTo(110_000_000L);
    assertThat(post(ministry, base, base + "/changes/" + second + "/decision", form().add("action", "approve")).statusCode())
        .as("decided once").isEqualTo(409);

    // a plan change: new end date and KPI target, applied on approval
    long kpi = API.count("SELECT id FROM agreement_kpi WHERE project_id = $1 AND name = '공동브랜드 매출'", p);
    String planChange = base + "/changes/plan";
    assertThat(lead.get(planChange).send().await().bodyAsString()).contains("id=\"kpi-" + kpi + "\"").contains("value=\"800\"");
    HttpResponse<Buffer> badPlan = post(lead, planChange, planChange, form().add("plan", "").add("periodStart", "2026-07-01")
        .add("periodEnd", "2026-05-01").add("kpi-" + kpi, "-3").add("reason", "판로 확대"));
    assertThat(badPlan.statusCode()).isEqualTo(400);
    assertThat(badPlan.bodyAsString()).contains("id=\"plan-error\"").contains("id=\"kpi-" + kpi + "-error\"");
    HttpResponse<Buffer> backwards = post(lead, planChange, planChange, form().add("plan", "온라인 판로 추가").add("periodStart", "2026-07-01")
        .add("periodEnd", "2026-05-01").add("reason", "판로 확대"));
    assertThat(backwards.statusCode()).isEqualTo(400);
    assertThat(backwards.bodyAsString()).contains("id=\"periodEnd-error\"");
    assertThat(post(lead, planChange, planChange, form().add("plan", "온라인 공동판매몰을 추가로 운영합니다.").add("periodStart", "2026-07-01")
        .add("periodEnd", "2027-09-30").add("kpi-" + kpi, "1,000").add("reason", "판로 확대")).statusCode()).isEqualTo(303);
    long plan = API.count("SELECT max(id) FROM agreement_change WHERE project_id = $1 AND kind = 'PLAN'", p);
    assertThat(ministry.get(base).send().await().bodyAsString()).contains("온라인 공동판매몰").contains("2026-07-01 – 2027-06-30 → 2026-07-01 – 2027-09-30")
        .contains("공동브랜드 매출 목표: 800 → 1,000 백만원");
    assertThat(API.count("SELECT count(*) FROM notification WHERE kind = 'agreement.changeRequested' AND link = $1",
        base + "#change-" + plan)).as("every ministry user is told").isEqualTo(API.count("SELECT count(*) FROM app_user WHERE role = 'MINISTRY'"));
    // a period that would leave out what is spent (2026-08-01) is refused
    HttpResponse<Buffer> cutsSpending = post(lead, planChange, planChange, form().add("plan", "늦게 시작합니다.").add("periodStart", "2026-09-01")
        .add("periodEnd", "2027-06-30").add("reason", "착수 지연"));
    assertThat(cutsSpending.statusCode()).isEqualTo(400);
    assertThat(cutsSpending.bodyAsString()).contains("id=\"periodStart-error\"").contains("집행 내역이 이 기간 밖에");
    assertThat(post(ministry, base, base + "/changes/" + plan + "/decision", form().add("action", "approve").add("note", "승인합니다"))
        .statusCode()).isEqualTo(303);
    assertThat(API.count("SELECT count(*) FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.email = $1"
        + " AND n.kind = 'agreement.changeApproved' AND n.link = $2", LEAD, base + "#change-" + plan)).isEqualTo(1);
    assertThat(API.count("SELECT count(*) FROM agreement WHERE project_id = $1 AND period_end = DATE '2027-09-30'", p)).isEqualTo(1);
    assertThat(API.count("SELECT target::bigint FROM agreement_kpi WHERE id = $1", kpi)).isEqualTo(1000);
    String history = lead.get(base).send().await().bodyAsString();
    assertThat(history).contains("예산 변경").contains("반려").contains("근거 자료 부족").contains("승인합니다")
        .contains("재료비 국비: 100,000,000원 → 110,000,000원").contains("김지원");
  }

  private static MultipartForm spend(String amount) {
    return MultipartForm.create().attribute("spentOn", "2026-08-01").attribute("category", "MATERIALS").attribute("source", "NATIONAL")
        .attribute("amountWon", amount).attribute("payee", "").attribute("payeeOrganisationId", String.valueOf(API.organisationOf("garlic@dure.demo")))
        .attribute("description", "원료 구매");
  }

  @Test
  void spending_evidence_is_checked_by_its_bytes_and_size_and_downloaded_only_by_the_project() {
    long p = freshProject();
    String path = "/api/v1/projects/" + p + "/agreement";
    API.put(path, MINISTRY, new io.vertx.core.json.JsonObject().put("periodStart", "2026-07-01").put("periodEnd", "2027-06-30")
        .put("budget", new io.vertx.core.json.JsonArray()
            .add(new io.vertx.core.json.JsonObject().put("category", "MATERIALS").put("source", "NATIONAL").put("amountWon", 100_000_000L))
            .add(new io.vertx.core.json.JsonObject().put("category", "PROMOTION").put("source", "NATIONAL").put("amountWon", 200_000_000L))
            .add(new io.vertx.core.json.JsonObject().put("category", "OPERATIONS").put("source", "LOCAL").put("amountWon", 130_000_000L)))
        .put("kpis", new io.vertx.core.json.JsonArray().add(new io.vertx.core.json.JsonObject().put("name", "신규 고용").put("unit", "명").put("target", 10))));
    API.post(path + "/confirm", MINISTRY, null);
    API.post(path + "/confirm", LEAD, null);
    String spending = "/projects/" + p + "/spending";
    WebClientSession lead = app.browserSignedInAs(LEAD);
    assertThat(lead.get(spending).send().await().bodyAsString()).contains("enctype=\"multipart/form-data\"")
        .contains("action=\"" + spending + "/evidence\"").contains("의성흑마늘(주)");

    // an .exe renamed .pdf, an empty file, an oversized one and an over-spend: each refused by the field, nothing written
    byte[] exe = new byte[2048];
    exe[0] = 'M';
    exe[1] = 'Z';
    HttpResponse<Buffer> renamed = upload(lead, spending, spending + "/evidence", spend("1000000")
        .binaryFileUpload("evidence", "invoice.pdf", Buffer.buffer(exe), "application/pdf"));
    assertThat(renamed.statusCode()).isEqualTo(400);
    assertThat(renamed.bodyAsString()).contains("id=\"evidence-error\"").contains("PDF, 한글(HWP, HWPX), PNG, JPEG 파일만")
        .contains("value=\"1000000\"");
    byte[] big = new byte[10 * 1024 * 1024 + 1024];
    System.arraycopy(PDF, 0, big, 0, PDF.length);
    HttpResponse<Buffer> tooBig = upload(lead, spending, spending + "/evidence", spend("1000000")
        .binaryFileUpload("evidence", "big.pdf", Buffer.buffer(big), "application/pdf"));
    assertThat(tooBig.statusCode()).isEqualTo(400);
    assertThat(tooBig.bodyAsString()).contains("id=\"evidence-error\"").contains("10MB 이하");
    HttpResponse<Buffer> over = upload(lead, spending, spending + "/evidence", spend("100,000,001")
        .binaryFileUpload("evidence", "r.pdf", Buffer.buffer(PDF), "application/pdf"));
    assertThat(over.statusCode()).isEqualTo(422);
    assertThat(over.bodyAsString()).contains("id=\"amountWon-error\"").contains("남은 예산은 100,000,000원");
    HttpResponse<Buffer> badDate = upload(lead, spending, spending + "/evidence", MultipartForm.create().attribute("spentOn", "2025-01-01")
        .attribute("category", "MATERIALS").attribute("source", "ABROAD").attribute("amountWon", "-5").attribute("payee", ""));
    assertThat(badDate.statusCode()).isEqualTo(400);
    assertThat(badDate.bodyAsString()).contains("id=\"source-error\"").contains("id=\"amountWon-error\"").contains("id=\"payee-error\"");
    assertThat(API.count("SELECT count(*) FROM spending WHERE project_id = $1", p)).isZero();
    assertThat(upload(app.browserSignedInAs("garlic@dure.demo"), "/projects/" + p, spending + "/evidence", spend("1000")
        .binaryFileUpload("evidence", "r.pdf", Buffer.buffer(PDF), "application/pdf")).statusCode()).isEqualTo(403);

    // a record without evidence, evidence attached afterwards (HWPX), replaced through the API by a PNG
    HttpResponse<Buffer> plain = upload(lead, spending, spending + "/evidence", spend("1000000"));
    assertThat(plain.statusCode()).as(plain.bodyAsString()).isEqualTo(303);
    long sid = API.count("SELECT max(id) FROM spending WHERE project_id = $1", p);
    assertThat(lead.get(spending).send().await().bodyAsString()).contains("증빙 없음").contains("의성흑마늘(주)");
    byte[] hwpx = hwpx();
    HttpResponse<Buffer> attached = upload(lead, spending, spending + "/" + sid + "/evidence", MultipartForm.create()
        .binaryFileUpload("evidence", "../../보고서", Buffer.buffer(hwpx), "application/octet-stream"));
    assertThat(attached.statusCode()).as(attached.bodyAsString()).isEqualTo(303);
    assertThat(API.count("SELECT count(*) FROM spending WHERE id = $1 AND evidence_type = 'application/hwp+zip' AND evidence_filename = '보고서.hwpx'", sid))
        .isEqualTo(1);

    WebClientSession firm = app.browserSignedInAs("garlic@dure.demo");
    HttpResponse<Buffer> download = firm.get(spending + "/" + sid + "/evidence").send().await();
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.getHeader("Content-Type")).isEqualTo("application/hwp+zip");
    assertThat(download.getHeader("Content-Disposition"))
        .isEqualTo("attachment; filename=\"___.hwpx\"; filename*=UTF-8''%EB%B3%B4%EA%B3%A0%EC%84%9C.hwpx");
    assertThat(download.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(download.body().getBytes()).isEqualTo(hwpx);
    assertThat(status(app.browserSignedInAs("imsil@dure.demo"), spending + "/" + sid + "/evidence")).isEqualTo(404);
    long imsil = API.projectId("P-2026-01");
    assertThat(status(firm, "/projects/" + imsil + "/spending/" + sid + "/evidence")).as("the record is not 임실's").isEqualTo(404);

    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};
    assertThat(API.request(io.vertx.core.http.HttpMethod.PUT, "/api/v1/spending/" + sid + "/evidence?filename=scan.exe", LEAD)
        .putHeader("Content-Type", "application/octet-stream").sendBuffer(Buffer.buffer(exe)).await().statusCode()).isEqualTo(400);
    assertThat(API.request(io.vertx.core.http.HttpMethod.PUT, "/api/v1/spending/" + sid + "/evidence?filename=scan.png", "garlic@dure.demo")
        .putHeader("Content-Type", "image/png").sendBuffer(Buffer.buffer(png)).await().statusCode()).isEqualTo(403);
    var put = API.request(io.vertx.core.http.HttpMethod.PUT, "/api/v1/spending/" + sid + "/evidence?filename=scan.png", LEAD)
        .putHeader("Content-Type", "image/png").sendBuffer(Buffer.buffer(png)).await();
    assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
    assertThat(put.bodyAsJsonObject().getString("evidenceType")).isEqualTo("image/png");
    var got = API.get("/api/v1/spending/" + sid + "/evidence", "garlic@dure.demo");
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.body().getBytes()).isEqualTo(png);
    assertThat(got.getHeader("Content-Disposition")).startsWith("attachment; filename=\"scan.png\"");
    assertThat(API.get("/api/v1/spending/" + sid + "/evidence", "imsil@dure.demo").statusCode()).isEqualTo(404);
    // the API takes files above the 1 MiB JSON limit, up to 10 MiB
    byte[] scan = new byte[2 * 1024 * 1024];
    System.arraycopy(PDF, 0, scan, 0, PDF.length);
    var midPut = API.request(io.vertx.core.http.HttpMethod.PUT, "/api/v1/spending/" + sid + "/evidence?filename=scan.pdf", LEAD)
        .putHeader("Content-Type", "application/pdf").sendBuffer(Buffer.buffer(scan)).await();
    assertThat(midPut.statusCode()).as(midPut.bodyAsString()).isEqualTo(200);
    assertThat(midPut.bodyAsJsonObject().getInteger("evidenceBytes")).isEqualTo(scan.length);
    API.request(io.vertx.core.http.HttpMethod.PUT, "/api/v1/spending/" + sid + "/evidence?filename=scan.png", LEAD)
        .putHeader("Content-Type", "image/png").sendBuffer(Buffer.buffer(png)).await();
    var bigPut = API.request(io.vertx.core.http.HttpMethod.PUT, "/api/v1/spending/" + sid + "/evidence?filename=big.pdf", LEAD)
        .putHeader("Content-Type", "application/pdf").sendBuffer(Buffer.buffer(big)).await();
    assertThat(bigPut.statusCode()).as("over 10 MiB: refused by the body limit or by the size check").isIn(400, 413);
    assertThat(API.get("/api/v1/spending/" + sid + "/evidence", LEAD).body().getBytes()).isEqualTo(png);

    // KPI reports: bad input by the field, a second report for a period replaces the first
    String kpis = "/projects/" + p + "/kpis";
    long kpi = API.count("SELECT id FROM agreement_kpi WHERE project_id = $1", p);
    HttpResponse<Buffer> badKpi = post(lead, kpis, kpis + "/reports", form().add("kpiId", String.valueOf(kpi)).add("period", "Q3")
        .add("actual", "-1"));
    assertThat(badKpi.statusCode()).isEqualTo(400);
    assertThat(badKpi.bodyAsString()).contains("id=\"period-error\"").contains("id=\"actual-error\"").contains("value=\"Q3\"");
    HttpResponse<Buffer> outside = post(lead, kpis, kpis + "/reports", form().add("kpiId", String.valueOf(kpi)).add("period", "2025-Q1")
        .add("actual", "3"));
    assertThat(outside.statusCode()).isEqualTo(400);
    assertThat(outside.bodyAsString()).contains("협약 기간 밖의 기간");
    assertThat(post(lead, kpis, kpis + "/reports", form().add("kpiId", "999999999").add("period", "2026-Q3").add("actual", "3"))
        .statusCode()).isEqualTo(400);
    assertThat(API.count("SELECT count(*) FROM kpi_report WHERE kpi_id = $1", kpi)).isZero();
    assertThat(post(lead, kpis, kpis + "/reports", form().add("kpiId", String.valueOf(kpi)).add("period", "2026-q3").add("actual", "3"))
        .getHeader("Location")).isEqualTo(kpis + "?done=reported");
    assertThat(post(lead, kpis, kpis + "/reports", form().add("kpiId", String.valueOf(kpi)).add("period", "2026-Q3").add("actual", "4")
        .add("note", "정정")).statusCode()).isEqualTo(303);
    assertThat(API.count("SELECT count(*) FROM kpi_report WHERE kpi_id = $1 AND period = '2026-Q3' AND actual = 4", kpi)).isEqualTo(1);
    assertThat(firm.get(kpis).send().await().bodyAsString()).contains("2026-Q3: 4").contains("정정").contains("40.0%")
        .doesNotContain("action=\"" + kpis + "/reports\"");
    assertThat(post(firm, kpis, kpis + "/reports", form().add("kpiId", String.valueOf(kpi)).add("period", "2026-Q4").add("actual", "1"))
        .statusCode()).isEqualTo(403);
  }

  /** A minimal HWPX: a ZIP whose first entry is the uncompressed {@code mimetype}, as 한글 writes it. */
  private static byte[] hwpx() {
    try {
      byte[] mimetype = "application/hwp+zip".getBytes(StandardCharsets.US_ASCII);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
        java.util.zip.ZipEntry entry = new java.util.zip.ZipEntry("mimetype");
        entry.setMethod(java.util.zip.ZipEntry.STORED);
        entry.setSize(mimetype.length);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(mimetype);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(mimetype);
        zip.closeEntry();
      }
      return out.toByteArray();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
