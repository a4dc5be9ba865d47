package kr.dure.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import kr.dure.support.Api;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.Test;

/** The notification centre over HTTP: API paging and ownership, the header count, the pages and the settings. */
class NotificationCentreTest {

  private static final String COORDINATOR = "coordinator.imsil@dure.demo";
  private static final String FIRM = "cheese@dure.demo";
  private static final String OTHER_FIRM = "dairy@dure.demo";
  /** A user no other test notifies, so counts on them are exact. */
  private static final String REVIEWER = "reviewer@dure.demo";

  private final Api api = new Api();
  private final TestApp app = TestApp.get();

  private long insert(String email, String kind, JsonObject params, String link) {
    return api.pool().preparedQuery("INSERT INTO notification (user_id, kind, params, link) VALUES ($1, $2, $3, $4) RETURNING id")
        .execute(Tuple.of(api.userId(email), kind, params, link)).await().iterator().next().getLong(0);
  }

  private void clear(String email) {
    api.pool().preparedQuery("UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL")
        .execute(Tuple.of(api.userId(email))).await();
  }

  @Test
  void the_owner_lists_pages_and_marks_read_and_anyone_else_gets_404() {
    clear(REVIEWER);
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(insert(REVIEWER, "review.assigned", new JsonObject().put("applicationId", 1).put("title", "신청서 " + i), "/review"));
    }
    HttpResponse<Buffer> first = api.get("/api/v1/notifications?unread=true&limit=2", REVIEWER);
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    JsonObject page = first.bodyAsJsonObject();
    assertThat(page.getLong("unread")).isEqualTo(5);
    JsonArray items = page.getJsonArray("items");
    assertThat(items).hasSize(2);
    // newest first, the text written in Korean from the stored key and parameters
    assertThat(items.getJsonObject(0).getLong("id")).isEqualTo(ids.get(4));
    assertThat(items.getJsonObject(0).getString("title")).isEqualTo("평가가 배정되었습니다: 신청서 4");
    assertThat(items.getJsonObject(0).getString("link")).isEqualTo("/review");
    assertThat(items.getJsonObject(0).getBoolean("read")).isFalse();
    long next = page.getLong("nextBefore");
    JsonObject second = api.get("/api/v1/notifications?unread=true&limit=2&before=" + next, REVIEWER).bodyAsJsonObject();
    assertThat(second.getJsonArray("items").stream().map(o -> ((JsonObject) o).getLong("id"))).containsExactly(ids.get(2), ids.get(1));
    JsonObject last = api.get("/api/v1/notifications?unread=true&limit=2&before=" + second.getLong("nextBefore"), REVIEWER)
        .bodyAsJsonObject();
    assertThat(last.getJsonArray("items")).hasSize(1);
    assertThat(last.getValue("nextBefore")).isNull();
    // English on request
    assertThat(api.get("/api/v1/notifications?limit=1&lang=en", REVIEWER).bodyAsJsonObject().getJsonArray("items").getJsonObject(0)
        .getString("title")).isEqualTo("Review assigned: 신청서 4");

    // someone else can neither mark nor see it
    long mine = ids.get(0);
    HttpResponse<Buffer> foreign = api.post("/api/v1/notifications/" + mine + "/read", FIRM, null);
    assertThat(foreign.statusCode()).isEqualTo(404);
    assertThat(foreign.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(api.get("/api/v1/notifications?limit=100", FIRM).bodyAsString()).doesNotContain("신청서 0");
    assertThat(api.count("SELECT count(*) FROM notification WHERE id = $1 AND read_at IS NULL", mine)).isEqualTo(1);

    HttpResponse<Buffer> read = api.post("/api/v1/notifications/" + mine + "/read", REVIEWER, null);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.bodyAsJsonObject().getBoolean("read")).isTrue();
    assertThat(api.get("/api/v1/notifications?unread=true", REVIEWER).bodyAsJsonObject().getLong("unread")).isEqualTo(4);

    HttpResponse<Buffer> all = api.post("/api/v1/notifications/read-all", REVIEWER, null);
    assertThat(all.statusCode()).isEqualTo(200);
    assertThat(all.bodyAsJsonObject().getInteger("marked")).isEqualTo(4);
    assertThat(api.get("/api/v1/notifications?unread=true", REVIEWER).bodyAsJsonObject().getJsonArray("items")).isEmpty();
  }

  @Test
  void pages_follow_the_time_of_the_notification_not_the_order_it_was_stored_in() {
    clear(REVIEWER);
    long older = api.pool().preparedQuery("INSERT INTO notification (user_id, kind, params, link, created_at) "
            + "VALUES ($1, 'review.assigned', '{\"title\": \"오래된 것\"}'::jsonb, '/review', now() - interval '3 days') RETURNING id")
        .execute(Tuple.of(api.userId(REVIEWER))).await().iterator().next().getLong(0);
    long newer = insert(REVIEWER, "review.assigned", new JsonObject().put("title", "새것"), "/review");
    long oldest = api.pool().preparedQuery("INSERT INTO notification (user_id, kind, params, link, created_at) "
            + "VALUES ($1, 'review.assigned', '{\"title\": \"가장 오래된 것\"}'::jsonb, '/review', now() - interval '5 days') RETURNING id")
        .execute(Tuple.of(api.userId(REVIEWER))).await().iterator().next().getLong(0);
    JsonObject first = api.get("/api/v1/notifications?unread=true&limit=2", REVIEWER).bodyAsJsonObject();
    assertThat(first.getJsonArray("items").stream().map(o -> ((JsonObject) o).getLong("id"))).containsExactly(newer, older);
    JsonObject rest = api.get("/api/v1/notifications?unread=true&limit=2&before=" + first.getLong("nextBefore"), REVIEWER).bodyAsJsonObject();
    assertThat(rest.getJsonArray("items").stream().map(o -> ((JsonObject) o).getLong("id"))).containsExactly(oldest);
    clear(REVIEWER);
  }

  @Test
  void bad_parameters_are_refused_with_the_parameter_named() {
    for (String query : List.of("limit=0", "limit=101", "limit=x", "unread=maybe", "before=-3", "lang=fr")) {
      HttpResponse<Buffer> r = api.get("/api/v1/notifications?" + query, FIRM);
      assertThat(r.statusCode()).as(query).isEqualTo(400);
      assertThat(r.bodyAsString()).as(query).contains(query.substring(0, query.indexOf('=')));
    }
    assertThat(api.post("/api/v1/notifications/abc/read", FIRM, null).statusCode()).isEqualTo(400);
    assertThat(api.post("/api/v1/notifications/999999999/read", FIRM, null).statusCode()).isEqualTo(404);
    assertThat(app.client().get("/api/v1/notifications").send().await().statusCode()).isEqualTo(401);

    long before = api.count("SELECT count(*) FROM notification_preference");
    HttpResponse<Buffer> unknownKind = api.put("/api/v1/me/notification-preferences", FIRM, new JsonObject().put("kinds",
        new JsonArray().add(new JsonObject().put("kind", "booking.confirmed").put("inApp", true).put("email", false))
            .add(new JsonObject().put("kind", "nope").put("inApp", true).put("email", true))));
    assertThat(unknownKind.statusCode()).isEqualTo(400);
    assertThat(unknownKind.bodyAsString()).contains("kinds[1].kind");
    HttpResponse<Buffer> notBoolean = api.put("/api/v1/me/notification-preferences", FIRM, new JsonObject()
        .put("emailLanguage", "fr").put("kinds", new JsonArray().add(new JsonObject().put("kind", "booking.confirmed")
            .put("inApp", "yes").put("email", false))));
    assertThat(notBoolean.statusCode()).isEqualTo(400);
    assertThat(notBoolean.bodyAsString()).contains("emailLanguage").contains("kinds[0].inApp");
    // nothing of a refused request is saved
    assertThat(api.count("SELECT count(*) FROM notification_preference")).isEqualTo(before);
  }

  @Test
  void preferences_show_the_defaults_and_keep_what_the_user_saves() {
    JsonObject defaults = api.get("/api/v1/me/notification-preferences", COORDINATOR).bodyAsJsonObject();
    assertThat(defaults.getString("emailLanguage")).isEqualTo("ko");
    JsonObject requested = kind(defaults, "booking.requested");
    assertThat(requested.getBoolean("inApp")).isTrue();
    assertThat(requested.getBoolean("email")).isTrue();
    assertThat(requested.getString("label")).isEqualTo("예약 승인 요청 (운영 담당)");
    assertThat(kind(defaults, "design.answered").getBoolean("email")).isFalse();
    try {
      JsonObject saved = api.put("/api/v1/me/notification-preferences", COORDINATOR, new JsonObject().put("kinds", new JsonArray()
          .add(new JsonObject().put("kind", "design.answered").put("inApp", false).put("email", true)))).bodyAsJsonObject();
      assertThat(kind(saved, "design.answered").getBoolean("inApp")).isFalse();
      assertThat(kind(saved, "design.answered").getBoolean("email")).isTrue();
      // a kind left out keeps its setting
      assertThat(kind(saved, "booking.requested").getBoolean("email")).isTrue();
      assertThat(api.count("SELECT count(*) FROM audit_log WHERE action = 'notification.preferences' AND actor_user_id = $1",
          api.userId(COORDINATOR))).isPositive();
    } finally {
      api.put("/api/v1/me/notification-preferences", COORDINATOR, new JsonObject().put("kinds", new JsonArray()
          .add(new JsonObject().put("kind", "design.answered").put("inApp", true).put("email", false))));
    }
  }

  private static JsonObject kind(JsonObject prefs, String kind) {
    return prefs.getJsonArray("kinds").stream().map(o -> (JsonObject) o).filter(o -> kind.equals(o.getString("kind")))
        .findFirst().orElseThrow();
  }

  @Test
  void the_header_shows_the_unread_count_and_the_centre_opens_marks_and_links() {
    clear(REVIEWER);
    long a = insert(REVIEWER, "review.assigned", new JsonObject().put("applicationId", 1).put("title", "헤더 시험 A"), "/review");
    insert(REVIEWER, "review.assigned", new JsonObject().put("applicationId", 1).put("title", "헤더 시험 B"), "/review");
    WebClientSession browser = app.browserSignedInAs(REVIEWER);
    String home = browser.get("/review").send().await().bodyAsString();
    assertThat(home).contains("href=\"/notifications\"").contains("data-unread=\"2\"");

    HttpResponse<Buffer> centre = browser.get("/notifications").send().await();
    assertThat(centre.statusCode()).isEqualTo(200);
    String html = centre.bodyAsString();
    assertThat(html).contains("평가가 배정되었습니다: 헤더 시험 A").contains("평가가 배정되었습니다: 헤더 시험 B")
        .contains("읽지 않은 알림 2건").contains("action=\"/notifications/" + a + "/open\"");
    // B is newer, so it comes first
    assertThat(html.indexOf("헤더 시험 B")).isLessThan(html.indexOf("헤더 시험 A"));

    // opening one marks it read and goes to its subject
    String csrf = TestApp.csrfFrom(html);
    HttpResponse<Buffer> open = browser.post("/notifications/" + a + "/open")
        .sendForm(io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", csrf)).await();
    assertThat(open.statusCode()).isEqualTo(303);
    assertThat(open.getHeader("Location")).isEqualTo("/review");
    assertThat(browser.get("/review").send().await().bodyAsString()).contains("data-unread=\"1\"");

    // someone else's notification cannot be opened through the page either
    WebClientSession other = app.browserSignedInAs(FIRM);
    String otherCsrf = TestApp.csrfFrom(other.get("/notifications").send().await().bodyAsString());
    long b = api.count("SELECT max(id) FROM notification WHERE user_id = $1", api.userId(REVIEWER));
    assertThat(other.post("/notifications/" + b + "/open")
        .sendForm(io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", otherCsrf)).await().statusCode()).isEqualTo(404);

    String fresh = TestApp.csrfFrom(browser.get("/notifications").send().await().bodyAsString());
    HttpResponse<Buffer> all = browser.post("/notifications/read-all")
        .sendForm(io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", fresh)).await();
    assertThat(all.statusCode()).isEqualTo(303);
    String after = browser.get(all.getHeader("Location")).send().await().bodyAsString();
    assertThat(after).contains("모든 알림을 읽음으로 표시했습니다").doesNotContain("data-unread=");

    // the language switch rewrites the stored notifications too
    browser.get("/lang/en?next=/notifications").send().await();
    try {
      assertThat(browser.get("/notifications").send().await().bodyAsString()).contains("Review assigned: 헤더 시험 A");
    } finally {
      browser.get("/lang/ko?next=/notifications").send().await();
    }
  }

  @Test
  void the_settings_page_saves_the_checkboxes_and_the_email_language() {
    WebClientSession browser = app.browserSignedInAs(OTHER_FIRM);
    String page = browser.get("/settings/notifications").send().await().bodyAsString();
    assertThat(page).contains("name=\"email.booking.reminder\" checked").contains("<caption>");
    String csrf = TestApp.csrfFrom(page);
    try {
      io.vertx.core.MultiMap form = io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", csrf).add("emailLanguage", "en");
      for (NotificationKind k : NotificationKind.ALL) {
        form.add("inApp." + k.key(), "on");
        if (!k.key().equals("booking.reminder")) {
          form.add("email." + k.key(), "on");
        }
      }
      HttpResponse<Buffer> saved = browser.post("/settings/notifications").sendForm(form).await();
      assertThat(saved.statusCode()).isEqualTo(303);
      JsonObject prefs = api.get("/api/v1/me/notification-preferences", OTHER_FIRM).bodyAsJsonObject();
      assertThat(prefs.getString("emailLanguage")).isEqualTo("en");
      assertThat(kind(prefs, "booking.reminder").getBoolean("email")).isFalse();
      assertThat(kind(prefs, "design.answered").getBoolean("email")).isTrue();

      String fresh = TestApp.csrfFrom(browser.get("/settings/notifications").send().await().bodyAsString());
      HttpResponse<Buffer> bad = browser.post("/settings/notifications").sendForm(io.vertx.core.MultiMap.caseInsensitiveMultiMap()
          .add("X-CSRF-Token", fresh).add("emailLanguage", "xx")).await();
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.bodyAsString()).contains("언어는 ko 또는 en 중에서 고르세요");
      assertThat(api.get("/api/v1/me/notification-preferences", OTHER_FIRM).bodyAsJsonObject().getString("emailLanguage")).isEqualTo("en");
    } finally {
      JsonArray reset = new JsonArray();
      NotificationKind.ALL.forEach(k -> reset.add(new JsonObject().put("kind", k.key()).put("inApp", true).put("email", k.emailByDefault())));
      api.put("/api/v1/me/notification-preferences", OTHER_FIRM, new JsonObject().put("emailLanguage", "ko").put("kinds", reset));
    }
  }
}
