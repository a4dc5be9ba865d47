package kr.dure.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A restart of the app on the same data directory keeps the data, the JWTs issued before it (the
 * secret generated into the data directory is kept) and the calendar-feed tokens.
 */
@Timeout(90)
class RestartSurvivalTest {

  private final Node node = Node.shared();

  @Test
  void bookings_tokens_and_calendar_feeds_survive_a_restart() throws Exception {
    String firm = node.token(Node.FIRMS[1]);
    long resource = node.createEquipment(node.token(Node.COORDINATOR));
    String key = "restart-" + UUID.randomUUID();
    HttpResponse<Buffer> booked = node.book(firm, resource, Node.slot(7), key).await();
    assertThat(booked.statusCode()).isEqualTo(201);
    long bookingId = booked.bodyAsJsonObject().getLong("id");
    HttpResponse<Buffer> feed = node.client.post(node.port(), "localhost", "/api/v1/calendar-feeds")
        .putHeader("Authorization", "Bearer " + firm).sendJsonObject(new JsonObject().put("name", "재시작 확인").put("scope", "USER"))
        .await();
    assertThat(feed.statusCode()).as(feed.bodyAsString()).isEqualTo(201);
    String feedPath = feed.bodyAsJsonObject().getString("path");
    String uid = "UID:booking-" + bookingId + "@dure";
    assertThat(node.get(feedPath).bodyAsString()).contains("BEGIN:VCALENDAR").contains(uid);
    int oldPort = node.port();

    long started = System.currentTimeMillis();
    node.restart();
    long restartMs = System.currentTimeMillis() - started;

    // the old token works on the new process
    HttpResponse<Buffer> again = node.client.get(node.port(), "localhost", "/api/v1/bookings/" + bookingId)
        .putHeader("Authorization", "Bearer " + firm).send().await();
    assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject().getString("purpose")).isEqualTo(key);
    // the same Idempotency-Key replays the stored answer: the key survived with the booking
    HttpResponse<Buffer> replay = node.book(firm, resource, Node.slot(7), key).await();
    assertThat(replay.statusCode()).isEqualTo(201);
    assertThat(replay.bodyAsJsonObject().getLong("id")).isEqualTo(bookingId);
    // the feed token still works and shows the same calendar
    HttpResponse<Buffer> after = node.get(feedPath);
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.bodyAsString()).contains("BEGIN:VCALENDAR").contains(uid);
    assertThat(node.get("/health/ready").statusCode()).isEqualTo(200);
    System.out.printf("RestartSurvivalTest: restart took %d ms (port %d -> %d)%n", restartMs, oldPort, node.port());
  }
}
