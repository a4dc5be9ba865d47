package kr.dure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import java.time.LocalDate;
import kr.dure.support.Api;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The call page and the local government's application wizard, driven like a browser without JavaScript. */
class ProgramPagesTest {

  private static final Api API = new Api();
  private static long callId;
  private static String callTitle;
  private final TestApp app = TestApp.get();

  @BeforeAll
  static void openCall() {
    long programId = API.count("SELECT min(id) FROM program");
    LocalDate today = LocalDate.now(Api.SEOUL);
    callTitle = "페이지 테스트 공고 " + System.nanoTime();
    var created = API.post("/api/v1/calls", "ministry@dure.demo", new JsonObject().put("programId", programId)
        .put("titleKo", callTitle).put("opensOn", today.minusDays(3).toString())
        .put("closesOn", today.plusDays(20).toString()).put("projectsToSelect", 3)
        .put("nationalCapWon", 300_000_000L).put("localMinWon", 130_000_000L).put("totalCapWon", 430_000_000L));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    callId = created.bodyAsJsonObject().getLong("id");
  }

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

  @Test
  void the_call_page_is_public_and_shows_caps_categories_criteria_and_rules() {
    HttpResponse<Buffer> page = app.client().get("/calls/" + callId).send().await();
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.bodyAsString()).contains(callTitle).contains("300,000,000원").contains("130,000,000원")
        .contains("중소기업이 3개 이상").contains("심사 기준").contains("사업비 비목").contains("로그인");
    assertThat(app.client().get("/calls/999999999").send().await().statusCode()).isEqualTo(404);
    String home = app.browserSignedInAs("ministry@dure.demo").get("/ministry").send().await().bodyAsString();
    assertThat(home).contains("href=\"/calls/" + callId + "\"");
  }

  @Test
  void a_county_goes_through_the_steps_and_submits() {
    WebClientSession browser = app.browserSignedInAs("goesan@dure.demo");
    String callPage = browser.get("/calls/" + callId).send().await().bodyAsString();
    assertThat(callPage).contains("신청서 작성 시작");
    assertThat(browser.get("/local-gov").send().await().bodyAsString()).contains("href=\"/applications\"");

    HttpResponse<Buffer> started = post(browser, "/calls/" + callId, "/applications", form().add("callId", String.valueOf(callId)));
    assertThat(started.statusCode()).as(started.bodyAsString()).isEqualTo(303);
    String step1 = started.getHeader("Location");
    assertThat(step1).matches("/applications/\\d+/step/1");
    String base = step1.substring(0, step1.indexOf("/step/"));
    // starting again carries on with the same application
    assertThat(post(browser, "/calls/" + callId, "/applications", form().add("callId", String.valueOf(callId))).getHeader("Location"))
        .isEqualTo(step1);

    String first = browser.get(step1).send().await().bodyAsString();
    assertThat(first).contains("기본 정보").contains("컨소시엄 구성").contains("확인 및 제출").contains("for=\"title\"");

    HttpResponse<Buffer> r1 = post(browser, step1, step1, form().add("title", "괴산 유기농 공유주방 두레")
        .add("collaborationTypes", "LOCAL_SERVICE").add("collaborationTypes", "SHARED_INFRASTRUCTURE")
        .add("modelDescription", "농가와 가공업체가 공유주방을 함께 씁니다.").add("action", "next"));
    assertThat(r1.statusCode()).isEqualTo(303);
    assertThat(r1.getHeader("Location")).isEqualTo(base + "/step/2");

    // a bad business number: refused next to the field, nothing saved
    MultiMap bad = members().set("m1-businessNumber", "123-45-67890").add("action", "next");
    HttpResponse<Buffer> refused = post(browser, base + "/step/2", base + "/step/2", bad);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.bodyAsString()).contains("id=\"m1-businessNumber-error\"")
        .contains("2행 사업자등록번호: 사업자등록번호 10자리").contains("value=\"123-45-67890\"");
    assertThat(API.get("/api/v1" + base, "goesan@dure.demo").bodyAsJsonObject().getJsonObject("content").getJsonArray("members"))
        .isEmpty();

    HttpResponse<Buffer> r2 = post(browser, base + "/step/2", base + "/step/2", members().add("action", "draft"));
    assertThat(r2.statusCode()).isEqualTo(303);
    assertThat(r2.getHeader("Location")).isEqualTo(base + "/step/2?saved=1");
    assertThat(browser.get(r2.getHeader("Location")).send().await().bodyAsString()).contains("임시 저장했습니다").contains("괴산유기농가공");

    HttpResponse<Buffer> r3 = post(browser, base + "/step/3", base + "/step/3", form()
        .add("b-EQUIPMENT_FACILITIES-NATIONAL", "200,000,000").add("b-PROMOTION-NATIONAL", "100000000")
        .add("b-OPERATIONS-LOCAL", "130000000").add("action", "next"));
    assertThat(r3.getHeader("Location")).isEqualTo(base + "/step/4");
    HttpResponse<Buffer> r4 = post(browser, base + "/step/4", base + "/step/4", form()
        .add("k0-name", "공유주방 이용 건수").add("k0-unit", "건").add("k0-target", "1200").add("action", "next"));
    assertThat(r4.getHeader("Location")).isEqualTo(base + "/step/5");

    String confirm = browser.get(base + "/step/5").send().await().bodyAsString();
    assertThat(confirm).contains("자격 확인 결과").contains("모든 신청 자격을 충족합니다").contains("충족")
        .contains("괴산 유기농 공유주방 두레").contains("430,000,000원").contains("신청서 제출");

    HttpResponse<Buffer> submitted = post(browser, base + "/step/5", base + "/step/5", form().add("action", "submit"));
    assertThat(submitted.statusCode()).isEqualTo(303);
    assertThat(submitted.getHeader("Location")).isEqualTo(base + "/done");
    assertThat(browser.get(base + "/done").send().await().bodyAsString()).contains("신청서를 제출했습니다").contains("제출 완료");

    String mine = browser.get("/applications").send().await().bodyAsString();
    assertThat(mine).contains("괴산 유기농 공유주방 두레").contains("제출 완료").contains("작성 중").contains("상태 이력");
    // a submitted application's steps lead to its completion page
    assertThat(browser.get(base + "/step/1").send().await().getHeader("Location")).isEqualTo(base + "/done");
  }

  @Test
  void a_submit_that_breaks_the_rules_shows_the_confirm_step_again_with_the_reasons() {
    WebClientSession browser = app.browserSignedInAs("uiseong@dure.demo");
    long other = API.post("/api/v1/calls", "ministry@dure.demo", new JsonObject()
        .put("programId", API.count("SELECT min(id) FROM program")).put("titleKo", "거절 테스트 공고 " + System.nanoTime())
        .put("opensOn", LocalDate.now(Api.SEOUL).minusDays(1).toString()).put("closesOn", LocalDate.now(Api.SEOUL).plusDays(5).toString())
        .put("projectsToSelect", 2).put("nationalCapWon", 300_000_000L).put("localMinWon", 130_000_000L)
        .put("totalCapWon", 430_000_000L)).bodyAsJsonObject().getLong("id");
    String step1 = post(browser, "/calls/" + other, "/applications", form().add("callId", String.valueOf(other))).getHeader("Location");
    String base = step1.substring(0, step1.indexOf("/step/"));
    HttpResponse<Buffer> refused = post(browser, base + "/step/5", base + "/step/5", form().add("action", "submit"));
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.bodyAsString()).contains("해당 지역 소재 중소기업이 3개 이상").contains("미충족").contains("자격 확인 결과");
    assertThat(API.get("/api/v1" + base, "uiseong@dure.demo").bodyAsJsonObject().getString("status")).isEqualTo("DRAFT");
  }

  private static MultiMap members() {
    return form()
        .add("m0-kind", "SME").add("m0-name", "괴산유기농가공").add("m0-businessNumber", "418-81-00122").add("m0-regionCode", "43760")
        .add("m1-kind", "SME").add("m1-name", "괴산로컬푸드").add("m1-businessNumber", "418-81-00234").add("m1-regionCode", "43760")
        .add("m2-kind", "SME").add("m2-name", "괴산공유주방(주)").add("m2-businessNumber", "418-86-00340").add("m2-regionCode", "43760")
        .add("m3-kind", "INNOVATION_INSTITUTION").add("m3-name", "충북과학기술혁신원").add("m3-businessNumber", "").add("m3-regionCode", "")
        .add("m4-kind", "").add("m4-name", "").add("m4-businessNumber", "").add("m4-regionCode", "");
  }

  @Test
  void a_firm_is_refused_and_a_form_without_the_csrf_token_is_403() {
    WebClientSession firm = app.browserSignedInAs("garlic@dure.demo");
    assertThat(firm.get("/applications").send().await().statusCode()).isEqualTo(403);
    assertThat(firm.get("/applications/1/step/1").send().await().statusCode()).isEqualTo(403);
    assertThat(post(firm, "/firm", "/applications", form().add("callId", String.valueOf(callId))).statusCode()).isEqualTo(403);
    assertThat(firm.get("/calls/" + callId).send().await().bodyAsString()).doesNotContain("신청서 작성 시작");

    WebClientSession county = app.browserSignedInAs("imsil@dure.demo");
    HttpResponse<Buffer> noToken = county.post("/applications").sendForm(form().add("callId", String.valueOf(callId))).await();
    assertThat(noToken.statusCode()).isEqualTo(403);
    assertThat(app.client().get("/applications").send().await().statusCode()).isEqualTo(302);
  }

  @Test
  void a_reviewer_scores_on_the_form_and_the_ministry_selects_from_the_ranking() {
    LocalDate today = LocalDate.now(Api.SEOUL);
    long call = API.post("/api/v1/calls", "ministry@dure.demo", new JsonObject()
        .put("programId", API.count("SELECT min(id) FROM program")).put("titleKo", "심사 테스트 공고 " + System.nanoTime())
        .put("opensOn", today.minusDays(1).toString()).put("closesOn", today.plusDays(5).toString()).put("projectsToSelect", 1)
        .put("nationalCapWon", 300_000_000L).put("localMinWon", 130_000_000L).put("totalCapWon", 430_000_000L))
        .bodyAsJsonObject().getLong("id");
    long id = API.post("/api/v1/applications", "goesan@dure.demo", new JsonObject().put("callId", call)).bodyAsJsonObject().getLong("id");
    io.vertx.core.json.JsonArray members = new io.vertx.core.json.JsonArray();
    for (String[] m : new String[][] {{"괴산유기농가공", "418-81-00122"}, {"괴산로컬푸드", "418-81-00234"}, {"괴산공유주방(주)", "418-86-00340"}}) {
      members.add(new JsonObject().put("kind", "SME").put("name", m[0]).put("businessNumber", m[1]).put("regionCode", "43760"));
    }
    var saved = API.put("/api/v1/applications/" + id, "goesan@dure.demo", new JsonObject().put("title", "괴산 심사 테스트")
        .put("members", members).put("budget", new io.vertx.core.json.JsonArray()
            .add(new JsonObject().put("category", "PROMOTION").put("source", "NATIONAL").put("amountWon", 100_000_000L))
            .add(new JsonObject().put("category", "OPERATIONS").put("source", "LOCAL").put("amountWon", 130_000_000L))));
    assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(200);
    assertThat(API.post("/api/v1/applications/" + id + "/submit", "goesan@dure.demo", null).statusCode()).isEqualTo(200);
    long reviewerId = API.count("SELECT id FROM app_user WHERE email = $1", "reviewer@dure.demo");
    var assigned = API.post("/api/v1/applications/" + id + "/reviewers", "ministry@dure.demo", new JsonObject().put("reviewerId", reviewerId));
    assertThat(assigned.statusCode()).as(assigned.bodyAsString()).isEqualTo(204);

    WebClientSession reviewer = app.browserSignedInAs("reviewer@dure.demo");
    String page = reviewer.get("/review/" + id).send().await().bodyAsString();
    assertThat(page).contains("괴산 심사 테스트").contains("점수(0~100)");
    java.util.List<String> codes = new java.util.ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"s-([A-Z_]+)\"").matcher(page);
    while (m.find()) {
      codes.add(m.group(1));
    }
    assertThat(codes).isNotEmpty();
    MultiMap bad = form();
    codes.forEach(c -> bad.add("s-" + c, "80").add("c-" + c, "좋음"));
    bad.set("s-" + codes.get(0), "150");
    HttpResponse<Buffer> refused = post(reviewer, "/review/" + id, "/review/" + id, bad);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.bodyAsString()).contains("id=\"s-" + codes.get(0) + "-error\"").contains("value=\"150\"");
    MultiMap good = form();
    codes.forEach(c -> good.add("s-" + c, "85").add("c-" + c, "좋음"));
    HttpResponse<Buffer> scored = post(reviewer, "/review/" + id, "/review/" + id, good);
    assertThat(scored.statusCode()).as(scored.bodyAsString()).isEqualTo(303);
    assertThat(reviewer.get(scored.getHeader("Location")).send().await().bodyAsString()).contains("평가를 저장했습니다").contains("value=\"85\"");
    assertThat(reviewer.get("/ministry/calls/" + call + "/ranking").send().await().statusCode()).isEqualTo(403);

    WebClientSession ministry = app.browserSignedInAs("ministry@dure.demo");
    assertThat(ministry.get("/calls/" + call).send().await().bodyAsString()).contains("/ministry/calls/" + call + "/ranking");
    String ranking = ministry.get("/ministry/calls/" + call + "/ranking").send().await().bodyAsString();
    assertThat(ranking).contains("괴산 심사 테스트").contains("85.00").contains("name=\"applicationIds\" value=\"" + id + "\"");
    HttpResponse<Buffer> none = post(ministry, "/ministry/calls/" + call + "/ranking", "/ministry/calls/" + call + "/selection", form());
    assertThat(none.statusCode()).isEqualTo(400);
    HttpResponse<Buffer> selected = post(ministry, "/ministry/calls/" + call + "/ranking", "/ministry/calls/" + call + "/selection",
        form().add("applicationIds", String.valueOf(id)));
    assertThat(selected.statusCode()).as(selected.bodyAsString()).isEqualTo(303);
    assertThat(ministry.get(selected.getHeader("Location")).send().await().bodyAsString()).contains("선정을 확정했습니다").contains("선정");
    assertThat(API.get("/api/v1/applications/" + id, "goesan@dure.demo").bodyAsJsonObject().getString("status")).isEqualTo("SELECTED");
  }
}
