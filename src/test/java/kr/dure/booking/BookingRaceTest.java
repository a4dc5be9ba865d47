package kr.dure.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import kr.dure.support.Api;
import org.junit.jupiter.api.Test;

/** Real concurrent HTTP requests against the real database: nobody ever wins a slot twice. */
class BookingRaceTest {

  private static final String COORDINATOR = "coordinator.imsil@dure.demo";
  private static final String[] FIRMS = {"cheese@dure.demo", "dairy@dure.demo", "localfood@dure.demo", "coldchain@dure.demo"};

  private final Api api = new Api();

  private Map<Integer, Long> race(List<Future<HttpResponse<Buffer>>> requests) {
    List<HttpResponse<Buffer>> responses = new ArrayList<>();
    Future.join(new ArrayList<>(requests)).await();
    requests.forEach(f -> responses.add(f.result()));
    return responses.stream().collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
  }

  @Test
  void fifty_requests_for_one_equipment_slot_give_exactly_one_booking() {
    long resource = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject().put("bufferMinutes", 30)).getLong("id");
    LocalDate day = api.workday(3);
    // warm the tokens first so that the race is between bookings, not sign-ins
    for (String f : FIRMS) {
      api.token(f);
    }
    List<Future<HttpResponse<Buffer>>> requests = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      // overlapping variants of the slot, including ones that only touch its changeover
      Instant start = Api.at(day, i % 3 == 0 ? "10:00" : i % 3 == 1 ? "09:30" : "11:00");
      requests.add(api.postAsync("/api/v1/bookings", FIRMS[i % FIRMS.length], Api.booking(resource, start, start.plusSeconds(3600))));
    }
    Map<Integer, Long> statuses = race(requests);
    assertThat(statuses).doesNotContainKey(500);
    long won = statuses.getOrDefault(201, 0L);
    assertThat(won).isBetween(1L, 2L);
    assertThat(statuses.getOrDefault(409, 0L)).isEqualTo(50 - won);
    // whatever won, the database holds no two overlapping bookings (changeover included)
    assertThat(api.count("""
        SELECT count(*) FROM booking a JOIN booking b ON a.resource_id = b.resource_id AND a.id < b.id
         WHERE a.resource_id = $1 AND a.holds_slot AND b.holds_slot
           AND tstzrange(a.starts_at, a.blocked_until) && tstzrange(b.starts_at, b.blocked_until)""", resource)).isZero();
    assertThat(api.count("SELECT count(*) FROM booking WHERE resource_id = $1", resource)).isEqualTo(won);
  }

  @Test
  void fifty_requests_for_exactly_the_same_slot_give_one_201_and_forty_nine_409() {
    long resource = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject()).getLong("id");
    Instant start = Api.at(api.workday(4), "14:00");
    List<Future<HttpResponse<Buffer>>> requests = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      requests.add(api.postAsync("/api/v1/bookings", FIRMS[i % FIRMS.length], Api.booking(resource, start, start.plusSeconds(7200))));
    }
    Map<Integer, Long> statuses = race(requests);
    assertThat(statuses).containsEntry(201, 1L).containsEntry(409, 49L).hasSize(2);
  }

  @Test
  void thirty_requests_for_one_unit_of_a_four_unit_facility_give_exactly_four() {
    long resource = api.createResource(COORDINATOR, "P-2026-01", "FACILITY", new JsonObject().put("capacity", 4)).getLong("id");
    LocalDate day = api.workday(5);
    List<Future<HttpResponse<Buffer>>> requests = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      Instant start = Api.at(day, i % 2 == 0 ? "09:00" : "10:00");
      requests.add(api.postAsync("/api/v1/bookings", FIRMS[i % FIRMS.length],
          Api.booking(resource, start, Api.at(day, "12:00")).put("units", 1)));
    }
    Map<Integer, Long> statuses = race(requests);
    assertThat(statuses).containsEntry(201, 4L).containsEntry(409, 26L).hasSize(2);
    assertThat(api.count("SELECT coalesce(sum(units), 0) FROM booking WHERE resource_id = $1 AND holds_slot", resource)).isEqualTo(4);
  }

  @Test
  void racing_shipments_never_overload_a_run_in_pallets_or_in_kilograms() {
    JsonObject run = api.createResource(COORDINATOR, "P-2026-01", "DELIVERY_RUN",
        new JsonObject().put("feeBasis", "PER_PALLET").put("feeWon", 20000));
    long resource = run.getLong("id");
    LocalDate day = api.workday(6);
    var departures = api.post("/api/v1/resources/" + resource + "/departures", COORDINATOR, new JsonObject()
        .put("weekdays", new io.vertx.core.json.JsonArray().add(day.getDayOfWeek().getValue()))
        .put("departs", "06:00").put("cutoffDaysBefore", 1).put("cutoffTime", "17:00").put("durationMinutes", 180)
        .put("pallets", 10).put("kg", 3000).put("from", day.toString()).put("until", day.toString()));
    assertThat(departures.statusCode()).isEqualTo(201);
    long departure = departures.bodyAsJsonArray().getJsonObject(0).getLong("id");
    Random random = new Random(42);
    List<Future<HttpResponse<Buffer>>> requests = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      requests.add(api.postAsync("/api/v1/bookings", FIRMS[i % FIRMS.length], new JsonObject().put("resourceId", resource)
          .put("departureId", departure).put("pallets", 1 + random.nextInt(3)).put("kg", 100 + random.nextInt(800))));
    }
    Map<Integer, Long> statuses = race(requests);
    assertThat(statuses).doesNotContainKey(500);
    assertThat(statuses.getOrDefault(201, 0L)).isPositive();
    var sums = api.pool().preparedQuery("""
        SELECT coalesce(sum(pallets), 0) AS p, coalesce(sum(kg), 0) AS k FROM booking WHERE departure_id = $1 AND holds_slot""")
        .execute(io.vertx.sqlclient.Tuple.of(departure)).await().iterator().next();
    var counters = api.pool().preparedQuery("SELECT booked_pallets, booked_kg FROM delivery_departure WHERE id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(departure)).await().iterator().next();
    assertThat(sums.getLong("p")).isLessThanOrEqualTo(10).isEqualTo(counters.getInteger("booked_pallets").longValue());
    assertThat(sums.getLong("k")).isLessThanOrEqualTo(3000).isEqualTo(counters.getInteger("booked_kg").longValue());
  }

  @Test
  void a_recurring_booking_racing_single_bookings_never_double_books_a_date() {
    long resource = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject()).getLong("id");
    LocalDate first = api.workday(7);
    Instant start = Api.at(first, "13:00");
    List<Future<HttpResponse<Buffer>>> requests = new ArrayList<>();
    requests.add(api.postAsync("/api/v1/bookings", FIRMS[0], Api.booking(resource, start, start.plusSeconds(3600))
        .put("recurrence", new JsonObject().put("frequency", "WEEKLY").put("count", 4).put("mode", "FREE_ONES"))));
    for (int week = 0; week < 4; week++) {
      Instant s = start.plus(java.time.Duration.ofDays(7L * week));
      requests.add(api.postAsync("/api/v1/bookings", FIRMS[1 + week % 3], Api.booking(resource, s, s.plusSeconds(3600))));
    }
    Map<Integer, Long> statuses = race(requests);
    assertThat(statuses).doesNotContainKey(500);
    // every week has exactly one booking: the series' or a single one
    assertThat(api.count("SELECT count(*) FROM booking WHERE resource_id = $1 AND holds_slot", resource)).isEqualTo(4);
    assertThat(api.count("""
        SELECT count(*) FROM booking a JOIN booking b ON a.resource_id = b.resource_id AND a.id < b.id
         WHERE a.resource_id = $1 AND a.holds_slot AND b.holds_slot
           AND tstzrange(a.starts_at, a.blocked_until) && tstzrange(b.starts_at, b.blocked_until)""", resource)).isZero();
  }
}
