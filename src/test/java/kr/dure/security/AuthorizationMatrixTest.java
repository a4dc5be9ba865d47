package kr.dure.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.dure.Application;
import kr.dure.auth.Role;
import kr.dure.support.TestApp;
import kr.dure.web.Routes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The authorization matrix (issue 6): every route of the router (pages and {@code /api/v1}) against
 * every role and anonymous, on a row of the caller's own tenant (project P-2026-01, or a row of
 * cheese@ for per-user rows) and of another tenant (P-2026-02, garlic@), compared with
 * {@code src/test/resources/authz-matrix.tsv}. A route without a line there fails, and so does a
 * line without a route.
 *
 * <p>Requests carry empty bodies ({@code {}} for the API, only the CSRF field for page forms), except
 * on the API routes that check their body before the caller's role: those get a body that passes the
 * checks ({@link #BODIES}, {@link #UPLOADS}), so that their lines test the role decision too. Any
 * answer other than 401, 403, 404 or a redirect to the login page counts as ALLOW (a 400/409/422 means
 * the request got past the checks).
 * Since an empty body can still succeed for some actions (approve, cancel, deactivate, remove), the
 * test runs on its OWN application and database (not {@link TestApp#get()}'s shared one), reads first
 * and concurrently, then writes one at a time in a fixed order, so its answers are repeatable.
 *
 * <p>To see what the app answers now: {@code mvn -o -q test -Dtest=AuthorizationMatrixTest
 * -Dauthz.record=true}, which writes {@code target/authz-matrix.observed.tsv} in the matrix format.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

  private static final String MATRIX = "/authz-matrix.tsv";
  /** Callers in matrix column order: anonymous, then one demo user per role (all of P-2026-01 where they have a project). */
  private static final Map<String, String> USERS = new LinkedHashMap<>();

  static {
    USERS.put("MINISTRY", "ministry@dure.demo");
    USERS.put("REVIEWER", "reviewer@dure.demo");
    USERS.put("DESIGN_AGENCY", "design@dure.demo");
    USERS.put("LOCAL_GOV", "imsil@dure.demo");
    USERS.put("COORDINATOR", "coordinator.imsil@dure.demo");
    USERS.put("FIRM", "cheese@dure.demo");
  }

  /** Concrete paths for regex and wildcard routes, whose template cannot be filled in by parameter name. */
  private static final Map<String, String> SAMPLES = Map.of(
      "^/feeds/([A-Za-z0-9_-]{43})\\.ics$", "/feeds/" + "A".repeat(43) + ".ics",
      "/feeds/*", "/feeds/unknown");
  /**
   * Bodies that pass the input checks of the routes that check the body before the caller's role: with
   * an empty body those answer 400 to everyone, and their lines would not test the role decision.
   * {kind} stands for the row of that kind of the tenant asked for (see lookUpIds). A 400 that comes
   * after the role check (a business rule, a row that does not fit) still counts as allowed.
   */
  private static final Map<String, String> BODIES = Map.ofEntries(
      Map.entry("POST /api/v1/applications", "{'callId': {call}}"),
      Map.entry("POST /api/v1/bookings",
          "{'resourceId': {bookable}, 'start': '{slot-start}', 'end': '{slot-end}', 'organisationId': {organisation}}"),
      Map.entry("POST /api/v1/waitlist",
          "{'resourceId': {bookable}, 'start': '{slot-start}', 'end': '{slot-end}', 'organisationId': {organisation}}"),
      Map.entry("POST /api/v1/bookings/:id/reject", "{'reason': 'matrix'}"),
      Map.entry("PUT /api/v1/brands/:id", "{'name': 'matrix brand'}"),
      Map.entry("POST /api/v1/brands/:id/products", "{'organisationId': {organisation}, 'name': 'matrix product'}"),
      Map.entry("POST /api/v1/products/:id/status", "{'status': 'ON_SALE'}"),
      Map.entry("POST /api/v1/design-requests/:id/answer", "{'status': 'IN_PROGRESS'}"),
      Map.entry("POST /api/v1/kpis/:id/reports", "{'period': '2026-Y', 'actual': 10}"),
      Map.entry("POST /api/v1/projects/:id/agreement/changes", "{'kind': 'PLAN', 'reason': 'matrix', 'plan': 'matrix plan'}"),
      Map.entry("POST /api/v1/projects/:id/brands", "{'name': 'matrix brand {caller}'}"),
      Map.entry("POST /api/v1/projects/:id/design-requests", "{'title': 'matrix design'}"),
      Map.entry("POST /api/v1/projects/:id/final-report/return", "{'note': 'matrix'}"),
      Map.entry("POST /api/v1/projects/:id/invitations",
          "{'email': 'matrix-{caller}@example.kr', 'name': 'matrix', 'role': 'FIRM', 'organisationId': {organisation}}"),
      Map.entry("POST /api/v1/projects/:id/organisations", "{'kind': 'UNIVERSITY', 'name': 'matrix university {caller}'}"),
      Map.entry("POST /api/v1/projects/:id/services", "{'name': 'matrix bus', 'category': 'TRANSPORT', 'provider': 'matrix'}"),
      Map.entry("POST /api/v1/projects/:id/spending",
          "{'spentOn': '2026-11-02', 'category': 'PERSONNEL', 'source': 'NATIONAL', 'amountWon': 1000, 'payee': 'matrix'}"),
      Map.entry("POST /api/v1/projects/:id/trades", "{'sellerId': {organisation}, 'buyerId': {member-org}, 'item': 'rice', 'quantity': 1,"
          + " 'amountWon': 1000, 'tradedOn': '2026-11-02'}"),
      Map.entry("POST /api/v1/resources", "{'projectId': {project}, 'kind': 'EQUIPMENT', 'nameKo': '행렬 장비'}"),
      Map.entry("PUT /api/v1/resources/:id", "{'projectId': {project}, 'kind': 'EQUIPMENT', 'nameKo': '행렬 장비'}"),
      Map.entry("POST /api/v1/resources/:id/blackouts",
          "{'start': '2030-01-07T09:00:00+09:00', 'end': '2030-01-07T10:00:00+09:00', 'reason': 'matrix'}"),
      Map.entry("POST /api/v1/resources/:id/departures",
          "{'weekdays': [2], 'departs': '06:00', 'cutoffTime': '17:00', 'pallets': 10, 'kg': 1000, 'from': '2030-01-01', 'until': '2030-01-07'}"),
      Map.entry("POST /api/v1/resources/:id/qualifications", "{'userId': {member-user}, 'validUntil': '2099-12-31'}"),
      Map.entry("POST /api/v1/services/:id/usage", "{'period': '2026-10', 'uses': 1}"));
  private static final Buffer PDF = Buffer.buffer("%PDF-1.4\n%%EOF\n");
  private static final Buffer PNG = Buffer.buffer(java.util.Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="));
  /** Raw uploads checked before the role: the query the route needs, the file and its type. */
  private record Upload(String query, Buffer bytes, String contentType) {
  }

  private static final Map<String, Upload> UPLOADS = Map.of(
      "POST /api/v1/applications/:id/attachments", new Upload("?filename=plan.pdf", PDF, "application/pdf"),
      "POST /api/v1/design-requests/:id/deliverables", new Upload("?filename=logo.pdf", PDF, "application/pdf"),
      "PUT /api/v1/spending/:id/evidence", new Upload("?filename=receipt.pdf", PDF, "application/pdf"),
      "PUT /api/v1/resources/:id/photo", new Upload("", PNG, "image/png"));
  private static final String MISSING = "999999999";
  private static final Pattern PARAM = Pattern.compile(":([A-Za-z]+)");
  private static final String CSRF_REFUSED = "페이지를 새로 고친 뒤 다시 제출하세요";

  private Application app;
  private WebClient client;
  private io.vertx.core.http.HttpClient streams;
  private final Map<String, String> tokens = new LinkedHashMap<>();
  private final Map<String, WebClientSession> browsers = new LinkedHashMap<>();
  /** kind of row → [own tenant's id, other tenant's id]. */
  private final Map<String, String[]> ids = new TreeMap<>();

  @BeforeAll
  void start() throws Exception {
    Path dir = Files.createTempDirectory("dure-authz-");
    app = Application.start(TestApp.config(dir));
    client = WebClient.create(app.vertx(), new WebClientOptions().setDefaultHost("localhost").setDefaultPort(app.port())
        .setFollowRedirects(false), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(12));
    streams = app.vertx().createHttpClient();
    for (var e : USERS.entrySet()) {
      tokens.put(e.getKey(), token(e.getValue()));
      browsers.put(e.getKey(), signIn(e.getValue()));
    }
    lookUpIds();
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.stop();
    }
  }

  @Test
  void every_route_answers_every_caller_as_the_matrix_says() throws IOException {
    List<Endpoint> endpoints = endpoints();
    Map<String, Expectation> matrix = readMatrix();
    Set<String> routeKeys = new TreeSet<>();
    endpoints.forEach(e -> routeKeys.add(e.key()));

    List<String> problems = new ArrayList<>();
    for (String key : routeKeys) {
      if (!matrix.containsKey(key)) {
        problems.add("route without a matrix entry: " + key + " — add a line to src/test/resources" + MATRIX
            + " (method, path, then anonymous and MINISTRY REVIEWER DESIGN_AGENCY LOCAL_GOV COORDINATOR FIRM, each"
            + " A/F/H/U or own/other like A/H); run with -Dauthz.record=true to see what the route answers now");
      }
    }
    for (String key : matrix.keySet()) {
      if (!routeKeys.contains(key)) {
        problems.add("matrix entry without a route (stale, remove the line): " + key);
      }
    }

    Map<String, String> observed = observe(endpoints);
    if (Boolean.getBoolean("authz.record")) {
      writeObserved(endpoints, observed);
    }
    for (Endpoint e : endpoints) {
      Expectation expected = matrix.get(e.key());
      if (expected == null) {
        continue;
      }
      for (int c = 0; c < callers().size(); c++) {
        String caller = callers().get(c);
        for (boolean own : tenants(e)) {
          String got = observed.get(cellKey(e, caller, own));
          String want = expected.cell(c, own);
          if (!want.equals(got == null ? "?" : got.substring(0, 1))) {
            problems.add(e.key() + " as " + caller + (e.tenanted() ? (own ? " (own tenant)" : " (other tenant)") : "")
                + ": expected " + want + ", got " + got);
          }
        }
      }
    }
    assertThat(problems).as("authorization matrix mismatches (A allow, F 403, H 404, U 401/login):\n  "
        + String.join("\n  ", problems) + "\n").isEmpty();
  }

  // ---------------------------------------------------------------- routes

  /** An endpoint of the router: method and path template (regex routes by their pattern, wildcard routes end in *). */
  record Endpoint(HttpMethod method, String template, boolean regex) {

    String key() {
      return method.name() + " " + template;
    }

    boolean api() {
      return template.startsWith("/api/");
    }

    boolean tenanted() {
      Matcher m = PARAM.matcher(template);
      while (m.find()) {
        if (TENANTED.contains(kindOf(template, m.start(), m.group(1)))) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Every endpoint of the application's router and of its sub-routers. Not endpoints, by rule: routes
   * without a method (authentication, body limits, CSRF, security headers), regex routes with a
   * look-ahead (the catch-alls that pick body handlers), static files, health and metrics.
   */
  private List<Endpoint> endpoints() {
    Router router = Routes.build(app.vertx(), app.services());
    List<Endpoint> found = new ArrayList<>();
    walk(router, "", found);
    found.sort(Comparator.comparing(Endpoint::template).thenComparing(e -> e.method().name()));
    return found;
  }

  private static void walk(Router router, String prefix, List<Endpoint> found) {
    for (Route route : router.getRoutes()) {
      if (route.getSubRouter() != null) {
        walk(route.getSubRouter(), prefix + route.getPath().replaceAll("/$", ""), found);
        continue;
      }
      Set<HttpMethod> methods = route.methods();
      if (methods == null || methods.isEmpty()) {
        continue;
      }
      String template;
      boolean regex = route.getPath() == null;
      if (regex) {
        template = route.getName();
        if (template == null || template.contains("(?!")) {
          continue;
        }
      } else {
        template = prefix + route.getPath();
        if (!route.isExactPath()) {
          template = template + "*";
        }
      }
      if (template.startsWith("/static/") || template.startsWith("/health/") || template.equals("/metrics")) {
        continue;
      }
      for (HttpMethod method : methods) {
        found.add(new Endpoint(method, template, regex));
      }
    }
  }

  // ---------------------------------------------------------------- parameters

  /** Kinds of rows that belong to a tenant (a project or a user); the others get one value. */
  private static final Set<String> TENANTED = Set.of("project", "resource", "booking", "blackout", "application", "attachment",
      "agreement-change", "kpi", "spending", "brand", "product", "design-request", "design-file", "service", "notification",
      "invitation", "organisation", "member-org", "member-user", "calendar-feed", "waitlist");

  /** What a path parameter names: by its own name, or for {@code :id} by the path segment before it. */
  static String kindOf(String template, int at, String param) {
    switch (param) {
      case "blackoutId": return "blackout";
      case "aid": return "attachment";
      case "userId": return "member-user";
      case "orgId": return "member-org";
      case "applicationId": return "application";
      case "changeId": return "agreement-change";
      case "spendingId": return "spending";
      case "invitationId": return "invitation";
      case "brandId": return "brand";
      case "productId": return "product";
      case "requestId": return "design-request";
      case "fileId": return "design-file";
      case "month": return "month";
      case "day": return "day";
      case "code": return "language";
      case "n": return "step";
      case "kind": return "resource-kind";
      case "token": return "invitation-token";
      case "id": break;
      default: return "unknown:" + param;
    }
    String before = template.substring(0, at - 1);
    String segment = before.substring(before.lastIndexOf('/') + 1);
    return switch (segment) {
      case "projects" -> "project";
      case "resources" -> "resource";
      case "bookings", "approvals" -> "booking";
      case "calls" -> "call";
      case "applications" -> "application";
      case "agreement-changes" -> "agreement-change";
      case "kpis" -> "kpi";
      case "spending" -> "spending";
      case "brands" -> "brand";
      case "products" -> "product";
      case "design-requests", "requests" -> "design-request";
      case "services" -> "service";
      case "notifications" -> "notification";
      case "invitations" -> "invitation";
      case "organisations" -> "organisation";
      case "calendar-feeds", "calendar" -> "calendar-feed";
      case "waitlist" -> "waitlist";
      case "support-history" -> "support-history";
      default -> "unknown:" + segment + "/:id";
    };
  }

  private String path(Endpoint e, boolean own) {
    if (e.regex() || e.template().endsWith("*")) {
      String sample = SAMPLES.get(e.template());
      if (sample == null) {
        throw new AssertionError("no sample path for " + e.key() + ": add one to AuthorizationMatrixTest.SAMPLES");
      }
      return sample;
    }
    Matcher m = PARAM.matcher(e.template());
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String kind = kindOf(e.template(), m.start(), m.group(1));
      String[] pair = ids.get(kind);
      if (pair == null) {
        throw new AssertionError("no value for path parameter " + m.group() + " (" + kind + ") of " + e.key()
            + ": add it to AuthorizationMatrixTest.kindOf and lookUpIds");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(own ? pair[0] : pair[1]));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * Rows of the own tenant (P-2026-01; cheese@'s for per-user rows) and of the other (P-2026-02;
   * garlic@'s). A kind the demo has no row of gets an id that does not exist (it then shows 404 to
   * everyone allowed in, which the matrix records as H).
   */
  private void lookUpIds() {
    put("project", "SELECT id FROM project WHERE code = $code");
    put("resource", "SELECT min(id) FROM resource WHERE project_id = (SELECT id FROM project WHERE code = $code)");
    // for booking bodies: equipment no route in the path touches (the path's resource gets deactivated on the way)
    put("bookable", "SELECT max(id) FROM resource WHERE kind = 'EQUIPMENT' AND project_id = (SELECT id FROM project WHERE code = $code)");
    put("booking", "SELECT min(b.id) FROM booking b JOIN resource r ON r.id = b.resource_id"
        + " WHERE r.project_id = (SELECT id FROM project WHERE code = $code)");
    put("blackout", "SELECT min(b.id) FROM resource_blackout b JOIN resource r ON r.id = b.resource_id"
        + " WHERE r.project_id = (SELECT id FROM project WHERE code = $code)");
    put("application", "SELECT min(a.id) FROM application a WHERE a.applicant_organisation_id = (SELECT organisation_id FROM app_user WHERE email = $gov)");
    put("attachment", "SELECT min(t.id) FROM application_attachment t JOIN application a ON a.id = t.application_id"
        + " WHERE a.applicant_organisation_id = (SELECT organisation_id FROM app_user WHERE email = $gov)");
    put("agreement-change", "SELECT min(id) FROM agreement_change WHERE project_id = (SELECT id FROM project WHERE code = $code)");
    put("kpi", "SELECT min(id) FROM agreement_kpi WHERE project_id = (SELECT id FROM project WHERE code = $code)");
    put("spending", "SELECT min(id) FROM spending WHERE project_id = (SELECT id FROM project WHERE code = $code)");
    put("brand", "SELECT min(id) FROM joint_brand WHERE project_id = (SELECT id FROM project WHERE code = $code)");
    put("product", "SELECT min(p.id) FROM brand_product p JOIN joint_brand b ON b.id = p.brand_id"
        + " WHERE b.project_id = (SELECT id FROM project WHERE code = $code)");
    put("design-request", "SELECT min(id) FROM design_request WHERE project_id = (SELECT id FROM project WHERE code = $code)");
    put("design-file", "SELECT min(f.id) FROM design_deliverable f JOIN design_request d ON d.id = f.request_id"
        + " WHERE d.project_id = (SELECT id FROM project WHERE code = $code)");
    put("service", "SELECT min(id) FROM local_service WHERE project_id = (SELECT id FROM project WHERE code = $code)");
    put("notification", "SELECT min(id) FROM notification WHERE user_id = (SELECT id FROM app_user WHERE email = $firm)");
    put("invitation", "SELECT min(id) FROM project_invitation WHERE project_id = (SELECT id FROM project WHERE code = $code)");
    put("organisation", "SELECT organisation_id FROM app_user WHERE email = $firm");
    // members the callers are not: removing or deactivating them leaves the callers' own access alone
    put("member-org", "SELECT organisation_id FROM app_user WHERE email = $other");
    put("member-user", "SELECT id FROM app_user WHERE email = $other");
    put("calendar-feed", "SELECT min(id) FROM calendar_feed WHERE user_id = (SELECT id FROM app_user WHERE email = $firm)");
    // reference data of the ministry, not a tenant's row: the same id for both
    put("support-history", "SELECT min(id) FROM support_history");
    put("waitlist", "SELECT min(id) FROM waitlist_entry WHERE user_id = (SELECT id FROM app_user WHERE email = $firm)");
    String call = one("SELECT min(id) FROM grant_call", "", "", "", "");
    ids.put("call", new String[] {call, call});
    ids.put("month", new String[] {"2026-03", "2026-03"});
    ids.put("day", new String[] {"2099-12-31", "2099-12-31"});
    ids.put("language", new String[] {"ko", "ko"});
    ids.put("step", new String[] {"1", "1"});
    ids.put("resource-kind", new String[] {"EQUIPMENT", "EQUIPMENT"});
    ids.put("invitation-token", new String[] {"A".repeat(43), "A".repeat(43)});
    // a booking's hour on the Wednesday at least three days ahead (rules may still refuse it: after the role check)
    java.time.LocalDate wednesday = java.time.LocalDate.now(kr.dure.common.Zones.SEOUL).plusDays(3)
        .with(java.time.temporal.TemporalAdjusters.nextOrSame(java.time.DayOfWeek.WEDNESDAY));
    ids.put("slot-start", new String[] {wednesday + "T10:00:00+09:00", wednesday + "T10:00:00+09:00"});
    ids.put("slot-end", new String[] {wednesday + "T11:00:00+09:00", wednesday + "T11:00:00+09:00"});
    System.out.println("authorization matrix ids (own, other): " + ids.entrySet().stream()
        .map(x -> x.getKey() + "=" + x.getValue()[0] + "," + x.getValue()[1]).toList());
  }

  private void put(String kind, String sql) {
    ids.put(kind, new String[] {
        one(sql, "P-2026-01", "imsil@dure.demo", "cheese@dure.demo", "localfood@dure.demo"),
        one(sql, "P-2026-02", "uiseong@dure.demo", "garlic@dure.demo", "delivery@dure.demo")});
  }

  private String one(String sql, String code, String gov, String firm, String other) {
    String filled = sql.replace("$code", "'" + code + "'").replace("$gov", "'" + gov + "'")
        .replace("$firm", "'" + firm + "'").replace("$other", "'" + other + "'");
    RowSet<Row> rows = app.pool().query(filled).execute().await();
    Object value = rows.iterator().hasNext() ? rows.iterator().next().getValue(0) : null;
    return value == null ? MISSING : value.toString();
  }

  // ---------------------------------------------------------------- calls

  private static List<String> callers() {
    List<String> all = new ArrayList<>();
    all.add("ANONYMOUS");
    all.addAll(USERS.keySet());
    return all;
  }

  private static List<Boolean> tenants(Endpoint e) {
    return e.tenanted() ? List.of(true, false) : List.of(true);
  }

  private static String cellKey(Endpoint e, String caller, boolean own) {
    return e.key() + "|" + caller + "|" + (own || !e.tenanted());
  }

  /**
   * Reads concurrently (a few in flight), then writes one at a time in route order, sign-in and
   * sign-out last, so that an action that succeeds on an empty body does the same thing on every run.
   */
  private Map<String, String> observe(List<Endpoint> endpoints) {
    Map<String, String> observed = new ConcurrentHashMap<>();
    List<Runnable> reads = new ArrayList<>();
    List<Runnable> writes = new ArrayList<>();
    List<Runnable> last = new ArrayList<>();
    for (Endpoint e : endpoints) {
      for (String caller : callers()) {
        for (boolean own : tenants(e)) {
          Runnable call = () -> observed.put(cellKey(e, caller, own), classify(e, send(e, caller, path(e, own), own)));
          if (e.method() == HttpMethod.GET) {
            reads.add(call);
          } else if (e.template().equals("/logout") || e.template().equals("/login")) {
            last.add(call);
          } else {
            writes.add(call);
          }
        }
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (java.util.concurrent.Future<?> done : pool.invokeAll(reads.stream().map(Executors::callable).toList())) {
        done.get();
      }
    } catch (InterruptedException | ExecutionException failure) {
      throw new AssertionError("a read failed", failure);
    } finally {
      pool.shutdownNow();
    }
    writes.forEach(Runnable::run);
    last.forEach(Runnable::run);
    return observed;
  }

  /** What the test looks at in an answer. */
  record Answer(int status, String location, String body) {

    static Answer of(HttpResponse<Buffer> r) {
      return new Answer(r.statusCode(), r.getHeader("Location"), r.bodyAsString());
    }
  }

  /** The route's body from {@link #BODIES} for the tenant asked for, or {} for a route that needs none. */
  private JsonObject body(Endpoint e, String caller, boolean own) {
    String template = BODIES.get(e.key());
    if (template == null) {
      return new JsonObject();
    }
    Matcher m = Pattern.compile("\\{([a-z-]+)}").matcher(template.replace('\'', '"'));
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = m.group(1).equals("caller") ? caller.toLowerCase(java.util.Locale.ROOT) : ids.get(m.group(1))[own ? 0 : 1];
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return new JsonObject(out.toString());
  }

  private Answer send(Endpoint e, String caller, String path, boolean own) {
    boolean anonymous = caller.equals("ANONYMOUS");
    boolean stream = path.startsWith("/live/");
    try {
      Future<HttpResponse<Buffer>> answer;
      if (e.api()) {
        HttpRequest<Buffer> request = client.request(e.method(), path);
        if (!anonymous) {
          request.putHeader("Authorization", "Bearer " + tokens.get(caller));
        }
        Upload upload = UPLOADS.get(e.key());
        if (e.method() == HttpMethod.GET || e.method() == HttpMethod.DELETE) {
          answer = request.send();
        } else if (upload != null) {
          answer = client.request(e.method(), path + upload.query()).putHeaders(request.headers())
              .putHeader("Content-Type", upload.contentType()).sendBuffer(upload.bytes());
        } else {
          answer = request.sendJsonObject(body(e, caller, own));
        }
      } else {
        WebClientSession browser = anonymous ? WebClientSession.create(client) : browsers.get(caller);
        if (stream) {
          return streamStatus(browser, e.method(), path);
        }
        if (e.method() == HttpMethod.GET) {
          answer = browser.request(e.method(), path).send();
        } else {
          String csrf = TestApp.csrfFrom(browser.get(anonymous ? "/login" : "/settings/notifications").send().await().bodyAsString());
          answer = browser.request(e.method(), path).sendForm(MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", csrf));
        }
      }
      return Answer.of(answer.await(20, java.util.concurrent.TimeUnit.SECONDS));
    } catch (Exception failure) {
      throw new AssertionError(e.key() + " as " + caller + " at " + path + " failed: " + failure, failure);
    }
  }

  /** Only the status of an event stream (which stays open): the connection is reset once the head has come. */
  private Answer streamStatus(WebClientSession browser, HttpMethod method, String path) {
    StringBuilder cookies = new StringBuilder();
    for (io.netty.handler.codec.http.cookie.Cookie c : browser.cookieStore().get(false, "localhost", path)) {
      cookies.append(cookies.isEmpty() ? "" : "; ").append(c.name()).append('=').append(c.value());
    }
    int[] status = new int[1];
    String[] location = new String[1];
    streams.request(new io.vertx.core.http.RequestOptions().setMethod(method).setHost("localhost").setPort(app.port())
            .setURI(path).putHeader("Cookie", cookies.toString()))
        .compose(request -> request.send().map(response -> {
          status[0] = response.statusCode();
          location[0] = response.getHeader("Location");
          response.exceptionHandler(ignored -> { });
          request.reset();
          return null;
        })).await();
    return new Answer(status[0], location[0], "");
  }

  /** A, F, H or U, then the status for the report; E for a server error and C for a CSRF refusal (both test or app bugs). */
  private static String classify(Endpoint e, Answer r) {
    int status = r.status();
    String location = Objects.toString(r.location(), "");
    String detail = " (" + status + (location.isEmpty() ? "" : " → " + location.replaceAll("\\?next=.*", "")) + ")";
    if (status >= 500) {
      return "E" + detail;
    }
    if (status == 401 || (status == 302 || status == 303) && location.startsWith("/login")) {
      return "U" + detail;
    }
    if (status == 403) {
      return !e.api() && r.body() != null && r.body().contains(CSRF_REFUSED) ? "C" + detail : "F" + detail;
    }
    if (status == 404) {
      return "H" + detail;
    }
    return "A" + detail;
  }

  private String token(String email) {
    HttpResponse<Buffer> response = client.post("/api/v1/auth/token")
        .sendJsonObject(new JsonObject().put("email", email).put("password", TestApp.PASSWORD)).await();
    assertThat(response.statusCode()).as("sign-in of " + email).isEqualTo(200);
    return response.bodyAsJsonObject().getString("token");
  }

  private WebClientSession signIn(String email) {
    WebClientSession session = WebClientSession.create(client);
    String csrf = TestApp.csrfFrom(session.get("/login").send().await().bodyAsString());
    HttpResponse<Buffer> response = session.post("/login").sendForm(MultiMap.caseInsensitiveMultiMap()
        .add("X-CSRF-Token", csrf).add("email", email).add("password", TestApp.PASSWORD)).await();
    assertThat(response.statusCode()).as("form sign-in of " + email).isEqualTo(303);
    return session;
  }

  // ---------------------------------------------------------------- the matrix file

  /** One line of the matrix: anonymous, then a cell per role, each "X" or "own/other". */
  record Expectation(List<String> cells) {

    String cell(int caller, boolean own) {
      String cell = cells.get(caller);
      int slash = cell.indexOf('/');
      return slash < 0 ? cell : own ? cell.substring(0, slash) : cell.substring(slash + 1);
    }
  }

  private static Map<String, Expectation> readMatrix() throws IOException {
    Map<String, Expectation> matrix = new LinkedHashMap<>();
    var in = AuthorizationMatrixTest.class.getResourceAsStream(MATRIX);
    if (in == null) {
      return matrix;
    }
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        String text = line.replaceAll("\\s+#.*$", "").strip();
        if (text.isEmpty() || text.startsWith("#")) {
          continue;
        }
        String[] parts = text.split("\\s+");
        if (parts.length != 2 + callers().size()) {
          throw new AssertionError(MATRIX + " line " + number + ": expected method, path and " + callers().size()
              + " cells, got: " + line);
        }
        for (int i = 2; i < parts.length; i++) {
          if (!parts[i].matches("[AFHU](/[AFHU])?")) {
            throw new AssertionError(MATRIX + " line " + number + ": a cell is A, F, H or U, or own/other like A/H: " + parts[i]);
          }
        }
        String key = parts[0] + " " + parts[1];
        if (matrix.put(key, new Expectation(List.of(parts).subList(2, parts.length))) != null) {
          throw new AssertionError(MATRIX + " line " + number + ": " + key + " appears twice");
        }
      }
    }
    return matrix;
  }

  /** The observed answers in the matrix format, with the statuses as a comment (for a new route's line). */
  private void writeObserved(List<Endpoint> endpoints, Map<String, String> observed) throws IOException {
    StringBuilder out = new StringBuilder("# method\tpath\tANONYMOUS\t" + String.join("\t", USERS.keySet()) + "\n");
    for (Endpoint e : endpoints) {
      StringBuilder cells = new StringBuilder();
      StringBuilder statuses = new StringBuilder();
      for (String caller : callers()) {
        String own = observed.get(cellKey(e, caller, true));
        String other = observed.get(cellKey(e, caller, false));
        String cell = own.substring(0, 1);
        if (e.tenanted() && !other.substring(0, 1).equals(cell)) {
          cell = cell + "/" + other.substring(0, 1);
        }
        cells.append('\t').append(cell);
        statuses.append(' ').append(own.substring(1).strip()).append(e.tenanted() ? "/" + other.substring(1).strip() : "");
      }
      out.append(e.method().name()).append('\t').append(e.template()).append(cells).append("\t#").append(statuses).append('\n');
    }
    Path file = Path.of("target", "authz-matrix.observed.tsv");
    Files.writeString(file, out.toString());
    System.out.println("observed matrix written to " + file.toAbsolutePath());
  }
}
