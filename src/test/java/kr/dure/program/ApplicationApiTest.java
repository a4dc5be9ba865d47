package kr.dure.program;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import kr.dure.support.Api;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The application workflow over HTTP: draft, live eligibility, submit, and who may see what. */
class ApplicationApiTest {

  private static final Api API = new Api();
  private static long callId;

  @BeforeAll
  static void openCall() {
    long programId = API.count("SELECT min(id) FROM program");
    LocalDate today = LocalDate.now(Api.SEOUL);
    var created = API.post("/api/v1/calls", "ministry@dure.demo", new JsonObject().put("programId", programId)
        .put("titleKo", "테스트 공고 " + System.nanoTime()).put("opensOn", today.minusDays(3).toString())
        .put("closesOn", today.plusDays(20).toString()).put("projectsToSelect", 3)
        .put("nationalCapWon", 300_000_000L).put("localMinWon", 130_000_000L).put("totalCapWon", 430_000_000L));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    callId = created.bodyAsJsonObject().getLong("id");
    assertThat(created.bodyAsJsonObject().getJsonArray("budgetCategories")).hasSize(6);
    API.post("/api/v1/support-history", "ministry@dure.demo", new JsonObject().put("sggCode", "52750").put("programYear", 2022)
        .put("projectTitle", "임실 치즈 연고산업 육성"));
    API.post("/api/v1/support-history", "ministry@dure.demo", new JsonObject().put("sggCode", "47730").put("programYear", 2023));
  }

  private static JsonObject content() {
    JsonArray members = new JsonArray()
        .add(new JsonObject().put("kind", "SME").put("name", "(주)임실숲골치즈").put("businessNumber", "418-81-00122").put("regionCode", "52750"))
        .add(new JsonObject().put("kind", "SME").put("name", "섬진강유가공").put("businessNumber", "418-81-00234").put("regionCode", "52750"))
        .add(new JsonObject().put("kind", "SME").put("name", "임실로컬푸드판매(주)").put("businessNumber", "418-86-00340").put("regionCode", "52750"))
        .add(new JsonObject().put("kind", "INNOVATION_INSTITUTION").put("name", "전북테크노파크").put("lead", true));
    JsonArray budget = new JsonArray()
        .add(new JsonObject().put("category", "EQUIPMENT_FACILITIES").put("source", "NATIONAL").put("amountWon", 200_000_000L))
        .add(new JsonObject().put("category", "PROMOTION").put("source", "NATIONAL").put("amountWon", 100_000_000L))
        .add(new JsonObject().put("category", "OPERATIONS").put("source", "LOCAL").put("amountWon", 130_000_000L));
    return new JsonObject().put("title", "임실 치즈·낙농 공동가공 두레").put("collaborationTypes", new JsonArray().add("VALUE_CHAIN").add("SHARED_INFRASTRUCTURE"))
        .put("modelDescription", "낙농가가 생산하고 가공업체가 치즈로 만들어 지역 매장이 판매합니다.")
        .put("members", members).put("budget", budget)
        .put("kpis", new JsonArray().add(new JsonObject().put("name", "공동브랜드 매출").put("unit", "백만원").put("target", 500)));
  }

  @Test
  void a_county_drafts_sees_the_live_check_submits_and_cannot_change_it_after() {
    var created = API.post("/api/v1/applications", "imsil@dure.demo", new JsonObject().put("callId", callId));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    long id = created.bodyAsJsonObject().getLong("id");
    assertThat(created.bodyAsJsonObject().getString("status")).isEqualTo("DRAFT");
    assertThat(created.bodyAsJsonObject().getJsonObject("eligibility").getBoolean("eligible")).isFalse();

    // submitting the empty draft is refused with the reasons, and changes nothing
    var early = API.post("/api/v1/applications/" + id + "/submit", "imsil@dure.demo", null);
    assertThat(early.statusCode()).isEqualTo(422);
    assertThat(early.bodyAsJsonObject().getJsonArray("violations").stream().map(v -> ((JsonObject) v).getString("rule")))
        .contains("localSmes", "localMinimum").doesNotContain("region", "supportHistory", "window");

    var saved = API.put("/api/v1/applications/" + id, "imsil@dure.demo", content());
    assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(200);
    assertThat(saved.bodyAsJsonObject().getJsonObject("eligibility").getBoolean("eligible")).isTrue();
    assertThat(saved.bodyAsJsonObject().getJsonObject("content").getLong("totalWon")).isEqualTo(430_000_000L);

    var submitted = API.post("/api/v1/applications/" + id + "/submit", "imsil@dure.demo", null);
    assertThat(submitted.statusCode()).as(submitted.bodyAsString()).isEqualTo(200);
    assertThat(submitted.bodyAsJsonObject().getString("status")).isEqualTo("SUBMITTED");
    assertThat(submitted.bodyAsJsonObject().getJsonArray("history").stream().map(h -> ((JsonObject) h).getString("status")))
        .containsExactly("DRAFT", "SUBMITTED");
    // notify: the county's users hear that it was received
    assertThat(API.count("SELECT count(*) FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.email = 'imsil@dure.demo' "
        + "AND n.kind = 'application.submitted' AND n.params->>'applicationId' = $1", Long.toString(id))).isEqualTo(1);

    var change = API.put("/api/v1/applications/" + id, "imsil@dure.demo", content().put("title", "바뀐 제목"));
    assertThat(change.statusCode()).isEqualTo(409);
    assertThat(change.bodyAsJsonObject().getString("detail")).contains("SUBMITTED");
    assertThat(API.post("/api/v1/applications/" + id + "/submit", "imsil@dure.demo", null).statusCode()).isEqualTo(409);
    assertThat(API.post("/api/v1/applications", "imsil@dure.demo", new JsonObject().put("callId", callId)).statusCode()).isEqualTo(409);

    // who may see it
    assertThat(API.get("/api/v1/applications/" + id, "uiseong@dure.demo").statusCode()).isEqualTo(404);
    assertThat(API.get("/api/v1/applications/" + id, "reviewer@dure.demo").statusCode()).isEqualTo(404);
    assertThat(API.get("/api/v1/applications/" + id, "ministry@dure.demo").statusCode()).isEqualTo(200);
    assertThat(API.get("/api/v1/calls/" + callId + "/applications", "ministry@dure.demo").bodyAsJsonArray().stream()
        .map(a -> ((JsonObject) a).getLong("id"))).contains(id);
    assertThat(API.get("/api/v1/calls/" + callId + "/applications", "imsil@dure.demo").statusCode()).isEqualTo(403);
    assertThat(API.count("SELECT count(*) FROM audit_log WHERE target_type = 'application' AND target_id = $1", Long.toString(id)))
        .isEqualTo(3);
  }

  @Test
  void a_county_without_support_history_is_refused_with_that_reason() {
    // 합천군 is a depopulation region with no 연고산업 support on record
    var services = kr.dure.support.TestApp.get().app().services();
    long org = services.organisations().insert(services.pool(), new kr.dure.auth.NewOrganisation(kr.dure.auth.OrganisationKind.LOCAL_GOV,
        "경상남도 합천군", "Hapcheon County", null, "48890", null)).await();
    String email = "hapcheon." + System.nanoTime() + "@dure.demo";
    services.auth().createUser(new kr.dure.auth.NewUser(email, "합천 담당자", kr.dure.auth.Role.LOCAL_GOV, org, "ko",
        kr.dure.support.TestApp.PASSWORD), kr.dure.auth.Actor.system("test")).await();
    long id = API.post("/api/v1/applications", email, new JsonObject().put("callId", callId)).bodyAsJsonObject().getLong("id");
    JsonObject body = content();
    body.getJsonArray("members").forEach(m -> ((JsonObject) m).put("regionCode", "48890"));
    API.put("/api/v1/applications/" + id, email, body);
    var refused = API.post("/api/v1/applications/" + id + "/submit", email, null);
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.bodyAsJsonObject().getJsonArray("violations").stream().map(v -> ((JsonObject) v).getString("rule")))
        .containsExactly("supportHistory");
    assertThat(API.get("/api/v1/applications/" + id, email).bodyAsJsonObject().getString("status")).isEqualTo("DRAFT");
    assertThat(API.post("/api/v1/applications/" + id + "/withdraw", email, null).bodyAsJsonObject().getString("status"))
        .isEqualTo("WITHDRAWN");
  }

  @Test
  void bad_input_is_400_with_field_messages_and_changes_nothing() {
    long id = API.post("/api/v1/applications", "uiseong@dure.demo", new JsonObject().put("callId", callId)).bodyAsJsonObject().getLong("id");
    JsonObject bad = new JsonObject().put("title", "x".repeat(201)).put("collaborationTypes", new JsonArray().add("TELEPORT"))
        .put("members", new JsonArray().add(new JsonObject().put("kind", "SME").put("name", "기업").put("businessNumber", "123-45-67890")))
        .put("budget", new JsonArray().add(new JsonObject().put("category", "PERSONNEL").put("source", "FOREIGN").put("amountWon", 5))
            .add(new JsonObject().put("category", "PERSONNEL").put("source", "LOCAL").put("amountWon", -5)))
        .put("kpis", new JsonArray().add(new JsonObject().put("name", "매출").put("target", "many")));
    var response = API.put("/api/v1/applications/" + id, "uiseong@dure.demo", bad);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")))
        .contains("title", "collaborationTypes", "members[0].businessNumber", "budget[0].source", "budget[1].amountWon", "kpis[0].target");
    assertThat(API.count("SELECT count(*) FROM application_member WHERE application_id = $1", id)).isZero();
    assertThat(API.post("/api/v1/applications", "uiseong@dure.demo", new JsonObject().put("callId", "abc")).statusCode()).isEqualTo(400);
    assertThat(API.post("/api/v1/applications", "cheese@dure.demo", new JsonObject().put("callId", callId)).statusCode()).isEqualTo(403);
    assertThat(API.post("/api/v1/applications", "uiseong@dure.demo", new JsonObject().put("callId", 99_999)).statusCode()).isEqualTo(404);
    assertThat(API.post("/api/v1/calls", "imsil@dure.demo", new JsonObject()).statusCode()).isEqualTo(403);
    var badCall = API.post("/api/v1/calls", "ministry@dure.demo", new JsonObject().put("programId", 1).put("titleKo", "x")
        .put("opensOn", "2027-06-01").put("closesOn", "2027-05-01").put("nationalCapWon", 300).put("localMinWon", 200).put("totalCapWon", 100));
    assertThat(badCall.statusCode()).isEqualTo(400);
    assertThat(badCall.bodyAsJsonObject().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")))
        .contains("closesOn", "totalCapWon");
  }

  @Test
  void the_call_is_public() {
    var response = kr.dure.support.TestApp.get().client().get("/api/v1/calls/" + callId).send().await();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getJsonArray("reviewCriteria")).hasSize(5);
  }
}
