package kr.dure.program;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import kr.dure.auth.Actor;
import kr.dure.auth.NewUser;
import kr.dure.auth.Role;
import kr.dure.support.Api;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.Test;

/** Submit → review → ranking → selection of exactly the call's number → projects, through the HTTP API. */
class ReviewSelectionTest {

  private final Api api = new Api();

  private static JsonObject content(String region, String[] numbers, long national, long local) {
    JsonArray members = new JsonArray();
    for (int i = 0; i < numbers.length; i++) {
      members.add(new JsonObject().put("kind", "SME").put("name", "기업 " + region + "-" + i).put("businessNumber", numbers[i])
          .put("regionCode", region));
    }
    members.add(new JsonObject().put("kind", "UNIVERSITY").put("name", "지역대학 " + region));
    return new JsonObject().put("title", "협업 과제 " + region).put("collaborationTypes", new JsonArray().add("SHARED_INFRASTRUCTURE"))
        .put("members", members).put("budget", new JsonArray()
            .add(new JsonObject().put("category", "MATERIALS").put("source", "NATIONAL").put("amountWon", national))
            .add(new JsonObject().put("category", "OPERATIONS").put("source", "LOCAL").put("amountWon", local)));
  }

  private long apply(String county, long callId, JsonObject content) {
    long id = api.post("/api/v1/applications", county, new JsonObject().put("callId", callId)).bodyAsJsonObject().getLong("id");
    assertThat(api.put("/api/v1/applications/" + id, county, content).statusCode()).isEqualTo(200);
    var submitted = api.post("/api/v1/applications/" + id + "/submit", county, null);
    assertThat(submitted.statusCode()).as(submitted.bodyAsString()).isEqualTo(200);
    return id;
  }

  private void score(String reviewer, long application, double base) {
    JsonArray scores = new JsonArray();
    String[] criteria = {"MODEL", "CIRCULATION", "FEASIBILITY", "BRANDING", "OUTCOMES"};
    for (String c : criteria) {
      scores.add(new JsonObject().put("criterion", c).put("score", base).put("comment", "검토 의견 " + c));
    }
    var response = api.put("/api/v1/applications/" + application + "/scores", reviewer, new JsonObject().put("scores", scores));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
  }

  @Test
  void the_whole_selection_runs_over_http_and_illegal_steps_are_refused() {
    var services = TestApp.get().app().services();
    LocalDate today = LocalDate.now(Api.SEOUL);
    long callId = api.post("/api/v1/calls", "ministry@dure.demo", new JsonObject().put("programId", api.count("SELECT min(id) FROM program"))
        .put("titleKo", "선정 테스트 공고").put("opensOn", today.minusDays(1).toString()).put("closesOn", today.plusDays(10).toString())
        .put("projectsToSelect", 2).put("nationalCapWon", 300_000_000L).put("localMinWon", 130_000_000L).put("totalCapWon", 430_000_000L))
        .bodyAsJsonObject().getLong("id");
    for (String code : new String[] {"52750", "47730", "43760"}) {
      api.post("/api/v1/support-history", "ministry@dure.demo", new JsonObject().put("sggCode", code).put("programYear", 2021));
    }
    long imsil = apply("imsil@dure.demo", callId, content("52750", new String[] {"4188100122", "4188100234", "4188600340"},
        250_000_000L, 150_000_000L));
    long uiseong = apply("uiseong@dure.demo", callId, content("47730", new String[] {"5138100562", "5138600679", "5138100785"},
        300_000_000L, 130_000_000L));
    long goesan = apply("goesan@dure.demo", callId, content("43760", new String[] {"3038100913", "3038601028", "3038101135"},
        200_000_000L, 130_000_000L));

    long reviewer = api.userId("reviewer@dure.demo");
    long imsilOrg = api.organisationOf("imsil@dure.demo");
    long insider = services.auth().createUser(new NewUser("insider.reviewer@dure.demo", "내부 심사위원", Role.REVIEWER, imsilOrg, "ko",
        TestApp.PASSWORD), Actor.system("test")).await();
    long universityOrg = api.organisationOf("reviewer@dure.demo");
    long second = services.auth().createUser(new NewUser("second.reviewer@dure.demo", "둘째 심사위원", Role.REVIEWER, universityOrg, "ko",
        TestApp.PASSWORD), Actor.system("test")).await();

    // conflict of interest, not a reviewer, not the ministry
    var conflict = api.post("/api/v1/applications/" + imsil + "/reviewers", "ministry@dure.demo", new JsonObject().put("reviewerId", insider));
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.bodyAsJsonObject().getString("detail")).contains("Conflict of interest");
    assertThat(api.post("/api/v1/applications/" + imsil + "/reviewers", "ministry@dure.demo",
        new JsonObject().put("reviewerId", api.userId("goesan@dure.demo"))).statusCode()).isEqualTo(400);
    assertThat(api.post("/api/v1/applications/" + imsil + "/reviewers", "imsil@dure.demo",
        new JsonObject().put("reviewerId", reviewer)).statusCode()).isEqualTo(403);

    for (long app : new long[] {imsil, uiseong, goesan}) {
      for (long r : new long[] {reviewer, second}) {
        assertThat(api.post("/api/v1/applications/" + app + "/reviewers", "ministry@dure.demo", new JsonObject().put("reviewerId", r))
            .statusCode()).isEqualTo(204);
      }
    }
    assertThat(api.get("/api/v1/applications/" + imsil, "imsil@dure.demo").bodyAsJsonObject().getString("status")).isEqualTo("UNDER_REVIEW");
    assertThat(api.get("/api/v1/reviews", "reviewer@dure.demo").bodyAsJsonArray().stream().map(a -> ((JsonObject) a).getLong("applicationId")))
        .contains(imsil, uiseong, goesan);

    score("reviewer@dure.demo", imsil, 92);
    score("second.reviewer@dure.demo", imsil, 88);
    score("reviewer@dure.demo", uiseong, 85);
    score("second.reviewer@dure.demo", uiseong, 81);
    score("reviewer@dure.demo", goesan, 70);
    score("second.reviewer@dure.demo", goesan, 75);
    var badScore = api.put("/api/v1/applications/" + imsil + "/scores", "reviewer@dure.demo", new JsonObject().put("scores",
        new JsonArray().add(new JsonObject().put("criterion", "LUCK").put("score", 101))));
    assertThat(badScore.statusCode()).isEqualTo(400);

    // before the ranking closes a reviewer sees only their own scores
    JsonArray own = api.get("/api/v1/applications/" + imsil + "/scores", "reviewer@dure.demo").bodyAsJsonArray();
    assertThat(own.stream().map(s -> ((JsonObject) s).getLong("reviewerId")).distinct()).containsExactly(reviewer);
    assertThat(api.get("/api/v1/applications/" + imsil + "/scores", "ministry@dure.demo").bodyAsJsonArray()).hasSize(10);
    assertThat(api.get("/api/v1/applications/" + imsil + "/scores", "garlic@dure.demo").statusCode()).isEqualTo(404);

    JsonArray ranking = api.get("/api/v1/calls/" + callId + "/ranking", "ministry@dure.demo").bodyAsJsonArray();
    assertThat(ranking.stream().map(e -> ((JsonObject) e).getLong("id"))).containsExactly(imsil, uiseong, goesan);
    assertThat(ranking.getJsonObject(0).getDouble("score")).isEqualTo(90.0);
    assertThat(api.get("/api/v1/calls/" + callId + "/ranking", "reviewer@dure.demo").statusCode()).isEqualTo(403);

    // more than the call's number is refused, and so is an application that is not under review
    assertThat(api.post("/api/v1/calls/" + callId + "/selection", "ministry@dure.demo",
        new JsonObject().put("applicationIds", new JsonArray().add(imsil).add(uiseong).add(goesan))).statusCode()).isEqualTo(400);
    var selection = api.post("/api/v1/calls/" + callId + "/selection", "ministry@dure.demo", new JsonObject()
        .put("applicationIds", new JsonArray().add(imsil).add(uiseong)));
    assertThat(selection.statusCode()).as(selection.bodyAsString()).isEqualTo(200);
    Map<Long, JsonObject> decided = new java.util.HashMap<>();
    selection.bodyAsJsonArray().forEach(o -> decided.put(((JsonObject) o).getLong("id"), (JsonObject) o));
    assertThat(decided.get(imsil).getString("status")).isEqualTo("SELECTED");
    assertThat(decided.get(uiseong).getString("status")).isEqualTo("SELECTED");
    assertThat(decided.get(goesan).getString("status")).isEqualTo("NOT_SELECTED");
    assertThat(decided.get(goesan).getString("reason")).contains("3");

    // the selected applications became projects with their consortium
    long project = decided.get(imsil).getLong("projectId");
    assertThat(api.count("SELECT count(*) FROM project_organisation WHERE project_id = $1", project)).isEqualTo(5);
    assertThat(api.count("SELECT count(*) FROM project_organisation po JOIN organisation o ON o.id = po.organisation_id "
        + "WHERE po.project_id = $1 AND o.business_number = '4188100122'", project)).isEqualTo(1);
    assertThat(api.count("SELECT count(*) FROM notification WHERE kind = 'application.notSelected' AND params->>'applicationId' = $1",
        Long.toString(goesan))).isPositive();

    // once: a second selection, new scores and a withdrawal are refused with the state named
    var again = api.post("/api/v1/calls/" + callId + "/selection", "ministry@dure.demo",
        new JsonObject().put("applicationIds", new JsonArray().add(goesan)));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(api.put("/api/v1/applications/" + goesan + "/scores", "reviewer@dure.demo", new JsonObject().put("scores",
        new JsonArray().add(new JsonObject().put("criterion", "MODEL").put("score", 99)))).statusCode()).isEqualTo(409);
    var withdraw = api.post("/api/v1/applications/" + imsil + "/withdraw", "imsil@dure.demo", null);
    assertThat(withdraw.statusCode()).isEqualTo(409);
    assertThat(withdraw.bodyAsJsonObject().getString("detail")).contains("SELECTED");
    // after the ranking closes reviewers see each other's scores
    assertThat(api.get("/api/v1/applications/" + imsil + "/scores", "reviewer@dure.demo").bodyAsJsonArray()).hasSize(10);
  }

  @Test
  void reviewers_are_assigned_to_submitted_applications_only() {
    LocalDate today = LocalDate.now(Api.SEOUL);
    long callId = api.post("/api/v1/calls", "ministry@dure.demo", new JsonObject().put("programId", api.count("SELECT min(id) FROM program"))
        .put("titleKo", "초안 공고").put("opensOn", today.toString()).put("closesOn", today.plusDays(3).toString())
        .put("nationalCapWon", 300_000_000L).put("localMinWon", 130_000_000L).put("totalCapWon", 430_000_000L))
        .bodyAsJsonObject().getLong("id");
    long draft = api.post("/api/v1/applications", "goesan@dure.demo", new JsonObject().put("callId", callId)).bodyAsJsonObject().getLong("id");
    var refused = api.post("/api/v1/applications/" + draft + "/reviewers", "ministry@dure.demo",
        new JsonObject().put("reviewerId", api.userId("reviewer@dure.demo")));
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.bodyAsJsonObject().getString("detail")).contains("DRAFT");
    assertThat(List.of(api.post("/api/v1/calls/" + callId + "/selection", "ministry@dure.demo",
        new JsonObject().put("applicationIds", new JsonArray().add(draft))).statusCode())).containsExactly(409);
  }
}
