package kr.dure.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import kr.dure.support.Api;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The main journeys of each role in a real (headless) Chromium: clicks and typing on the real pages,
 * axe-core on every page met, a screenshot of each journey's key page in {@code target/browser-artifacts/}.
 * Each journey makes its own rows (resources, bookings, calls) so it shares nothing with other tests.
 */
class BrowserJourneysTest extends BrowserTest {

  // ---- (a) a firm books a free slot, sees it in "my bookings" and cancels it

  @Test
  void a_firm_finds_a_free_slot_books_it_sees_it_and_cancels_it() {
    JsonObject resource = freshEquipment("브라우저 예약 장비", false);
    long resourceId = resource.getLong("id");

    Chromium.signIn(FIRM);
    assertThat(Chromium.path()).isEqualTo("/firm");
    axe("firm home");
    go("nav.main-nav a[href='/resources']");
    axe("resource list");
    new Select(find("#kind")).selectByValue("EQUIPMENT");
    go("form.filter-form button[type=submit]");
    assertThat(Chromium.path()).startsWith("/resources?kind=EQUIPMENT");
    go(".card-title a[href='/resources/" + resourceId + "']");
    assertThat(text("h1")).contains(resource.getString("nameKo"));

    go(".week-nav a[rel=next]");
    axe("resource calendar");
    WebElement free = find("table.calendar td.slot-free a");
    go(free);
    assertThat(Chromium.path()).contains("start=");
    axe("booking form");
    LocalDate day = LocalDate.parse(find("#startDate").getAttribute("value"));
    LocalTime start = LocalTime.parse(find("#startTime").getAttribute("value"));
    find("#endDate").sendKeys(dateKeys(day));
    find("#endTime").sendKeys(timeKeys(start.plusHours(1)));
    assertThat(find("#endDate").getAttribute("value")).isEqualTo(day.toString());
    find("#purpose").sendKeys("브라우저 여정 시험");
    go("#booking-form button[type=submit]");

    assertThat(Chromium.path()).startsWith("/bookings?booked=");
    WebElement row = find("table.bookings tr.highlight");
    assertThat(row.getText()).contains(resource.getString("nameKo")).contains("브라우저 여정 시험");
    axe("my bookings");
    Chromium.screenshot("firm-my-bookings");
    long bookingId = bookingOf(resourceId);
    assertThat(status(bookingId, FIRM)).isEqualTo("CONFIRMED");

    go(row.findElement(By.cssSelector("a[href='/bookings/" + bookingId + "/cancel']")));
    assertThat(text("h1")).isNotBlank();
    axe("cancel confirm step");
    find("#reason").sendKeys("일정 변경");
    go("main form button.button-danger");
    assertThat(Chromium.path()).isEqualTo("/bookings?done=cancelled");
    assertThat(text(".alert-success")).isNotBlank();
    assertThat(status(bookingId, FIRM)).isEqualTo("CANCELLED");
    assertNoViolations();
  }

  // ---- (b) a coordinator approves a requested booking

  @Test
  void a_coordinator_approves_a_request_and_sees_it_on_the_board() {
    JsonObject resource = freshEquipment("브라우저 승인 장비", true);
    LocalDate day = API.workday(9);
    var created = API.post("/api/v1/bookings", FIRM, Api.booking(resource.getLong("id"), Api.at(day, "10:00"), Api.at(day, "11:00"))
        .put("purpose", "승인 여정"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    long bookingId = created.bodyAsJsonObject().getLong("id");
    assertThat(status(bookingId, FIRM)).isEqualTo("REQUESTED");
    long projectId = API.projectId("P-2026-01");

    Chromium.signIn(COORDINATOR);
    axe("coordinator home");
    go("nav.main-nav a[href='/coordinator/approvals']");
    new Select(find("#project")).selectByValue(String.valueOf(projectId));
    go("form.filter-form button[type=submit]");
    axe("approvals");
    WebElement card = find("#request-" + bookingId);
    assertThat(card.getText()).contains(resource.getString("nameKo")).contains("승인 여정");
    go(card.findElement(By.cssSelector("form[action$='/approve'] button")));
    assertThat(Chromium.path()).contains("done=approved");
    assertThat(text(".alert-success")).isNotBlank();
    assertThat(driver().findElements(By.id("request-" + bookingId))).isEmpty();
    assertThat(status(bookingId, FIRM)).isEqualTo("CONFIRMED");

    go("nav.main-nav a[href='/coordinator/board']");
    new Select(find("#project")).selectByValue(String.valueOf(projectId));
    find("#date").sendKeys(dateKeys(day));
    go("form.filter-form button[type=submit]");
    assertThat(Chromium.path()).contains("date=" + day);
    assertThat(text("#day-heading + .table-wrap")).contains(resource.getString("nameKo")).contains("승인 여정");
    axe("board");
    Chromium.screenshot("coordinator-board");
    assertNoViolations();
  }

  // ---- (c) a county fills the application wizard and submits

  @Test
  void a_county_fills_the_wizard_step_by_step_and_submits() {
    long call = openCall("브라우저 신청 공고", 3);
    Chromium.signIn("uiseong@dure.demo");
    axe("local government home");
    Chromium.open("/calls/" + call);
    axe("call page");
    go("main form[action='/applications'] button[type=submit]");
    assertThat(Chromium.path()).matches("/applications/\\d+/step/1");

    axe("wizard step 1");
    find("#title").sendKeys("의성 마늘 공동가공 두레");
    click("label[for='type-LOCAL_SERVICE']");
    click("label[for='type-SHARED_INFRASTRUCTURE']");
    find("#modelDescription").sendKeys("마늘 농가와 가공업체가 공동가공센터를 함께 씁니다.");
    go("button[value=next]");

    assertThat(Chromium.path()).endsWith("/step/2");
    axe("wizard step 2");
    String[][] members = {{"SME", "의성흑마늘(주)", "513-81-00562", "47730"}, {"SME", "의성마늘가공 영농조합법인", "513-86-00679", "47730"},
        {"SME", "안계들녘식품", "513-81-00785", "47730"}, {"INNOVATION_INSTITUTION", "경북바이오산업연구원", "", ""}};
    for (int i = 0; i < members.length; i++) {
      new Select(find("#m" + i + "-kind")).selectByValue(members[i][0]);
      find("#m" + i + "-name").clear();
      find("#m" + i + "-name").sendKeys(members[i][1]);
      find("#m" + i + "-businessNumber").sendKeys(members[i][2]);
      find("#m" + i + "-regionCode").sendKeys(members[i][3]);
    }
    go("button[value=next]");

    assertThat(Chromium.path()).as(text("main")).endsWith("/step/3");
    axe("wizard step 3");
    find("#b-EQUIPMENT_FACILITIES-NATIONAL").sendKeys("200,000,000");
    find("#b-PROMOTION-NATIONAL").sendKeys("100000000");
    find("#b-OPERATIONS-LOCAL").sendKeys("130000000");
    go("button[value=next]");

    assertThat(Chromium.path()).as(text("main")).endsWith("/step/4");
    axe("wizard step 4");
    find("#k0-name").sendKeys("공동가공 이용 건수");
    find("#k0-unit").sendKeys("건");
    find("#k0-target").sendKeys("900");
    go("button[value=next]");

    assertThat(Chromium.path()).as(text("main")).endsWith("/step/5");
    axe("wizard step 5 (confirm)");
    assertThat(text("main")).contains("의성 마늘 공동가공 두레").contains("430,000,000원");
    go("button[value=submit]");

    assertThat(Chromium.path()).as(text("main")).matches("/applications/\\d+/done");
    assertThat(text(".alert-success")).contains("신청서를 제출했습니다");
    axe("application done");
    Chromium.screenshot("local-gov-application-done");
    go("nav.main-nav a[href='/applications']");
    assertThat(text("main")).contains("의성 마늘 공동가공 두레");
    axe("my applications");
    assertNoViolations();
  }

  // ---- (d) a reviewer scores, the ministry sees its home and selects on the ranking

  @Test
  void the_ministry_selects_a_scored_project_and_sees_its_dashboard() {
    long call = openCall("브라우저 선정 공고", 1);
    long id = submittedApplication(call, "goesan@dure.demo", "괴산 선정 여정");
    var assigned = API.post("/api/v1/applications/" + id + "/reviewers", MINISTRY,
        new JsonObject().put("reviewerId", API.userId(REVIEWER)));
    assertThat(assigned.statusCode()).as(assigned.bodyAsString()).isEqualTo(204);

    Chromium.signIn(REVIEWER);
    axe("reviewer home");
    go("main a[href='/review/" + id + "']");
    axe("review page");
    List<WebElement> scores = driver().findElements(By.cssSelector("main input[name^='s-']"));
    assertThat(scores).isNotEmpty();
    for (WebElement score : scores) {
      score.clear();
      score.sendKeys("88");
    }
    go("main form button[type=submit]");
    assertThat(text(".alert-success")).isNotBlank();

    Chromium.signIn(MINISTRY);
    assertThat(Chromium.path()).isEqualTo("/ministry");
    axe("ministry home");
    Chromium.screenshot("ministry-home");
    boolean dashboard = TestApp.get().browserSignedInAs(MINISTRY).get("/ministry/dashboard").send().await().statusCode() == 200;
    if (dashboard) {
      Chromium.open("/ministry/dashboard");
      axe("ministry dashboard");
      Chromium.screenshot("ministry-dashboard");
    }
    Chromium.open("/calls/" + call);
    go("main a[href='/ministry/calls/" + call + "/ranking']");
    axe("ranking");
    assertThat(text("main")).contains("괴산 선정 여정").contains("88.00");
    click("#sel-" + id);
    go("main form[action$='/selection'] button[type=submit]");
    assertThat(text(".alert-success")).contains("선정을 확정했습니다");
    Chromium.screenshot("ministry-ranking");
    axe("ranking after selection");
    assertThat(API.get("/api/v1/applications/" + id, "goesan@dure.demo").bodyAsJsonObject().getString("status")).isEqualTo("SELECTED");
    assertNoViolations();
  }

  // ---- (e) the language switch keeps the page

  @Test
  void the_language_switch_goes_to_english_and_back_on_the_same_page() {
    Chromium.signIn(FIRM);
    Chromium.open("/bookings");
    assertThat(htmlLang()).isEqualTo("ko");
    String korean = text("h1");
    go(".lang-switch");
    assertThat(Chromium.path()).isEqualTo("/bookings");
    assertThat(htmlLang()).isEqualTo("en");
    assertThat(text("h1")).isNotEqualTo(korean).matches("[\\x00-\\x7F]+");
    axe("my bookings (English)");
    Chromium.screenshot("language-english");
    go(".lang-switch");
    assertThat(Chromium.path()).isEqualTo("/bookings");
    assertThat(htmlLang()).isEqualTo("ko");
    assertThat(text("h1")).isEqualTo(korean);
    assertNoViolations();
  }

  // ---- (f) journey (a) by keyboard only

  @Test
  void a_firm_books_and_cancels_by_keyboard_only() {
    JsonObject resource = freshEquipment("키보드 예약 장비", false);
    long resourceId = resource.getLong("id");
    TestApp.get().resetThrottle();
    Chromium.signOut();
    Chromium.open("/login");

    // the skip link is the first stop, it shows when focused and moves the focus to the content
    press(Keys.TAB);
    WebElement skip = focused();
    assertThat(skip.getAttribute("class")).contains("skip-link");
    assertThat(skip.getRect().getY()).isGreaterThanOrEqualTo(0);
    assertThat(skip.isDisplayed()).isTrue();
    assertThat((String) js().executeScript("return getComputedStyle(document.activeElement).outlineStyle;")).isNotEqualTo("none");
    Chromium.screenshot("keyboard-skip-link");
    press(Keys.ENTER);
    assertThat(focused().getAttribute("id")).isEqualTo("main");
    // and the next Tab lands inside the content, past the header's links
    press(Keys.TAB);
    assertThat((Boolean) js().executeScript("return document.getElementById('main').contains(document.activeElement);")).isTrue();

    tabTo("#email");
    press(FIRM);
    press(Keys.TAB);
    assertThat(focused().getAttribute("id")).isEqualTo("password");
    press(TestApp.PASSWORD);
    pressToGo(Keys.ENTER);
    Chromium.waitUntil(() -> Chromium.path().equals("/firm"), "signed in by keyboard");

    tabTo("nav.main-nav a[href='/resources']");
    pressToGo(Keys.ENTER);
    Chromium.waitUntil(() -> Chromium.path().equals("/resources"), "resource list by keyboard");
    tabTo("#kind");
    press("장비");
    assertThat(find("#kind").getAttribute("value")).isEqualTo("EQUIPMENT");
    tabTo("form.filter-form button[type=submit]");
    pressToGo(Keys.ENTER);
    Chromium.waitUntil(() -> Chromium.path().startsWith("/resources?kind=EQUIPMENT"), "search by keyboard");
    tabTo(".card-title a[href='/resources/" + resourceId + "']");
    pressToGo(Keys.ENTER);
    Chromium.waitUntil(() -> Chromium.path().equals("/resources/" + resourceId), "resource page by keyboard");
    tabTo(".week-nav a[rel=next]");
    pressToGo(Keys.ENTER);
    Chromium.waitUntil(() -> Chromium.path().contains("week="), "next week by keyboard");
    tabTo("table.calendar td.slot-free a");
    pressToGo(Keys.ENTER);
    Chromium.waitUntil(() -> Chromium.path().contains("start="), "slot chosen by keyboard");

    LocalDate day = LocalDate.parse(find("#startDate").getAttribute("value"));
    LocalTime start = LocalTime.parse(find("#startTime").getAttribute("value"));
    tabTo("#endDate");
    press(dateKeys(day));
    tabTo("#endTime");
    press(timeKeys(start.plusMinutes(90)));
    tabTo("#purpose");
    press("키보드로 예약");
    // back up one field with Shift+Tab and forward again, then submit with Space on the button
    tabTo(find("#endTime"), true);
    tabTo("#booking-form button[type=submit]");
    pressToGo(Keys.SPACE);
    Chromium.waitUntil(() -> Chromium.path().startsWith("/bookings?booked="), "booked by keyboard");
    assertThat(text("table.bookings tr.highlight")).contains(resource.getString("nameKo")).contains("키보드로 예약");
    long bookingId = bookingOf(resourceId);
    Chromium.screenshot("keyboard-my-bookings");

    tabTo("table.bookings tr.highlight a[href='/bookings/" + bookingId + "/cancel']");
    pressToGo(Keys.ENTER);
    Chromium.waitUntil(() -> Chromium.path().equals("/bookings/" + bookingId + "/cancel"), "cancel step by keyboard");
    tabTo("main form button.button-danger");
    pressToGo(Keys.ENTER);
    Chromium.waitUntil(() -> Chromium.path().equals("/bookings?done=cancelled"), "cancelled by keyboard");
    assertThat(status(bookingId, FIRM)).isEqualTo("CANCELLED");
  }

  // ---- rows the journeys need

  private static JsonObject freshEquipment(String name, boolean approval) {
    return API.createResource(COORDINATOR, "P-2026-01", "EQUIPMENT", new JsonObject()
        .put("nameKo", name + " " + System.nanoTime() % 100000).put("nameEn", "Browser test equipment")
        .put("approvalRequired", approval).put("feeWon", 5_000).put("feeBasis", "PER_HOUR")
        .put("openingHours", Api.weekdays9to18()));
  }

  private static String status(long bookingId, String who) {
    return API.get("/api/v1/bookings/" + bookingId, who).bodyAsJsonObject().getString("status");
  }

  private static long bookingOf(long resourceId) {
    return API.count("SELECT max(id) FROM booking WHERE resource_id = $1", resourceId);
  }

  /** A call of the first program, open from three days ago for twenty days. */
  static long openCall(String title, int projectsToSelect) {
    LocalDate today = LocalDate.now(Api.SEOUL);
    var created = API.post("/api/v1/calls", MINISTRY, new JsonObject().put("programId", API.count("SELECT min(id) FROM program"))
        .put("titleKo", title + " " + System.nanoTime()).put("opensOn", today.minusDays(3).toString())
        .put("closesOn", today.plusDays(20).toString()).put("projectsToSelect", projectsToSelect)
        .put("nationalCapWon", 300_000_000L).put("localMinWon", 130_000_000L).put("totalCapWon", 430_000_000L));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getLong("id");
  }

  /** A complete application of Goesan to {@code call}, submitted through the API. */
  static long submittedApplication(long call, String county, String title) {
    long id = API.post("/api/v1/applications", county, new JsonObject().put("callId", call)).bodyAsJsonObject().getLong("id");
    JsonArray members = new JsonArray();
    for (String[] m : new String[][] {{"괴산유기농가공", "418-81-00122"}, {"괴산로컬푸드", "418-81-00234"}, {"괴산공유주방(주)", "418-86-00340"}}) {
      members.add(new JsonObject().put("kind", "SME").put("name", m[0]).put("businessNumber", m[1]).put("regionCode", "43760"));
    }
    var saved = API.put("/api/v1/applications/" + id, county, new JsonObject().put("title", title)
        .put("members", members).put("budget", new JsonArray()
            .add(new JsonObject().put("category", "PROMOTION").put("source", "NATIONAL").put("amountWon", 100_000_000L))
            .add(new JsonObject().put("category", "OPERATIONS").put("source", "LOCAL").put("amountWon", 130_000_000L))));
    assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(200);
    var submitted = API.post("/api/v1/applications/" + id + "/submit", county, null);
    assertThat(submitted.statusCode()).as(submitted.bodyAsString()).isEqualTo(200);
    return id;
  }
}
