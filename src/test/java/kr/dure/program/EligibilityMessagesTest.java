package kr.dure.program;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import java.time.LocalDate;
import kr.dure.support.Api;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.Test;

/** Eligibility reasons in the reader's language, and the wizard's check as one types (nothing saved). */
class EligibilityMessagesTest {

  private static final Api API = new Api();
  private static final String COUNTY = "goesan@dure.demo";
  private final TestApp app = TestApp.get();

  private static long draft() {
    LocalDate today = LocalDate.now(Api.SEOUL);
    long call = API.post("/api/v1/calls", "ministry@dure.demo", new JsonObject().put("programId", API.count("SELECT min(id) FROM program"))
        .put("titleKo", "자격 메시지 공고 " + System.nanoTime()).put("opensOn", today.minusDays(2).toString())
        .put("closesOn", today.plusDays(10).toString()).put("projectsToSelect", 2)
        .put("nationalCapWon", 300_000_000L).put("localMinWon", 130_000_000L).put("totalCapWon", 430_000_000L))
        .bodyAsJsonObject().getLong("id");
    return API.post("/api/v1/applications", COUNTY, new JsonObject().put("callId", call)).bodyAsJsonObject().getLong("id");
  }

  private static JsonObject rule(JsonObject eligibility, String code) {
    return eligibility.getJsonArray("rules").stream().map(o -> (JsonObject) o).filter(r -> code.equals(r.getString("code")))
        .findFirst().orElseThrow();
  }

  private static JsonObject overBudget() {
    JsonArray members = new JsonArray()
        .add(new JsonObject().put("kind", "SME").put("name", "괴산유기농가공").put("businessNumber", "418-81-00122").put("regionCode", "43760"))
        .add(new JsonObject().put("kind", "SME").put("name", "청주가공").put("businessNumber", "418-81-00234").put("regionCode", "43111"));
    return new JsonObject().put("members", members).put("budget", new JsonArray()
        .add(new JsonObject().put("category", "PROMOTION").put("source", "NATIONAL").put("amountWon", 350_000_000L))
        .add(new JsonObject().put("category", "OPERATIONS").put("source", "LOCAL").put("amountWon", 100_000_000L)));
  }

  @Test
  void the_api_checks_a_draft_without_saving_in_korean_by_default_and_in_english_when_asked() {
    long id = draft();
    HttpResponse<Buffer> ko = API.request(HttpMethod.POST, "/api/v1/applications/" + id + "/eligibility", COUNTY)
        .sendJsonObject(overBudget()).await();
    assertThat(ko.statusCode()).as(ko.bodyAsString()).isEqualTo(200);
    JsonObject e = ko.bodyAsJsonObject();
    assertThat(e.getBoolean("eligible")).isFalse();
    assertThat(rule(e, "nationalCap").getBoolean("passed")).isFalse();
    assertThat(rule(e, "nationalCap").getString("message")).isEqualTo("국비 350,000,000원이(가) 한도 300,000,000원을(를) 넘습니다.");
    assertThat(rule(e, "localMinimum").getString("message")).isEqualTo("지방비 100,000,000원이(가) 최소 130,000,000원보다 적습니다.");
    assertThat(rule(e, "localSmes").getString("message"))
        .isEqualTo("충청북도 괴산군에 있는 중소기업이 1개입니다(다른 지역 1개는 세지 않습니다). 최소 3개가 필요합니다.");
    assertThat(rule(e, "region").getBoolean("passed")).isTrue();
    assertThat(rule(e, "region").getString("message")).startsWith("충청북도 괴산군은(는) 공고일(").endsWith("인구감소지역입니다.");
    assertThat(rule(e, "supportHistory").getString("message")).matches("시군구연고산업육성사업 지원 이력이 있습니다\\([0-9, ]+년\\)\\.");
    assertThat(rule(e, "nationalCap").getString("label")).isEqualTo("국비 한도");

    HttpResponse<Buffer> en = API.request(HttpMethod.POST, "/api/v1/applications/" + id + "/eligibility", COUNTY)
        .putHeader("Accept-Language", "en-GB,en;q=0.9,ko;q=0.5").sendJsonObject(overBudget()).await();
    JsonObject english = en.bodyAsJsonObject();
    assertThat(rule(english, "nationalCap").getString("code")).isEqualTo("nationalCap");
    assertThat(rule(english, "nationalCap").getString("message")).isEqualTo("National funds KRW 350,000,000 exceed the cap of KRW 300,000,000.");
    assertThat(rule(english, "localSmes").getString("message"))
        .isEqualTo("1 SME(s) located in 충청북도 괴산군 (1 from elsewhere do not count); at least 3 needed.");
    assertThat(rule(english, "region").getString("message")).contains("is a depopulation region on the call date");

    // nothing was saved by the check
    JsonObject saved = API.get("/api/v1/applications/" + id, COUNTY).bodyAsJsonObject();
    assertThat(saved.getJsonObject("content").getJsonArray("members")).isEmpty();
    assertThat(rule(saved.getJsonObject("eligibility"), "localSmes").getString("message")).contains("최소 3개가 필요합니다");
    JsonObject savedEn = API.request(HttpMethod.GET, "/api/v1/applications/" + id, COUNTY).putHeader("Accept-Language", "en")
        .send().await().bodyAsJsonObject();
    assertThat(rule(savedEn.getJsonObject("eligibility"), "localSmes").getString("message")).contains("at least 3 needed");

    // only the applicant checks its draft; bad input is 400 with the field
    assertThat(API.post("/api/v1/applications/" + id + "/eligibility", "imsil@dure.demo", overBudget()).statusCode()).isEqualTo(404);
    HttpResponse<Buffer> bad = API.post("/api/v1/applications/" + id + "/eligibility", COUNTY,
        new JsonObject().put("budget", new JsonArray().add(new JsonObject().put("category", "PROMOTION").put("source", "X").put("amountWon", 1))));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsString()).contains("budget[0].source");
  }

  @Test
  void the_wizard_checks_as_one_types_without_saving_and_answers_in_the_page_language() {
    long id = draft();
    WebClientSession browser = app.browserSignedInAs(COUNTY);
    String step3 = browser.get("/applications/" + id + "/step/3").send().await().bodyAsString();
    assertThat(step3).contains("data-eligibility-check=\"/applications/" + id + "/eligibility\"").contains("aria-live=\"polite\"")
        .contains("/static/js/eligibility-live.js").contains("자격 확인(입력하는 대로)").contains("국비 0원, 한도 300,000,000원 이내입니다.");
    String csrf = TestApp.csrfFrom(step3);
    HttpResponse<Buffer> live = browser.post("/applications/" + id + "/eligibility").sendForm(MultiMap.caseInsensitiveMultiMap()
        .add("X-CSRF-Token", csrf).add("step", "3").add("b-PROMOTION-NATIONAL", "350,000,000").add("b-OPERATIONS-LOCAL", "")).await();
    assertThat(live.statusCode()).as(live.bodyAsString()).isEqualTo(200);
    JsonObject answer = live.bodyAsJsonObject();
    assertThat(rule(answer, "nationalCap").getString("message")).isEqualTo("국비 350,000,000원이(가) 한도 300,000,000원을(를) 넘습니다.");
    assertThat(answer.getString("summary")).contains("충족하지 못한 자격이 있습니다");
    assertThat(answer.getString("csrf")).isNotBlank().isNotEqualTo(csrf);
    assertThat(API.get("/api/v1/applications/" + id, COUNTY).bodyAsJsonObject().getJsonObject("content").getJsonArray("budget")).isEmpty();

    // a half-typed member row is reported as incomplete, and the saved content is checked instead
    HttpResponse<Buffer> partial = browser.post("/applications/" + id + "/eligibility").sendForm(MultiMap.caseInsensitiveMultiMap()
        .add("X-CSRF-Token", answer.getString("csrf")).add("step", "2").add("m0-kind", "SME").add("m0-name", "괴산")
        .add("m0-businessNumber", "123").add("m0-regionCode", "43760")).await();
    assertThat(partial.statusCode()).isEqualTo(200);
    assertThat(partial.bodyAsJsonObject().getBoolean("incomplete")).isTrue();
    assertThat(partial.bodyAsJsonObject().getString("note")).contains("마지막으로 저장한 내용");

    // English pages get English reasons
    WebClientSession english = app.browserSignedInAs(COUNTY);
    english.get("/lang/en").send().await();
    String en3 = english.get("/applications/" + id + "/step/3").send().await().bodyAsString();
    assertThat(en3).contains("National funds KRW 0, within the cap of KRW 300,000,000.");
    HttpResponse<Buffer> enLive = english.post("/applications/" + id + "/eligibility").sendForm(MultiMap.caseInsensitiveMultiMap()
        .add("X-CSRF-Token", TestApp.csrfFrom(en3)).add("step", "3").add("b-OPERATIONS-LOCAL", "100000000")).await();
    assertThat(rule(enLive.bodyAsJsonObject(), "localMinimum").getString("message"))
        .isEqualTo("Local funds KRW 100,000,000 are below the minimum of KRW 130,000,000.");
    // without the token the check is refused like any form
    assertThat(browser.post("/applications/" + id + "/eligibility").sendForm(MultiMap.caseInsensitiveMultiMap().add("step", "3"))
        .await().statusCode()).isEqualTo(403);
  }
}
