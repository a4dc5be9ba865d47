package kr.dure.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import kr.dure.support.Api;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document ({@code openapi/dure-openapi.yaml}) against the app: it is valid OpenAPI 3.1, it lists exactly the
 * routes mounted under /api/v1, and real answers match its schemas. A new API route fails {@link #every_mounted_route_is_documented_and_every_documented_route_is_mounted}
 * until it is described in the document.
 */
class OpenApiContractTest {

  private static final TestApp APP = TestApp.get();
  private static final Api API = new Api();
  private static final String COORDINATOR = "coordinator.imsil@dure.demo";
  private static final String CHEESE = "cheese@dure.demo";
  private static final String PROBLEM = "application/problem+json";
  private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

  private static JsonObject document() {
    return ApiDocsRoutes.parse(ApiDocsRoutes.load());
  }

  /** "GET /api/v1/resources/{id}" for every route with a method and a path that the app mounts under /api/v1. */
  static TreeSet<String> mountedApiRoutes() {
    Router router = Routes.build(APP.app().vertx(), APP.app().services());
    TreeSet<String> out = new TreeSet<>();
    for (Route mount : router.getRoutes()) {
      if (mount.getSubRouter() == null || mount.getPath() == null || !mount.getPath().startsWith("/api/")) {
        continue;
      }
      String base = mount.getPath().replaceAll("/$", "");
      for (Route route : mount.getSubRouter().getRoutes()) {
        if (route.methods() == null || route.methods().isEmpty()) {
          continue; // authentication and role guards on a prefix (api.route("/bookings*")): not operations
        }
        if (route.getPath() == null) {
          out.add(route.methods() + " regex route (cannot be documented): " + route);
          continue;
        }
        String path = base + route.getPath().replaceAll(":([A-Za-z0-9_]+)", "{$1}");
        for (HttpMethod method : route.methods()) {
          out.add(method.name() + " " + path);
        }
      }
    }
    return out;
  }

  static TreeSet<String> documentedRoutes(JsonObject doc) {
    TreeSet<String> out = new TreeSet<>();
    JsonObject paths = doc.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        if (METHODS.contains(method)) {
          out.add(method.toUpperCase() + " " + path);
        }
      }
    }
    return out;
  }

  @Test
  void the_document_is_valid_openapi_3_1() {
    JsonObject doc = document();
    Vertx vertx = APP.app().vertx();
    assertThat(OpenAPIVersion.fromContract(doc)).isEqualTo(OpenAPIVersion.V3_1);
    // the whole document (every media type included) against the OpenAPI 3.1 meta-schema
    SchemaRepository repository = OpenAPIVersion.V3_1.getRepository(vertx, "app://").await();
    OutputUnit result = OpenAPIVersion.V3_1.validateContract(vertx, repository, doc).await();
    assertThat(result.getValid()).as("OpenAPI 3.1 meta-schema: %s", result.toJson().encodePrettily()).isTrue();
    // and Vert.x's stricter reading (path parameters named in the path, required, unique operation ids, $refs resolve)
    OpenAPIContract contract = OpenAPIContract.from(vertx, jsonMediaTypesOnly(doc)).await();
    assertThat(contract.operations()).hasSize(documentedRoutes(doc).size());
    Set<String> ids = new java.util.HashSet<>();
    contract.operations().forEach(op -> assertThat(ids.add(op.getOperationId())).as("duplicate operationId %s", op.getOperationId()).isTrue());
    // every API error is the shared problem schema
    JsonObject responses = doc.getJsonObject("components").getJsonObject("responses");
    for (String name : responses.fieldNames()) {
      assertThat(responses.getJsonObject(name).getJsonObject("content").getJsonObject("application/problem+json")
          .getJsonObject("schema").getString("$ref")).isEqualTo("#/components/schemas/ProblemDetails");
    }
  }

  @Test
  void every_mounted_route_is_documented_and_every_documented_route_is_mounted() {
    TreeSet<String> mounted = mountedApiRoutes();
    TreeSet<String> documented = documentedRoutes(document());
    assertThat(mounted).as("the router must be readable").hasSizeGreaterThan(100);
    TreeSet<String> undocumented = new TreeSet<>(mounted);
    undocumented.removeAll(documented);
    TreeSet<String> notMounted = new TreeSet<>(documented);
    notMounted.removeAll(mounted);
    assertThat(undocumented).as("routes mounted under /api/v1 but missing from src/main/resources/" + ApiDocsRoutes.RESOURCE
        + " (describe them there):\n  " + String.join("\n  ", undocumented)).isEmpty();
    assertThat(notMounted).as("operations in " + ApiDocsRoutes.RESOURCE + " that the app does not mount:\n  "
        + String.join("\n  ", notMounted)).isEmpty();
  }

  @Test
  void real_answers_match_their_documented_schemas() {
    Vertx vertx = APP.app().vertx();
    OpenAPIContract contract = OpenAPIContract.from(vertx, jsonMediaTypesOnly(document())).await();
    ResponseValidator validator = ResponseValidator.create(vertx, contract);

    valid(validator, "getMe", API.get("/api/v1/me", CHEESE), 200);
    valid(validator, "getMe", APP.client().get("/api/v1/me").send().await(), 401);
    valid(validator, "getResources", API.get("/api/v1/resources", CHEESE), 200);
    valid(validator, "getResources", API.get("/api/v1/resources?kind=BOAT", CHEESE), 400);
    valid(validator, "postAuthToken", APP.client().post("/api/v1/auth/token")
        .sendJsonObject(new JsonObject().put("email", CHEESE).put("password", TestApp.PASSWORD)).await(), 200);

    long resource = API.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject()).getLong("id");
    valid(validator, "getResourcesById", API.get("/api/v1/resources/" + resource, CHEESE), 200);
    LocalDate day = API.workday(5);
    JsonObject booking = Api.booking(resource, Api.at(day, "09:00"), Api.at(day, "10:00"));
    HttpResponse<Buffer> created = API.post("/api/v1/bookings", CHEESE, booking);
    valid(validator, "postBookings", created, 201);
    valid(validator, "postBookings", API.post("/api/v1/bookings", CHEESE, booking), 409);
    valid(validator, "postBookings", API.post("/api/v1/bookings", CHEESE, new JsonObject()), 400);
    valid(validator, "getBookingsById", API.get("/api/v1/bookings/" + created.bodyAsJsonObject().getLong("id"), CHEESE), 200);
    valid(validator, "getBookingsById", API.get("/api/v1/bookings/999999999", CHEESE), 404);
    valid(validator, "getBookings", API.get("/api/v1/bookings", CHEESE), 200);
    valid(validator, "postBookingsByIdCancel", API.post("/api/v1/bookings/" + created.bodyAsJsonObject().getLong("id") + "/cancel",
        CHEESE, null), 200);

    valid(validator, "getProjects", API.get("/api/v1/projects", COORDINATOR), 200);
    valid(validator, "getNotifications", API.get("/api/v1/notifications?limit=5", CHEESE), 200);
    valid(validator, "getNotifications", API.get("/api/v1/notifications?limit=500", CHEESE), 400);
    valid(validator, "getMeNotificationPreferences", API.get("/api/v1/me/notification-preferences", CHEESE), 200);
    valid(validator, "putMeNotificationPreferences", API.put("/api/v1/me/notification-preferences", CHEESE, new JsonObject()), 200);
    valid(validator, "getHolidays", API.get("/api/v1/holidays", CHEESE), 200);
    valid(validator, "getResourcesByIdBlackouts", API.get("/api/v1/resources/" + resource + "/blackouts", CHEESE), 200);
    long run = API.get("/api/v1/resources?kind=DELIVERY_RUN", CHEESE).bodyAsJsonArray().getJsonObject(0).getLong("id");
    HttpResponse<Buffer> departures = API.get("/api/v1/resources/" + run + "/departures", CHEESE);
    assertThat(departures.bodyAsJsonArray()).as("the demo's delivery run has departures").isNotEmpty();
    valid(validator, "getResourcesByIdDepartures", departures, 200);

    HttpResponse<Buffer> calls = APP.client().get("/api/v1/calls").send().await();
    valid(validator, "getCalls", calls, 200);
    valid(validator, "getCallsById", APP.client().get("/api/v1/calls/" + calls.bodyAsJsonArray().getJsonObject(0).getLong("id")).send().await(), 200);
    valid(validator, "getWaitlist", API.get("/api/v1/waitlist", CHEESE), 200);
    HttpResponse<Buffer> feed = API.post("/api/v1/calendar-feeds", CHEESE, new JsonObject().put("name", "OpenAPI test").put("scope", "USER"));
    valid(validator, "postCalendarFeeds", feed, 201);
    valid(validator, "getCalendarFeeds", API.get("/api/v1/calendar-feeds", CHEESE), 200);
    valid(validator, "deleteCalendarFeedsById", API.delete("/api/v1/calendar-feeds/" + feed.bodyAsJsonObject().getLong("id"), CHEESE), 204);
    valid(validator, "getCalendarFeeds", API.get("/api/v1/calendar-feeds", "ministry@dure.demo"), 403);

    // the validator is not vacuous: a body that breaks the schema is refused
    JsonObject wrong = API.get("/api/v1/me", CHEESE).bodyAsJsonObject().put("role", "KING");
    assertThatThrownBy(() -> validator.validate(ValidatableResponse.create(200, wrong.toBuffer(), "application/json"), "getMe").await())
        .hasMessageContaining("role");
  }

  @Test
  void the_document_is_served_without_sign_in_and_cacheable_and_the_page_lists_every_operation() {
    JsonObject doc = document();
    HttpResponse<Buffer> json = APP.client().get("/api/v1/openapi.json").send().await();
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(json.getHeader("Content-Type")).startsWith("application/json");
    assertThat(json.getHeader("Cache-Control")).contains("max-age");
    assertThat(json.bodyAsJsonObject()).isEqualTo(doc);
    HttpResponse<Buffer> yaml = APP.client().get("/api/v1/openapi.yaml").send().await();
    assertThat(yaml.statusCode()).isEqualTo(200);
    assertThat(yaml.getHeader("Content-Type")).startsWith("application/yaml");
    assertThat(ApiDocsRoutes.parse(yaml.bodyAsString())).isEqualTo(doc);
    HttpResponse<Buffer> again = APP.client().get("/api/v1/openapi.yaml").putHeader("If-None-Match", yaml.getHeader("ETag")).send().await();
    assertThat(again.statusCode()).isEqualTo(304);

    HttpResponse<Buffer> page = APP.client().get("/api/docs").putHeader("Accept-Language", "en").send().await();
    assertThat(page.statusCode()).isEqualTo(200);
    String html = page.bodyAsString();
    for (String route : documentedRoutes(doc)) {
      String path = route.substring(route.indexOf(' ') + 1);
      assertThat(html).as(route).contains("<code>" + path + "</code>");
    }
    assertThat(html).contains("problem+json").contains("ProblemDetails").contains("href=\"/api/v1/openapi.yaml\"");
    assertThat(html).doesNotContain("<script>");
    // signed in, the page keeps the header (and its working logout form)
    var session = APP.browserSignedInAs(CHEESE);
    String signedIn = session.get("/api/docs").send().await().bodyAsString();
    assertThat(signedIn).contains("action=\"/logout\"").doesNotContain("name=\"X-CSRF-Token\" value=\"\"");
  }

  private static void valid(ResponseValidator validator, String operationId, HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as("%s: %s", operationId, response.bodyAsString()).isEqualTo(status);
    String type = response.getHeader("Content-Type");
    try {
      String mediaType = type == null ? null : type.split(";")[0].trim();
      if (status >= 400) {
        assertThat(mediaType).as("%s %d is a problem", operationId, status).isEqualTo(PROBLEM);
        mediaType = "application/json"; // see jsonMediaTypesOnly
      }
      validator.validate(ValidatableResponse.create(status, response.body(), mediaType), operationId).await();
    } catch (RuntimeException e) {
      throw new AssertionError(operationId + " " + status + " does not match the document: " + e.getMessage() + "\n" + response.bodyAsString(), e);
    }
  }

  /**
   * A copy of the document without the media types Vert.x's contract reader refuses (text/csv, images, XLSX, YAML...):
   * those bodies are files, which it could not validate anyway. JSON and problem+json stay.
   */
  static JsonObject jsonMediaTypesOnly(JsonObject doc) {
    JsonObject copy = doc.copy();
    JsonObject paths = copy.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        if (!METHODS.contains(method)) {
          continue;
        }
        JsonObject op = paths.getJsonObject(path).getJsonObject(method);
        JsonObject body = op.getJsonObject("requestBody");
        if (body != null && strip(body)) {
          op.remove("requestBody");
        }
        op.getJsonObject("responses").forEach(e -> {
          JsonObject response = (JsonObject) e.getValue();
          if (response.containsKey("content") && strip(response)) {
            response.remove("content");
          }
        });
      }
    }
    // Vert.x's reader knows no application/problem+json: the shared error answers are read as JSON with the same schema
    JsonObject responses = copy.getJsonObject("components").getJsonObject("responses");
    for (String name : responses.fieldNames()) {
      JsonObject content = responses.getJsonObject(name).getJsonObject("content");
      content.put("application/json", content.remove(PROBLEM));
    }
    return copy;
  }

  /** Removes unsupported media types from content; true when none is left. */
  private static boolean strip(JsonObject holder) {
    JsonObject content = holder.getJsonObject("content");
    List<String> drop = new ArrayList<>();
    content.fieldNames().forEach(type -> {
      if (!MediaType.isMediaTypeSupported(type) || type.equals(MediaType.APPLICATION_OCTET_STREAM) || type.equals(MediaType.TEXT_PLAIN)) {
        drop.add(type);
      }
    });
    drop.forEach(content::remove);
    return content.isEmpty();
  }
}
