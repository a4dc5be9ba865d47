package kr.dure.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import kr.dure.support.Api;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.Test;

/** Idempotency, recurrence, the waitlist and tenancy, through the API. */
class BookingLifecycleTest {

  private static final String COORDINATOR = "coordinator.imsil@dure.demo";
  private static final String CHEESE = "cheese@dure.demo";
  private static final String DAIRY = "dairy@dure.demo";
  private static final String LOCALFOOD = "localfood@dure.demo";
  private static final String GARLIC = "garlic@dure.demo";

  private final Api api = new Api();

  private HttpResponse<Buffer> book(String email, JsonObject body, String key) {
    var request = api.request(io.vertx.core.http.HttpMethod.POST, "/api/v1/bookings", email);
    if (key != null) {
      request.putHeader("Idempotency-Key", key);
    }
    return request.sendJsonObject(body).await();
  }

  @Test
  void the_same_idempotency_key_returns_the_first_booking_and_creates_nothing_new() {
    long r = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject()).getLong("id");
    LocalDate day = api.workday(4);
    JsonObject body = Api.booking(r, Api.at(day, "09:00"), Api.at(day, "10:00"));
    String key = java.util.UUID.randomUUID().toString();
    HttpResponse<Buffer> first = book(CHEESE, body, key);
    HttpResponse<Buffer> retry = book(CHEESE, body, key);
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(retry.statusCode()).isEqualTo(201);
    assertThat(retry.bodyAsJsonObject().getLong("id")).isEqualTo(first.bodyAsJsonObject().getLong("id"));
    assertThat(api.count("SELECT count(*) FROM booking WHERE resource_id = $1", r)).isEqualTo(1);
    HttpResponse<Buffer> changed = book(CHEESE, Api.booking(r, Api.at(day, "11:00"), Api.at(day, "12:00")), key);
    assertThat(changed.statusCode()).isEqualTo(422);
    assertThat(changed.bodyAsJsonObject().getString("detail")).contains("different request");
    assertThat(api.count("SELECT count(*) FROM booking WHERE resource_id = $1", r)).isEqualTo(1);
    // keys are per user: another firm's request with the same key is its own
    assertThat(book(DAIRY, Api.booking(r, Api.at(day, "13:00"), Api.at(day, "14:00")), key).statusCode()).isEqualTo(201);
  }

  @Test
  void concurrent_retries_with_one_key_create_one_booking() {
    long r = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject()).getLong("id");
    LocalDate day = api.workday(4);
    JsonObject body = Api.booking(r, Api.at(day, "15:00"), Api.at(day, "16:00"));
    String key = java.util.UUID.randomUUID().toString();
    var futures = new java.util.ArrayList<io.vertx.core.Future<HttpResponse<Buffer>>>();
    for (int i = 0; i < 10; i++) {
      futures.add(api.request(io.vertx.core.http.HttpMethod.POST, "/api/v1/bookings", CHEESE).putHeader("Idempotency-Key", key)
          .sendJsonObject(body));
    }
    io.vertx.core.Future.join(new java.util.ArrayList<>(futures)).await();
    assertThat(futures).allSatisfy(f -> assertThat(f.result().statusCode()).isEqualTo(201));
    assertThat(futures.stream().map(f -> f.result().bodyAsJsonObject().getLong("id")).distinct()).hasSize(1);
    assertThat(api.count("SELECT count(*) FROM booking WHERE resource_id = $1", r)).isEqualTo(1);
  }

  @Test
  void a_recurring_booking_books_the_free_dates_or_none_and_lists_the_conflicts() {
    long r = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject()).getLong("id");
    LocalDate day = api.workday(7);
    Instant start = Api.at(day, "09:00");
    // someone has the third week already
    Instant third = start.plus(Duration.ofDays(14));
    assertThat(book(DAIRY, Api.booking(r, third, third.plusSeconds(3600)), null).statusCode()).isEqualTo(201);
    JsonObject weekly = new JsonObject().put("frequency", "WEEKLY").put("count", 4);

    HttpResponse<Buffer> none = book(CHEESE, Api.booking(r, start, start.plusSeconds(3600))
        .put("recurrence", weekly.copy().put("mode", "ALL_OR_NONE")), null);
    assertThat(none.statusCode()).isEqualTo(409);
    JsonArray conflicts = none.bodyAsJsonObject().getJsonArray("conflicts");
    assertThat(conflicts).hasSize(1);
    assertThat(conflicts.getJsonObject(0).getString("start")).isEqualTo(third.toString());
    assertThat(api.count("SELECT count(*) FROM booking WHERE resource_id = $1 AND organisation_id = $2", r, api.organisationOf(CHEESE)))
        .isZero();

    HttpResponse<Buffer> free = book(CHEESE, Api.booking(r, start, start.plusSeconds(3600))
        .put("recurrence", weekly.copy().put("mode", "FREE_ONES")), null);
    assertThat(free.statusCode()).isEqualTo(201);
    assertThat(free.bodyAsJsonObject().getJsonArray("created")).hasSize(3);
    assertThat(free.bodyAsJsonObject().getJsonArray("conflicts")).hasSize(1);

    // cancel the second occurrence and everything after it
    long second = free.bodyAsJsonObject().getJsonArray("created").getJsonObject(1).getLong("id");
    var rest = api.post("/api/v1/bookings/" + second + "/cancel-series", CHEESE, null);
    assertThat(rest.statusCode()).isEqualTo(200);
    assertThat(rest.bodyAsJsonArray()).hasSize(2);
    assertThat(api.count("SELECT count(*) FROM booking WHERE resource_id = $1 AND organisation_id = $2 AND holds_slot",
        r, api.organisationOf(CHEESE))).isEqualTo(1);
  }

  @Test
  void recurrences_are_validated() {
    long r = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject()).getLong("id");
    LocalDate day = api.workday(3);
    JsonObject base = Api.booking(r, Api.at(day, "09:00"), Api.at(day, "10:00"));
    assertThat(book(CHEESE, base.copy().put("recurrence", new JsonObject().put("frequency", "HOURLY").put("count", 3)), null).statusCode())
        .isEqualTo(400);
    assertThat(book(CHEESE, base.copy().put("recurrence", new JsonObject().put("frequency", "DAILY")), null).statusCode()).isEqualTo(400);
    HttpResponse<Buffer> tooMany = book(CHEESE, base.copy().put("recurrence", new JsonObject().put("frequency", "DAILY")
        .put("until", day.plusYears(1).toString())), null);
    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(tooMany.bodyAsString()).contains("at most 100");
    assertThat(api.count("SELECT count(*) FROM booking WHERE resource_id = $1", r)).isZero();
  }

  @Test
  void a_freed_slot_is_offered_to_the_waitlist_and_an_unclaimed_hold_passes_on() {
    long r = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject()).getLong("id");
    LocalDate day = api.workday(5);
    JsonObject slot = Api.booking(r, Api.at(day, "10:00"), Api.at(day, "12:00"));
    JsonObject taken = book(CHEESE, slot, null).bodyAsJsonObject();
    // a free slot cannot be waited for
    assertThat(api.post("/api/v1/waitlist", DAIRY, Api.booking(r, Api.at(day, "14:00"), Api.at(day, "15:00"))).statusCode()).isEqualTo(409);
    var dairyWaits = api.post("/api/v1/waitlist", DAIRY, slot);
    assertThat(dairyWaits.statusCode()).isEqualTo(201);
    assertThat(api.post("/api/v1/waitlist", LOCALFOOD, slot).statusCode()).isEqualTo(201);

    api.post("/api/v1/bookings/" + taken.getLong("id") + "/cancel", CHEESE, null);
    JsonArray dairyEntries = api.get("/api/v1/waitlist", DAIRY).bodyAsJsonArray();
    JsonObject offered = dairyEntries.stream().map(o -> (JsonObject) o).filter(e -> e.getLong("resourceId") == r).findFirst().orElseThrow();
    assertThat(offered.getString("status")).isEqualTo("OFFERED");
    long hold = offered.getLong("offeredBookingId");
    JsonObject held = api.get("/api/v1/bookings/" + hold, DAIRY).bodyAsJsonObject();
    assertThat(held.getString("status")).isEqualTo("HELD");
    assertThat(Instant.parse(held.getString("holdExpiresAt"))).isAfter(Instant.now());
    assertThat(api.count("SELECT count(*) FROM notification WHERE kind = 'waitlist.offer' AND params->>'bookingId' = $1",
        Long.toString(hold))).isEqualTo(1);
    // the hold keeps the slot from everyone else
    assertThat(book(CHEESE, slot, null).statusCode()).isEqualTo(409);

    // nobody claims it in time: it passes on to the next firm
    api.pool().preparedQuery("UPDATE booking SET hold_expires_at = now() - interval '1 minute' WHERE id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(hold)).await();
    // the app's own timer may get there first; either way the hold ends once
    TestApp.get().app().services().bookings().waitlist().expireHolds().await();
    assertThat(api.get("/api/v1/bookings/" + hold, DAIRY).bodyAsJsonObject().getString("status")).isEqualTo("EXPIRED");
    JsonObject next = api.get("/api/v1/waitlist", LOCALFOOD).bodyAsJsonArray().stream().map(o -> (JsonObject) o)
        .filter(e -> e.getLong("resourceId") == r).findFirst().orElseThrow();
    assertThat(next.getString("status")).isEqualTo("OFFERED");
    var claimed = api.post("/api/v1/bookings/" + next.getLong("offeredBookingId") + "/claim", LOCALFOOD, null);
    assertThat(claimed.statusCode()).isEqualTo(200);
    assertThat(claimed.bodyAsJsonObject().getString("status")).isEqualTo("CONFIRMED");
    // claiming someone else's hold is not possible
    assertThat(api.post("/api/v1/bookings/" + next.getLong("offeredBookingId") + "/claim", DAIRY, null).statusCode()).isEqualTo(404);
  }

  @Test
  void a_firm_sees_other_firms_only_as_busy_time_and_cannot_touch_their_bookings() {
    long r = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject()).getLong("id");
    LocalDate day = api.workday(6);
    long cheeseBooking = book(CHEESE, Api.booking(r, Api.at(day, "09:00"), Api.at(day, "10:00")), null).bodyAsJsonObject().getLong("id");
    long dairyBooking = book(DAIRY, Api.booking(r, Api.at(day, "11:00"), Api.at(day, "12:00")), null).bodyAsJsonObject().getLong("id");
    JsonObject availability = api.get("/api/v1/resources/" + r + "/availability?from=" + day + "&to=" + day.plusDays(1), CHEESE)
        .bodyAsJsonObject();
    JsonArray busy = availability.getJsonArray("busy");
    assertThat(busy).hasSize(2);
    JsonObject mine = busy.stream().map(o -> (JsonObject) o).filter(b -> b.getBoolean("mine")).findFirst().orElseThrow();
    JsonObject theirs = busy.stream().map(o -> (JsonObject) o).filter(b -> !b.getBoolean("mine")).findFirst().orElseThrow();
    assertThat(mine.getLong("bookingId")).isEqualTo(cheeseBooking);
    assertThat(theirs.fieldNames()).containsExactlyInAnyOrder("start", "end", "blockedUntil", "mine");
    assertThat(availability.getJsonArray("free")).isNotEmpty();

    assertThat(api.get("/api/v1/bookings/" + dairyBooking, CHEESE).statusCode()).isEqualTo(404);
    assertThat(api.post("/api/v1/bookings/" + dairyBooking + "/cancel", CHEESE, null).statusCode()).isEqualTo(404);
    assertThat(api.get("/api/v1/bookings/" + dairyBooking, DAIRY).statusCode()).isEqualTo(200);
    assertThat(api.get("/api/v1/bookings", CHEESE).bodyAsJsonArray().stream().map(o -> ((JsonObject) o).getLong("id")))
        .contains(cheeseBooking).doesNotContain(dairyBooking);
    // the coordinator of the project sees and may cancel both
    assertThat(api.get("/api/v1/bookings/" + dairyBooking, COORDINATOR).statusCode()).isEqualTo(200);
    assertThat(api.get("/api/v1/projects/" + api.projectId("P-2026-01") + "/bookings?from=" + day + "&to=" + day.plusDays(1), COORDINATOR)
        .bodyAsJsonArray().stream().filter(o -> ((JsonObject) o).getLong("resourceId") == r)).hasSize(2);
    assertThat(api.get("/api/v1/projects/" + api.projectId("P-2026-01") + "/bookings", CHEESE).statusCode()).isEqualTo(403);

    // a firm of another project sees neither the resource nor its bookings
    assertThat(api.get("/api/v1/resources/" + r, GARLIC).statusCode()).isEqualTo(404);
    assertThat(api.get("/api/v1/resources/" + r + "/availability", GARLIC).statusCode()).isEqualTo(404);
    assertThat(api.post("/api/v1/bookings", GARLIC, Api.booking(r, Api.at(day, "14:00"), Api.at(day, "15:00"))).statusCode()).isEqualTo(404);
    assertThat(api.get("/api/v1/bookings/" + cheeseBooking, GARLIC).statusCode()).isEqualTo(404);
  }

  @Test
  void a_coordinator_manages_only_the_resources_of_their_own_project() {
    JsonObject resource = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject());
    long r = resource.getLong("id");
    JsonObject edit = resource.copy();
    edit.remove("id");
    edit.put("nameKo", "바뀐 이름").put("slotMinutes", 60);
    edit.mergeIn(resource.getJsonObject("rules"));
    edit.put("slotMinutes", 60);
    assertThat(api.put("/api/v1/resources/" + r, "coordinator.uiseong@dure.demo", edit).statusCode()).isEqualTo(404);
    assertThat(api.post("/api/v1/resources/" + r + "/deactivate", "coordinator.uiseong@dure.demo", null).statusCode()).isEqualTo(404);
    assertThat(api.post("/api/v1/resources", "coordinator.uiseong@dure.demo", new JsonObject().put("projectId", api.projectId("P-2026-01"))
        .put("kind", "EQUIPMENT").put("nameKo", "침입")).statusCode()).isEqualTo(404);
    assertThat(api.post("/api/v1/resources", CHEESE, new JsonObject().put("projectId", api.projectId("P-2026-01"))
        .put("kind", "EQUIPMENT").put("nameKo", "펌 장비")).statusCode()).isEqualTo(403);
    var updated = api.put("/api/v1/resources/" + r, COORDINATOR, edit);
    assertThat(updated.statusCode()).as(updated.bodyAsString()).isEqualTo(200);
    assertThat(updated.bodyAsJsonObject().getString("nameKo")).isEqualTo("바뀐 이름");
    assertThat(updated.bodyAsJsonObject().getJsonObject("rules").getInteger("slotMinutes")).isEqualTo(60);
    // deactivated resources take no bookings
    assertThat(api.post("/api/v1/resources/" + r + "/deactivate", COORDINATOR, null).bodyAsJsonObject().getBoolean("active")).isFalse();
    LocalDate day = api.workday(3);
    assertThat(api.post("/api/v1/bookings", CHEESE, Api.booking(r, Api.at(day, "09:00"), Api.at(day, "10:00"))).statusCode()).isEqualTo(404);
    assertThat(api.count("SELECT count(*) FROM audit_log WHERE target_type = 'resource' AND target_id = $1", Long.toString(r)))
        .isGreaterThanOrEqualTo(3);
  }

  @Test
  void a_coordinator_books_for_a_member_firm_and_only_for_one() {
    long r = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject().put("approvalRequired", true)).getLong("id");
    LocalDate day = api.workday(3);
    JsonObject body = Api.booking(r, Api.at(day, "09:00"), Api.at(day, "10:00"));
    assertThat(api.post("/api/v1/bookings", COORDINATOR, body).statusCode()).isEqualTo(400);
    assertThat(api.post("/api/v1/bookings", COORDINATOR, body.copy().put("organisationId", api.organisationOf(GARLIC))).statusCode())
        .isEqualTo(400);
    var onBehalf = api.post("/api/v1/bookings", COORDINATOR, body.copy().put("organisationId", api.organisationOf(DAIRY)));
    assertThat(onBehalf.statusCode()).isEqualTo(201);
    // the approver's own booking needs no approval
    assertThat(onBehalf.bodyAsJsonObject().getString("status")).isEqualTo("CONFIRMED");
    assertThat(api.get("/api/v1/bookings/" + onBehalf.bodyAsJsonObject().getLong("id"), DAIRY).statusCode()).isEqualTo(200);
    assertThat(api.post("/api/v1/bookings", "ministry@dure.demo", body).statusCode()).isEqualTo(403);
  }
}
