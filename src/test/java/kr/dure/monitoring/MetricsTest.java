package kr.dure.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.AllowForwardHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.dure.support.Api;
import kr.dure.support.TestApp;
import kr.dure.web.MetricsRoutes;
import org.junit.jupiter.api.Test;

/** {@code /metrics}: Prometheus text with the app's counters, route-labelled HTTP metrics, and who may read it. */
class MetricsTest {

  private static final String COORDINATOR = "coordinator.imsil@dure.demo";
  private static final String CHEESE = "cheese@dure.demo";
  private static final String DAIRY = "dairy@dure.demo";

  private final Api api = new Api();
  private final TestApp app = TestApp.get();

  private String scrape() {
    HttpResponse<Buffer> response = app.client().get("/metrics").send().await();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("text/plain");
    return response.bodyAsString();
  }

  private static double value(String text, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  @Test
  void a_booking_and_a_conflict_show_in_the_counters() {
    long r = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject()).getLong("id");
    LocalDate day = api.workday(5);
    String before = scrape();
    JsonObject slot = Api.booking(r, Api.at(day, "10:00"), Api.at(day, "11:00"));
    assertThat(api.post("/api/v1/bookings", CHEESE, slot).statusCode()).isEqualTo(201);
    assertThat(api.post("/api/v1/bookings", DAIRY, slot).statusCode()).isEqualTo(409);
    String after = scrape();
    assertThat(value(after, "dure_bookings_total")).isEqualTo(value(before, "dure_bookings_total") + 1);
    assertThat(value(after, "dure_booking_conflicts_total")).isEqualTo(value(before, "dure_booking_conflicts_total") + 1);
    assertThat(after).contains("# TYPE dure_waitlist_promotions_total counter", "# TYPE dure_live_clients gauge");
  }

  @Test
  void a_waitlist_promotion_and_job_runs_are_counted() throws InterruptedException {
    long r = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject()).getLong("id");
    LocalDate day = api.workday(5);
    JsonObject slot = Api.booking(r, Api.at(day, "14:00"), Api.at(day, "15:00"));
    long taken = api.post("/api/v1/bookings", CHEESE, slot).bodyAsJsonObject().getLong("id");
    assertThat(api.post("/api/v1/waitlist", DAIRY, slot).statusCode()).isEqualTo(201);
    String before = scrape();
    assertThat(api.post("/api/v1/bookings/" + taken + "/cancel", CHEESE, null).statusCode()).isEqualTo(200);
    app.app().services().bookings().waitlist().expireHolds().await();
    String after = scrape();
    assertThat(value(after, "dure_waitlist_promotions_total")).isEqualTo(value(before, "dure_waitlist_promotions_total") + 1);
    // the jobs run on a timer from 5 s after start; both jobs report runs and (zero) failures
    long until = System.currentTimeMillis() + 15_000;
    while (!after.contains("dure_job_failures_total{job=\"hold-expiry\"}") && System.currentTimeMillis() < until) {
      Thread.sleep(250);
      after = scrape();
    }
    assertThat(after).containsPattern("(?m)^dure_job_runs_total\\{job=\"(no-show-release|hold-expiry)\"\\}");
    assertThat(after).containsPattern("(?m)^dure_job_failures_total\\{job=\"(no-show-release|hold-expiry)\"\\}");
  }

  @Test
  void http_pool_and_jvm_metrics_are_there_with_route_templates_not_raw_ids() {
    long r = api.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject()).getLong("id");
    assertThat(api.get("/api/v1/resources/" + r, CHEESE).statusCode()).isEqualTo(200);
    String text = scrape();
    assertThat(text).contains("vertx_http_server_requests_total{", "jvm_memory_used_bytes", "vertx_pool_");
    assertThat(text).containsPattern("vertx_http_server_requests_total\\{[^}]*route=\"[^\"]*/resources/:id\"");
    // a raw id in a label would make one time series per row
    assertThat(text).doesNotContain("/resources/" + r + "\"");
    assertThat(text).doesNotContainPattern("(?m)^vertx_http_server_[a-z_]+\\{[^}]*path=");
  }

  @Test
  void route_labels_keep_the_mount_and_the_endpoint_template_only() {
    String body = "^(?!/(?!api/).+/(photo|import)$).*";
    assertThat(AppMetrics.routeTemplate(body + ">/api/v1/>/bookings/:id>/bookings/:id")).isEqualTo("/api/v1/bookings/:id");
    assertThat(AppMetrics.routeTemplate(body + ">/api/v1/>/bookings>/bookings>/api/v1/")).isEqualTo("/api/v1/bookings");
    assertThat(AppMetrics.routeTemplate(body + ">^/(?!api/|static/|health/).*>/resources/:id")).isEqualTo("/resources/:id");
    assertThat(AppMetrics.routeTemplate(body + ">/static/")).isEqualTo("/static/");
    assertThat(AppMetrics.routeTemplate(body)).isEqualTo("none");
    assertThat(AppMetrics.routeTemplate("")).isEqualTo("none");
  }

  @Test
  void without_a_token_only_this_machine_may_read_and_with_one_the_token_is_required() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      new AppMetrics(registry).bookingConflict();
      Router open = Router.router(vertx);
      // as behind a trusted proxy: the forwarded client address is the one that counts
      open.allowForward(AllowForwardHeaders.X_FORWARD);
      new MetricsRoutes(registry, Optional.empty()).mount(open);
      Router guarded = Router.router(vertx);
      new MetricsRoutes(registry, Optional.of("s3cret-token")).mount(guarded);
      int openPort = vertx.createHttpServer().requestHandler(open).listen(0).await().actualPort();
      int guardedPort = vertx.createHttpServer().requestHandler(guarded).listen(0).await().actualPort();
      WebClient client = WebClient.create(vertx);

      HttpResponse<Buffer> local = client.get(openPort, "localhost", "/metrics").send().await();
      assertThat(local.statusCode()).isEqualTo(200);
      assertThat(local.bodyAsString()).contains("dure_booking_conflicts_total 1.0");
      HttpResponse<Buffer> remote = client.get(openPort, "localhost", "/metrics").putHeader("X-Forwarded-For", "203.0.113.7").send().await();
      assertThat(remote.statusCode()).isEqualTo(404);
      assertThat(remote.bodyAsString()).doesNotContain("dure_");

      assertThat(client.get(guardedPort, "localhost", "/metrics").send().await().statusCode()).isEqualTo(403);
      assertThat(client.get(guardedPort, "localhost", "/metrics").putHeader("Authorization", "Bearer wrong").send().await().statusCode())
          .isEqualTo(403);
      HttpResponse<Buffer> scraper = client.get(guardedPort, "localhost", "/metrics").putHeader("Authorization", "Bearer s3cret-token")
          .send().await();
      assertThat(scraper.statusCode()).isEqualTo(200);
      assertThat(scraper.bodyAsString()).contains("dure_booking_conflicts_total");
    } finally {
      vertx.close().await();
    }
  }
}
