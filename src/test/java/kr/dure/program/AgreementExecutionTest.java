package kr.dure.program;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import kr.dure.support.Api;
import org.junit.jupiter.api.Test;

/** Agreement → signing → budget execution that never overspends → change requests → KPI reports, over HTTP. */
class AgreementExecutionTest {

  private static final String LEAD = "uiseong@dure.demo";
  private static final String MINISTRY = "ministry@dure.demo";
  private final Api api = new Api();

  private static JsonObject budget(long materials, long promotion, long local) {
    return new JsonObject().put("budget", new JsonArray()
        .add(new JsonObject().put("category", "MATERIALS").put("source", "NATIONAL").put("amountWon", materials))
        .add(new JsonObject().put("category", "PROMOTION").put("source", "NATIONAL").put("amountWon", promotion))
        .add(new JsonObject().put("category", "OPERATIONS").put("source", "LOCAL").put("amountWon", local)));
  }

  private JsonObject spend(long amount, String category) {
    return new JsonObject().put("spentOn", "2026-08-01").put("category", category).put("source", "NATIONAL")
        .put("amountWon", amount).put("payee", "의성흑마늘(주)").put("description", "원료 구매");
  }

  @Test
  void an_agreement_is_signed_by_both_sides_and_execution_never_overspends_a_category() {
    // a freshly selected project of 의성 (the demo's own projects have signed agreements already)
    var services = kr.dure.support.TestApp.get().app().services();
    long uiseongOrg = api.organisationOf(LEAD);
    long project = services.projectRepository().insert(services.pool(), new kr.dure.project.NewProject(
        api.count("SELECT min(id) FROM grant_call"), "T-" + System.nanoTime(), "의성 협약 테스트", "Agreement test", uiseongOrg, "47730",
        java.util.List.of(kr.dure.project.CollaborationType.JOINT_BRAND), "SELECTED", 300_000_000L, 130_000_000L)).await();
    services.projectRepository().addOrganisation(services.pool(), project, uiseongOrg, "LEAD").await();
    services.projectRepository().addOrganisation(services.pool(), project, api.organisationOf("garlic@dure.demo"), "MEMBER").await();
    String path = "/api/v1/projects/" + project + "/agreement";
    JsonObject over = budget(250_000_000L, 60_000_000L, 130_000_000L).put("periodStart", "2026-07-01").put("periodEnd", "2027-06-30");
    var refused = api.put(path, MINISTRY, over);
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.bodyAsJsonObject().getString("detail")).contains("310,000,000");
    JsonObject terms = budget(100_000_000L, 200_000_000L, 130_000_000L).put("periodStart", "2026-07-01").put("periodEnd", "2027-06-30")
        .put("kpis", new JsonArray().add(new JsonObject().put("name", "공동브랜드 매출").put("unit", "백만원").put("target", 800)));
    assertThat(api.put(path, LEAD, terms).statusCode()).isEqualTo(403);
    var drafted = api.put(path, MINISTRY, terms);
    assertThat(drafted.statusCode()).as(drafted.bodyAsString()).isEqualTo(200);
    assertThat(drafted.bodyAsJsonObject().getString("status")).isEqualTo("DRAFT");

    // nothing is spent before signing, and only the two sides confirm
    var early = api.post("/api/v1/projects/" + project + "/spending", LEAD, spend(1_000_000L, "MATERIALS"));
    assertThat(early.statusCode()).isEqualTo(409);
    assertThat(early.bodyAsJsonObject().getString("detail")).contains("DRAFT");
    assertThat(api.post(path + "/confirm", "garlic@dure.demo", null).statusCode()).isEqualTo(403);
    assertThat(api.post(path + "/confirm", MINISTRY, null).bodyAsJsonObject().getString("status")).isEqualTo("DRAFT");
    JsonObject signed = api.post(path + "/confirm", LEAD, null).bodyAsJsonObject();
    assertThat(signed.getString("status")).isEqualTo("SIGNED");
    assertThat(api.count("SELECT count(*) FROM project WHERE id = $1 AND status = 'ACTIVE'", project)).isEqualTo(1);
    // notify: the lead heard of the ministry's confirmation and of the signing; the ministry of the lead's, which signed it
    assertThat(api.count("SELECT count(*) FROM notification WHERE user_id = $1 AND kind = 'agreement.confirmed' AND params->>'projectId' = $2",
        api.userId(LEAD), Long.toString(project))).isEqualTo(2);
    assertThat(api.count("SELECT count(*) FROM notification WHERE user_id = $1 AND kind = 'agreement.confirmed' AND params->>'projectId' = $2 "
        + "AND params->>'state' = 'SIGNED'", api.userId(MINISTRY), Long.toString(project))).isEqualTo(1);
    assertThat(api.put(path, MINISTRY, terms).statusCode()).isEqualTo(409);

    // ten records of 30,000,000 race for a 100,000,000 line: exactly three fit
    List<Future<HttpResponse<Buffer>>> racing = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      racing.add(api.postAsync("/api/v1/projects/" + project + "/spending", LEAD, spend(30_000_000L, "MATERIALS")));
    }
    Future.join(new ArrayList<>(racing)).await();
    assertThat(racing.stream().filter(f -> f.result().statusCode() == 201)).hasSize(3);
    assertThat(racing.stream().filter(f -> f.result().statusCode() == 422)).hasSize(7);
    var over10 = api.post("/api/v1/projects/" + project + "/spending", LEAD, spend(10_000_001L, "MATERIALS"));
    assertThat(over10.statusCode()).isEqualTo(422);
    assertThat(over10.bodyAsJsonObject().getString("detail")).contains("10,000,000 won of 100,000,000 won is left");
    assertThat(api.post("/api/v1/projects/" + project + "/spending", LEAD, spend(10_000_000L, "MATERIALS")).statusCode()).isEqualTo(201);
    assertThat(api.post("/api/v1/projects/" + project + "/spending", LEAD, spend(5, "TRAVEL")).statusCode()).isEqualTo(422);
    assertThat(api.post("/api/v1/projects/" + project + "/spending", "imsil@dure.demo", spend(5, "MATERIALS")).statusCode()).isEqualTo(403);
    assertThat(api.post("/api/v1/projects/" + project + "/spending", LEAD, new JsonObject().put("amountWon", -5)).statusCode()).isEqualTo(400);
    JsonObject view = api.get(path, "garlic@dure.demo").bodyAsJsonObject();
    JsonObject materials = view.getJsonArray("budget").stream().map(o -> (JsonObject) o)
        .filter(b -> b.getString("category").equals("MATERIALS")).findFirst().orElseThrow();
    assertThat(materials.getLong("spentWon")).isEqualTo(100_000_000L);
    assertThat(materials.getDouble("executionRate")).isEqualTo(100.0);

    // a change may not cut a category below what is spent; an approved one applies, a rejected one stays as history
    var belowSpent = api.post(path + "/changes", LEAD, budget(90_000_000L, 210_000_000L, 130_000_000L).put("reason", "홍보 확대"));
    assertThat(belowSpent.statusCode()).isEqualTo(422);
    var change = api.post(path + "/changes", LEAD, budget(120_000_000L, 180_000_000L, 130_000_000L).put("reason", "원료 단가 상승"));
    assertThat(change.statusCode()).as(change.bodyAsString()).isEqualTo(201);
    long changeId = change.bodyAsJsonObject().getLong("id");
    assertThat(api.post("/api/v1/agreement-changes/" + changeId + "/approve", LEAD, null).statusCode()).isEqualTo(403);
    var approved = api.post("/api/v1/agreement-changes/" + changeId + "/approve", MINISTRY, new JsonObject().put("note", "승인"));
    assertThat(approved.statusCode()).isEqualTo(200);
    assertThat(api.post("/api/v1/agreement-changes/" + changeId + "/approve", MINISTRY, null).statusCode()).isEqualTo(409);
    assertThat(api.post("/api/v1/projects/" + project + "/spending", LEAD, spend(20_000_000L, "MATERIALS")).statusCode()).isEqualTo(201);
    long second = api.post(path + "/changes", LEAD, budget(120_000_000L, 170_000_000L, 140_000_000L).put("reason", "지방비 증액"))
        .bodyAsJsonObject().getLong("id");
    assertThat(api.post("/api/v1/agreement-changes/" + second + "/reject", MINISTRY, new JsonObject()).statusCode()).isEqualTo(400);
    assertThat(api.post("/api/v1/agreement-changes/" + second + "/reject", MINISTRY, new JsonObject().put("note", "근거 부족"))
        .statusCode()).isEqualTo(200);
    assertThat(api.get(path + "/changes", LEAD).bodyAsJsonArray().stream().map(c -> ((JsonObject) c).getString("status")))
        .containsExactly("REJECTED", "APPROVED");

    // KPI reports: one per period, the latest wins
    long kpi = view.getJsonArray("kpis").getJsonObject(0).getLong("id");
    assertThat(api.post("/api/v1/kpis/" + kpi + "/reports", LEAD, new JsonObject().put("period", "2026-Q3").put("actual", 120)).statusCode())
        .isEqualTo(200);
    JsonObject reported = api.post("/api/v1/kpis/" + kpi + "/reports", LEAD, new JsonObject().put("period", "2026-Q3").put("actual", 150))
        .bodyAsJsonObject();
    JsonArray reports = reported.getJsonArray("kpis").getJsonObject(0).getJsonArray("reports");
    assertThat(reports).hasSize(1);
    assertThat(reports.getJsonObject(0).getDouble("actual")).isEqualTo(150.0);
    assertThat(api.post("/api/v1/kpis/" + kpi + "/reports", LEAD, new JsonObject().put("period", "Q3").put("actual", "many")).statusCode())
        .isEqualTo(400);
    assertThat(api.count("SELECT count(*) FROM audit_log WHERE target_type = 'project' AND target_id = $1", Long.toString(project)))
        .isGreaterThanOrEqualTo(12);
  }

  @Test
  void a_plan_change_is_recorded_with_what_it_changes_and_applied_only_when_approved() {
    var services = kr.dure.support.TestApp.get().app().services();
    long uiseongOrg = api.organisationOf(LEAD);
    long project = services.projectRepository().insert(services.pool(), new kr.dure.project.NewProject(
        api.count("SELECT min(id) FROM grant_call"), "T-" + System.nanoTime(), "의성 계획 변경 테스트", "Plan change test", uiseongOrg, "47730",
        java.util.List.of(kr.dure.project.CollaborationType.JOINT_BRAND), "SELECTED", 300_000_000L, 130_000_000L)).await();
    services.projectRepository().addOrganisation(services.pool(), project, uiseongOrg, "LEAD").await();
    String path = "/api/v1/projects/" + project + "/agreement";
    JsonObject terms = budget(100_000_000L, 200_000_000L, 130_000_000L).put("periodStart", "2026-07-01").put("periodEnd", "2027-06-30")
        .put("kpis", new JsonArray().add(new JsonObject().put("name", "신규 고용").put("unit", "명").put("target", 10)));
    // the lead may edit the ministry's draft (both confirmations start over), but not start one
    assertThat(api.put(path, LEAD, terms).statusCode()).isEqualTo(403);
    assertThat(api.put(path, MINISTRY, terms).statusCode()).isEqualTo(200);
    assertThat(api.post(path + "/confirm", MINISTRY, null).statusCode()).isEqualTo(200);
    assertThat(api.post(path + "/confirm", MINISTRY, null).statusCode()).as("a side confirms once").isEqualTo(409);
    var edited = api.put(path, LEAD, terms.copy().put("periodEnd", "2027-05-31"));
    assertThat(edited.statusCode()).as(edited.bodyAsString()).isEqualTo(200);
    assertThat(edited.bodyAsJsonObject().getBoolean("ministryConfirmed")).isFalse();
    assertThat(api.put(path, "imsil@dure.demo", terms).statusCode()).isEqualTo(403);
    api.post(path + "/confirm", MINISTRY, null);
    JsonObject signed = api.post(path + "/confirm", LEAD, null).bodyAsJsonObject();
    assertThat(signed.getString("status")).isEqualTo("SIGNED");
    assertThat(signed.getString("leadConfirmedBy")).isEqualTo("오세훈");
    assertThat(signed.getString("ministryConfirmedAt")).isNotNull();
    long kpi = signed.getJsonArray("kpis").getJsonObject(0).getLong("id");

    JsonObject plan = new JsonObject().put("kind", "PLAN").put("plan", "거점을 옮깁니다.").put("reason", "부지 임대 무산")
        .put("periodEnd", "2027-08-31").put("kpiTargets", new JsonArray().add(new JsonObject().put("kpiId", kpi).put("target", 14)));
    assertThat(api.post(path + "/changes", LEAD, plan.copy().put("kind", "OTHER")).statusCode()).isEqualTo(400);
    assertThat(api.post(path + "/changes", LEAD, plan.copy().put("periodEnd", "2026-06-01")).statusCode()).isEqualTo(400);
    assertThat(api.post(path + "/changes", LEAD, plan.copy().put("kpiTargets", new JsonArray().add(new JsonObject().put("kpiId", 999999999)
        .put("target", 3)))).statusCode()).isEqualTo(400);
    assertThat(api.post(path + "/changes", LEAD, plan.copy().put("plan", "")).statusCode())
        .isEqualTo(400);
    assertThat(api.count("SELECT count(*) FROM agreement_change WHERE project_id = $1", project)).isZero();
    var requested = api.post(path + "/changes", LEAD, plan);
    assertThat(requested.statusCode()).as(requested.bodyAsString()).isEqualTo(201);
    assertThat(requested.bodyAsJsonObject().getString("kind")).isEqualTo("PLAN");
    long id = requested.bodyAsJsonObject().getLong("id");
    JsonObject recorded = api.get(path + "/changes", LEAD).bodyAsJsonArray().getJsonObject(0);
    assertThat(recorded.getJsonObject("proposal").getJsonObject("before").getString("periodEnd")).isEqualTo("2027-05-31");
    assertThat(recorded.getJsonObject("proposal").getJsonArray("kpiTargets").getJsonObject(0).getDouble("before")).isEqualTo(10.0);
    assertThat(api.get(path, LEAD).bodyAsJsonObject().getString("periodEnd")).as("nothing applies before approval").isEqualTo("2027-05-31");

    JsonObject approved = api.post("/api/v1/agreement-changes/" + id + "/approve", MINISTRY, new JsonObject().put("note", "승인")).bodyAsJsonObject();
    assertThat(approved.getString("periodEnd")).isEqualTo("2027-08-31");
    assertThat(approved.getJsonArray("kpis").getJsonObject(0).getDouble("target")).isEqualTo(14.0);
    JsonObject decided = api.get(path + "/changes", LEAD).bodyAsJsonArray().getJsonObject(0);
    assertThat(decided.getString("status")).isEqualTo("APPROVED");
    assertThat(decided.getString("decidedBy")).isEqualTo("김지원");

    // spending is recorded within the agreement period only; KPI reports too
    assertThat(api.post("/api/v1/projects/" + project + "/spending", LEAD, spend(1_000, "MATERIALS").put("spentOn", "2027-09-01"))
        .statusCode()).isEqualTo(400);
    assertThat(api.post("/api/v1/kpis/" + kpi + "/reports", LEAD, new JsonObject().put("period", "2028-Y").put("actual", 1)).statusCode())
        .isEqualTo(400);
  }
}
