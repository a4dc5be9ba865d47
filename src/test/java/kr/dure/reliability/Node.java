package kr.dure.reliability;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import kr.dure.Application;
import kr.dure.Config;
import kr.dure.demo.DemoData;
import kr.dure.support.TestApp;

/**
 * One app instance of the reliability tests, on its own data directory (never the shared
 * {@link TestApp} database, which these tests terminate and restart), with an HTTP client on a Vert.x
 * of its own (so it outlives the app) and a separate database connection per check.
 */
final class Node implements AutoCloseable {

  static final String COORDINATOR = "coordinator.imsil@dure.demo";
  static final String[] FIRMS = {"cheese@dure.demo", "dairy@dure.demo", "localfood@dure.demo", "coldchain@dure.demo"};
  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  /** No request may hang: every one is answered or fails within this. */
  static final long REQUEST_TIMEOUT_MS = 10_000;

  final Vertx clientVertx;
  final WebClient client;
  Application app;
  final Config config;

  private Node(Application app, Config config) {
    this.app = app;
    this.config = config;
    this.clientVertx = Vertx.vertx();
    this.client = WebClient.create(clientVertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(app.port())
        .setFollowRedirects(false).setConnectTimeout(3_000).setKeepAlive(false),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(64));
  }

  private static Node shared;

  /**
   * The reliability tests' own app (demo data, embedded database in a temporary directory), started
   * once per test JVM like {@link TestApp}. Each test leaves it running and healthy, on whatever port
   * its last restart gave it.
   */
  static synchronized Node shared() {
    if (shared == null) {
      try {
        shared = startFresh("reliability");
        Node node = shared;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> node.app.stop()));
      } catch (Exception e) {
        throw new IllegalStateException("could not start the reliability test application", e);
      }
    }
    return shared;
  }

  /** A fresh app with the demo data on an embedded database in a new temporary directory. */
  static Node startFresh(String name) throws Exception {
    Path dir = Files.createTempDirectory("dure-" + name + "-");
    Config config = TestApp.config(dir);
    return new Node(Application.start(config), config);
  }

  /** A second app on {@code first}'s database (its own temporary data directory, no embedded database). */
  static Node startOnDatabaseOf(Node first) throws Exception {
    PgConnectOptions o = first.db();
    String url = "postgresql://" + o.getUser() + "@" + o.getHost() + ":" + o.getPort() + "/" + o.getDatabase();
    Config config = new Config(Optional.empty(), false, 0, Files.createTempDirectory("dure-second-"),
        Optional.of(TestApp.JWT_SECRET), false, false).withDatabaseUrl(url);
    return new Node(Application.start(config), config);
  }

  /** Where the database is now (an embedded one gets a new port on each start of the app). */
  PgConnectOptions db() {
    return new PgConnectOptions(app.databaseSettings().connectOptions());
  }

  int port() {
    return app.port();
  }

  /** Stops the app and starts it again on the same data directory (a new port). */
  void restart() throws Exception {
    app.stop();
    app = Application.start(config);
  }

  /** Bearer tokens by e-mail; they stay valid across restarts (the JWT secret is kept). */
  private final java.util.Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

  String token(String email) {
    return tokens.computeIfAbsent(email, this::signIn);
  }

  private String signIn(String email) {
    HttpResponse<Buffer> r = client.post(port(), "localhost", "/api/v1/auth/token")
        .sendJsonObject(new JsonObject().put("email", email).put("password", DemoData.PASSWORD)).await();
    if (r.statusCode() != 200) {
      throw new AssertionError("sign-in of " + email + " failed: " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject().getString("token");
  }

  /** An equipment resource in the demo project P-2026-01 with no opening hours (bookable any time). */
  long createEquipment(String coordinatorToken) {
    long project = queryLong("SELECT id FROM project WHERE code = 'P-2026-01'");
    JsonObject body = new JsonObject().put("projectId", project).put("kind", "EQUIPMENT")
        .put("nameKo", "신뢰성 장비 " + UUID.randomUUID()).put("nameEn", "Reliability equipment")
        .put("closedOnHolidays", false).put("horizonDays", 365).put("slotMinutes", 30);
    HttpResponse<Buffer> r = client.post(port(), "localhost", "/api/v1/resources")
        .putHeader("Authorization", "Bearer " + coordinatorToken).sendJsonObject(body).await();
    if (r.statusCode() != 201) {
      throw new AssertionError("resource not created: " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject().getLong("id");
  }

  /** POST /api/v1/bookings with an Idempotency-Key, to this node's port. Never hangs. */
  Future<HttpResponse<Buffer>> book(int port, String token, long resource, Instant start, String key) {
    JsonObject body = new JsonObject().put("resourceId", resource).put("start", start.toString())
        .put("end", start.plusSeconds(1800).toString()).put("purpose", key);
    return client.post(port, "localhost", "/api/v1/bookings").timeout(REQUEST_TIMEOUT_MS)
        .putHeader("Authorization", "Bearer " + token).putHeader("Idempotency-Key", key).sendJsonObject(body);
  }

  Future<HttpResponse<Buffer>> book(String token, long resource, Instant start, String key) {
    return book(port(), token, resource, start, key);
  }

  HttpResponse<Buffer> get(String path) {
    return client.get(port(), "localhost", path).timeout(REQUEST_TIMEOUT_MS).send().await();
  }

  /** Slot {@code i} (30 minutes each) of a run of slots starting on a day well ahead. */
  static Instant slot(int i) {
    return LocalDate.now(SEOUL).plusDays(20).atTime(LocalTime.MIDNIGHT).atZone(SEOUL).toInstant().plusSeconds(1800L * i);
  }

  /** A query on a connection of its own (the app's pool may be the thing under test). */
  RowSet<Row> query(String sql, Object... params) {
    PgConnection c = PgConnection.connect(clientVertx, db()).await();
    try {
      return c.preparedQuery(sql).execute(Tuple.from(params)).await();
    } finally {
      c.close().await();
    }
  }

  long queryLong(String sql, Object... params) {
    return query(sql, params).iterator().next().getLong(0);
  }

  /** Ends every other connection to the database, the app's pool and LISTEN connection included. */
  long terminateAppConnections() {
    return queryLong("""
        SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()) t""");
  }

  @Override
  public void close() {
    try {
      app.stop();
    } finally {
      clientVertx.close().await();
    }
  }
}
