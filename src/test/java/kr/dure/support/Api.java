package kr.dure.support;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/** JSON API calls as demo users, and helpers for picking bookable times. */
public final class Api {

  public static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  private static final Map<String, String> TOKENS = new HashMap<>();

  private final TestApp app = TestApp.get();

  public synchronized String token(String email) {
    return TOKENS.computeIfAbsent(email, app::token);
  }

  public HttpRequest<Buffer> request(io.vertx.core.http.HttpMethod method, String path, String email) {
    return app.client().request(method, path).putHeader("Authorization", "Bearer " + token(email));
  }

  public Future<HttpResponse<Buffer>> postAsync(String path, String email, JsonObject body) {
    return request(io.vertx.core.http.HttpMethod.POST, path, email).sendJsonObject(body);
  }

  public HttpResponse<Buffer> post(String path, String email, JsonObject body) {
    return postAsync(path, email, body == null ? new JsonObject() : body).await();
  }

  public HttpResponse<Buffer> put(String path, String email, JsonObject body) {
    return request(io.vertx.core.http.HttpMethod.PUT, path, email).sendJsonObject(body).await();
  }

  public HttpResponse<Buffer> get(String path, String email) {
    return request(io.vertx.core.http.HttpMethod.GET, path, email).send().await();
  }

  public HttpResponse<Buffer> delete(String path, String email) {
    return request(io.vertx.core.http.HttpMethod.DELETE, path, email).send().await();
  }

  public Pool pool() {
    return app.app().pool();
  }

  public long projectId(String code) {
    return pool().preparedQuery("SELECT id FROM project WHERE code = $1").execute(Tuple.of(code)).await().iterator().next().getLong("id");
  }

  public long organisationOf(String email) {
    return pool().preparedQuery("SELECT organisation_id FROM app_user WHERE email = $1").execute(Tuple.of(email))
        .await().iterator().next().getLong(0);
  }

  public long userId(String email) {
    return pool().preparedQuery("SELECT id FROM app_user WHERE email = $1").execute(Tuple.of(email)).await().iterator().next().getLong(0);
  }

  public long count(String sql, Object... params) {
    return pool().preparedQuery(sql).execute(Tuple.from(params)).await().iterator().next().getLong(0);
  }

  /** Creates a resource in a project as its coordinator; {@code rules} overrides the defaults. */
  public JsonObject createResource(String coordinator, String projectCode, String kind, JsonObject rules) {
    JsonObject body = new JsonObject().put("projectId", projectId(projectCode)).put("kind", kind)
        .put("nameKo", "테스트 " + kind + " " + System.nanoTime()).put("nameEn", "Test " + kind)
        .put("closedOnHolidays", false).put("horizonDays", 365).put("slotMinutes", 30);
    rules.forEach(e -> body.put(e.getKey(), e.getValue()));
    HttpResponse<Buffer> response = post("/api/v1/resources", coordinator, body);
    if (response.statusCode() != 201) {
      throw new AssertionError("resource not created: " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  public static JsonObject booking(long resourceId, Instant start, Instant end) {
    return new JsonObject().put("resourceId", resourceId).put("start", start.toString()).put("end", end.toString());
  }

  /** A working day (Mon–Fri, not a public holiday) at least {@code daysAhead} days from today. */
  public LocalDate workday(int daysAhead) {
    LocalDate day = LocalDate.now(SEOUL).plusDays(daysAhead);
    while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY
        || count("SELECT count(*) FROM holiday WHERE day = $1", day) > 0) {
      day = day.plusDays(1);
    }
    return day;
  }

  public static Instant at(LocalDate day, String clock) {
    return day.atTime(LocalTime.parse(clock)).atZone(SEOUL).toInstant();
  }

  public static JsonArray weekdays9to18() {
    JsonArray hours = new JsonArray();
    for (int d = 1; d <= 5; d++) {
      hours.add(new JsonObject().put("weekday", d).put("opens", "09:00").put("closes", "18:00"));
    }
    return hours;
  }
}
