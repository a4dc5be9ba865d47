package kr.dure.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import kr.dure.Application;
import kr.dure.Config;
import kr.dure.support.Api;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live updates across two app instances on one database: a booking made through instance A reaches
 * the event streams open on instance B, through PostgreSQL LISTEN/NOTIFY; who may follow which
 * stream and what a firm sees; the per-user limit; and the listener surviving a killed connection.
 */
@org.junit.jupiter.api.Timeout(60)
class LiveUpdatesTest {

  private static final String COORDINATOR = "coordinator.imsil@dure.demo";
  private static final String MINISTRY = "ministry@dure.demo";
  private static final String CHEESE = "cheese@dure.demo";
  private static final String DAIRY = "dairy@dure.demo";
  private static final String GARLIC = "garlic@dure.demo";

  private static Application second;
  private static Vertx vertx;
  private static HttpClient http;

  private final Api api = new Api();
  private final TestApp first = TestApp.get();

  @BeforeAll
  static void startSecondInstance() throws Exception {
    TestApp a = TestApp.get();
    PgConnectOptions db = a.app().databaseSettings().connectOptions();
    String url = "postgresql://" + db.getUser() + "@" + db.getHost() + ":" + db.getPort() + "/" + db.getDatabase();
    second = Application.start(new Config(Optional.empty(), false, 0, Files.createTempDirectory("dure-b-"),
        Optional.of(TestApp.JWT_SECRET), false, false).withDatabaseUrl(url));
    vertx = Vertx.vertx();
    // every open stream holds a connection: more than the default five per host
    http = vertx.createHttpClient(new io.vertx.core.http.PoolOptions().setHttp1MaxSize(32));
  }

  @AfterAll
  static void stopSecondInstance() {
    http.close().await();
    vertx.close().await();
    second.stop();
  }

  /** An open event stream and what has arrived on it. */
  record Stream(HttpClientResponse response, List<String> frames, StringBuilder pending) {

    List<JsonObject> events(String type) {
      List<JsonObject> out = new ArrayList<>();
      for (String frame : frames) {
        if (frame.contains("\nevent: " + type + "\n") || frame.startsWith("event: " + type + "\n")) {
          String data = frame.substring(frame.indexOf("data: ") + 6).split("\n")[0];
          out.add(new JsonObject(data));
        }
      }
      return out;
    }

    JsonObject await(String type, Predicate<JsonObject> match) throws InterruptedException {
      long until = System.currentTimeMillis() + 5_000;
      while (System.currentTimeMillis() < until) {
        Optional<JsonObject> found = events(type).stream().filter(match).findFirst();
        if (found.isPresent()) {
          return found.get();
        }
        Thread.sleep(50);
      }
      throw new AssertionError("no matching " + type + " event within 5 s; got " + frames);
    }

    void close() {
      response.request().connection().close().await();
    }
  }

  private Future<HttpClientResponse> connect(int port, String path, String email) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("localhost").setPort(port).setURI(path)
        .putHeader("Accept", "text/event-stream");
    if (email != null) {
      options.putHeader("Authorization", "Bearer " + api.token(email));
    }
    return http.request(options).compose(r -> r.send());
  }

  private Stream open(int port, String path, String email) {
    List<String> frames = new CopyOnWriteArrayList<>();
    StringBuilder pending = new StringBuilder();
    // the handler is set on the event loop as the response arrives, so no early frame is missed
    HttpClientResponse response = connect(port, path, email).map(r -> r.handler(buffer -> {
      synchronized (pending) {
        pending.append(buffer.toString());
        int end;
        while ((end = pending.indexOf("\n\n")) >= 0) {
          frames.add(pending.substring(0, end + 1));
          pending.delete(0, end + 2);
        }
      }
    })).await();
    assertThat(response.statusCode()).as("opening " + path + " as " + email).isEqualTo(200);
    return new Stream(response, frames, pending);
  }

  private long bookThroughFirst(String email, long resource, LocalDate day, String from, String to) {
    var response = api.post("/api/v1/bookings", email, Api.booking(resource, Api.at(day, from), Api.at(day, to)));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getLong("id");
  }

  @Test
  void a_booking_made_on_one_instance_reaches_streams_on_the_other_and_a_firm_sees_only_busy_time() throws Exception {
    long project = api.projectId("P-2026-01");
    long r = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject()).getLong("id");
    List<String> raw = new CopyOnWriteArrayList<>();
    PgSubscriber probe = PgSubscriber.subscriber(vertx, first.app().databaseSettings().connectOptions());
    probe.channel(LiveListener.CHANNEL).handler(raw::add);
    probe.connect().await();
    Stream board = open(second.port(), "/live/projects/" + project, COORDINATOR);
    Stream other = open(second.port(), "/live/resources/" + r, DAIRY);
    Stream mine = open(second.port(), "/live/resources/" + r, CHEESE);
    Stream ministry = open(second.port(), "/live/resources/" + r, MINISTRY);
    try {
      assertThat(board.response().getHeader("Content-Type")).startsWith("text/event-stream");
      assertThat(board.response().getHeader("Cache-Control")).isEqualTo("no-cache");
      assertThat(board.response().getHeader("X-Accel-Buffering")).isEqualTo("no");
      long booking = bookThroughFirst(CHEESE, r, api.workday(6), "10:00", "11:00");

      JsonObject full = board.await("booking", e -> e.getLong("bookingId") == booking);
      assertThat(full.getLong("resourceId")).isEqualTo(r);
      assertThat(full.getLong("projectId")).isEqualTo(project);
      assertThat(full.getLong("organisationId")).isEqualTo(api.organisationOf(CHEESE));
      assertThat(full.getString("status")).isEqualTo("CONFIRMED");
      assertThat(ministry.await("booking", e -> e.getLong("bookingId", 0L) == booking).getString("status")).isEqualTo("CONFIRMED");

      JsonObject busy = other.await("booking", e -> e.getLong("resourceId") == r);
      assertThat(busy.getBoolean("busy")).isTrue();
      assertThat(busy.getBoolean("mine")).isFalse();
      assertThat(busy.fieldNames()).doesNotContain("bookingId", "status", "organisationId", "projectId");
      JsonObject own = mine.await("booking", e -> e.getLong("resourceId") == r);
      assertThat(own.getBoolean("mine")).isTrue();
      assertThat(own.getLong("bookingId")).isEqualTo(booking);
      // every event carries an id, and the stream tells the browser how soon to reconnect
      assertThat(board.frames().get(0)).startsWith("retry: ");
      assertThat(board.frames().stream().filter(f -> f.contains("event: booking"))).allMatch(f -> f.startsWith("id: "));

      // a cancellation is a change too: the slot is free again
      assertThat(api.post("/api/v1/bookings/" + booking + "/cancel", CHEESE, new JsonObject()).statusCode()).isEqualTo(200);
      assertThat(other.await("booking", e -> e.getLong("resourceId") == r && !e.getBoolean("busy"))).isNotNull();

      // what the database publishes: ids, status and times, small, and no purpose, fee or names
      assertThat(raw).isNotEmpty();
      assertThat(raw).allSatisfy(p -> {
        assertThat(p.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThan(8000);
        assertThat(new JsonObject(p).fieldNames()).doesNotContain("purpose", "feeWon", "fee_won", "userId");
      });
    } finally {
      board.close();
      other.close();
      mine.close();
      ministry.close();
      probe.close().await();
    }
  }

  @Test
  void streams_need_a_signed_in_user_allowed_to_see_them() throws Exception {
    long project = api.projectId("P-2026-01");
    long r = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject()).getLong("id");
    HttpClientResponse anonymous = connect(first.port(), "/live/projects/" + project, null).await();
    assertThat(anonymous.statusCode()).isIn(302, 303);
    assertThat(anonymous.getHeader("Location")).startsWith("/login");
    HttpClientResponse badToken = http.request(new RequestOptions().setHost("localhost").setPort(first.port())
        .setURI("/live/resources/" + r).putHeader("Authorization", "Bearer not-a-token")).compose(q -> q.send()).await();
    assertThat(badToken.statusCode()).isNotEqualTo(200);
    // a project's stream is for its coordinators and the ministry: not a firm, of this project or another
    assertThat(connect(first.port(), "/live/projects/" + project, CHEESE).await().statusCode()).isEqualTo(403);
    assertThat(connect(first.port(), "/live/projects/" + project, GARLIC).await().statusCode()).isEqualTo(403);
    assertThat(connect(first.port(), "/live/projects/" + project, "coordinator.uiseong@dure.demo").await().statusCode()).isEqualTo(404);
    // another project's resource does not exist for a firm, as on its page
    assertThat(connect(first.port(), "/live/resources/" + r, GARLIC).await().statusCode()).isEqualTo(404);
    assertThat(connect(first.port(), "/live/resources/999999999", CHEESE).await().statusCode()).isEqualTo(404);
    assertThat(connect(first.port(), "/live/resources/abc", CHEESE).await().statusCode()).isEqualTo(400);
  }

  @Test
  void a_page_session_cookie_opens_a_stream() throws Exception {
    long r = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject()).getLong("id");
    var session = first.browserSignedInAs(DAIRY);
    String cookie = null;
    for (var c : session.cookieStore().get(false, "localhost", "/")) {
      if (c.name().equals(kr.dure.web.Authentication.SESSION_COOKIE)) {
        cookie = c.value();
      }
    }
    assertThat(cookie).isNotNull();
    HttpClientResponse response = http.request(new RequestOptions().setHost("localhost").setPort(first.port())
        .setURI("/live/resources/" + r).putHeader("Cookie", kr.dure.web.Authentication.SESSION_COOKIE + "=" + cookie))
        .compose(q -> q.send()).await();
    try {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.getHeader("Content-Type")).startsWith("text/event-stream");
    } finally {
      response.request().connection().close().await();
    }
  }

  @Test
  void one_user_holds_at_most_five_streams_and_closed_streams_leave_the_registry() throws Exception {
    LiveHub hub = second.services().liveHub();
    int before = hub.size();
    long r = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject()).getLong("id");
    List<Stream> streams = new ArrayList<>();
    try {
      for (int i = 0; i < LiveHub.MAX_PER_USER; i++) {
        streams.add(open(second.port(), "/live/resources/" + r, DAIRY));
      }
      assertThat(hub.size()).isEqualTo(before + LiveHub.MAX_PER_USER);
      HttpClientResponse sixth = connect(second.port(), "/live/resources/" + r, DAIRY).await();
      assertThat(sixth.statusCode()).isEqualTo(429);
      assertThat(sixth.getHeader("Retry-After")).isNotNull();
      // another user is not held back by it
      streams.add(open(second.port(), "/live/resources/" + r, CHEESE));
    } finally {
      streams.forEach(Stream::close);
    }
    long until = System.currentTimeMillis() + 5_000;
    while (hub.size() != before && System.currentTimeMillis() < until) {
      Thread.sleep(50);
    }
    assertThat(hub.size()).isEqualTo(before);
    // the slots are free again
    open(second.port(), "/live/resources/" + r, DAIRY).close();
  }

  @Test
  void the_listener_reconnects_after_its_connection_is_terminated_and_events_flow_again() throws Exception {
    long r = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject()).getLong("id");
    LiveListener listener = second.liveListener();
    int pid = listener.backendPid();
    int subscribed = listener.subscriptions();
    assertThat(pid).isPositive();
    Stream stream = open(second.port(), "/live/resources/" + r, COORDINATOR);
    try {
      boolean killed = api.pool().preparedQuery("SELECT pg_terminate_backend($1)").execute(Tuple.of(pid)).await()
          .iterator().next().getBoolean(0);
      assertThat(killed).isTrue();
      long until = System.currentTimeMillis() + 10_000;
      while (listener.subscriptions() == subscribed && System.currentTimeMillis() < until) {
        Thread.sleep(50);
      }
      assertThat(listener.subscriptions()).as("listening again").isGreaterThan(subscribed);
      assertThat(listener.backendPid()).isPositive().isNotEqualTo(pid);
      // the open stream is told to fetch again (changes while the connection was down were not heard)
      stream.await("resync", e -> true);
      long booking = bookThroughFirst(DAIRY, r, api.workday(8), "13:00", "14:00");
      assertThat(stream.await("booking", e -> e.getLong("bookingId", 0L) == booking).getLong("resourceId")).isEqualTo(r);
    } finally {
      stream.close();
    }
  }

  @Test
  void the_board_the_approvals_and_the_resource_calendar_are_marked_for_live_updates() {
    long project = api.projectId("P-2026-01");
    long r = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject()).getLong("id");
    var coordinator = first.browserSignedInAs(COORDINATOR);
    String board = coordinator.get("/coordinator/board?project=" + project).send().await().bodyAsString();
    assertThat(board).contains("id=\"live-board\" data-live=\"/live/projects/" + project + "\"", "/static/js/live.js",
        "aria-live=\"polite\"", "data-live-notice");
    String approvals = coordinator.get("/coordinator/approvals?project=" + project).send().await().bodyAsString();
    assertThat(approvals).contains("id=\"live-approvals\" data-live=\"/live/projects/" + project + "\"");
    String calendar = first.browserSignedInAs(DAIRY).get("/resources/" + r).send().await().bodyAsString();
    assertThat(calendar).contains("id=\"live-calendar\" data-live=\"/live/resources/" + r + "\"");
    var script = first.client().get("/static/js/live.js").send().await();
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.bodyAsString()).contains("EventSource");
    // the page's policy lets the script open its stream on the same origin
    assertThat(script.getHeader("Content-Security-Policy")).contains("connect-src 'self'");
  }
}
