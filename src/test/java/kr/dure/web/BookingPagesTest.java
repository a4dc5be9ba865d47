package kr.dure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.dure.Services;
import kr.dure.auth.CurrentUser;
import kr.dure.booking.Booking;
import kr.dure.booking.BookingRequest;
import kr.dure.booking.BookingStatus;
import kr.dure.common.Zones;
import kr.dure.resource.Resource;
import kr.dure.resource.ResourceInput;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The booking pages over HTTP, signed in through the login form like a browser: the firm's search,
 * resource page, booking form, "my bookings"; the coordinator's board, approvals and resource editor.
 * Each test books on resources it creates itself, so tests do not share slots.
 */
class BookingPagesTest {

  private static final String FIRM = "cheese@dure.demo";
  private static final String OTHER_FIRM = "dairy@dure.demo";
  private static final String COORDINATOR = "coordinator.imsil@dure.demo";
  private static final Pattern REQUEST_KEY = Pattern.compile("name=\"requestKey\" value=\"([^\"]+)\"");

  private static TestApp app;
  private static Services services;
  private static CurrentUser coordinator;
  private static CurrentUser firm;
  private static CurrentUser otherFirm;
  private static long projectId;
  private static WebClientSession firmBrowser;
  private static WebClientSession coordinatorBrowser;

  @BeforeAll
  static void signIn() {
    app = TestApp.get();
    app.resetThrottle();
    services = app.app().services();
    coordinator = services.auth().authenticate(app.token(COORDINATOR)).await();
    firm = services.auth().authenticate(app.token(FIRM)).await();
    otherFirm = services.auth().authenticate(app.token(OTHER_FIRM)).await();
    projectId = services.projects().visibleTo(coordinator).await().stream()
        .filter(p -> p.code().equals("P-2026-01")).findFirst().orElseThrow().id();
    firmBrowser = app.browserSignedInAs(FIRM);
    coordinatorBrowser = app.browserSignedInAs(COORDINATOR);
  }

  // ---- the firm's pages

  @Test
  void a_firm_finds_its_resources_by_kind_and_sees_the_rules_in_words() {
    Resource r = equipment(new JsonObject().put("approvalRequired", true));
    String all = get(firmBrowser, "/resources", 200);
    assertThat(all).contains(r.nameKo()).contains("운영 담당자가 승인한 뒤에 확정됩니다").contains("10,000원 (시간당)");
    assertThat(get(firmBrowser, "/resources?kind=EQUIPMENT&project=" + projectId, 200)).contains(r.nameKo());
    assertThat(get(firmBrowser, "/resources?kind=FACILITY", 200)).doesNotContain(r.nameKo());
    assertThat(get(firmBrowser, "/resources?kind=SPACESHIP", 400)).contains("선택지 중에서 고르세요");
    // another project's firm does not see it
    assertThat(get(app.browserSignedInAs("garlic@dure.demo"), "/resources", 200)).doesNotContain(r.nameKo());
  }

  @Test
  void the_resource_page_shows_the_week_with_free_and_booked_slots_in_words() {
    Resource r = equipment(new JsonObject());
    LocalDate day = day(3);
    book(otherFirm, r, day.atTime(10, 0), day.atTime(12, 0));
    String page = get(firmBrowser, "/resources/" + r.id() + "?week=" + day, 200);
    assertThat(page)
        .contains("<table class=\"calendar\">").contains("<th scope=\"col\">")
        .contains("slot-booked\">예약됨").contains("slot-free").contains(">가능")
        .contains("?week=" + day.minusDays(day.getDayOfWeek().getValue() - 1).minusWeeks(1))
        .contains("action=\"/resources/" + r.id() + "/book\"").contains("<label for=\"startDate\">");
    String theirs = get(app.browserSignedInAs(OTHER_FIRM), "/resources/" + r.id() + "?week=" + day, 200);
    assertThat(theirs).contains("slot-mine\">내 예약");
    // a click on a free cell fills the form
    String prefilled = get(firmBrowser, "/resources/" + r.id() + "?week=" + day + "&start=" + day + "T14:00", 200);
    assertThat(prefilled).contains("value=\"" + day + "\"").contains("value=\"14:00\"").contains("value=\"15:00\"");
  }

  @Test
  void booking_through_the_form_answers_303_and_the_booking_shows_on_my_bookings() {
    Resource r = equipment(new JsonObject());
    LocalDate day = day(4);
    HttpResponse<Buffer> booked = submitBooking(r, form(day, "09:00", "11:00").add("purpose", "치즈 포장"));
    assertThat(booked.statusCode()).isEqualTo(303);
    String location = booked.getHeader("Location");
    assertThat(location).startsWith("/bookings?booked=");
    String mine = get(firmBrowser, location, 200);
    assertThat(mine).contains("role=\"status\"").contains("예약이 확정되었습니다").contains(r.nameKo()).contains("치즈 포장")
        .contains("예약 확정").contains("20,000원");
    assertThat(bookingsOf(firm, r)).singleElement().satisfies(b -> {
      assertThat(b.status()).isEqualTo(BookingStatus.CONFIRMED);
      assertThat(b.startsAt()).isEqualTo(day.atTime(9, 0).atZone(Zones.SEOUL).toInstant());
    });
  }

  @Test
  void the_same_form_sent_twice_books_once() {
    Resource r = equipment(new JsonObject());
    LocalDate day = day(4);
    String page = get(firmBrowser, "/resources/" + r.id(), 200);
    MultiMap form = form(day, "13:00", "14:00").add("requestKey", requestKey(page));
    HttpResponse<Buffer> first = firmBrowser.post("/resources/" + r.id() + "/book")
        .sendForm(form.add("X-CSRF-Token", TestApp.csrfFrom(page))).await();
    String again = TestApp.csrfFrom(get(firmBrowser, "/resources/" + r.id(), 200));
    HttpResponse<Buffer> second = firmBrowser.post("/resources/" + r.id() + "/book")
        .sendForm(form.set("X-CSRF-Token", again)).await();
    assertThat(first.statusCode()).isEqualTo(303);
    assertThat(second.statusCode()).isEqualTo(303);
    assertThat(second.getHeader("Location")).isEqualTo(first.getHeader("Location"));
    assertThat(bookingsOf(firm, r)).hasSize(1);
  }

  @Test
  void a_refused_booking_shows_the_form_again_with_the_rule_in_words_and_books_nothing() {
    Resource r = equipment(new JsonObject().put("maxMinutes", 60));
    LocalDate day = day(5);
    HttpResponse<Buffer> refused = submitBooking(r, form(day, "10:15", "12:15").add("purpose", "숙성실 점검"));
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.bodyAsString())
        .contains("id=\"error-summary\"").contains("아래 내용을 확인한 뒤 다시 제출하세요")
        .contains("시작과 끝을 30분 단위").contains("한 번에 1시간까지만 예약할 수 있습니다")
        .contains("value=\"10:15\"").contains("value=\"숙성실 점검\"");
    HttpResponse<Buffer> missing = submitBooking(r, MultiMap.caseInsensitiveMultiMap().add("startDate", day.toString()));
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.bodyAsString()).contains("<a href=\"#startDate\">시작: 필수 입력 항목입니다.</a>")
        .contains("aria-invalid=\"true\"");
    assertThat(bookingsOf(firm, r)).isEmpty();
  }

  @Test
  void a_taken_slot_offers_free_times_and_the_waitlist() {
    Resource r = equipment(new JsonObject());
    LocalDate day = day(6);
    book(otherFirm, r, day.atTime(10, 0), day.atTime(11, 0));
    HttpResponse<Buffer> taken = submitBooking(r, form(day, "10:00", "11:00"));
    assertThat(taken.statusCode()).isEqualTo(409);
    assertThat(unescaped(taken.bodyAsString())).contains("이미 다른 예약이 있습니다").contains("예약할 수 있는 다른 시간")
        .contains("&start=" + day + "T11:00").contains("action=\"/resources/" + r.id() + "/waitlist\"");

    String csrf = TestApp.csrfFrom(taken.bodyAsString());
    HttpResponse<Buffer> joined = firmBrowser.post("/resources/" + r.id() + "/waitlist")
        .sendForm(form(day, "10:00", "11:00").add("X-CSRF-Token", csrf)).await();
    assertThat(joined.statusCode()).isEqualTo(303);
    String mine = get(firmBrowser, joined.getHeader("Location"), 200);
    assertThat(mine).contains("대기 명단에 올렸습니다").contains("빈자리 기다리는 중");
    Matcher leave = Pattern.compile("action=\"(/waitlist/\\d+/leave)\"").matcher(mine);
    assertThat(leave.find()).isTrue();
    HttpResponse<Buffer> left = firmBrowser.post(leave.group(1))
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", TestApp.csrfFrom(mine))).await();
    assertThat(left.statusCode()).isEqualTo(303);
    assertThat(get(firmBrowser, "/bookings", 200)).doesNotContain("action=\"" + leave.group(1) + "\"");
  }

  @Test
  void a_weekly_series_books_all_free_dates_or_none_as_the_form_says() {
    Resource r = equipment(new JsonObject());
    LocalDate first = day(14);
    book(otherFirm, r, first.plusWeeks(1).atTime(9, 0), first.plusWeeks(1).atTime(10, 0));
    MultiMap weekly = form(first, "09:00", "10:00").add("repeat", "WEEKLY").add("repeatCount", "3");
    HttpResponse<Buffer> none = submitBooking(r, MultiMap.caseInsensitiveMultiMap().addAll(weekly).add("repeatMode", "ALL_OR_NONE"));
    assertThat(none.statusCode()).isEqualTo(409);
    assertThat(none.bodyAsString()).contains("예약할 수 없는 날짜").contains("아무것도 예약하지 않았습니다")
        .contains("<option value=\"WEEKLY\" selected>");
    assertThat(bookingsOf(firm, r)).isEmpty();

    HttpResponse<Buffer> free = submitBooking(r, MultiMap.caseInsensitiveMultiMap().addAll(weekly).add("repeatMode", "FREE_ONES"));
    assertThat(free.statusCode()).isEqualTo(303);
    assertThat(get(firmBrowser, free.getHeader("Location"), 200)).contains("2번 예약했습니다").contains("이미 찬 1개 날짜는 예약하지 않았습니다");
    assertThat(bookingsOf(firm, r)).hasSize(2);

    HttpResponse<Buffer> noEnd = submitBooking(r, form(first.plusDays(1), "09:00", "10:00").add("repeat", "DAILY"));
    assertThat(noEnd.statusCode()).isEqualTo(400);
    assertThat(noEnd.bodyAsString()).contains("반복 종료일: 반복 종료일이나 반복 횟수(1~100) 중 하나를 입력하세요");
  }

  @Test
  void a_place_freed_for_the_waitlist_is_claimed_from_my_bookings() {
    Resource r = equipment(new JsonObject());
    LocalDate day = day(11);
    Booking theirs = book(otherFirm, r, day.atTime(10, 0), day.atTime(11, 0));
    HttpResponse<Buffer> taken = submitBooking(r, form(day, "10:00", "11:00"));
    assertThat(taken.statusCode()).isEqualTo(409);
    HttpResponse<Buffer> joined = firmBrowser.post("/resources/" + r.id() + "/waitlist")
        .sendForm(form(day, "10:00", "11:00").add("X-CSRF-Token", TestApp.csrfFrom(taken.bodyAsString()))).await();
    assertThat(joined.statusCode()).isEqualTo(303);

    services.bookings().cancel(otherFirm, theirs.id(), "", "127.0.0.1").await();
    Booking held = bookingsOf(firm, r).stream().filter(b -> b.status() == BookingStatus.HELD).findFirst().orElseThrow();
    String mine = get(firmBrowser, "/bookings", 200);
    assertThat(mine).contains("대기 명단 자리 확보").contains("action=\"/bookings/" + held.id() + "/claim\"").contains("까지 수락하지 않으면");
    HttpResponse<Buffer> claimed = firmBrowser.post("/bookings/" + held.id() + "/claim")
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", TestApp.csrfFrom(mine))).await();
    assertThat(claimed.statusCode()).isEqualTo(303);
    assertThat(get(firmBrowser, claimed.getHeader("Location"), 200)).contains("자리를 수락했습니다");
    assertThat(services.bookings().get(firm, held.id()).await().status()).isEqualTo(BookingStatus.CONFIRMED);
    // claiming twice is refused in words
    HttpResponse<Buffer> again = firmBrowser.post("/bookings/" + held.id() + "/claim")
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", TestApp.csrfFrom(get(firmBrowser, "/bookings", 200)))).await();
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.bodyAsString()).contains("수락할 수 있는 자리가 없습니다");
  }

  @Test
  void cancelling_asks_first_then_answers_303() {
    Resource r = equipment(new JsonObject());
    LocalDate day = day(10);
    Booking b = book(firm, r, day.atTime(15, 0), day.atTime(16, 0));
    String mine = get(firmBrowser, "/bookings", 200);
    assertThat(mine).contains("href=\"/bookings/" + b.id() + "/cancel\"");
    String confirm = get(firmBrowser, "/bookings/" + b.id() + "/cancel", 200);
    assertThat(confirm).contains("무료로 취소할 수 있습니다").contains("예약 취소 확정");
    HttpResponse<Buffer> cancelled = firmBrowser.post("/bookings/" + b.id() + "/cancel")
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", TestApp.csrfFrom(confirm)).add("reason", "일정 변경")).await();
    assertThat(cancelled.statusCode()).isEqualTo(303);
    assertThat(get(firmBrowser, cancelled.getHeader("Location"), 200)).contains("예약을 취소했습니다").contains("취소됨");
    assertThat(services.bookings().get(firm, b.id()).await().status()).isEqualTo(BookingStatus.CANCELLED);
    // a second cancel is refused in words on the page, not with a 500
    HttpResponse<Buffer> again = firmBrowser.post("/bookings/" + b.id() + "/cancel")
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", TestApp.csrfFrom(get(firmBrowser, "/bookings", 200)))).await();
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.bodyAsString()).contains("지금 상태에서는 할 수 없는 일입니다");
  }

  @Test
  void a_booking_about_to_start_is_checked_in_and_out_from_my_bookings() {
    Resource r = equipment(new JsonObject().put("checkInOpensMinutes", 60));
    ZonedDateTime now = ZonedDateTime.now(Zones.SEOUL);
    LocalDateTime start = now.toLocalDateTime().truncatedTo(ChronoUnit.HOURS)
        .plusMinutes(now.getMinute() < 30 ? 30 : 60);
    Booking b = book(firm, r, start, start.plusMinutes(30));
    String mine = get(firmBrowser, "/bookings", 200);
    assertThat(mine).contains("action=\"/bookings/" + b.id() + "/check-in\"");
    HttpResponse<Buffer> in = firmBrowser.post("/bookings/" + b.id() + "/check-in")
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", TestApp.csrfFrom(mine))).await();
    assertThat(in.statusCode()).isEqualTo(303);
    String after = get(firmBrowser, in.getHeader("Location"), 200);
    assertThat(after).contains("체크인했습니다").contains("action=\"/bookings/" + b.id() + "/check-out\"");
    HttpResponse<Buffer> out = firmBrowser.post("/bookings/" + b.id() + "/check-out")
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", TestApp.csrfFrom(after))).await();
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(services.bookings().get(firm, b.id()).await().status()).isEqualTo(BookingStatus.COMPLETED);
  }

  @Test
  void form_posts_without_the_csrf_token_are_refused_and_change_nothing() {
    Resource r = equipment(new JsonObject());
    LocalDate day = day(7);
    get(firmBrowser, "/resources/" + r.id(), 200);
    HttpResponse<Buffer> book = firmBrowser.post("/resources/" + r.id() + "/book").sendForm(form(day, "09:00", "10:00")).await();
    assertThat(book.statusCode()).isEqualTo(403);
    assertThat(bookingsOf(firm, r)).isEmpty();
    Booking b = book(firm, r, day.atTime(11, 0), day.atTime(12, 0));
    assertThat(firmBrowser.post("/bookings/" + b.id() + "/cancel").sendForm(MultiMap.caseInsensitiveMultiMap()).await().statusCode())
        .isEqualTo(403);
    assertThat(services.bookings().get(firm, b.id()).await().status()).isEqualTo(BookingStatus.CONFIRMED);
    assertThat(coordinatorBrowser.post("/coordinator/resources").sendForm(MultiMap.caseInsensitiveMultiMap()
        .add("projectId", String.valueOf(projectId)).add("kind", "EQUIPMENT").add("nameKo", "위조 자원")).await().statusCode())
        .isEqualTo(403);
  }

  @Test
  void a_firm_cannot_open_coordinator_pages_and_a_coordinator_cannot_book_as_a_firm() {
    for (String path : List.of("/coordinator/board", "/coordinator/approvals", "/coordinator/resources",
        "/coordinator/resources/new")) {
      HttpResponse<Buffer> refused = firmBrowser.get(path).send().await();
      assertThat(refused.statusCode()).as(path).isEqualTo(403);
      assertThat(refused.bodyAsString()).contains("권한이 없습니다");
    }
    assertThat(coordinatorBrowser.get("/bookings").send().await().statusCode()).isEqualTo(403);
    assertThat(app.client().get("/bookings").send().await().statusCode()).isEqualTo(302);
  }

  @Test
  void the_pages_read_in_english_too() {
    Resource r = equipment(new JsonObject().put("nameEn", "Test vacuum packer"));
    WebClientSession english = app.browserSignedInAs(OTHER_FIRM);
    english.get("/lang/en").send().await();
    assertThat(get(english, "/resources", 200)).contains("Find shared resources").contains("Test vacuum packer").contains("KRW 10,000 (per hour)");
    assertThat(get(english, "/resources/" + r.id(), 200)).contains("This week").contains(">Free").contains("Bookings go in steps of 30 min.");
    assertThat(get(english, "/bookings", 200)).contains("Our bookings").contains("Upcoming bookings");
  }

  // ---- the coordinator's pages

  @Test
  void approval_needed_bookings_wait_in_the_queue_and_a_rejection_needs_a_reason() {
    Resource r = equipment(new JsonObject().put("approvalRequired", true));
    LocalDate day = day(8);
    HttpResponse<Buffer> requested = submitBooking(r, form(day, "09:00", "10:00"));
    assertThat(requested.statusCode()).isEqualTo(303);
    assertThat(get(firmBrowser, requested.getHeader("Location"), 200)).contains("예약을 신청했습니다").contains("승인 대기");
    long id = bookingsOf(firm, r).get(0).id();

    String queue = get(coordinatorBrowser, "/coordinator/approvals?project=" + projectId, 200);
    assertThat(queue).contains(r.nameKo()).contains("(주)임실숲골치즈").contains("action=\"/coordinator/approvals/" + id + "/reject\"");
    HttpResponse<Buffer> noReason = coordinatorBrowser.post("/coordinator/approvals/" + id + "/reject")
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", TestApp.csrfFrom(queue))
            .add("project", String.valueOf(projectId)).add("reason", " ")).await();
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(noReason.bodyAsString()).contains("반려 사유: 필수 입력 항목입니다").contains("aria-invalid=\"true\"");
    assertThat(services.bookings().get(firm, id).await().status()).isEqualTo(BookingStatus.REQUESTED);

    HttpResponse<Buffer> rejected = coordinatorBrowser.post("/coordinator/approvals/" + id + "/reject")
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", TestApp.csrfFrom(noReason.bodyAsString()))
            .add("project", String.valueOf(projectId)).add("reason", "장비 점검 주간")).await();
    assertThat(rejected.statusCode()).isEqualTo(303);
    assertThat(get(coordinatorBrowser, rejected.getHeader("Location"), 200)).contains("예약을 반려했습니다")
        .doesNotContain("action=\"/coordinator/approvals/" + id + "/reject\"");
    assertThat(get(firmBrowser, "/bookings", 200)).contains("반려됨").contains("장비 점검 주간");

    HttpResponse<Buffer> second = submitBooking(r, form(day, "11:00", "12:00"));
    long other = bookingsOf(firm, r).stream().filter(b -> b.status() == BookingStatus.REQUESTED).findFirst().orElseThrow().id();
    assertThat(second.statusCode()).isEqualTo(303);
    String again = get(coordinatorBrowser, "/coordinator/approvals", 200);
    HttpResponse<Buffer> approved = coordinatorBrowser.post("/coordinator/approvals/" + other + "/approve")
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", TestApp.csrfFrom(again)).add("project", String.valueOf(projectId)))
        .await();
    assertThat(approved.statusCode()).isEqualTo(303);
    assertThat(services.bookings().get(firm, other).await().status()).isEqualTo(BookingStatus.CONFIRMED);
  }

  @Test
  void the_board_shows_a_day_of_all_resources_with_firms_and_blackouts_in_words() {
    Resource r = equipment(new JsonObject());
    LocalDate day = day(9);
    book(firm, r, day.atTime(10, 0), day.atTime(12, 0));
    services.resources().addBlackout(coordinator, r.id(), day.atTime(14, 0).atZone(Zones.SEOUL).toInstant(),
        day.atTime(16, 0).atZone(Zones.SEOUL).toInstant(), "정기 점검", "127.0.0.1").await();
    String board = get(coordinatorBrowser, "/coordinator/board?project=" + projectId + "&date=" + day, 200);
    assertThat(board).contains("<table class=\"board\">").contains(r.nameKo())
        .contains("(주)임실숲골치즈 · 예약 확정").contains("이용 중지: 정기 점검")
        .contains("date=" + day.minusDays(1)).contains("date=" + day.plusDays(1));
    // the demo's refrigerated run leaves Imsil every Tuesday at 06:00
    LocalDate tuesday = LocalDate.now(Zones.SEOUL).plusDays(2).with(java.time.temporal.TemporalAdjusters.nextOrSame(java.time.DayOfWeek.TUESDAY));
    assertThat(get(coordinatorBrowser, "/coordinator/board?project=" + projectId + "&date=" + tuesday, 200)).contains("06:00 출발 · 남은 팔레트");
    assertThat(get(coordinatorBrowser, "/coordinator/board", 200)).contains("예약 현황판");
    assertThat(get(coordinatorBrowser, "/coordinator/board?date=someday", 400)).contains("형식의 날짜를 입력하세요");
    // a project the coordinator does not run is not there
    long other = services.projects().visibleTo(services.auth().authenticate(app.token("ministry@dure.demo")).await()).await().stream()
        .filter(p -> p.code().equals("P-2026-02")).findFirst().orElseThrow().id();
    assertThat(coordinatorBrowser.get("/coordinator/board?project=" + other).send().await().statusCode()).isEqualTo(404);
  }

  @Test
  void the_coordinator_creates_and_edits_a_resource_with_hours_blackouts_and_training() {
    String name = "테스트 공유 작업대 " + UUID.randomUUID().toString().substring(0, 8);
    String blank = get(coordinatorBrowser, "/coordinator/resources/new?project=" + projectId + "&kind=FACILITY", 200);
    assertThat(blank).contains("<label for=\"nameKo\">").contains("<label class=\"visually-hidden\" for=\"opens-1-1\">");
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", TestApp.csrfFrom(blank))
        .add("projectId", String.valueOf(projectId)).add("kind", "FACILITY").add("nameKo", name).add("capacity", "4")
        .add("unitLabelKo", "작업대").add("feeWon", "5000").add("feeBasis", "PER_HOUR").add("slotMinutes", "30")
        .add("horizonDays", "60").add("approvalRequired", "on")
        .add("opens-1-1", "09:00").add("closes-1-1", "12:00").add("opens-1-2", "13:00").add("closes-1-2", "00:00");
    HttpResponse<Buffer> created = coordinatorBrowser.post("/coordinator/resources").sendForm(form).await();
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(303);
    String location = created.getHeader("Location");
    long id = Long.parseLong(location.replaceAll("^/coordinator/resources/(\\d+)/edit.*$", "$1"));
    Resource r = services.resources().get(coordinator, id).await();
    assertThat(r.capacity()).isEqualTo(4);
    assertThat(r.rules().approvalRequired()).isTrue();
    assertThat(r.rules().closedOnHolidays()).as("an unticked box is no").isFalse();
    assertThat(r.openingHours()).hasSize(2);
    assertThat(r.openingHours().get(1).closesMinute()).isEqualTo(1440);

    String edit = get(coordinatorBrowser, location, 200);
    assertThat(edit).contains("자원을 등록했습니다").contains("value=\"" + name + "\"").contains("value=\"13:00\"");

    HttpResponse<Buffer> invalid = coordinatorBrowser.post("/coordinator/resources/" + id).sendForm(MultiMap.caseInsensitiveMultiMap()
        .add("X-CSRF-Token", TestApp.csrfFrom(edit)).add("projectId", String.valueOf(projectId)).add("kind", "FACILITY")
        .add("nameKo", name).add("minMinutes", "120").add("maxMinutes", "60").add("opens-2-1", "18:00").add("closes-2-1", "09:00"))
        .await();
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.bodyAsString()).contains("최대 예약 시간(분): 최대 예약 시간이 최소 예약 시간보다 짧습니다")
        .contains("화요일: 닫는 시각이 여는 시각보다 뒤여야 합니다").contains("value=\"120\"");

    HttpResponse<Buffer> blackout = coordinatorBrowser.post("/coordinator/resources/" + id + "/blackouts")
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", TestApp.csrfFrom(invalid.bodyAsString()))
            .add("startDate", day(2).toString()).add("startTime", "09:00").add("endDate", day(2).toString()).add("endTime", "18:00")
            .add("reason", "바닥 공사")).await();
    assertThat(blackout.statusCode()).isEqualTo(303);
    String withBlackout = get(coordinatorBrowser, blackout.getHeader("Location"), 200);
    assertThat(withBlackout).contains("바닥 공사").contains("이용 중지 기간을 추가했습니다");

    HttpResponse<Buffer> noReason = coordinatorBrowser.post("/coordinator/resources/" + id + "/blackouts")
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", TestApp.csrfFrom(withBlackout))
            .add("startDate", day(3).toString()).add("startTime", "09:00")).await();
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(noReason.bodyAsString()).contains("끝: 필수 입력 항목입니다").contains("사유: 필수 입력 항목입니다");

    long cheeseUser = firm.userId();
    HttpResponse<Buffer> trained = coordinatorBrowser.post("/coordinator/resources/" + id + "/qualifications")
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", TestApp.csrfFrom(noReason.bodyAsString()))
            .add("userId", String.valueOf(cheeseUser)).add("validUntil", day(100).toString()).add("note", "안전 교육")).await();
    assertThat(trained.statusCode()).isEqualTo(303);
    assertThat(get(coordinatorBrowser, trained.getHeader("Location"), 200)).contains("안전 교육").contains("유효");

    String list = get(coordinatorBrowser, "/coordinator/resources?project=" + projectId, 200);
    assertThat(list).contains(name).contains("href=\"/coordinator/resources/" + id + "/edit\"");
    // a firm sees the new facility with its units and opening hours
    LocalDate nextMonday = day(7).with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
    assertThat(get(firmBrowser, "/resources/" + id + "?week=" + nextMonday, 200)).contains("남은 작업대 4").contains("09:00–12:00, 13:00–24:00");
  }

  @Test
  void a_form_with_unticked_boxes_and_midnight_reads_like_the_api() {
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("projectId", "1").add("kind", "EQUIPMENT").add("nameKo", "장비")
        .add("feeWon", "1000").add("feeBasis", "PER_HOUR").add("opens-3-1", "08:00:00").add("closes-3-1", "00:00");
    ResourceInput input = ResourceInput.fromForm(form);
    assertThat(input.rules().closedOnHolidays()).isFalse();
    assertThat(input.rules().approvalRequired()).isFalse();
    assertThat(input.openingHours()).singleElement().satisfies(h -> {
      assertThat(h.weekday()).isEqualTo(3);
      assertThat(h.opensMinute()).isEqualTo(480);
      assertThat(h.closesMinute()).isEqualTo(1440);
    });
    assertThat(input.feeWon()).isEqualTo(1000);
  }

  // ---- helpers

  /** Equipment of P-2026-01, always open, not closed on holidays, 10,000 won an hour; {@code rules} override. */
  private static Resource equipment(JsonObject rules) {
    JsonObject json = new JsonObject().put("projectId", projectId).put("kind", "EQUIPMENT")
        .put("nameKo", "테스트 진공포장기 " + UUID.randomUUID().toString().substring(0, 8))
        .put("feeWon", 10_000).put("feeBasis", "PER_HOUR").put("closedOnHolidays", false).put("location", "임실 공동가공센터");
    rules.forEach(e -> json.put(e.getKey(), e.getValue()));
    return services.resources().create(coordinator, ResourceInput.fromJson(json), "127.0.0.1").await();
  }

  private static LocalDate day(int daysAhead) {
    return LocalDate.now(Zones.SEOUL).plusDays(daysAhead);
  }

  private static Booking book(CurrentUser who, Resource r, LocalDateTime start, LocalDateTime end) {
    BookingRequest request = BookingRequest.fromJson(new JsonObject().put("resourceId", r.id())
        .put("start", start.toString()).put("end", end.toString()));
    JsonObject body = services.bookings().create(who, request, null, null, "127.0.0.1").await().body();
    return services.bookings().get(who, body.getLong("id")).await();
  }

  private static List<Booking> bookingsOf(CurrentUser who, Resource r) {
    Instant now = Instant.now();
    return services.bookings().mine(who, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(60))).await().stream()
        .filter(b -> b.resourceId() == r.id()).toList();
  }

  private static MultiMap form(LocalDate day, String start, String end) {
    return MultiMap.caseInsensitiveMultiMap().add("startDate", day.toString()).add("startTime", start)
        .add("endDate", day.toString()).add("endTime", end);
  }

  /** Opens the resource page for its token, then submits the booking form as the firm. */
  private static HttpResponse<Buffer> submitBooking(Resource r, MultiMap form) {
    String page = get(firmBrowser, "/resources/" + r.id(), 200);
    return firmBrowser.post("/resources/" + r.id() + "/book")
        .sendForm(form.add("X-CSRF-Token", TestApp.csrfFrom(page)).add("requestKey", requestKey(page))).await();
  }

  /** Handlebars writes = and & in attributes as entities; assertions read them plain. */
  private static String unescaped(String html) {
    return html.replace("&#x3D;", "=").replace("&amp;", "&");
  }

  private static String requestKey(String page) {
    Matcher m = REQUEST_KEY.matcher(page);
    assertThat(m.find()).as("request key in the booking form").isTrue();
    return m.group(1);
  }

  private static String get(WebClientSession browser, String path, int status) {
    HttpResponse<Buffer> response = browser.get(path).send().await();
    assertThat(response.statusCode()).as(path + ": " + response.bodyAsString()).isEqualTo(status);
    return unescaped(response.bodyAsString());
  }
}
