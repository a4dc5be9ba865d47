package kr.dure.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every role sees only the projects its organisation or membership gives it. */
class ProjectVisibilityTest {

  private final TestApp app = TestApp.get();

  @BeforeEach
  void forgetFailures() {
    app.resetThrottle();
  }

  private JsonArray projects(String email) {
    var response = app.client().get("/api/v1/projects").putHeader("Authorization", "Bearer " + app.token(email)).send().await();
    assertThat(response.statusCode()).isEqualTo(200);
    return response.bodyAsJsonArray();
  }

  private static java.util.List<String> codes(JsonArray projects) {
    return projects.stream().map(p -> ((JsonObject) p).getString("code")).toList();
  }

  @Test
  void the_ministry_sees_all_three_projects_with_their_consortium() {
    JsonArray all = projects("ministry@dure.demo");
    // other tests may select more projects; the demo's three are always there
    assertThat(codes(all)).contains("P-2026-01", "P-2026-02", "P-2026-03");
    assertThat(all.getJsonObject(0).getJsonArray("members")).hasSizeGreaterThanOrEqualTo(6);
  }

  @Test
  void a_firm_a_county_and_a_coordinator_see_only_their_own_project() {
    assertThat(codes(projects("corn@dure.demo"))).contains("P-2026-03").doesNotContain("P-2026-01", "P-2026-02");
    assertThat(codes(projects("uiseong@dure.demo"))).contains("P-2026-02").doesNotContain("P-2026-01", "P-2026-03");
    assertThat(codes(projects("coordinator.imsil@dure.demo"))).containsExactly("P-2026-01");
  }

  @Test
  void the_design_agency_sees_joint_brand_projects_and_reviewers_see_none() {
    assertThat(codes(projects("design@dure.demo"))).contains("P-2026-02", "P-2026-03").doesNotContain("P-2026-01");
    assertThat(projects("reviewer@dure.demo")).isEmpty();
  }

  @Test
  void the_api_without_a_token_is_401_problem_json() {
    var response = app.client().get("/api/v1/projects").send().await();
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
  }
}
