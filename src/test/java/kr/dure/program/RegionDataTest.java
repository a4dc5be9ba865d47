package kr.dure.program;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import kr.dure.support.Api;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.Test;

/** The ministry keeps the eligibility data: designations versioned by date, support history, CSV imports all-or-nothing. */
class RegionDataTest {

  private final Api api = new Api();

  private HttpResponse<Buffer> csv(String path, String email, String body) {
    return api.request(io.vertx.core.http.HttpMethod.POST, path, email).putHeader("Content-Type", "text/csv")
        .sendBuffer(Buffer.buffer(body)).await();
  }

  @Test
  void the_designated_regions_are_public_and_depend_on_the_date() {
    var may = TestApp.get().client().get("/api/v1/regions?date=2026-05-29").send().await();
    assertThat(may.statusCode()).isEqualTo(200);
    assertThat(may.bodyAsJsonArray()).hasSize(107);
    assertThat(TestApp.get().client().get("/api/v1/regions?date=2026-11-01").send().await().bodyAsJsonArray()).hasSize(89);
    assertThat(TestApp.get().client().get("/api/v1/regions?date=someday").send().await().statusCode()).isEqualTo(400);
  }

  @Test
  void a_re_review_adds_a_new_designation_period_and_an_overlapping_one_is_a_conflict() {
    // 부산 중구 was a watch region until 2026-10-19; the next review designates it again from 2027
    var added = api.post("/api/v1/regions", "ministry@dure.demo", new JsonObject().put("sggCode", "26110").put("sido", "부산광역시")
        .put("sigungu", "중구").put("status", "WATCH").put("validFrom", "2027-01-01").put("legalBasis", "가상 고시 (test)"));
    assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
    var overlap = api.post("/api/v1/regions", "ministry@dure.demo", new JsonObject().put("sggCode", "26110").put("sido", "부산광역시")
        .put("sigungu", "중구").put("status", "DECLINING").put("validFrom", "2027-06-01").put("legalBasis", "x"));
    assertThat(overlap.statusCode()).isEqualTo(409);
    assertThat(overlap.bodyAsJsonObject().getString("detail")).contains("overlapping");
    assertThat(api.post("/api/v1/regions", "goesan@dure.demo", new JsonObject()).statusCode()).isEqualTo(403);
    assertThat(api.post("/api/v1/regions", "ministry@dure.demo", new JsonObject().put("sggCode", "1").put("status", "GONE"))
        .bodyAsJsonObject().getJsonArray("errors")).hasSizeGreaterThanOrEqualTo(4);
  }

  @Test
  void a_csv_import_with_one_bad_line_imports_nothing_and_names_the_line() {
    long before = api.count("SELECT count(*) FROM region_designation");
    var bad = csv("/api/v1/regions/import", "ministry@dure.demo", """
        sgg_code,sido,sigungu,status,valid_from,valid_to,legal_basis
        99001,테스트도,가군,DECLINING,2030-01-01,,테스트 고시
        99002,테스트도,나군,SHRINKING,2030-01-01,,테스트 고시
        """);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("message")).contains("line 3").contains("SHRINKING");
    assertThat(api.count("SELECT count(*) FROM region_designation")).isEqualTo(before);
    var good = csv("/api/v1/regions/import", "ministry@dure.demo", """
        \uFEFFsgg_code,sido,sigungu,status,valid_from,valid_to,legal_basis
        99001,테스트도,가군,DECLINING,2030-01-01,,테스트 고시
        99002,테스트도,나군,WATCH,2030-01-01,2034-12-31,테스트 고시
        """);
    assertThat(good.statusCode()).as(good.bodyAsString()).isEqualTo(200);
    assertThat(good.bodyAsJsonObject().getInteger("imported")).isEqualTo(2);
    assertThat(csv("/api/v1/regions/import", "ministry@dure.demo", "code,name\n1,2\n").statusCode()).isEqualTo(400);
    assertThat(csv("/api/v1/regions/import", "ministry@dure.demo", "").statusCode()).isEqualTo(400);
  }

  @Test
  void support_history_imports_from_csv_skipping_known_rows() {
    var first = csv("/api/v1/support-history/import", "ministry@dure.demo", """
        sgg_code,program_year,project_title
        48720,2020,의령 망개떡 연고산업
        48720,2021,의령 망개떡 연고산업
        """);
    assertThat(first.statusCode()).isEqualTo(200);
    var again = csv("/api/v1/support-history/import", "ministry@dure.demo", """
        sgg_code,program_year,project_title
        48720,2021,의령 망개떡 연고산업
        48730,2022,함안 수박
        """);
    assertThat(again.bodyAsJsonObject().getInteger("added")).isEqualTo(1);
    assertThat(csv("/api/v1/support-history/import", "ministry@dure.demo", "sgg_code,program_year,project_title\n48720,twenty,x\n")
        .statusCode()).isEqualTo(400);
    assertThat(csv("/api/v1/support-history/import", "goesan@dure.demo", "sgg_code,program_year,project_title\n").statusCode()).isEqualTo(403);
  }
}
