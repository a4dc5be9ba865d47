package kr.dure.program;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import kr.dure.support.Api;
import org.junit.jupiter.api.Test;

/** Joint brands and design support (①), value-chain trades (②), local services (③) and completion, over HTTP. */
class CollaborationRecordsTest {

  private static final String COORDINATOR = "coordinator.goesan@dure.demo";
  private static final String LEAD = "goesan@dure.demo";
  private final Api api = new Api();

  @Test
  void the_project_keeps_its_brand_trades_and_services_and_the_design_agency_answers() {
    long project = api.projectId("P-2026-03");
    long organic = api.organisationOf("organic@dure.demo");
    long kimchi = api.organisationOf("kimchi@dure.demo");
    long garlic = api.organisationOf("garlic@dure.demo");
    String base = "/api/v1/projects/" + project;

    var brand = api.post(base + "/brands", COORDINATOR, new JsonObject().put("name", "괴산愛").put("description", "괴산 유기농 공동브랜드")
        .put("memberOrganisationIds", new JsonArray().add(organic).add(kimchi)));
    assertThat(brand.statusCode()).as(brand.bodyAsString()).isEqualTo(201);
    long brandId = brand.bodyAsJsonObject().getLong("id");
    assertThat(api.post(base + "/brands", COORDINATOR, new JsonObject().put("name", "괴산愛")).statusCode()).isEqualTo(409);
    assertThat(api.post(base + "/brands", COORDINATOR, new JsonObject().put("name", "외부").put("memberOrganisationIds",
        new JsonArray().add(garlic))).statusCode()).isEqualTo(400);
    assertThat(api.post(base + "/brands", "organic@dure.demo", new JsonObject().put("name", "직접")).statusCode()).isEqualTo(403);
    assertThat(api.post("/api/v1/brands/" + brandId + "/products", LEAD, new JsonObject().put("organisationId", kimchi)
        .put("name", "유기농 절임배추 10kg").put("priceWon", 32000)).statusCode()).isEqualTo(201);

    var design = api.post(base + "/design-requests", COORDINATOR, new JsonObject().put("brandId", brandId).put("title", "BI 및 패키지 디자인")
        .put("description", "로고와 상자 디자인을 요청합니다."));
    assertThat(design.statusCode()).isEqualTo(201);
    long requestId = design.bodyAsJsonObject().getLong("id");
    assertThat(api.get("/api/v1/design-requests", "design@dure.demo").bodyAsJsonArray().stream()
        .map(d -> ((JsonObject) d).getLong("id"))).contains(requestId);
    assertThat(api.get("/api/v1/design-requests", "organic@dure.demo").statusCode()).isEqualTo(403);
    assertThat(api.post("/api/v1/design-requests/" + requestId + "/answer", COORDINATOR, new JsonObject().put("status", "DELIVERED"))
        .statusCode()).isEqualTo(403);
    assertThat(api.post("/api/v1/design-requests/" + requestId + "/answer", "design@dure.demo", new JsonObject().put("status", "DONE"))
        .statusCode()).isEqualTo(400);
    assertThat(api.post("/api/v1/design-requests/" + requestId + "/answer", "design@dure.demo", new JsonObject().put("status", "DELIVERED")
        .put("answer", "시안 3종 전달").put("deliverables", "BI 가이드 PDF, 패키지 도면")).statusCode()).isEqualTo(204);
    assertThat(api.count("SELECT count(*) FROM notification WHERE kind = 'design.answered' AND params->>'requestId' = $1",
        Long.toString(requestId))).isPositive();

    assertThat(api.post(base + "/trades", COORDINATOR, new JsonObject().put("sellerId", kimchi).put("buyerId", organic)
        .put("item", "절임배추").put("quantity", 200).put("unit", "kg").put("amountWon", 640_000).put("tradedOn", "2026-11-02"))
        .statusCode()).isEqualTo(201);
    assertThat(api.post(base + "/trades", COORDINATOR, new JsonObject().put("sellerId", kimchi).put("buyerId", kimchi)
        .put("item", "x").put("quantity", 1).put("amountWon", 1).put("tradedOn", "2026-11-02")).statusCode()).isEqualTo(400);
    assertThat(api.post(base + "/trades", COORDINATOR, new JsonObject().put("sellerId", kimchi).put("buyerId", garlic)
        .put("item", "x").put("quantity", 1).put("amountWon", 1).put("tradedOn", "2026-11-02")).statusCode()).isEqualTo(400);

    var service = api.post(base + "/services", LEAD, new JsonObject().put("name", "청년 귀촌 주거 지원").put("category", "HOUSING")
        .put("provider", "괴산군 귀농귀촌지원센터"));
    assertThat(service.statusCode()).isEqualTo(201);
    long serviceId = service.bodyAsJsonObject().getLong("id");
    assertThat(api.post("/api/v1/services/" + serviceId + "/usage", LEAD, new JsonObject().put("period", "2026-10").put("uses", 14)
        .put("amountWon", 4_200_000)).statusCode()).isEqualTo(204);
    assertThat(api.post("/api/v1/services/" + serviceId + "/usage", LEAD, new JsonObject().put("period", "2026-13").put("uses", 1)
        .put("amountWon", 0)).statusCode()).isEqualTo(400);

    JsonObject records = api.get(base + "/records", "kitchen@dure.demo").bodyAsJsonObject();
    assertThat(records.getJsonArray("brands").getJsonObject(0).getJsonArray("products")).hasSize(1);
    assertThat(records.getJsonArray("designRequests").getJsonObject(0).getString("status")).isEqualTo("DELIVERED");
    assertThat(records.getJsonArray("trades").getJsonObject(0).getLong("amountWon")).isEqualTo(640_000L);
    assertThat(records.getJsonArray("services").getJsonObject(0).getLong("uses")).isEqualTo(14L);
    assertThat(api.get(base + "/records", "garlic@dure.demo").statusCode()).isEqualTo(404);
    // the design agency serves every project's brands, but their trades and shared services are not its business
    assertThat(api.get("/api/v1/design-requests/" + requestId, "design@dure.demo").statusCode()).isEqualTo(200);
    for (String other : List.of("/records", "/trades", "/services")) {
      assertThat(api.get(base + other, "design@dure.demo").statusCode()).as(other).isEqualTo(404);
    }
  }

  @Test
  void the_lead_submits_the_final_report_and_the_ministry_completes_an_active_project() {
    long project = api.projectId("P-2026-01");
    String base = "/api/v1/projects/" + project;
    try {
      // nothing submitted yet: the ministry cannot complete
      var early = api.post(base + "/complete", "ministry@dure.demo", null);
      assertThat(early.statusCode()).isEqualTo(409);
      assertThat(early.bodyAsJsonObject().getString("detail")).contains("final report");
      assertThat(api.put(base + "/final-report", "coordinator.imsil@dure.demo", new JsonObject().put("summary", "보고")).statusCode())
          .isEqualTo(403);
      assertThat(api.put(base + "/final-report", "uiseong@dure.demo", new JsonObject().put("summary", "보고")).statusCode()).isEqualTo(404);
      assertThat(api.post(base + "/final-report/submit", "imsil@dure.demo", null).statusCode()).isEqualTo(400);
      assertThat(api.put(base + "/final-report", "imsil@dure.demo", new JsonObject().put("summary", "1차년도 성과 보고서")
          .put("kpiOutcomes", "매출 182백만원").put("lessons", "공동물류 효과")).statusCode()).isEqualTo(204);
      assertThat(api.post(base + "/final-report/submit", "imsil@dure.demo", null).statusCode()).isEqualTo(204);
      assertThat(api.put(base + "/final-report", "imsil@dure.demo", new JsonObject().put("summary", "고침")).statusCode()).isEqualTo(409);
      assertThat(api.post(base + "/complete", "imsil@dure.demo", null).statusCode()).isEqualTo(403);
      assertThat(api.post(base + "/complete", "ministry@dure.demo", null).statusCode()).isEqualTo(204);
      var again = api.post(base + "/complete", "ministry@dure.demo", null);
      assertThat(again.statusCode()).isEqualTo(409);
      assertThat(again.bodyAsJsonObject().getString("detail")).contains("COMPLETED");
      assertThat(api.count("SELECT count(*) FROM audit_log WHERE action = 'project.complete' AND target_id = $1", Long.toString(project)))
          .isPositive();
    } finally {
      reopen(project);
    }
  }

  @Test
  void completions_at_once_complete_the_project_once_and_the_others_are_told_it_is_completed() {
    long project = api.projectId("P-2026-01");
    String base = "/api/v1/projects/" + project;
    try {
      assertThat(api.put(base + "/final-report", "imsil@dure.demo", new JsonObject().put("summary", "동시 종료 시험")).statusCode()).isEqualTo(204);
      assertThat(api.post(base + "/final-report/submit", "imsil@dure.demo", null).statusCode()).isEqualTo(204);
      long auditBefore = api.count("SELECT coalesce(max(id), 0) FROM audit_log");
      java.util.List<io.vertx.core.Future<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>>> calls = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        calls.add(api.postAsync(base + "/complete", "ministry@dure.demo", new JsonObject()));
      }
      io.vertx.core.Future.join(calls).await();
      java.util.List<Integer> codes = calls.stream().map(f -> f.result().statusCode()).sorted().toList();
      assertThat(codes).containsExactly(204, 409, 409, 409, 409, 409);
      // only this test's rows: other tests complete this project too
      assertThat(api.count("SELECT count(*) FROM audit_log WHERE action = 'project.complete' AND target_id = $1 AND id > $2",
          Long.toString(project), auditBefore)).isEqualTo(1);
    } finally {
      reopen(project);
    }
  }

  @Test
  void the_ministry_returns_a_submitted_report_with_a_note_and_the_lead_can_change_it_again() {
    long project = api.projectId("P-2026-01");
    String base = "/api/v1/projects/" + project;
    try {
      assertThat(api.put(base + "/final-report", "imsil@dure.demo", new JsonObject().put("summary", "초안")).statusCode()).isEqualTo(204);
      assertThat(api.post(base + "/final-report/return", "ministry@dure.demo", new JsonObject().put("note", "x")).statusCode()).isEqualTo(409);
      assertThat(api.post(base + "/final-report/submit", "imsil@dure.demo", null).statusCode()).isEqualTo(204);
      assertThat(api.post(base + "/final-report/return", "imsil@dure.demo", new JsonObject().put("note", "x")).statusCode()).isEqualTo(403);
      var noNote = api.post(base + "/final-report/return", "ministry@dure.demo", new JsonObject());
      assertThat(noNote.statusCode()).isEqualTo(400);
      assertThat(noNote.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("note");
      assertThat(api.post(base + "/final-report/return", "ministry@dure.demo", new JsonObject().put("note", "성과지표 실적을 보완하세요."))
          .statusCode()).isEqualTo(204);
      JsonObject report = api.get(base + "/final-report", "cheese@dure.demo").bodyAsJsonObject();
      assertThat(report.getString("status")).isEqualTo("DRAFT");
      assertThat(report.getString("returnNote")).isEqualTo("성과지표 실적을 보완하세요.");
      assertThat(api.put(base + "/final-report", "imsil@dure.demo", new JsonObject().put("summary", "보완한 보고서")).statusCode()).isEqualTo(204);
      assertThat(api.get(base + "/final-report", "garlic@dure.demo").statusCode()).isEqualTo(404);
    } finally {
      reopen(project);
    }
  }

  /** Completion changes nothing else: reopen for the other tests that use this demo project. */
  private void reopen(long project) {
    api.pool().preparedQuery("UPDATE project SET status = 'ACTIVE', completed_at = NULL, completed_by = NULL WHERE id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(project)).await();
    api.pool().preparedQuery("DELETE FROM project_final_report WHERE project_id = $1").execute(io.vertx.sqlclient.Tuple.of(project)).await();
  }
}
