package kr.dure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import java.time.LocalDate;
import kr.dure.support.Api;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.Test;

/** Withdrawing an application from "my applications" and the application page, with a confirm step; illegal states are 409. */
class WithdrawPagesTest {

  private static final Api API = new Api();
  private static final String COUNTY = "uiseong@dure.demo";
  private final TestApp app = TestApp.get();

  private static long call() {
    LocalDate today = LocalDate.now(Api.SEOUL);
    return API.post("/api/v1/calls", "ministry@dure.demo", new JsonObject().put("programId", API.count("SELECT min(id) FROM program"))
        .put("titleKo", "철회 테스트 공고 " + System.nanoTime()).put("opensOn", today.minusDays(2).toString())
        .put("closesOn", today.plusDays(10).toString()).put("projectsToSelect", 2)
        .put("nationalCapWon", 300_000_000L).put("localMinWon", 130_000_000L).put("totalCapWon", 430_000_000L))
        .bodyAsJsonObject().getLong("id");
  }

  private static long submitted(long call) {
    long id = API.post("/api/v1/applications", COUNTY, new JsonObject().put("callId", call)).bodyAsJsonObject().getLong("id");
    API.post("/api/v1/support-history", "ministry@dure.demo", new JsonObject().put("sggCode", "47730").put("programYear", 2023));
    JsonArray members = new JsonArray();
    for (String[] m : new String[][] {{"의성마늘가공", "418-81-00122"}, {"의성로컬푸드", "418-81-00234"}, {"의성공유주방(주)", "418-86-00340"}}) {
      members.add(new JsonObject().put("kind", "SME").put("name", m[0]).put("businessNumber", m[1]).put("regionCode", "47730"));
    }
    var saved = API.put("/api/v1/applications/" + id, COUNTY, new JsonObject().put("title", "의성 철회 테스트").put("members", members)
        .put("budget", new JsonArray()
            .add(new JsonObject().put("category", "PROMOTION").put("source", "NATIONAL").put("amountWon", 100_000_000L))
            .add(new JsonObject().put("category", "OPERATIONS").put("source", "LOCAL").put("amountWon", 130_000_000L))));
    assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(200);
    var submit = API.post("/api/v1/applications/" + id + "/submit", COUNTY, null);
    assertThat(submit.statusCode()).as(submit.bodyAsString()).isEqualTo(200);
    return id;
  }

  private static HttpResponse<Buffer> post(WebClientSession browser, String pagePath, String path) {
    String csrf = TestApp.csrfFrom(browser.get(pagePath).send().await().bodyAsString());
    return browser.post(path).sendForm(MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", csrf)).await();
  }

  @Test
  void a_submitted_application_is_withdrawn_after_a_confirm_step_and_cannot_be_withdrawn_twice() {
    long id = submitted(call());
    WebClientSession browser = app.browserSignedInAs(COUNTY);
    String mine = browser.get("/applications").send().await().bodyAsString();
    assertThat(mine).contains("href=\"/applications/" + id + "/withdraw\"");
    assertThat(browser.get("/applications/" + id + "/done").send().await().bodyAsString())
        .contains("href=\"/applications/" + id + "/withdraw\"");

    String confirm = browser.get("/applications/" + id + "/withdraw").send().await().bodyAsString();
    assertThat(confirm).contains("철회하면 되돌릴 수 없습니다").contains("의성 철회 테스트").contains("철회 확정")
        .contains("href=\"/applications/" + id + "/done\"").contains("action=\"/applications/" + id + "/withdraw\"");
    // looking at the confirm page changes nothing
    assertThat(API.get("/api/v1/applications/" + id, COUNTY).bodyAsJsonObject().getString("status")).isEqualTo("SUBMITTED");

    HttpResponse<Buffer> done = post(browser, "/applications/" + id + "/withdraw", "/applications/" + id + "/withdraw");
    assertThat(done.statusCode()).isEqualTo(303);
    assertThat(done.getHeader("Location")).startsWith("/applications?withdrawn=" + id);
    assertThat(browser.get(done.getHeader("Location")).send().await().bodyAsString()).contains("신청서를 철회했습니다").contains("철회");
    assertThat(API.get("/api/v1/applications/" + id, COUNTY).bodyAsJsonObject().getString("status")).isEqualTo("WITHDRAWN");

    HttpResponse<Buffer> again = post(browser, "/applications", "/applications/" + id + "/withdraw");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.bodyAsString()).contains("‘철회’ 상태라서 철회할 수 없습니다");
    assertThat(browser.get("/applications/" + id + "/withdraw").send().await().statusCode()).isEqualTo(409);
    assertThat(API.post("/api/v1/applications/" + id + "/withdraw", COUNTY, null).statusCode()).isEqualTo(409);
  }

  @Test
  void an_application_under_review_is_not_withdrawn_and_another_county_cannot_withdraw() {
    long id = submitted(call());
    long reviewerId = API.userId("reviewer@dure.demo");
    assertThat(API.post("/api/v1/applications/" + id + "/reviewers", "ministry@dure.demo", new JsonObject().put("reviewerId", reviewerId))
        .statusCode()).isEqualTo(204);
    WebClientSession browser = app.browserSignedInAs(COUNTY);
    assertThat(browser.get("/applications").send().await().bodyAsString()).doesNotContain("/applications/" + id + "/withdraw");
    HttpResponse<Buffer> refused = post(browser, "/applications", "/applications/" + id + "/withdraw");
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.bodyAsString()).contains("‘심사 중’ 상태라서 철회할 수 없습니다");
    assertThat(API.get("/api/v1/applications/" + id, COUNTY).bodyAsJsonObject().getString("status")).isEqualTo("UNDER_REVIEW");

    WebClientSession other = app.browserSignedInAs("imsil@dure.demo");
    assertThat(post(other, "/applications", "/applications/" + id + "/withdraw").statusCode()).isEqualTo(404);
  }

  @Test
  void a_draft_is_withdrawn_and_the_county_may_start_again() {
    long call = call();
    long id = API.post("/api/v1/applications", COUNTY, new JsonObject().put("callId", call)).bodyAsJsonObject().getLong("id");
    WebClientSession browser = app.browserSignedInAs(COUNTY);
    assertThat(browser.get("/applications/" + id + "/withdraw").send().await().bodyAsString()).contains("이어서 작성할 수 없습니다");
    assertThat(post(browser, "/applications/" + id + "/withdraw", "/applications/" + id + "/withdraw").statusCode()).isEqualTo(303);
    assertThat(API.post("/api/v1/applications", COUNTY, new JsonObject().put("callId", call)).statusCode()).isEqualTo(201);
  }
}
