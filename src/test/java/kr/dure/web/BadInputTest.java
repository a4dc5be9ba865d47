package kr.dure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BadInputTest {

  private final TestApp app = TestApp.get();

  @BeforeEach
  void forgetFailures() {
    app.resetThrottle();
  }

  private HttpResponse<Buffer> postToken(Buffer body) {
    return app.client().post("/api/v1/auth/token").putHeader("Content-Type", "application/json").sendBuffer(body).await();
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("detail")).isNotBlank();
  }

  @Test
  void malformed_json_is_400_problem_json() {
    HttpResponse<Buffer> response = postToken(Buffer.buffer("{\"email\": \"a@b.kr\", "));
    assertProblem(response, 400);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("not valid JSON");
    assertProblem(postToken(Buffer.buffer("[1, 2]")), 400);
    assertProblem(postToken(Buffer.buffer("\"text\"")), 400);
  }

  @Test
  void missing_fields_are_400_with_one_error_per_field() {
    HttpResponse<Buffer> response = postToken(Buffer.buffer("{}"));
    assertProblem(response, 400);
    JsonArray errors = response.bodyAsJsonObject().getJsonArray("errors");
    assertThat(errors).hasSize(2);
    assertThat(errors.stream().map(e -> ((JsonObject) e).getString("field"))).containsExactlyInAnyOrder("email", "password");
    assertProblem(postToken(Buffer.buffer("")), 400);
  }

  @Test
  void wrongly_typed_or_shaped_fields_are_400_saying_how_to_fix_them() {
    HttpResponse<Buffer> response = postToken(new JsonObject().put("email", 42).put("password", true).toBuffer());
    assertProblem(response, 400);
    assertThat(response.bodyAsJsonObject().getJsonArray("errors")).hasSize(2);
    HttpResponse<Buffer> notEmail = postToken(new JsonObject().put("email", "not-an-email").put("password", "x").toBuffer());
    assertProblem(notEmail, 400);
    assertThat(notEmail.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("message")).contains("name@example.kr");
  }

  @Test
  void an_oversize_body_is_413_problem_json() {
    String big = "x".repeat((int) Routes.BODY_LIMIT + 10);
    HttpResponse<Buffer> response = postToken(new JsonObject().put("email", "a@b.kr").put("password", big).toBuffer());
    assertProblem(response, 413);
  }

  @Test
  void a_wrong_method_is_405_not_500() {
    HttpResponse<Buffer> response = app.client().delete("/api/v1/auth/token").send().await();
    assertThat(response.statusCode()).isEqualTo(405);
  }
}
