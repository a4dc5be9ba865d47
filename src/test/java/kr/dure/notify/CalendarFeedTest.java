package kr.dure.notify;

import static org.assertj.core.api.Assertions.assertThat;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.dure.support.Api;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** iCalendar feeds: creation with a once-shown secret URL, RFC 5545 content, busy-only views, revocation. */
class CalendarFeedTest {

  private static final String FIRM = "cheese@dure.demo";
  private static final String OTHER_FIRM = "dairy@dure.demo";
  private static final String COORDINATOR = "coordinator.imsil@dure.demo";

  private static final Api api = new Api();
  private static long resourceId;
  private static long confirmedId;
  private static long cancelledId;
  private static long otherFirmsId;
  private static final List<Long> created = new ArrayList<>();

  @BeforeAll
  static void seed() {
    TestApp.get().resetThrottle();
    resourceId = api.createResource(COORDINATOR, "P-2026-01", "FACILITY",
        new JsonObject().put("capacity", 10).put("location", "A동, 1층; 가공실")).getLong("id");
    LocalDate day = LocalDate.now(Api.SEOUL).plusDays(10);
    confirmedId = insert(api.organisationOf(FIRM), api.userId(FIRM), Api.at(day, "09:00"), "CONFIRMED");
    cancelledId = insert(api.organisationOf(FIRM), api.userId(FIRM), Api.at(day, "13:00"), "CANCELLED");
    otherFirmsId = insert(api.organisationOf(OTHER_FIRM), api.userId(OTHER_FIRM), Api.at(day, "15:00"), "CONFIRMED");
  }

  private static long insert(long org, long user, Instant start, String status) {
    long id = api.pool().preparedQuery("""
            INSERT INTO booking (resource_id, resource_kind, organisation_id, user_id, starts_at, ends_at, blocked_until, units,
                                 status, purpose)
            VALUES ($1, 'FACILITY', $2, $3, $4, $5, $5, 1, $6, '비밀 목적, 다른 기업에 보이면 안 됨') RETURNING id
            """)
        .execute(Tuple.of(resourceId, org, user, start.atOffset(ZoneOffset.UTC), start.plusSeconds(5400).atOffset(ZoneOffset.UTC), status))
        .await().iterator().next().getLong(0);
    created.add(id);
    return id;
  }

  @AfterAll
  static void cleanUp() {
    api.pool().preparedQuery("DELETE FROM booking WHERE id = ANY($1)").execute(Tuple.of(created.toArray(new Long[0]))).await();
  }

  private static JsonObject createFeed(String email, JsonObject body) {
    HttpResponse<Buffer> response = api.post("/api/v1/calendar-feeds", email, body);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  private static HttpResponse<Buffer> fetch(String path) {
    return TestApp.get().client().get(path).send().await();
  }

  @Test
  void a_feed_is_rfc5545_with_the_seoul_timezone_stable_uids_and_cancelled_status() {
    JsonObject feed = createFeed(FIRM, new JsonObject().put("name", "우리 기업 예약").put("scope", "ORGANISATION"));
    String path = feed.getString("path");
    assertThat(path).matches("/feeds/[A-Za-z0-9_-]{43}\\.ics");
    // only the hash is stored
    assertThat(api.count("SELECT count(*) FROM calendar_feed WHERE id = $1 AND length(token_sha256) = 32", feed.getLong("id"))).isEqualTo(1);

    HttpResponse<Buffer> first = fetch(path);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.getHeader("Content-Type")).isEqualTo("text/calendar; charset=utf-8");
    assertThat(first.getHeader("Cache-Control")).isEqualTo("private, max-age=300");
    assertThat(first.getHeader("Set-Cookie")).isNull();
    String text = first.bodyAsString("UTF-8");
    assertThat(text).contains("BEGIN:VTIMEZONE").contains("TZID:Asia/Seoul").contains("DTSTART;TZID=Asia/Seoul:");
    assertThat(text).contains("\r\n");
    // RFC 5545 3.1: no line longer than 75 octets
    for (String line : text.split("\r\n")) {
      assertThat(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
    }
    // text is escaped: the location's comma and semicolon
    assertThat(text.replace("\r\n ", "")).contains("LOCATION:A동\\, 1층\\; 가공실");

    ICalendar ical = Biweekly.parse(text).first();
    assertThat(ical).isNotNull();
    VEvent confirmed = event(ical, confirmedId);
    VEvent cancelled = event(ical, cancelledId);
    assertThat(confirmed.getStatus().isConfirmed()).isTrue();
    assertThat(cancelled.getStatus().isCancelled()).isTrue();
    assertThat(confirmed.getSequence()).isNotNull();
    assertThat(confirmed.getLastModified()).isNotNull();
    assertThat(confirmed.getSummary().getValue()).contains("테스트 FACILITY");
    assertThat(confirmed.getDateStart().getValue().toInstant())
        .isEqualTo(api.pool().preparedQuery("SELECT starts_at FROM booking WHERE id = $1").execute(Tuple.of(confirmedId)).await()
            .iterator().next().getOffsetDateTime(0).toInstant());
    // another firm's booking is not in this firm's feed
    assertThat(ical.getEvents()).noneMatch(e -> e.getUid().getValue().equals("booking-" + otherFirmsId + "@dure"));

    String again = fetch(path).bodyAsString("UTF-8");
    List<String> uids1 = ical.getEvents().stream().map(e -> e.getUid().getValue()).toList();
    List<String> uids2 = Biweekly.parse(again).first().getEvents().stream().map(e -> e.getUid().getValue()).toList();
    assertThat(uids2).isEqualTo(uids1).contains("booking-" + confirmedId + "@dure");
    assertThat(api.count("SELECT count(*) FROM calendar_feed WHERE id = $1 AND last_used_at IS NOT NULL", feed.getLong("id"))).isEqualTo(1);
  }

  private static VEvent event(ICalendar ical, long bookingId) {
    return ical.getEvents().stream().filter(e -> e.getUid().getValue().equals("booking-" + bookingId + "@dure")).findFirst()
        .orElseThrow(() -> new AssertionError("no event for booking " + bookingId));
  }

  @Test
  void a_firm_subscribed_to_a_resource_sees_other_firms_bookings_only_as_busy() {
    JsonObject feed = createFeed(FIRM, new JsonObject().put("name", "가공실").put("scope", "RESOURCE").put("resourceId", resourceId));
    ICalendar ical = Biweekly.parse(fetch(feed.getString("path")).bodyAsString("UTF-8")).first();
    VEvent others = event(ical, otherFirmsId);
    assertThat(others.getSummary().getValue()).endsWith("예약됨");
    assertThat(others.getDescription()).isNull();
    assertThat(event(ical, confirmedId).getDescription().getValue()).contains("비밀 목적");

    JsonObject coordinatorFeed = createFeed(COORDINATOR,
        new JsonObject().put("name", "가공실 전체").put("scope", "RESOURCE").put("resourceId", resourceId));
    ICalendar full = Biweekly.parse(fetch(coordinatorFeed.getString("path")).bodyAsString("UTF-8")).first();
    assertThat(event(full, otherFirmsId).getSummary().getValue()).contains("섬진강유가공");

    // a firm of another project cannot subscribe to this resource
    assertThat(api.post("/api/v1/calendar-feeds", "garlic@dure.demo",
        new JsonObject().put("name", "x").put("scope", "RESOURCE").put("resourceId", resourceId)).statusCode()).isEqualTo(404);
  }

  @Test
  void a_revoked_or_unknown_token_is_404_and_bad_input_is_400() {
    JsonObject feed = createFeed(FIRM, new JsonObject().put("name", "내 예약").put("scope", "USER"));
    assertThat(fetch(feed.getString("path")).statusCode()).isEqualTo(200);
    // another user cannot revoke it
    assertThat(api.delete("/api/v1/calendar-feeds/" + feed.getLong("id"), OTHER_FIRM).statusCode()).isEqualTo(404);
    assertThat(api.delete("/api/v1/calendar-feeds/" + feed.getLong("id"), FIRM).statusCode()).isEqualTo(204);
    assertThat(fetch(feed.getString("path")).statusCode()).isEqualTo(404);
    assertThat(api.delete("/api/v1/calendar-feeds/" + feed.getLong("id"), FIRM).statusCode()).isEqualTo(404);
    assertThat(fetch("/feeds/" + "A".repeat(43) + ".ics").statusCode()).isEqualTo(404);
    assertThat(fetch("/feeds/short.ics").statusCode()).isEqualTo(404);

    HttpResponse<Buffer> bad = api.post("/api/v1/calendar-feeds", FIRM, new JsonObject().put("name", "").put("scope", "EVERYTHING"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsString()).contains("name").contains("scope");
    assertThat(api.post("/api/v1/calendar-feeds", COORDINATOR, new JsonObject().put("name", "x").put("scope", "ORGANISATION"))
        .statusCode()).isEqualTo(400);
    assertThat(api.post("/api/v1/calendar-feeds", "ministry@dure.demo", new JsonObject().put("name", "x").put("scope", "USER"))
        .statusCode()).isEqualTo(403);
  }

  @Test
  void the_settings_page_shows_the_url_once_and_revokes() {
    WebClientSession browser = TestApp.get().browserSignedInAs(FIRM);
    String page = browser.get("/settings/calendar").send().await().bodyAsString();
    String csrf = TestApp.csrfFrom(page);
    HttpResponse<Buffer> createdPage = browser.post("/settings/calendar").sendForm(MultiMap.caseInsensitiveMultiMap()
        .add("X-CSRF-Token", csrf).add("name", "휴대폰 캘린더").add("scope", "USER")).await();
    assertThat(createdPage.statusCode()).isEqualTo(201);
    Matcher url = Pattern.compile("value=\"(http://[^\"]+/feeds/[A-Za-z0-9_-]{43}\\.ics)\"").matcher(createdPage.bodyAsString());
    assertThat(url.find()).isTrue();
    String path = url.group(1).replaceFirst("^http://[^/]+", "");
    assertThat(fetch(path).statusCode()).isEqualTo(200);

    String list = browser.get("/settings/calendar").send().await().bodyAsString();
    assertThat(list).contains("휴대폰 캘린더").doesNotContain(path);
    Matcher revoke = Pattern.compile("action=\"/settings/calendar/(\\d+)/revoke\"").matcher(list);
    long id = -1;
    while (revoke.find()) {
      long candidate = Long.parseLong(revoke.group(1));
      if (api.count("SELECT count(*) FROM calendar_feed WHERE id = $1 AND name = '휴대폰 캘린더'", candidate) == 1) {
        id = candidate;
      }
    }
    assertThat(id).isPositive();
    HttpResponse<Buffer> revoked = browser.post("/settings/calendar/" + id + "/revoke")
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", TestApp.csrfFrom(list))).await();
    assertThat(revoked.statusCode()).isEqualTo(303);
    assertThat(fetch(path).statusCode()).isEqualTo(404);

    // a missing name re-renders the form with the field named, and creates nothing
    long before = api.count("SELECT count(*) FROM calendar_feed");
    String fresh = browser.get("/settings/calendar").send().await().bodyAsString();
    HttpResponse<Buffer> refused = browser.post("/settings/calendar").sendForm(MultiMap.caseInsensitiveMultiMap()
        .add("X-CSRF-Token", TestApp.csrfFrom(fresh)).add("name", " ").add("scope", "USER")).await();
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.bodyAsString()).contains("id=\"name-error\"");
    assertThat(api.count("SELECT count(*) FROM calendar_feed")).isEqualTo(before);
  }

  @Test
  void a_feed_token_is_found_by_a_fresh_service_with_no_memory_as_after_a_restart() {
    JsonObject feed = createFeed(FIRM, new JsonObject().put("name", "재시작 후에도").put("scope", "USER"));
    String token = feed.getString("token");
    var services = TestApp.get().app().services();
    // a new instance holds nothing of the old one: what it finds comes from the database
    CalendarFeedService fresh = new CalendarFeedService(services.pool(), java.time.Clock.systemUTC(), new CalendarFeedRepository(),
        services.projectAccess(), services.resourceRepository(), services.audit());
    assertThat(fresh.render(token, (lang, key) -> key).await()).isPresent();
    assertThat(fresh.render(token.substring(1) + "A", (lang, key) -> key).await()).isEmpty();
  }
}
