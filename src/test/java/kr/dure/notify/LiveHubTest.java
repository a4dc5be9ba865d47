package kr.dure.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The hub on its own: keep-alive comments on an idle stream, events by the view, and a closed stream leaving. */
@org.junit.jupiter.api.Timeout(30)
class LiveHubTest {

  @Test
  void an_idle_stream_gets_keep_alive_comments_and_a_closed_one_leaves_the_hub() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      LiveHub hub = new LiveHub(vertx, 200);
      hub.start();
      int port = vertx.createHttpServer()
          .requestHandler(req -> hub.open(7, req.response(), change -> change.resourceId() == 42 ? change.busyFree(1) : null))
          .listen(0).await().actualPort();
      HttpClient client = vertx.createHttpClient();
      StringBuffer received = new StringBuffer();
      HttpClientResponse response = client.request(HttpMethod.GET, port, "localhost", "/")
          .compose(r -> r.send()).map(r -> r.handler(b -> received.append(b.toString()))).await();
      assertThat(response.getHeader("Content-Type")).startsWith("text/event-stream");
      long until = System.currentTimeMillis() + 5_000;
      while (!received.toString().contains(": keep-alive\n\n") && System.currentTimeMillis() < until) {
        Thread.sleep(20);
      }
      assertThat(received.toString()).startsWith("retry: ").contains(": keep-alive\n\n");

      Instant t = Instant.parse("2026-12-01T01:00:00Z");
      hub.publish(new BookingChange(1, 41, 1, 2, "CONFIRMED", true, t, t.plusSeconds(3600), t.plusSeconds(3600)));
      hub.publish(new BookingChange(2, 42, 1, 2, "CONFIRMED", true, t, t.plusSeconds(3600), t.plusSeconds(3600)));
      until = System.currentTimeMillis() + 5_000;
      while (!received.toString().contains("event: booking") && System.currentTimeMillis() < until) {
        Thread.sleep(20);
      }
      String data = received.substring(received.indexOf("event: booking"));
      JsonObject event = new JsonObject(data.substring(data.indexOf("data: ") + 6, data.indexOf("\n", data.indexOf("data: "))));
      assertThat(event.getLong("resourceId")).isEqualTo(42);
      assertThat(event.containsKey("bookingId")).isFalse();
      assertThat(received.toString()).doesNotContain("\"resourceId\":41");

      assertThat(hub.size()).isEqualTo(1);
      response.request().connection().close().await();
      until = System.currentTimeMillis() + 5_000;
      while (hub.size() > 0 && System.currentTimeMillis() < until) {
        Thread.sleep(20);
      }
      assertThat(hub.size()).isZero();
      hub.close();
    } finally {
      vertx.close().await();
    }
  }
}
