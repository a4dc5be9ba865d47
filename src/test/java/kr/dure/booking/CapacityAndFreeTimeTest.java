package kr.dure.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import kr.dure.support.Api;
import org.junit.jupiter.api.Test;

class CapacityAndFreeTimeTest {

  private static final String COORDINATOR = "coordinator.imsil@dure.demo";
  private final Api api = new Api();

  @Test
  void a_facility_capacity_cannot_drop_below_what_future_bookings_use() {
    JsonObject facility = api.createResource(COORDINATOR, "P-2026-01", "FACILITY", new JsonObject().put("capacity", 4));
    long r = facility.getLong("id");
    LocalDate day = api.workday(4);
    assertThat(api.post("/api/v1/bookings", "cheese@dure.demo", Api.booking(r, Api.at(day, "09:00"), Api.at(day, "12:00")).put("units", 2))
        .statusCode()).isEqualTo(201);
    assertThat(api.post("/api/v1/bookings", "dairy@dure.demo", Api.booking(r, Api.at(day, "10:00"), Api.at(day, "11:00")).put("units", 1))
        .statusCode()).isEqualTo(201);
    JsonObject edit = facility.copy();
    edit.remove("id");
    edit.mergeIn(facility.getJsonObject("rules"));
    var refused = api.put("/api/v1/resources/" + r, COORDINATOR, edit.copy().put("capacity", 2));
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.bodyAsJsonObject().getString("detail")).contains("3 units");
    assertThat(api.put("/api/v1/resources/" + r, COORDINATOR, edit.copy().put("capacity", 3)).statusCode()).isEqualTo(200);
  }

  @Test
  void free_time_before_a_booking_leaves_room_for_the_changeover_a_new_booking_needs() {
    long r = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject().put("bufferMinutes", 30)
        .put("openingHours", Api.weekdays9to18())).getLong("id");
    LocalDate day = api.workday(4);
    assertThat(api.post("/api/v1/bookings", "cheese@dure.demo", Api.booking(r, Api.at(day, "11:00"), Api.at(day, "12:00"))).statusCode())
        .isEqualTo(201);
    JsonArray free = api.get("/api/v1/resources/" + r + "/availability?from=" + day + "&to=" + day.plusDays(1), "dairy@dure.demo")
        .bodyAsJsonObject().getJsonArray("free");
    assertThat(Instant.parse(free.getJsonObject(0).getString("end"))).isEqualTo(Api.at(day, "10:30"));
    assertThat(Instant.parse(free.getJsonObject(1).getString("start"))).isEqualTo(Api.at(day, "12:30"));
    // and what is shown free can be booked
    assertThat(api.post("/api/v1/bookings", "dairy@dure.demo", Api.booking(r, Api.at(day, "09:30"), Api.at(day, "10:30"))).statusCode())
        .isEqualTo(201);
  }

  @Test
  void a_coordinator_booking_for_a_firm_needs_the_firms_training_not_the_coordinators() {
    long r = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject().put("qualificationRequired", true)).getLong("id");
    LocalDate day = api.workday(4);
    JsonObject forLocalfood = Api.booking(r, Api.at(day, "09:00"), Api.at(day, "10:00")).put("organisationId", api.organisationOf("localfood@dure.demo"));
    var refused = api.post("/api/v1/bookings", COORDINATOR, forLocalfood);
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.bodyAsString()).contains("qualification");
    assertThat(api.post("/api/v1/resources/" + r + "/qualifications", COORDINATOR, new JsonObject()
        .put("userId", api.userId("localfood@dure.demo")).put("validUntil", LocalDate.now(Api.SEOUL).plusYears(1).toString())).statusCode())
        .isEqualTo(201);
    assertThat(api.post("/api/v1/bookings", COORDINATOR, forLocalfood).statusCode()).isEqualTo(201);
  }
}
