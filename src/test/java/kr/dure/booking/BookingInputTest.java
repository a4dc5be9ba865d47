package kr.dure.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.LocalDate;
import kr.dure.support.Api;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad booking input: a clear 4xx problem, and nothing written. */
class BookingInputTest {

  private static final String FIRM = "cheese@dure.demo";
  private static final Api API = new Api();
  private static long resource;
  private static LocalDate day;

  @BeforeAll
  static void resource() {
    resource = API.createResource("coordinator.imsil@dure.demo", "P-2026-01", "EQUIPMENT", new JsonObject().put("horizonDays", 30))
        .getLong("id");
    day = API.workday(3);
  }

  private void refusedAndNothingWritten(HttpResponse<Buffer> response, int status, String text) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject().encode()).contains(text);
    assertThat(API.count("SELECT count(*) FROM booking WHERE resource_id = $1", resource)).isZero();
  }

  private HttpResponse<Buffer> post(JsonObject body) {
    return API.post("/api/v1/bookings", FIRM, body);
  }

  @Test
  void end_before_start_and_zero_length_are_400() {
    refusedAndNothingWritten(post(Api.booking(resource, Api.at(day, "10:00"), Api.at(day, "09:00"))), 400, "end must be after start");
    refusedAndNothingWritten(post(Api.booking(resource, Api.at(day, "10:00"), Api.at(day, "10:00"))), 400, "end must be after start");
  }

  @Test
  void past_beyond_horizon_and_off_step_times_are_422_with_the_rule() {
    LocalDate yesterday = LocalDate.now(Api.SEOUL).minusDays(1);
    refusedAndNothingWritten(post(Api.booking(resource, Api.at(yesterday, "10:00"), Api.at(yesterday, "11:00"))), 422, "\"rule\":\"past\"");
    LocalDate far = LocalDate.now(Api.SEOUL).plusDays(60);
    refusedAndNothingWritten(post(Api.booking(resource, Api.at(far, "10:00"), Api.at(far, "11:00"))), 422, "\"rule\":\"horizon\"");
    refusedAndNothingWritten(post(Api.booking(resource, Api.at(day, "10:10"), Api.at(day, "11:10"))), 422, "\"rule\":\"step\"");
  }

  @Test
  void unknown_resources_and_non_numeric_ids_are_404_and_400() {
    refusedAndNothingWritten(post(Api.booking(999_999, Api.at(day, "10:00"), Api.at(day, "11:00"))), 404, "does not exist");
    refusedAndNothingWritten(API.get("/api/v1/bookings/abc", FIRM), 400, "positive whole number");
    refusedAndNothingWritten(API.get("/api/v1/resources/-1", FIRM), 400, "positive whole number");
    refusedAndNothingWritten(API.post("/api/v1/bookings/1e3/cancel", FIRM, null), 400, "positive whole number");
    refusedAndNothingWritten(API.get("/api/v1/bookings/424242", FIRM), 404, "does not exist");
  }

  @Test
  void malformed_json_missing_fields_wrong_types_and_absurd_quantities_are_400() {
    HttpResponse<Buffer> malformed = API.request(io.vertx.core.http.HttpMethod.POST, "/api/v1/bookings", FIRM)
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{\"resourceId\": ")).await();
    refusedAndNothingWritten(malformed, 400, "not valid JSON");
    refusedAndNothingWritten(post(new JsonObject()), 400, "resourceId is required");
    refusedAndNothingWritten(post(new JsonObject().put("resourceId", "one").put("start", "tomorrow").put("end", 5)), 400, "date and time");
    refusedAndNothingWritten(post(Api.booking(resource, Api.at(day, "10:00"), Api.at(day, "11:00")).put("units", 1_000_000_000)), 400,
        "units must be from 1");
    refusedAndNothingWritten(post(Api.booking(resource, Api.at(day, "10:00"), Api.at(day, "11:00")).put("units", 2)), 400, "units must be 1");
    refusedAndNothingWritten(post(Api.booking(resource, Api.at(day, "10:00"), Api.at(day, "11:00")).put("units", 1.5)), 400, "whole number");
    refusedAndNothingWritten(post(Api.booking(resource, Api.at(day, "10:00"), Api.at(day.plusDays(40), "11:00"))), 400, "31 days");
    refusedAndNothingWritten(post(new JsonObject().put("resourceId", resource).put("departureId", 1).put("pallets", -3).put("kg", 10)),
        400, "pallets must be from 0");
  }

  @Test
  void a_bad_idempotency_key_or_resource_input_is_400() {
    HttpResponse<Buffer> blankKey = API.request(io.vertx.core.http.HttpMethod.POST, "/api/v1/bookings", FIRM)
        .putHeader("Idempotency-Key", "x".repeat(201)).sendJsonObject(Api.booking(resource, Api.at(day, "10:00"), Api.at(day, "11:00")))
        .await();
    refusedAndNothingWritten(blankKey, 400, "Idempotency-Key");
    HttpResponse<Buffer> badResource = API.post("/api/v1/resources", "coordinator.imsil@dure.demo", new JsonObject()
        .put("projectId", API.projectId("P-2026-01")).put("kind", "SPACESHIP").put("slotMinutes", 0)
        .put("openingHours", new io.vertx.core.json.JsonArray().add(new JsonObject().put("weekday", 9).put("opens", "25:00"))));
    assertThat(badResource.statusCode()).isEqualTo(400);
    assertThat(badResource.bodyAsJsonObject().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")))
        .contains("kind", "nameKo", "slotMinutes", "openingHours[0].weekday");
  }
}
