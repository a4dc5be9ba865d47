package kr.dure.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import kr.dure.support.Api;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile values on every path parameter, query parameter and JSON field of every route read from the
 * router: never a 5xx, the API always answers problem+json, and what is stored comes back escaped.
 */
class HostileInputTest {

  /** Path segments, already URL-encoded as an attacker would send them. */
  static final List<String> PATH_VALUES = List.of("-1", "0", "99999999999999999999", "9223372036854775808", "abc", "%00", "1%00",
      "..%2F..%2Fetc%2Fpasswd", "%27%20OR%201%3D1%20--", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%E2%80%AE1", "%ED%A0%80", "%FF%FE");

  static final String LONG = "가".repeat(100_000);

  /** Text values, sent as JSON strings, form fields and query parameters. */
  static final List<String> TEXT_VALUES = List.of("' OR 1=1 --", "\"; DROP TABLE booking; --", "<script>alert(1)</script>",
      "e\u0301\u0301\u0301\u0301", "\u202Eevil\u202C", "a\u0000b", "\u0000", "\uD800", "x\uDC00y", "-1", "9e999",
      "99999999999999999999", "../../etc/passwd", "", "   ", "null", "true", "{}", "[]");

  /** Whole bodies sent as application/json. */
  static final List<String> RAW_BODIES = List.of("[]", "[{}]", "\"text\"", "42", "null", "true", "not json", "{\"a\":",
      "{\"a\":\"\\u0000\"}", "{\"a\":\"\\ud800\"}", "{\"a\":9e999}", "{\"a\":-9e999}", "{\"a\":99999999999999999999999999}",
      "[".repeat(10_000) + "]".repeat(10_000), "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000), "\u0000", "\uFEFF{}");

  /** A sample of {@link #TEXT_VALUES} for query parameters (every GET route gets each, with every usual name at once). */
  static final List<String> QUERY_VALUES = List.of("' OR 1=1 --", "<script>alert(1)</script>", "\u202Eevil", "a\u0000b", "\uD800",
      "-1", "9e999", "99999999999999999999", "../../etc/passwd", "");

  static final List<String> QUERY_NAMES = List.of("from", "to", "start", "end", "day", "date", "month", "year", "q", "status", "kind",
      "page", "size", "limit", "offset", "projectId", "resourceId", "callId", "region", "regionCode", "next", "lang", "sort");

  private final TestApp app = TestApp.get();
  private final Api api = new Api();
  private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  @AfterEach
  void forgetFailures() {
    app.resetThrottle();
  }

  private static List<RouteCatalog.Endpoint> apiEndpoints() {
    return RouteCatalog.all().stream().filter(RouteCatalog.Endpoint::api).toList();
  }

  private static boolean hasBody(HttpMethod method) {
    return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
  }

  /** Runs the calls with at most 8 in flight, recording each answer that breaks the rules. */
  private void runAll(List<Supplier<String>> calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (Supplier<String> call : calls) {
        results.add(pool.submit(call::get));
      }
      for (Future<String> result : results) {
        String problem = result.get();
        if (problem != null) {
          failures.add(problem);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Null when the answer is acceptable: no 5xx, and an API refusal is problem+json. */
  private static String judge(String what, HttpResponse<Buffer> response, boolean api) {
    if (response.statusCode() >= 500) {
      return what + " -> " + response.statusCode();
    }
    if (api && response.statusCode() >= 400) {
      String type = response.getHeader("Content-Type");
      if (type == null || !type.startsWith("application/problem+json")) {
        return what + " -> " + response.statusCode() + " as " + type;
      }
    }
    return null;
  }

  private Supplier<String> call(String what, Supplier<HttpRequest<Buffer>> request, Buffer body, boolean api) {
    return () -> {
      try {
        HttpRequest<Buffer> r = request.get();
        HttpResponse<Buffer> response = body == null ? r.send().await() : r.putHeader("Content-Type", "application/json").sendBuffer(body).await();
        return judge(what, response, api);
      } catch (RuntimeException e) {
        return what + " -> " + e;
      }
    };
  }

  private HttpRequest<Buffer> as(String email, HttpMethod method, String uri) {
    return app.client().request(method, uri).putHeader("Authorization", "Bearer " + api.token(email));
  }

  @Test
  void hostile_path_ids_on_every_api_and_page_route_are_4xx() throws Exception {
    String ministry = "ministry@dure.demo";
    api.token(ministry);
    List<Supplier<String>> calls = new ArrayList<>();
    for (RouteCatalog.Endpoint e : apiEndpoints()) {
      if (!e.hasParams()) {
        continue;
      }
      for (String value : PATH_VALUES) {
        String uri = e.with(value);
        calls.add(call(e.method() + " " + uri, () -> as(ministry, e.method(), uri), hasBody(e.method()) ? Buffer.buffer("{}") : null, true));
      }
    }
    WebClientSession browser = app.browserSignedInAs(ministry);
    for (RouteCatalog.Endpoint e : RouteCatalog.all()) {
      // the live streams never end: they have their own tests (LiveUpdatesTest)
      if (e.api() || !e.hasParams() || e.method() != HttpMethod.GET || e.path().startsWith("/live/")) {
        continue;
      }
      for (String value : PATH_VALUES) {
        String uri = e.with(value);
        calls.add(call("page " + uri, () -> browser.get(uri), null, false));
      }
    }
    assertThat(calls).hasSizeGreaterThan(500);
    runAll(calls);
    assertThat(failures).as("answers to hostile path ids").isEmpty();
  }

  @Test
  void hostile_query_parameters_on_every_get_route_are_never_a_server_error() throws Exception {
    String ministry = "ministry@dure.demo";
    api.token(ministry);
    WebClientSession browser = app.browserSignedInAs(ministry);
    List<Supplier<String>> calls = new ArrayList<>();
    for (RouteCatalog.Endpoint e : RouteCatalog.all()) {
      if (e.method() != HttpMethod.GET || e.path().startsWith("/health/") || e.path().startsWith("/live/")) {
        continue;
      }
      String uri = e.with("1");
      for (String value : QUERY_VALUES) {
        Supplier<HttpRequest<Buffer>> request = () -> {
          HttpRequest<Buffer> r = e.api() ? as(ministry, HttpMethod.GET, uri) : browser.get(uri);
          QUERY_NAMES.forEach(name -> r.addQueryParam(name, value));
          return r;
        };
        calls.add(call(e + " ?=" + printable(value), request, null, e.api()));
      }
    }
    runAll(calls);
    assertThat(failures).as("answers to hostile query parameters").isEmpty();
  }

  @Test
  void hostile_json_bodies_and_fields_on_every_api_route_are_4xx_problem_json() throws Exception {
    String ministry = "ministry@dure.demo";
    String firm = "cheese@dure.demo";
    api.token(ministry);
    api.token(firm);
    List<Supplier<String>> calls = new ArrayList<>();
    Set<String> learned = Collections.synchronizedSet(new LinkedHashSet<>());
    for (RouteCatalog.Endpoint e : apiEndpoints()) {
      if (!hasBody(e.method())) {
        continue;
      }
      // a row nobody has (the body is judged before or after the look-up) as the ministry, and row 1 as a firm user
      // who may change little of the demo's rows
      for (String[] who : new String[][] {{ministry, "999999"}, {firm, "1"}}) {
        String uri = e.with(who[1]);
        for (String raw : RAW_BODIES) {
          calls.add(call(e.method() + " " + uri + " body " + printable(raw), () -> as(who[0], e.method(), uri), Buffer.buffer(raw), true));
        }
        // the fields this route asks for, learned from its answer to an empty object
        for (String value : TEXT_VALUES) {
          calls.add(() -> {
            Set<String> fields = fieldsOf(as(who[0], e.method(), uri).sendJsonObject(new JsonObject()).await());
            fields.add("name");
            JsonObject body = new JsonObject();
            fields.forEach(f -> body.put(f, value));
            return judge(e.method() + " " + uri + " fields " + fields + "=" + printable(value),
                as(who[0], e.method(), uri).sendJsonObject(body).await(), true);
          });
        }
        calls.add(() -> {
          Set<String> fields = fieldsOf(as(who[0], e.method(), uri).sendJsonObject(new JsonObject()).await());
          if (!fields.isEmpty()) {
            learned.add(e.toString());
          }
          JsonObject body = new JsonObject();
          fields.forEach(f -> body.put(f, LONG));
          JsonObject numbers = new JsonObject();
          fields.forEach(f -> numbers.put(f, Long.MAX_VALUE));
          JsonObject arrays = new JsonObject();
          fields.forEach(f -> arrays.put(f, new JsonArray().add(1)));
          JsonObject objects = new JsonObject();
          fields.forEach(f -> objects.put(f, new JsonObject().put("$gt", "")));
          for (JsonObject b : List.of(body, numbers, arrays, objects)) {
            String verdict = judge(e.method() + " " + uri + " fields " + fields + " typed " + printable(b.encode()),
                as(who[0], e.method(), uri).sendJsonObject(b).await(), true);
            if (verdict != null) {
              return verdict;
            }
          }
          return judge(e.method() + " " + uri + " huge number", as(who[0], e.method(), uri).putHeader("Content-Type", "application/json")
              .sendBuffer(Buffer.buffer("{\"" + String.join("\":9223372036854775808,\"", fields.isEmpty() ? Set.of("id") : fields)
                  + "\":9223372036854775808}")).await(), true);
        });
      }
    }
    runAll(calls);
    assertThat(failures).as("answers to hostile JSON").isEmpty();
    // the field names were learned from the validators' answers on many routes, so the fields were really attacked
    assertThat(learned).hasSizeGreaterThan(15);
  }

  /** Each text field of a valid template, one at a time, replaced by each hostile text. */
  private void mutateEachField(String email, String uri, JsonObject template, List<String> fields, List<JsonObject> created)
      throws Exception {
    List<Supplier<String>> calls = new ArrayList<>();
    for (String field : fields) {
      for (String value : TEXT_VALUES) {
        calls.add(() -> {
          JsonObject body = template.copy().put(field, value);
          HttpResponse<Buffer> response = as(email, HttpMethod.POST, uri).sendJsonObject(body).await();
          if (response.statusCode() == 201) {
            created.add(response.bodyAsJsonObject().put("_field", field).put("_value", value));
          }
          return judge("POST " + uri + " " + field + "=" + printable(value), response, true);
        });
      }
    }
    runAll(calls);
  }

  @Test
  void hostile_text_in_each_field_of_a_resource_and_a_booking_is_refused_or_stored_as_sent_and_shown_escaped() throws Exception {
    String coordinator = "coordinator.imsil@dure.demo";
    String firm = "cheese@dure.demo";
    JsonObject resource = api.createResource(coordinator, "P-2026-01", "EQUIPMENT", new JsonObject());
    JsonObject template = new JsonObject().put("projectId", api.projectId("P-2026-01")).put("kind", "EQUIPMENT")
        .put("nameKo", "적대 입력 자원").put("nameEn", "Hostile").put("descriptionKo", "설명").put("location", "창고")
        .put("closedOnHolidays", false).put("horizonDays", 365).put("slotMinutes", 30);
    List<JsonObject> resources = Collections.synchronizedList(new ArrayList<>());
    mutateEachField(coordinator, "/api/v1/resources", template, List.of("nameKo", "nameEn", "descriptionKo", "location"), resources);
    var day = api.workday(30);
    List<JsonObject> bookings = Collections.synchronizedList(new ArrayList<>());
    List<Supplier<String>> bookingCalls = new ArrayList<>();
    int[] hour = {0};
    for (String value : TEXT_VALUES) {
      int h = 9 + (hour[0]++ % 9);
      var date = day.plusDays(hour[0] / 9 * 7L);
      bookingCalls.add(() -> {
        JsonObject body = Api.booking(resource.getLong("id"), Api.at(date, String.format("%02d:00", h)), Api.at(date, String.format("%02d:30", h))).put("purpose", value);
        HttpResponse<Buffer> response = as(firm, HttpMethod.POST, "/api/v1/bookings").sendJsonObject(body).await();
        if (response.statusCode() == 201) {
          bookings.add(response.bodyAsJsonObject().put("_value", value));
        }
        return judge("POST /api/v1/bookings purpose=" + printable(value), response, true);
      });
    }
    runAll(bookingCalls);
    assertThat(failures).as("answers to hostile text in fields").isEmpty();
    // NUL and lone surrogates cannot be stored as sent, so they must have been refused, never saved altered
    assertThat(resources).noneMatch(r -> r.getString("_value").contains("\u0000") || r.getString("_value").matches("(?s).*[\uD800-\uDFFF].*"));
    assertThat(bookings).noneMatch(b -> b.getString("_value").contains("\u0000") || b.getString("_value").matches("(?s).*[\uD800-\uDFFF].*"));
    // the script and the SQL were stored as plain text: they come back unchanged and are escaped on the pages
    assertThat(resources).anyMatch(r -> r.getString("_value").equals("<script>alert(1)</script>"));
    WebClientSession coordinatorPages = app.browserSignedInAs(coordinator);
    WebClientSession firmPages = app.browserSignedInAs(firm);
    for (JsonObject stored : resources) {
      if (!stored.getString("_value").matches("(?s).*[<'\"\u202E\u0301].*")) {
        continue; // the pages of the markup, quotes, RTL and combining marks are the ones worth reading
      }
      long id = stored.getLong("id");
      JsonObject shown = api.get("/api/v1/resources/" + id, coordinator).bodyAsJsonObject();
      String value = stored.getString("_value");
      if (!value.isBlank()) {
        assertThat(shown.getString(stored.getString("_field"))).as("stored " + printable(value)).isEqualTo(value.trim());
      }
      assertEscaped(coordinatorPages.get("/coordinator/resources/" + id + "/edit").send().await(), value);
      assertEscaped(firmPages.get("/resources/" + id).send().await(), value);
    }
    assertEscaped(coordinatorPages.get("/coordinator/resources").send().await(), "<script>");
    assertEscaped(firmPages.get("/resources").send().await(), "<script>");
    assertEscaped(firmPages.get("/bookings").send().await(), "<script>");
    assertEscaped(coordinatorPages.get("/coordinator/board").send().await(), "<script>");
    assertEscaped(coordinatorPages.get("/coordinator/approvals").send().await(), "<script>");
    for (JsonObject booking : bookings) {
      assertEscaped(firmPages.get("/bookings/" + booking.getLong("id") + "/cancel").send().await(), booking.getString("_value"));
    }
  }

  @Test
  void nul_and_lone_surrogates_are_400_naming_the_field_in_json_query_and_forms() {
    String coordinator = "coordinator.imsil@dure.demo";
    JsonObject template = new JsonObject().put("projectId", api.projectId("P-2026-01")).put("kind", "EQUIPMENT")
        .put("nameKo", "널 문자 \u0000 자원").put("closedOnHolidays", false).put("horizonDays", 365).put("slotMinutes", 30);
    long before = api.count("SELECT count(*) FROM resource");
    HttpResponse<Buffer> json = api.post("/api/v1/resources", coordinator, template);
    assertThat(json.statusCode()).isEqualTo(400);
    assertThat(json.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("nameKo");
    assertThat(json.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("code")).isEqualTo("validation.characters");
    HttpResponse<Buffer> surrogate = api.post("/api/v1/resources", coordinator, template.copy().put("nameKo", "자원")
        .put("location", "\uD800"));
    assertThat(surrogate.statusCode()).isEqualTo(400);
    assertThat(surrogate.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("location");
    HttpResponse<Buffer> query = app.client().get("/api/v1/resources?q=a%00b")
        .putHeader("Authorization", "Bearer " + api.token(coordinator)).send().await();
    assertThat(query.statusCode()).isEqualTo(400);
    assertThat(query.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("q");
    WebClientSession browser = app.browserSignedInAs(coordinator);
    String csrf = TestApp.csrfFrom(browser.get("/coordinator/resources/new").send().await().bodyAsString());
    HttpResponse<Buffer> form = browser.post("/coordinator/resources").sendForm(io.vertx.core.MultiMap.caseInsensitiveMultiMap()
        .add("X-CSRF-Token", csrf).add("nameKo", "폼 \u0000 자원").add("kind", "EQUIPMENT")).await();
    assertThat(form.statusCode()).isEqualTo(400);
    assertThat(form.bodyAsString()).contains("저장할 수 없는 문자");
    assertThat(api.count("SELECT count(*) FROM resource")).isEqualTo(before);
  }

  /** Field names the page forms use; each form gets all of them, set to one hostile value at a time. */
  static final List<String> FORM_FIELDS = List.of("name", "nameKo", "nameEn", "title", "titleKo", "reason", "note", "purpose",
      "description", "descriptionKo", "location", "email", "password", "role", "kind", "status", "decision", "comment", "amount",
      "units", "startDate", "startTime", "endDate", "endTime", "day", "date", "year", "score", "organisationId", "projectId", "next");

  @Test
  void hostile_values_in_every_page_form_with_a_valid_csrf_token_are_never_a_server_error() throws Exception {
    List<RouteCatalog.Endpoint> forms = RouteCatalog.all().stream()
        .filter(e -> !e.api() && e.method() == HttpMethod.POST && !e.path().equals("/logout")).toList();
    List<String> values = List.of("<script>alert(1)</script>", "' OR 1=1 --\u202Ee\u0301", "-99999999999999999999",
        LONG.substring(0, 2_000));
    List<Supplier<String>> calls = new ArrayList<>();
    // one browser per value, each posting to every form in turn (the CSRF token is renewed by each post)
    for (String email : List.of("ministry@dure.demo", "cheese@dure.demo")) {
      for (String value : values) {
        WebClientSession browser = app.browserSignedInAs(email);
        calls.add(() -> {
          for (RouteCatalog.Endpoint form : forms) {
            String uri = form.with("999999");
            HttpResponse<Buffer> response = null;
            for (int attempt = 0; attempt < 2; attempt++) {
              if (attempt > 0 || csrfCookie(browser) == null) {
                browser.get("/login?next=%2F").send().await(); // a fresh CSRF cookie
              }
              MultiMap fields = MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", csrfCookie(browser));
              FORM_FIELDS.forEach(f -> fields.add(f, value));
              response = browser.post(uri).sendForm(fields).await();
              if (!csrfRefused(response)) {
                break;
              }
            }
            String verdict = judge("form " + uri + " as " + email + " =" + printable(value), response, false);
            if (verdict == null && csrfRefused(response)) {
              verdict = "form " + uri + ": the CSRF token was not accepted, so the fields were never tried";
            }
            if (verdict != null) {
              return verdict;
            }
          }
          return null;
        });
      }
    }
    runAll(calls);
    app.resetThrottle();
    assertThat(failures).as("answers to hostile form fields").isEmpty();
  }

  private static boolean csrfRefused(HttpResponse<Buffer> response) {
    return response.statusCode() == 403 && response.bodyAsString().contains("페이지를 새로 고친 뒤 다시 제출하세요");
  }

  private static String csrfCookie(WebClientSession browser) {
    for (io.netty.handler.codec.http.cookie.Cookie c : browser.cookieStore().get(false, "localhost", "/")) {
      if (c.name().equals("dure_csrf")) {
        return c.value();
      }
    }
    return null;
  }

  @Test
  void oversize_bodies_and_uploads_are_413_before_anything_is_read() {
    String firm = "cheese@dure.demo";
    Buffer json = Buffer.buffer("{\"nameKo\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}");
    HttpResponse<Buffer> bigJson = as(firm, HttpMethod.POST, "/api/v1/bookings").putHeader("Content-Type", "application/json")
        .sendBuffer(json).await();
    assertThat(bigJson.statusCode()).isEqualTo(413);
    assertThat(bigJson.getHeader("Content-Type")).isEqualTo("application/problem+json");
    Buffer eleven = Buffer.buffer(new byte[11 * 1024 * 1024]);
    HttpResponse<Buffer> bigFile = as(firm, HttpMethod.POST, "/api/v1/applications/999999/attachments?filename=..%2F..%2Fx.pdf")
        .putHeader("Content-Type", "application/pdf").sendBuffer(eleven).await();
    assertThat(bigFile.statusCode()).isEqualTo(413);
    assertThat(bigFile.getHeader("Content-Type")).isEqualTo("application/problem+json");
    WebClientSession browser = app.browserSignedInAs("coordinator.imsil@dure.demo");
    io.vertx.ext.web.multipart.MultipartForm form = io.vertx.ext.web.multipart.MultipartForm.create()
        .binaryFileUpload("photo", "../../../etc/passwd", eleven, "image/png");
    HttpResponse<Buffer> bigUpload = browser.post("/coordinator/resources/999999/photo").sendMultipartForm(form).await();
    assertThat(bigUpload.statusCode()).isEqualTo(413);
  }

  private static void assertEscaped(HttpResponse<Buffer> page, String value) {
    assertThat(page.statusCode()).isLessThan(500);
    String html = page.bodyAsString();
    assertThat(html).doesNotContain("<script>alert(1)</script>").doesNotContain("<script>");
    if (value.contains("<script>") && page.statusCode() == 200 && html.contains("alert(1)")) {
      assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
  }

  private static Set<String> fieldsOf(HttpResponse<Buffer> response) {
    Set<String> fields = new LinkedHashSet<>();
    try {
      JsonArray errors = response.bodyAsJsonObject().getJsonArray("errors");
      if (errors != null) {
        errors.forEach(o -> {
          String field = ((JsonObject) o).getString("field");
          if (field != null && field.matches("[A-Za-z][A-Za-z0-9]*")) {
            fields.add(field);
          }
        });
      }
    } catch (RuntimeException ignored) {
      // no errors to learn from
    }
    return fields;
  }

  static String printable(String value) {
    String shown = value.length() > 40 ? value.substring(0, 40) + "…(" + value.length() + ")" : value;
    StringBuilder out = new StringBuilder();
    shown.chars().forEach(c -> out.append(c < 0x20 || (c >= 0xD800 && c <= 0xDFFF) || c == 0x202E ? String.format("\\u%04x", c) : (char) c));
    return out.toString();
  }
}
