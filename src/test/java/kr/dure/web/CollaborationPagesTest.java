package kr.dure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import kr.dure.support.Api;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pages of the collaboration records (joint brand, trades, services), the design agency's pages
 * with deliverable files, and the final report with completion — driven like a browser without JavaScript.
 */
class CollaborationPagesTest {

  /** The smallest valid PNG: 1×1, one grey pixel. */
  static final byte[] PNG = java.util.Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==");

  private static final String UISEONG_COORDINATOR = "coordinator.uiseong@dure.demo";
  private final TestApp app = TestApp.get();
  private final Api api = new Api();

  @BeforeEach
  void forgetFailures() {
    app.resetThrottle();
  }

  private static HttpResponse<Buffer> post(WebClientSession browser, String pagePath, String path, MultiMap form) {
    String csrf = TestApp.csrfFrom(browser.get(pagePath).send().await().bodyAsString());
    return browser.post(path).sendForm(form.add("X-CSRF-Token", csrf)).await();
  }

  private static MultiMap form() {
    return MultiMap.caseInsensitiveMultiMap();
  }

  private static String get(WebClientSession browser, String path, int status) {
    HttpResponse<Buffer> page = browser.get(path).send().await();
    assertThat(page.statusCode()).as(path + ": " + page.bodyAsString()).isEqualTo(status);
    return page.bodyAsString();
  }

  private long demoRequest(String title) {
    return api.count("SELECT id FROM design_request WHERE title = $1 ORDER BY id LIMIT 1", title);
  }

  // ---- ① joint brand

  @Test
  void the_brand_page_shows_brand_products_and_design_support_to_the_project_and_refuses_others() {
    long project = api.projectId("P-2026-02");
    String path = "/projects/" + project + "/brand";
    String coordinator = get(app.browserSignedInAs(UISEONG_COORDINATOR), path, 200);
    assertThat(coordinator).contains("의성 한알").contains("의성 한알 흑마늘 진액 30포").contains("39,000원").contains("판매 중")
        .contains("개발 중").contains("공동브랜드 BI 개발").contains("결과물 전달").contains("선물세트 패키지 디자인")
        .contains("의성한알_BI_시안.png").contains("href=\"/projects/" + project + "\"").contains("공동브랜드 만들기")
        .contains("for=\"designDueOn\"");
    String firm = get(app.browserSignedInAs("garlic@dure.demo"), path, 200);
    assertThat(firm).contains("의성 한알").contains("의성한알_BI_시안.png").doesNotContain("공동브랜드 만들기").doesNotContain("상품 추가")
        .contains("읽기만 할 수 있습니다");
    assertThat(get(app.browserSignedInAs("ministry@dure.demo"), path, 200)).contains("의성 한알");
    get(app.browserSignedInAs("coordinator.imsil@dure.demo"), path, 404);
    get(app.browserSignedInAs("imsil@dure.demo"), path, 404);
    WebClientSession english = app.browserSignedInAs("uiseong@dure.demo");
    english.get("/lang/en?next=/").send().await();
    assertThat(get(english, path, 200)).contains("<html lang=\"en\">").contains("Design-support requests").contains("On sale");
  }

  @Test
  void the_coordinator_creates_a_brand_adds_a_product_and_asks_for_design_support() {
    long project = api.projectId("P-2026-02");
    String page = "/projects/" + project + "/brand";
    long garlic = api.organisationOf("garlic@dure.demo");
    long angye = api.organisationOf("angye@dure.demo");
    WebClientSession browser = app.browserSignedInAs(UISEONG_COORDINATOR);
    String name = "의성 들녘 " + System.nanoTime();

    long before = api.count("SELECT count(*) FROM joint_brand WHERE project_id = $1", project);
    HttpResponse<Buffer> empty = post(browser, page, page, form().add("name", " ").add("members", String.valueOf(garlic)));
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.bodyAsString()).contains("id=\"brandName-error\"").contains("이름: 필수 입력 항목입니다")
        .contains("name=\"members\" value=\"" + garlic + "\" checked");
    HttpResponse<Buffer> outsider = post(browser, page, page, form().add("name", name)
        .add("members", String.valueOf(api.organisationOf("cheese@dure.demo"))));
    assertThat(outsider.statusCode()).isEqualTo(400);
    assertThat(outsider.bodyAsString()).contains("참여기관만 고를 수 있습니다");
    assertThat(api.count("SELECT count(*) FROM joint_brand WHERE project_id = $1", project)).isEqualTo(before);

    HttpResponse<Buffer> created = post(browser, page, page, form().add("name", name).add("description", "안계 들녘의 이야기")
        .add("members", String.valueOf(garlic)).add("members", String.valueOf(angye)));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(303);
    long brand = api.count("SELECT id FROM joint_brand WHERE name = $1", name);
    assertThat(created.getHeader("Location")).isEqualTo(page + "?saved=brand#brand-" + brand);
    assertThat(get(browser, created.getHeader("Location"), 200)).contains("공동브랜드를 만들었습니다").contains(name);
    assertThat(api.count("SELECT count(*) FROM joint_brand_member WHERE brand_id = $1", brand)).isEqualTo(2);
    assertThat(api.count("SELECT count(*) FROM audit_log WHERE action = 'brand.create' AND details->>'brandId' = $1", Long.toString(brand)))
        .isEqualTo(1);
    assertThat(post(browser, page, page, form().add("name", name)).statusCode()).isEqualTo(409);

    String productPath = page + "/" + brand + "/products";
    HttpResponse<Buffer> noMaker = post(browser, page, productPath, form().add("name", "흑마늘 조청").add("priceWon", "-5"));
    assertThat(noMaker.statusCode()).isEqualTo(400);
    assertThat(noMaker.bodyAsString()).contains("id=\"product" + brand + "OrganisationId-error\"").contains("id=\"product" + brand + "PriceWon-error\"")
        .contains("value=\"흑마늘 조청\"");
    assertThat(api.count("SELECT count(*) FROM brand_product WHERE brand_id = $1", brand)).isZero();
    HttpResponse<Buffer> product = post(browser, page, productPath, form().add("organisationId", String.valueOf(angye))
        .add("name", "흑마늘 조청").add("priceWon", "18000").add("status", "DEVELOPING"));
    assertThat(product.statusCode()).isEqualTo(303);
    long productId = api.count("SELECT id FROM brand_product WHERE brand_id = $1", brand);
    assertThat(api.count("SELECT count(*) FROM brand_product WHERE id = $1 AND status = 'DEVELOPING' AND price_won = 18000", productId)).isEqualTo(1);
    assertThat(post(browser, page, page + "/products/" + productId + "/status", form().add("status", "ON_SALE")).statusCode()).isEqualTo(303);
    assertThat(api.count("SELECT count(*) FROM brand_product WHERE id = $1 AND status = 'ON_SALE'", productId)).isEqualTo(1);
    assertThat(post(browser, page, page + "/products/" + productId + "/status", form().add("status", "SOLD")).statusCode()).isEqualTo(400);

    String title = "라벨 개선 " + System.nanoTime();
    HttpResponse<Buffer> past = post(browser, page, page + "/design", form().add("kind", "PACKAGE").add("title", title)
        .add("dueOn", LocalDate.now(Api.SEOUL).minusDays(1).toString()).add("brandId", String.valueOf(brand)));
    assertThat(past.statusCode()).isEqualTo(400);
    assertThat(past.bodyAsString()).contains("id=\"designDueOn-error\"").contains("지난 날짜입니다");
    assertThat(api.count("SELECT count(*) FROM design_request WHERE title = $1", title)).isZero();
    HttpResponse<Buffer> asked = post(browser, page, page + "/design", form().add("kind", "PACKAGE").add("title", title)
        .add("description", "라벨 가독성 개선").add("dueOn", LocalDate.now(Api.SEOUL).plusDays(30).toString()).add("brandId", String.valueOf(brand)));
    assertThat(asked.statusCode()).isEqualTo(303);
    assertThat(api.count("SELECT count(*) FROM design_request WHERE title = $1 AND kind = 'PACKAGE' AND status = 'REQUESTED'", title)).isEqualTo(1);
    assertThat(api.count("SELECT count(*) FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.email = 'design@dure.demo' "
        + "AND n.kind = 'design.requested' AND n.params->>'title' = $1", title)).isEqualTo(1);

    // a member firm reads but does not write
    WebClientSession firm = app.browserSignedInAs("garlic@dure.demo");
    assertThat(post(firm, page, page, form().add("name", "직접 만든 브랜드")).statusCode()).isEqualTo(403);
  }

  // ---- the design agency and deliverable files

  @Test
  void the_design_agency_lists_requests_by_status_and_answers_one() {
    WebClientSession agency = app.browserSignedInAs("design@dure.demo");
    String home = get(agency, "/design", 200);
    assertThat(home).contains("공동브랜드 BI 개발").contains("선물세트 패키지 디자인").contains("의성 마늘 공동브랜드·공동물류");
    String delivered = get(agency, "/design?status=DELIVERED", 200);
    assertThat(delivered).contains("공동브랜드 BI 개발").doesNotContain("선물세트 패키지 디자인").contains("aria-current=\"page\"");
    get(agency, "/design?status=LOST", 400);
    get(app.browserSignedInAs(UISEONG_COORDINATOR), "/design", 403);

    long project = api.projectId("P-2026-02");
    String title = "상세페이지 콘텐츠 " + System.nanoTime();
    long request = api.post("/api/v1/projects/" + project + "/design-requests", UISEONG_COORDINATOR, new JsonObject()
        .put("kind", "CONTENT").put("title", title)).bodyAsJsonObject().getLong("id");
    String path = "/design/requests/" + request;
    assertThat(get(agency, path, 200)).contains(title).contains("홍보 콘텐츠 기획").contains("for=\"answerStatus\"");

    HttpResponse<Buffer> noReason = post(agency, path, path, form().add("status", "DECLINED").add("answer", ""));
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(noReason.bodyAsString()).contains("id=\"answerAnswer-error\"").contains("이유를 적으세요");
    assertThat(api.count("SELECT count(*) FROM design_request WHERE id = $1 AND status = 'REQUESTED'", request)).isEqualTo(1);

    HttpResponse<Buffer> received = post(agency, path, path, form().add("status", "RECEIVED").add("answer", "접수했습니다. 11월 중 시안 예정."));
    assertThat(received.statusCode()).isEqualTo(303);
    assertThat(get(agency, received.getHeader("Location"), 200)).contains("처리 내용을 저장하고").contains("접수했습니다. 11월 중 시안 예정.");
    assertThat(api.count("SELECT count(*) FROM design_request_comment WHERE request_id = $1 AND status = 'RECEIVED'", request)).isEqualTo(1);
    assertThat(api.count("SELECT count(*) FROM audit_log WHERE action = 'design.answer' AND details->>'requestId' = $1", Long.toString(request)))
        .isEqualTo(1);
    // a step backwards is a conflict that names the state
    var back = api.post("/api/v1/design-requests/" + request + "/answer", "design@dure.demo", new JsonObject().put("status", "RECEIVED"));
    assertThat(back.statusCode()).isEqualTo(409);
    assertThat(back.bodyAsJsonObject().getString("detail")).contains("RECEIVED");
    assertThat(post(agency, path, path, form().add("status", "DECLINED").add("answer", "예산 범위를 벗어나 지원할 수 없습니다.")).statusCode())
        .isEqualTo(303);
    HttpResponse<Buffer> again = post(agency, path, path, form().add("status", "IN_PROGRESS"));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(get(agency, path, 200)).doesNotContain("for=\"answerStatus\"").contains("지원 불가");
  }

  @Test
  void deliverables_are_checked_by_content_and_size_and_downloaded_only_by_the_project() {
    long project = api.projectId("P-2026-02");
    long request = api.post("/api/v1/projects/" + project + "/design-requests", UISEONG_COORDINATOR, new JsonObject()
        .put("kind", "BRAND_IDENTITY").put("title", "로고 파일 " + System.nanoTime())).bodyAsJsonObject().getLong("id");
    WebClientSession agency = app.browserSignedInAs("design@dure.demo");
    String path = "/design/requests/" + request;
    String upload = path + "/deliverables";

    String csrf = TestApp.csrfFrom(get(agency, path, 200));
    HttpResponse<Buffer> png = agency.post(upload).sendMultipartForm(MultipartForm.create().attribute("X-CSRF-Token", csrf)
        .binaryFileUpload("file", "로고 최종.png", Buffer.buffer(PNG), "image/png")).await();
    assertThat(png.statusCode()).as(png.bodyAsString()).isEqualTo(303);
    long fileId = api.count("SELECT id FROM design_deliverable WHERE request_id = $1", request);

    csrf = TestApp.csrfFrom(get(agency, path, 200));
    HttpResponse<Buffer> svg = agency.post(upload).sendMultipartForm(MultipartForm.create().attribute("X-CSRF-Token", csrf)
        .binaryFileUpload("file", "logo.png", Buffer.buffer("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"),
            "image/png")).await();
    assertThat(svg.statusCode()).isEqualTo(400);
    assertThat(svg.bodyAsString()).contains("id=\"uploadFile-error\"").contains("PDF, PNG, JPEG 파일만");

    csrf = TestApp.csrfFrom(get(agency, path, 200));
    Buffer big = Buffer.buffer(PNG).appendBuffer(Buffer.buffer(new byte[10 * 1024 * 1024]));
    HttpResponse<Buffer> oversize = agency.post(upload).sendMultipartForm(MultipartForm.create().attribute("X-CSRF-Token", csrf)
        .binaryFileUpload("file", "huge.png", big, "image/png")).await();
    assertThat(oversize.statusCode()).isEqualTo(400);
    assertThat(oversize.bodyAsString()).contains("10MiB까지");
    assertThat(api.count("SELECT count(*) FROM design_deliverable WHERE request_id = $1", request)).isEqualTo(1);

    // through the API: raw body and a filename
    var apiPdf = api.request(io.vertx.core.http.HttpMethod.POST, "/api/v1/design-requests/" + request + "/deliverables?filename=guide.pdf",
        "design@dure.demo").sendBuffer(Buffer.buffer("%PDF-1.4\n%%EOF\n")).await();
    assertThat(apiPdf.statusCode()).as(apiPdf.bodyAsString()).isEqualTo(201);
    var apiText = api.request(io.vertx.core.http.HttpMethod.POST, "/api/v1/design-requests/" + request + "/deliverables?filename=x.pdf",
        "design@dure.demo").sendBuffer(Buffer.buffer("just text")).await();
    assertThat(apiText.statusCode()).isEqualTo(400);
    assertThat(apiText.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("file");
    var apiOversize = api.request(io.vertx.core.http.HttpMethod.POST, "/api/v1/design-requests/" + request + "/deliverables?filename=big.png",
        "design@dure.demo").sendBuffer(big).await();
    assertThat(apiOversize.statusCode()).isEqualTo(400);
    assertThat(apiOversize.bodyAsJsonObject().getString("detail")).contains("10 MiB");
    var byCoordinator = api.request(io.vertx.core.http.HttpMethod.POST, "/api/v1/design-requests/" + request + "/deliverables?filename=a.png",
        UISEONG_COORDINATOR).sendBuffer(Buffer.buffer(PNG)).await();
    assertThat(byCoordinator.statusCode()).isEqualTo(403);

    // downloads: the project's people and the agency, as attachments with a safe name
    String href = "/projects/" + project + "/brand/design/" + request + "/files/" + fileId;
    assertThat(get(app.browserSignedInAs(UISEONG_COORDINATOR), "/projects/" + project + "/brand", 200)).contains(href);
    HttpResponse<Buffer> download = app.browserSignedInAs("garlic@dure.demo").get(href).send().await();
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.getHeader("Content-Type")).isEqualTo("image/png");
    assertThat(download.getHeader("Content-Disposition"))
        .isEqualTo("attachment; filename=\"__ __.png\"; filename*=UTF-8''%EB%A1%9C%EA%B3%A0%20%EC%B5%9C%EC%A2%85.png");
    // quotes, backslashes and line breaks never reach the header as they are
    assertThat(kr.dure.common.FileNames.contentDisposition("a\"b\\c\r\nd;e*.pdf"))
        .isEqualTo("attachment; filename=\"a_b_c__d_e*.pdf\"; filename*=UTF-8''a%22b%5Cc%0D%0Ad%3Be%2A.pdf");
    assertThat(download.body().getBytes()).isEqualTo(PNG);
    assertThat(app.browserSignedInAs("design@dure.demo").get(path + "/files/" + fileId).send().await().statusCode()).isEqualTo(200);
    assertThat(app.browserSignedInAs("cheese@dure.demo").get(href).send().await().statusCode()).isEqualTo(404);
    // the file of one project is not reachable through another project's address
    assertThat(app.browserSignedInAs("coordinator.imsil@dure.demo").get("/projects/" + api.projectId("P-2026-01") + "/brand/design/"
        + request + "/files/" + fileId).send().await().statusCode()).isEqualTo(404);
    var apiDownload = api.get("/api/v1/design-requests/" + request + "/deliverables/" + fileId, UISEONG_COORDINATOR);
    assertThat(apiDownload.statusCode()).isEqualTo(200);
    assertThat(apiDownload.getHeader("Content-Disposition")).startsWith("attachment;");
    assertThat(api.get("/api/v1/design-requests/" + request + "/deliverables/" + fileId, "imsil@dure.demo").statusCode()).isEqualTo(404);
    assertThat(api.count("SELECT count(*) FROM audit_log WHERE action = 'design.deliverable' AND details->>'requestId' = $1",
        Long.toString(request))).isEqualTo(2);
  }

  // ---- ② trades

  @Test
  void the_trades_page_totals_by_pair_and_month_filters_by_period_and_records_a_trade() {
    long project = api.projectId("P-2026-01");
    String page = "/projects/" + project + "/trades";
    WebClientSession coordinator = app.browserSignedInAs("coordinator.imsil@dure.demo");
    String all = get(coordinator, page, 200);
    assertThat(all).contains("원유").contains("숙성 치즈").contains("섬진강유가공 영농조합법인 → (주)임실숲골치즈").contains("14,400,000원")
        .contains("2026-10").contains("거래 기록하기");
    String october = get(coordinator, page + "?from=2026-10-01&to=2026-10-31", 200);
    assertThat(october).contains("숙성 치즈").doesNotContain("<td>원유</td>").doesNotContain("14,400,000원");
    get(coordinator, page + "?from=2026-13-01", 400);
    assertThat(get(app.browserSignedInAs("cheese@dure.demo"), page, 200)).contains("원유").doesNotContain("거래 기록하기");
    get(app.browserSignedInAs("garlic@dure.demo"), page, 404);

    long cheese = api.organisationOf("cheese@dure.demo");
    long dairy = api.organisationOf("dairy@dure.demo");
    long before = api.count("SELECT count(*) FROM value_chain_trade WHERE project_id = $1", project);
    HttpResponse<Buffer> same = post(coordinator, page, page, form().add("sellerId", String.valueOf(cheese)).add("buyerId", String.valueOf(cheese))
        .add("item", "유청").add("quantity", "0").add("amountWon", "0")
        .add("tradedOn", LocalDate.now(Api.SEOUL).plusDays(1).toString()));
    assertThat(same.statusCode()).isEqualTo(400);
    assertThat(same.bodyAsString()).contains("id=\"tradeBuyerId-error\"").contains("판매자와 구매자는 서로 달라야 합니다")
        .contains("id=\"tradeQuantity-error\"").contains("id=\"tradeAmountWon-error\"").contains("id=\"tradeTradedOn-error\"")
        .contains("미래 날짜는 입력할 수 없습니다").contains("value=\"유청\"");
    HttpResponse<Buffer> outsider = post(coordinator, page, page, form().add("sellerId", String.valueOf(api.organisationOf("garlic@dure.demo")))
        .add("buyerId", String.valueOf(cheese)).add("item", "마늘").add("quantity", "1").add("amountWon", "1000")
        .add("tradedOn", "2026-11-01"));
    assertThat(outsider.statusCode()).isEqualTo(400);
    assertThat(outsider.bodyAsString()).contains("id=\"tradeSellerId-error\"");
    assertThat(api.count("SELECT count(*) FROM value_chain_trade WHERE project_id = $1", project)).isEqualTo(before);

    HttpResponse<Buffer> recorded = post(coordinator, page, page, form().add("sellerId", String.valueOf(cheese)).add("buyerId", String.valueOf(dairy))
        .add("item", "유청 " + before).add("quantity", "1,250.5").add("unit", "L").add("amountWon", "375000").add("tradedOn", "2026-11-03"));
    assertThat(recorded.statusCode()).as(recorded.bodyAsString()).isEqualTo(303);
    assertThat(api.count("SELECT count(*) FROM value_chain_trade WHERE project_id = $1 AND quantity = 1250.5 AND amount_won = 375000", project))
        .isPositive();
    assertThat(get(coordinator, recorded.getHeader("Location"), 200)).contains("거래를 기록했습니다").contains("1250.5 L");
    assertThat(post(app.browserSignedInAs("cheese@dure.demo"), page, page, form().add("sellerId", String.valueOf(cheese))
        .add("buyerId", String.valueOf(dairy)).add("item", "x").add("quantity", "1").add("amountWon", "1").add("tradedOn", "2026-11-03"))
        .statusCode()).isEqualTo(403);
  }

  // ---- ③ services

  @Test
  void the_services_page_lists_services_with_monthly_use_and_records_new_ones() {
    long project = api.projectId("P-2026-03");
    String page = "/projects/" + project + "/services";
    WebClientSession lead = app.browserSignedInAs("goesan@dure.demo");
    assertThat(get(lead, page, 200)).contains("청년 귀농·귀촌 임시 주거").contains("주거").contains("농번기 공동급식").contains("식사·급식")
        .contains("5,000원").contains("2026-10").contains("생활서비스 추가");
    assertThat(get(app.browserSignedInAs("kitchen@dure.demo"), page, 200)).contains("청년 귀농·귀촌 임시 주거").doesNotContain("생활서비스 추가");
    get(app.browserSignedInAs("coordinator.uiseong@dure.demo"), page, 404);

    String name = "마을버스 연계 " + System.nanoTime();
    HttpResponse<Buffer> bad = post(lead, page, page, form().add("name", name).add("priceWon", "abc"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsString()).contains("id=\"serviceCategory-error\"").contains("id=\"servicePriceWon-error\"");
    assertThat(api.count("SELECT count(*) FROM local_service WHERE name = $1", name)).isZero();
    HttpResponse<Buffer> added = post(lead, page, page, form().add("name", name).add("category", "TRANSPORT")
        .add("providerOrganisationId", String.valueOf(api.organisationOf("corn@dure.demo"))).add("description", "공유주방 출퇴근 셔틀"));
    assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(303);
    long service = api.count("SELECT id FROM local_service WHERE name = $1", name);

    String usage = page + "/usage";
    HttpResponse<Buffer> badMonth = post(lead, page, usage, form().add("serviceId", String.valueOf(service)).add("period", "2026-13").add("uses", ""));
    assertThat(badMonth.statusCode()).isEqualTo(400);
    assertThat(badMonth.bodyAsString()).contains("id=\"usagePeriod-error\"").contains("id=\"usageUses-error\"");
    String nextMonth = LocalDate.now(Api.SEOUL).plusMonths(1).toString().substring(0, 7);
    assertThat(post(lead, page, usage, form().add("serviceId", String.valueOf(service)).add("period", nextMonth).add("uses", "3")).statusCode())
        .isEqualTo(400);
    long otherProjectService = api.post("/api/v1/projects/" + api.projectId("P-2026-01") + "/services", "coordinator.imsil@dure.demo",
        new JsonObject().put("name", "임실 치즈마을 셔틀").put("category", "TRANSPORT").put("provider", "임실군")).bodyAsJsonObject().getLong("id");
    HttpResponse<Buffer> foreign = post(lead, page, usage, form().add("serviceId", String.valueOf(otherProjectService)).add("period", "2026-10")
        .add("uses", "3"));
    assertThat(foreign.statusCode()).isEqualTo(400);
    assertThat(foreign.bodyAsString()).contains("id=\"usageServiceId-error\"");
    assertThat(api.count("SELECT count(*) FROM local_service_usage WHERE service_id = $1", otherProjectService)).isZero();
    assertThat(api.count("SELECT count(*) FROM local_service_usage WHERE service_id = $1", service)).isZero();
    HttpResponse<Buffer> recorded = post(lead, page, usage, form().add("serviceId", String.valueOf(service)).add("period", "2026-10")
        .add("uses", "48").add("amountWon", "96000"));
    assertThat(recorded.statusCode()).isEqualTo(303);
    assertThat(api.count("SELECT uses FROM local_service_usage WHERE service_id = $1 AND period = '2026-10'", service)).isEqualTo(48);
    assertThat(get(lead, recorded.getHeader("Location"), 200)).contains("이용 실적을 기록했습니다").contains(name);
  }

  // ---- final report and completion

  @Test
  void the_lead_drafts_and_submits_the_report_the_ministry_completes_and_then_nothing_changes() {
    long project = api.projectId("P-2026-01");
    String page = "/projects/" + project + "/completion";
    WebClientSession lead = app.browserSignedInAs("imsil@dure.demo");
    WebClientSession ministry = app.browserSignedInAs("ministry@dure.demo");
    try {
      assertThat(get(lead, page, 200)).contains("작성 전").contains("for=\"reportSummary\"").contains("임시 저장");
      assertThat(get(ministry, page, 200)).contains("결과보고서를 제출하면 과제를 종료할 수 있습니다").doesNotContain("for=\"reportSummary\"");
      assertThat(get(app.browserSignedInAs("coordinator.imsil@dure.demo"), page, 200)).doesNotContain("for=\"reportSummary\"");
      get(app.browserSignedInAs("uiseong@dure.demo"), page, 404);

      HttpResponse<Buffer> tooLong = post(lead, page, page + "/report", form().add("summary", "가".repeat(20_001)).add("action", "draft"));
      assertThat(tooLong.statusCode()).isEqualTo(400);
      assertThat(tooLong.bodyAsString()).contains("id=\"reportSummary-error\"");
      assertThat(api.count("SELECT count(*) FROM project_final_report WHERE project_id = $1", project)).isZero();
      HttpResponse<Buffer> emptySubmit = post(lead, page, page + "/submit", form());
      assertThat(emptySubmit.statusCode()).isEqualTo(400);
      assertThat(emptySubmit.bodyAsString()).contains("성과 요약을 적고 저장한 뒤 제출하세요");

      HttpResponse<Buffer> draft = post(lead, page, page + "/report", form().add("summary", "치즈 공동가공으로 매출이 늘었습니다.")
          .add("kpiOutcomes", "매출 182백만원").add("lessons", "").add("action", "draft"));
      assertThat(draft.statusCode()).isEqualTo(303);
      assertThat(get(lead, draft.getHeader("Location"), 200)).contains("임시 저장했습니다").contains("작성 중(임시 저장)")
          .contains("치즈 공동가공으로 매출이 늘었습니다.");
      get(ministry, page + "/complete", 200);
      assertThat(post(ministry, page, page + "/complete", form()).statusCode()).isEqualTo(409);

      HttpResponse<Buffer> toConfirm = post(lead, page, page + "/report", form().add("summary", "치즈 공동가공으로 매출이 늘었습니다.")
          .add("kpiOutcomes", "매출 182백만원").add("lessons", "냉장 물류가 병목").add("action", "submit"));
      assertThat(toConfirm.getHeader("Location")).isEqualTo(page + "/submit");
      assertThat(get(lead, page + "/submit", 200)).contains("결과보고서를 제출할까요?").contains("냉장 물류가 병목").contains("취소하고 돌아가기");
      get(ministry, page + "/submit", 403);
      HttpResponse<Buffer> submitted = post(lead, page + "/submit", page + "/submit", form());
      assertThat(submitted.statusCode()).isEqualTo(303);
      assertThat(get(lead, submitted.getHeader("Location"), 200)).contains("제출했습니다").contains("제출됨").doesNotContain("for=\"reportSummary\"");
      assertThat(post(lead, page, page + "/report", form().add("summary", "고침").add("action", "draft")).statusCode()).isEqualTo(409);

      assertThat(get(ministry, page + "/complete", 200)).contains("과제를 종료할까요?").contains("되돌릴 수 없고");
      HttpResponse<Buffer> completed = post(ministry, page + "/complete", page + "/complete", form());
      assertThat(completed.statusCode()).isEqualTo(303);
      assertThat(get(ministry, completed.getHeader("Location"), 200)).contains("과제를 종료했습니다").contains("종료된 과제입니다");
      assertThat(api.count("SELECT count(*) FROM project WHERE id = $1 AND status = 'COMPLETED' AND completed_by IS NOT NULL", project)).isEqualTo(1);

      // completed: the records are read-only, the pages say why
      WebClientSession coordinator = app.browserSignedInAs("coordinator.imsil@dure.demo");
      String trades = "/projects/" + project + "/trades";
      assertThat(get(coordinator, trades, 200)).contains("종료된 과제입니다").doesNotContain("거래 기록하기");
      long before = api.count("SELECT count(*) FROM value_chain_trade WHERE project_id = $1", project);
      HttpResponse<Buffer> refused = post(coordinator, trades, trades, form().add("sellerId", String.valueOf(api.organisationOf("cheese@dure.demo")))
          .add("buyerId", String.valueOf(api.organisationOf("dairy@dure.demo"))).add("item", "유청").add("quantity", "1").add("amountWon", "1000")
          .add("tradedOn", "2026-11-03"));
      assertThat(refused.statusCode()).isEqualTo(409);
      assertThat(refused.bodyAsString()).contains("종료된 과제입니다. 기록은 읽기만 할 수 있어 저장하지 않았습니다");
      var apiRefused = api.post("/api/v1/projects/" + project + "/services", "imsil@dure.demo", new JsonObject().put("name", "x")
          .put("category", "OTHER").put("provider", "x"));
      assertThat(apiRefused.statusCode()).isEqualTo(409);
      assertThat(apiRefused.bodyAsJsonObject().getString("detail")).contains("COMPLETED").contains("read-only");
      assertThat(api.post("/api/v1/projects/" + project + "/brands", "coordinator.imsil@dure.demo", new JsonObject().put("name", "늦은 브랜드"))
          .statusCode()).isEqualTo(409);
      assertThat(api.count("SELECT count(*) FROM value_chain_trade WHERE project_id = $1", project)).isEqualTo(before);
      assertThat(post(ministry, page, page + "/complete", form()).statusCode()).isEqualTo(409);
    } finally {
      api.pool().preparedQuery("UPDATE project SET status = 'ACTIVE', completed_at = NULL, completed_by = NULL WHERE id = $1")
          .execute(Tuple.of(project)).await();
      api.pool().preparedQuery("DELETE FROM project_final_report WHERE project_id = $1").execute(Tuple.of(project)).await();
    }
  }

  @Test
  void the_demo_shows_a_draft_final_report_and_a_delivered_request_with_its_file() {
    long project = api.projectId("P-2026-02");
    assertThat(get(app.browserSignedInAs("uiseong@dure.demo"), "/projects/" + project + "/completion", 200))
        .contains("작성 중(임시 저장)").contains("공동브랜드 「의성 한알」");
    long request = demoRequest("공동브랜드 BI 개발");
    assertThat(api.count("SELECT count(*) FROM design_deliverable WHERE request_id = $1 AND content_type = 'image/png'", request)).isEqualTo(1);
    assertThat(get(app.browserSignedInAs("design@dure.demo"), "/design/requests/" + request, 200)).contains("의성한알_BI_시안.png")
        .contains("현장 인터뷰를 마치고 시안 작업 중입니다.");
  }
}
