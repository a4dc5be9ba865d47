package kr.dure.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientSession;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kr.dure.support.Api;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * axe-core on the main pages each role reaches (the journeys check the pages they pass through too):
 * no serious or critical violation; a failure lists every one found with its rule, help, targets and page.
 * Each page is first fetched over HTTP as the same user, so a page that stops answering 200 fails here
 * instead of being checked as an error page by mistake.
 */
class AccessibilityTest extends BrowserTest {

  private static long resourceId;
  private static long projectId;
  private static long callId;
  private static long draftId;
  private static long bookingId;

  private static final Map<String, WebClientSession> SESSIONS = new ConcurrentHashMap<>();
  private final List<String> unreachable = new ArrayList<>();

  @BeforeAll
  static void rows() {
    if (Chromium.missing() != null) {
      return;
    }
    projectId = API.projectId("P-2026-01");
    resourceId = API.createResource(COORDINATOR, "P-2026-01", "FACILITY", new JsonObject()
        .put("nameKo", "접근성 점검 회의실 " + System.nanoTime() % 100000).put("capacity", 12).put("unitLabelKo", "석")
        .put("openingHours", Api.weekdays9to18()).put("approvalRequired", true)).getLong("id");
    LocalDate day = API.workday(12);
    var booked = API.post("/api/v1/bookings", FIRM, Api.booking(resourceId, Api.at(day, "13:00"), Api.at(day, "14:00"))
        .put("units", 2).put("purpose", "접근성 점검"));
    assertThat(booked.statusCode()).as(booked.bodyAsString()).isEqualTo(201);
    bookingId = booked.bodyAsJsonObject().getLong("id");
    callId = BrowserJourneysTest.openCall("접근성 점검 공고", 2);
    var draft = API.post("/api/v1/applications", "imsil@dure.demo", new JsonObject().put("callId", callId));
    assertThat(draft.statusCode()).as(draft.bodyAsString()).isEqualTo(201);
    draftId = draft.bodyAsJsonObject().getLong("id");
  }

  @Test
  void pages_without_signing_in_and_the_error_pages() {
    Chromium.signOut();
    check(null, "/login", "login");
    check(null, "/calls/" + callId, "call page (public)");
    Chromium.open("/login?next=/bookings");
    find("#email").sendKeys(FIRM);
    find("#password").sendKeys("wrong-password");
    go("main form[action='/login'] button[type=submit]");
    assertThat(driver().findElements(By.cssSelector("main .field-error, main [role=alert], main .alert"))).isNotEmpty();
    axe("login with an error");
    TestApp.get().resetThrottle();

    Chromium.signIn(FIRM);
    Chromium.open("/resources/999999999");
    assertThat(text("main")).isNotBlank();
    axe("error page 404");
    Chromium.open("/ministry");
    axe("error page 403");
    finish();
  }

  @Test
  void the_firms_pages() {
    Chromium.signIn(FIRM);
    check(FIRM, "/firm", "firm home");
    check(FIRM, "/resources", "resource list");
    check(FIRM, "/resources?kind=FACILITY&project=" + projectId, "resource list, filtered");
    check(FIRM, "/resources/" + resourceId, "resource calendar");
    check(FIRM, "/resources/" + resourceId + "?week=" + API.workday(12), "resource calendar, later week");
    // the booking form sent empty: the error summary and the errors by the fields
    go("#booking-form button[type=submit]");
    assertThat(driver().findElements(By.cssSelector("[aria-invalid=true]"))).isNotEmpty();
    axe("booking form with errors");
    check(FIRM, "/bookings", "my bookings");
    check(FIRM, "/bookings/" + bookingId + "/cancel", "cancel confirm step");
    check(FIRM, "/notifications", "notifications");
    check(FIRM, "/settings/notifications", "notification settings");
    finish();
  }

  @Test
  void the_coordinators_pages() {
    Chromium.signIn(COORDINATOR);
    check(COORDINATOR, "/coordinator", "coordinator home");
    check(COORDINATOR, "/coordinator/board?project=" + projectId + "&date=" + API.workday(12), "board");
    check(COORDINATOR, "/coordinator/approvals?project=" + projectId, "approvals");
    check(COORDINATOR, "/coordinator/resources", "coordinator resources");
    check(COORDINATOR, "/coordinator/resources/new", "resource editor (new)");
    check(COORDINATOR, "/coordinator/resources/" + resourceId + "/edit", "resource editor");
    go("form.editor button[type=submit]");
    axe("resource editor after saving");
    check(COORDINATOR, "/projects", "projects");
    check(COORDINATOR, "/projects/" + projectId, "project hub");
    optional(COORDINATOR, "/projects/" + projectId + "/members", "project members");
    finish();
  }

  @Test
  void the_local_governments_pages() {
    Chromium.signIn("imsil@dure.demo");
    check("imsil@dure.demo", "/local-gov", "local government home");
    check("imsil@dure.demo", "/calls/" + callId, "call page");
    check("imsil@dure.demo", "/applications", "my applications");
    for (int step = 1; step <= 5; step++) {
      check("imsil@dure.demo", "/applications/" + draftId + "/step/" + step, "application wizard step " + step);
    }
    // step 1 sent empty: errors by the fields
    Chromium.open("/applications/" + draftId + "/step/1");
    go("button[value=next]");
    axe("application wizard step 1 with errors");
    check("imsil@dure.demo", "/projects", "projects (local government)");
    optional("imsil@dure.demo", "/projects/" + projectId + "/agreement", "agreement");
    optional("imsil@dure.demo", "/projects/" + projectId + "/spending", "spending");
    optional("imsil@dure.demo", "/projects/" + projectId + "/kpis", "KPIs");
    finish();
  }

  @Test
  void the_ministrys_and_reviewers_pages() {
    Chromium.signIn(MINISTRY);
    check(MINISTRY, "/ministry", "ministry home");
    optional(MINISTRY, "/ministry/dashboard", "ministry dashboard");
    check(MINISTRY, "/ministry/calls", "ministry calls");
    check(MINISTRY, "/ministry/calls/new", "call editor (new)");
    check(MINISTRY, "/ministry/calls/" + callId + "/edit", "call editor");
    check(MINISTRY, "/ministry/calls/" + callId + "/ranking", "ranking");
    check(MINISTRY, "/projects", "projects (ministry)");
    Chromium.signIn(REVIEWER);
    check(REVIEWER, "/review", "reviewer home");
    Chromium.signIn("design@dure.demo");
    check("design@dure.demo", "/design", "design agency home");
    finish();
  }

  @Test
  void the_main_pages_in_english() {
    Chromium.signIn(FIRM);
    Chromium.open("/lang/en?next=/firm");
    assertThat(htmlLang()).isEqualTo("en");
    check(FIRM, "/firm", "firm home (en)");
    check(FIRM, "/resources/" + resourceId, "resource calendar (en)");
    check(FIRM, "/bookings", "my bookings (en)");
    Chromium.open("/lang/ko?next=/firm");
    assertThat(htmlLang()).isEqualTo("ko");
    finish();
  }

  /** The check itself can fail: a faint text and an unlabelled field planted in a page are reported. */
  @Test
  void axe_reports_a_violation_when_there_is_one() {
    Chromium.signOut();
    Chromium.open("/login");
    js().executeScript("""
        var p = document.createElement('p'); p.textContent = 'faint'; p.style.color = '#ddd'; p.style.background = '#fff';
        var i = document.createElement('input'); i.type = 'text';
        document.getElementById('main').append(p, i);
        """);
    List<String> found = Axe.violations("login with a planted faint text and an unlabelled field");
    assertThat(found).anyMatch(v -> v.contains(": label [critical]")).anyMatch(v -> v.contains(": color-contrast [serious]"));
    assertThat(String.join("\n", found)).contains("#main > p").contains("input[type=\"text\"]");
  }

  // ----

  /** Checks the page answers 200 to this user, opens it in the browser and runs axe-core on it. */
  private void check(String who, String path, String name) {
    int status = status(who, path);
    if (status != 200) {
      unreachable.add(name + " " + path + " answered " + status);
      return;
    }
    Chromium.open(path);
    axe(name);
  }

  /** As {@link #check}, for a page that may not exist in this build (or has no rows to show). */
  private void optional(String who, String path, String name) {
    if (status(who, path) == 200) {
      Chromium.open(path);
      axe(name);
    } else {
      System.out.println("[browser] not checked (not 200 here): " + name + " " + path);
    }
  }

  private static int status(String who, String path) {
    TestApp app = TestApp.get();
    if (who == null) {
      return app.client().get(path).send().await().statusCode();
    }
    WebClientSession session = SESSIONS.computeIfAbsent(who, email -> {
      app.resetThrottle();
      return app.browserSignedInAs(email);
    });
    return session.get(path).send().await().statusCode();
  }

  private void finish() {
    assertThat(unreachable).as("pages that did not answer 200").isEmpty();
    assertNoViolations();
  }
}
