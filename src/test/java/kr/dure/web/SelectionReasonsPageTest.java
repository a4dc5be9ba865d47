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

/** The ministry selects on the ranking page and writes a reason for each application it does not select; applicants read it. */
class SelectionReasonsPageTest {

  private static final Api API = new Api();
  private final TestApp app = TestApp.get();

  private static long submitted(long call, String email, String region, String title, int score) {
    long id = API.post("/api/v1/applications", email, new JsonObject().put("callId", call)).bodyAsJsonObject().getLong("id");
    JsonArray members = new JsonArray();
    for (String[] m : new String[][] {{"가공" + region, "418-81-00122"}, {"판매" + region, "418-81-00234"}, {"주방" + region, "418-86-00340"}}) {
      members.add(new JsonObject().put("kind", "SME").put("name", m[0]).put("businessNumber", m[1]).put("regionCode", region));
    }
    var saved = API.put("/api/v1/applications/" + id, email, new JsonObject().put("title", title).put("members", members)
        .put("budget", new JsonArray()
            .add(new JsonObject().put("category", "PROMOTION").put("source", "NATIONAL").put("amountWon", 100_000_000L))
            .add(new JsonObject().put("category", "OPERATIONS").put("source", "LOCAL").put("amountWon", 130_000_000L))));
    assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(200);
    var submit = API.post("/api/v1/applications/" + id + "/submit", email, null);
    assertThat(submit.statusCode()).as(submit.bodyAsString()).isEqualTo(200);
    assertThat(API.post("/api/v1/applications/" + id + "/reviewers", "ministry@dure.demo",
        new JsonObject().put("reviewerId", API.userId("reviewer@dure.demo"))).statusCode()).isEqualTo(204);
    JsonArray scores = new JsonArray();
    for (String c : new String[] {"MODEL", "CIRCULATION", "FEASIBILITY", "BRANDING", "OUTCOMES"}) {
      scores.add(new JsonObject().put("criterion", c).put("score", score).put("comment", ""));
    }
    var scored = API.put("/api/v1/applications/" + id + "/scores", "reviewer@dure.demo", new JsonObject().put("scores", scores));
    assertThat(scored.statusCode()).as(scored.bodyAsString()).isEqualTo(200);
    return id;
  }

  private static HttpResponse<Buffer> post(WebClientSession browser, String pagePath, String path, MultiMap form) {
    String csrf = TestApp.csrfFrom(browser.get(pagePath).send().await().bodyAsString());
    return browser.post(path).sendForm(form.add("X-CSRF-Token", csrf)).await();
  }

  @Test
  void each_not_selected_application_needs_its_reason_which_reaches_the_applicant() {
    API.post("/api/v1/support-history", "ministry@dure.demo", new JsonObject().put("sggCode", "52750").put("programYear", 2022));
    LocalDate today = LocalDate.now(Api.SEOUL);
    long call = API.post("/api/v1/calls", "ministry@dure.demo", new JsonObject().put("programId", API.count("SELECT min(id) FROM program"))
        .put("titleKo", "사유 테스트 공고 " + System.nanoTime()).put("opensOn", today.minusDays(2).toString())
        .put("closesOn", today.plusDays(10).toString()).put("projectsToSelect", 1)
        .put("nationalCapWon", 300_000_000L).put("localMinWon", 130_000_000L).put("totalCapWon", 430_000_000L))
        .bodyAsJsonObject().getLong("id");
    long first = submitted(call, "goesan@dure.demo", "43760", "괴산 사유 테스트", 90);
    long second = submitted(call, "imsil@dure.demo", "52750", "임실 사유 테스트", 70);

    WebClientSession ministry = app.browserSignedInAs("ministry@dure.demo");
    String ranking = "/ministry/calls/" + call + "/ranking";
    String page = ministry.get(ranking).send().await().bodyAsString();
    // the reasons are prefilled from the rank, one text area per application the decision will not select
    assertThat(page).contains("name=\"reason-" + second + "\"").contains("가중 평균 점수 2위로 선정 범위 밖입니다.")
        .contains("for=\"reason-" + second + "\"").contains("미선정 사유");

    MultiMap blank = MultiMap.caseInsensitiveMultiMap().add("applicationIds", String.valueOf(first))
        .add("reason-" + first, "").add("reason-" + second, "   ");
    HttpResponse<Buffer> refused = post(ministry, ranking, "/ministry/calls/" + call + "/selection", blank);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.bodyAsString()).contains("id=\"reason-" + second + "-error\"").contains("미선정 사유를 적으세요")
        .doesNotContain("id=\"reason-" + first + "-error\"");
    assertThat(API.get("/api/v1/applications/" + first, "goesan@dure.demo").bodyAsJsonObject().getString("status")).isEqualTo("UNDER_REVIEW");
    assertThat(API.count("SELECT count(*) FROM project WHERE call_id = $1", call)).isZero();

    HttpResponse<Buffer> tooLong = post(ministry, ranking, "/ministry/calls/" + call + "/selection", MultiMap.caseInsensitiveMultiMap()
        .add("applicationIds", String.valueOf(first)).add("reason-" + second, "가".repeat(1001)));
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(tooLong.bodyAsString()).contains("1,000자 이하");
    assertThat(API.get("/api/v1/applications/" + second, "imsil@dure.demo").bodyAsJsonObject().getString("status")).isEqualTo("UNDER_REVIEW");

    String reason = "지역 내 순환 구조가 구체적이지 않습니다. 판매처 연계를 보완하세요.";
    HttpResponse<Buffer> selected = post(ministry, ranking, "/ministry/calls/" + call + "/selection", MultiMap.caseInsensitiveMultiMap()
        .add("applicationIds", String.valueOf(first)).add("reason-" + first, "").add("reason-" + second, reason));
    assertThat(selected.statusCode()).as(selected.bodyAsString()).isEqualTo(303);

    JsonObject notSelected = API.get("/api/v1/applications/" + second, "imsil@dure.demo").bodyAsJsonObject();
    assertThat(notSelected.getString("status")).isEqualTo("NOT_SELECTED");
    assertThat(notSelected.getString("decisionReason")).isEqualTo(reason);
    var notification = API.pool().preparedQuery("SELECT params, link FROM notification WHERE kind = 'application.notSelected'"
        + " AND (params->>'applicationId')::bigint = $1").execute(io.vertx.sqlclient.Tuple.of(second)).await();
    assertThat(notification.size()).isPositive();
    notification.forEach(r -> {
      assertThat(r.getJsonObject("params").getString("reason")).isEqualTo(reason);
      assertThat(r.getString("link")).isEqualTo("/applications/" + second + "/done");
    });
    WebClientSession imsil = app.browserSignedInAs("imsil@dure.demo");
    assertThat(imsil.get("/applications/" + second + "/done").send().await().bodyAsString()).contains("선정 결과 사유").contains(reason);
    assertThat(imsil.get("/applications").send().await().bodyAsString()).contains(reason);
    assertThat(API.get("/api/v1/applications/" + first, "goesan@dure.demo").bodyAsJsonObject().getString("status")).isEqualTo("SELECTED");
  }
}
