package kr.dure.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import kr.dure.support.Api;
import org.junit.jupiter.api.Test;

/** The ministry adds temporary holidays (임시공휴일); resources that close on holidays then refuse that day. */
class HolidayApiTest {

  private final Api api = new Api();

  @Test
  void the_ministry_adds_a_holiday_that_closes_resources_and_removes_it_again() {
    LocalDate day = api.workday(12);
    long r = api.createResource("coordinator.goesan@dure.demo", "P-2026-03", "EQUIPMENT", new JsonObject().put("closedOnHolidays", true))
        .getLong("id");
    var added = api.post("/api/v1/holidays", "ministry@dure.demo", new JsonObject().put("day", day.toString())
        .put("nameKo", "임시공휴일").put("nameEn", "Temporary holiday"));
    assertThat(added.statusCode()).isEqualTo(201);
    assertThat(api.get("/api/v1/holidays?year=" + day.getYear(), "kitchen@dure.demo").bodyAsJsonArray().stream()
        .map(h -> ((JsonObject) h).getString("day"))).contains(day.toString());
    var refused = api.post("/api/v1/bookings", "kitchen@dure.demo", Api.booking(r, Api.at(day, "10:00"), Api.at(day, "11:00")));
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.bodyAsJsonObject().getString("detail")).contains("closed on public holidays");
    assertThat(api.post("/api/v1/holidays", "ministry@dure.demo", new JsonObject().put("day", day.toString()).put("nameKo", "또"))
        .statusCode()).isEqualTo(409);
    assertThat(api.delete("/api/v1/holidays/" + day, "ministry@dure.demo").statusCode()).isEqualTo(204);
    assertThat(api.post("/api/v1/bookings", "kitchen@dure.demo", Api.booking(r, Api.at(day, "10:00"), Api.at(day, "11:00")))
        .statusCode()).isEqualTo(201);
    assertThat(api.count("SELECT count(*) FROM audit_log WHERE target_type = 'holiday' AND target_id = $1", day.toString())).isEqualTo(2);
  }

  @Test
  void only_the_ministry_changes_holidays_shipped_ones_stay_and_bad_dates_are_400() {
    assertThat(api.post("/api/v1/holidays", "kitchen@dure.demo", new JsonObject().put("day", "2027-05-04").put("nameKo", "x"))
        .statusCode()).isEqualTo(403);
    assertThat(api.delete("/api/v1/holidays/2026-12-25", "ministry@dure.demo").statusCode()).isEqualTo(404);
    assertThat(api.post("/api/v1/holidays", "ministry@dure.demo", new JsonObject().put("day", "2027-02-30").put("nameKo", "x"))
        .statusCode()).isEqualTo(400);
    assertThat(api.delete("/api/v1/holidays/someday", "ministry@dure.demo").statusCode()).isEqualTo(400);
    assertThat(api.get("/api/v1/holidays?year=abc", "ministry@dure.demo").statusCode()).isEqualTo(400);
  }
}
