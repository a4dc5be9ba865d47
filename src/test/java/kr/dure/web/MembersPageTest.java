package kr.dure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.dure.support.Api;
import kr.dure.support.People;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The members page and the invitee's page, through a browser-like session. */
class MembersPageTest {

  private static final Pattern LINK = Pattern.compile("value=\"(http://[^\"]+/invite/([A-Za-z0-9_-]{43}))\"");
  private final Api api = new Api();
  private final People people = new People();

  @AfterAll
  static void removeInvitedPeople() {
    new People().cleanUp();
  }

  private static MultiMap form(String csrf) {
    return MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", csrf);
  }

  private static String token(String html) {
    Matcher m = LINK.matcher(html);
    if (!m.find()) {
      throw new AssertionError("no invitation link in page: " + html);
    }
    return m.group(2);
  }

  @Test
  void a_coordinator_invites_from_the_page_and_the_invitee_joins_and_is_signed_in() {
    WebClientSession coordinator = TestApp.get().browserSignedInAs("coordinator.imsil@dure.demo");
    long project = api.projectId("P-2026-01");
    String page = coordinator.get("/projects/" + project + "/members").send().await().bodyAsString();
    assertThat(page).contains("(주)임실숲골치즈", "packing@dure.demo", "이도윤", "전북테크노파크", "사람 초대하기");
    assertThat(page).doesNotContain("/invite/");
    // a coordinator is offered to switch off others' membership, not their own
    assertThat(page).contains("/members/users/" + api.userId("cheese@dure.demo") + "/deactivate", "이 과제 운영 담당")
        .doesNotContain("/members/users/" + api.userId("coordinator.imsil@dure.demo") + "/deactivate");

    String email = People.email("page");
    HttpResponse<Buffer> invited = coordinator.post("/projects/" + project + "/members/invite").sendForm(form(TestApp.csrfFrom(page))
        .add("name", "박페이지").add("email", email).add("role", "FIRM").add("organisationId", Long.toString(api.organisationOf("cheese@dure.demo"))))
        .await();
    assertThat(invited.statusCode()).isEqualTo(200);
    String html = invited.bodyAsString();
    assertThat(html).contains("초대를 만들었습니다", "링크 복사", email);
    String token = token(html);
    // shown once: the page itself does not show it again
    assertThat(coordinator.get("/projects/" + project + "/members").send().await().bodyAsString()).doesNotContain(token);

    WebClientSession invitee = WebClientSession.create(TestApp.get().client());
    HttpResponse<Buffer> open = invitee.get("/invite/" + token).send().await();
    assertThat(open.statusCode()).isEqualTo(200);
    assertThat(open.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(open.bodyAsString()).contains("박서준", "P-2026-01", "(주)임실숲골치즈", "참여기업", "새 비밀번호");
    String csrf = TestApp.csrfFrom(open.bodyAsString());

    HttpResponse<Buffer> mismatch = invitee.post("/invite/" + token).sendForm(form(csrf).add("name", "박페이지")
        .add("password", People.PASSWORD).add("passwordConfirm", "something else entirely")).await();
    assertThat(mismatch.statusCode()).isEqualTo(400);
    assertThat(mismatch.bodyAsString()).contains("두 비밀번호가 다릅니다", "id=\"passwordConfirm-error\"");
    HttpResponse<Buffer> tooShort = invitee.post("/invite/" + token).sendForm(form(TestApp.csrfFrom(mismatch.bodyAsString()))
        .add("name", "박페이지").add("password", "short").add("passwordConfirm", "short")).await();
    assertThat(tooShort.statusCode()).isEqualTo(400);
    assertThat(tooShort.bodyAsString()).contains("비밀번호가 너무 짧습니다");
    assertThat(api.count("SELECT count(*) FROM app_user WHERE email = $1", email)).isZero();

    HttpResponse<Buffer> joined = invitee.post("/invite/" + token).sendForm(form(TestApp.csrfFrom(tooShort.bodyAsString()))
        .add("name", "박페이지").add("password", People.PASSWORD).add("passwordConfirm", People.PASSWORD)).await();
    assertThat(joined.statusCode()).isEqualTo(303);
    assertThat(joined.getHeader("Location")).startsWith("/firm");
    String home = invitee.get("/firm").send().await().bodyAsString();
    assertThat(home).contains("박페이지", "P-2026-01");

    // the used link is gone, with a page that says so
    HttpResponse<Buffer> used = WebClientSession.create(TestApp.get().client()).get("/invite/" + token).send().await();
    assertThat(used.statusCode()).isEqualTo(410);
    assertThat(used.bodyAsString()).contains("이미 수락한 초대입니다");
    HttpResponse<Buffer> unknown = TestApp.get().client().get("/invite/" + "B".repeat(43)).send().await();
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.bodyAsString()).contains("올바른 초대 링크가 아닙니다");
    assertThat(TestApp.get().client().get("/invite/x").send().await().statusCode()).isEqualTo(404);
  }

  @Test
  void an_existing_account_is_told_so_and_confirms_with_its_password() {
    long project = people.freshProject();
    long firm = people.addSme(project, "페이지기존계정(주)");
    String existing = "coordinator.goesan@dure.demo";
    try {
      String token = people.invite("ministry@dure.demo", project, existing, "COORDINATOR", firm).bodyAsJsonObject().getString("token");
      WebClientSession invitee = WebClientSession.create(TestApp.get().client());
      String page = invitee.get("/invite/" + token).send().await().bodyAsString();
      assertThat(page).contains("계정이 이미 있습니다", "지금 쓰는 비밀번호").doesNotContain("새 비밀번호 확인");
      HttpResponse<Buffer> wrong = invitee.post("/invite/" + token).sendForm(form(TestApp.csrfFrom(page)).add("password", "wrong password!"))
          .await();
      assertThat(wrong.statusCode()).isEqualTo(400);
      assertThat(wrong.bodyAsString()).contains("비밀번호가 맞지 않습니다");
      HttpResponse<Buffer> ok = invitee.post("/invite/" + token).sendForm(form(TestApp.csrfFrom(wrong.bodyAsString()))
          .add("password", TestApp.PASSWORD)).await();
      assertThat(ok.statusCode()).isEqualTo(303);
      assertThat(ok.getHeader("Location")).startsWith("/coordinator");
      assertThat(invitee.get("/projects/" + project + "/members").send().await().statusCode()).isEqualTo(200);
    } finally {
      people.removeProjectUser(project, existing);
    }
  }

  @Test
  void the_page_is_for_the_projects_coordinators_the_ministry_and_its_lead_to_read() {
    long project = api.projectId("P-2026-01");
    String path = "/projects/" + project + "/members";
    assertThat(TestApp.get().browserSignedInAs("cheese@dure.demo").get(path).send().await().statusCode()).isEqualTo(403);
    assertThat(TestApp.get().browserSignedInAs("coordinator.uiseong@dure.demo").get(path).send().await().statusCode()).isEqualTo(403);
    HttpResponse<Buffer> ministry = TestApp.get().browserSignedInAs("ministry@dure.demo").get(path).send().await();
    assertThat(ministry.statusCode()).isEqualTo(200);
    assertThat(ministry.bodyAsString()).contains("지방정부</option>", "packing@dure.demo");
    HttpResponse<Buffer> lead = TestApp.get().browserSignedInAs("imsil@dure.demo").get(path).send().await();
    assertThat(lead.statusCode()).isEqualTo(200);
    assertThat(lead.bodyAsString()).contains("(주)임실숲골치즈").doesNotContain("사람 초대하기", "packing@dure.demo");
    assertThat(TestApp.get().browserSignedInAs("coordinator.imsil@dure.demo").get("/coordinator").send().await().bodyAsString())
        .contains(path);
    assertThat(TestApp.get().client().get(path).send().await().statusCode()).isEqualTo(302);
  }

  @Test
  void a_firm_with_bookings_cannot_leave_and_the_page_says_why() {
    long project = api.projectId("P-2026-01");
    WebClientSession coordinator = TestApp.get().browserSignedInAs("coordinator.imsil@dure.demo");
    String path = "/projects/" + project + "/members";
    String page = coordinator.get(path).send().await().bodyAsString();
    long cheese = api.organisationOf("cheese@dure.demo");
    HttpResponse<Buffer> refused = coordinator.post(path + "/organisations/" + cheese + "/remove").sendForm(form(TestApp.csrfFrom(page))).await();
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.bodyAsString()).contains("예약이나 실적 기록이 있어 뺄 수 없습니다", "이 과제 자원의 예약");
    assertThat(api.count("SELECT count(*) FROM project_organisation WHERE project_id = $1 AND organisation_id = $2", project, cheese))
        .isEqualTo(1);
  }

  @Test
  void refused_forms_show_their_errors_and_write_nothing() {
    long project = people.freshProject();
    people.addSme(project, "폼오류시험(주)");
    WebClientSession ministry = TestApp.get().browserSignedInAs("ministry@dure.demo");
    String path = "/projects/" + project + "/members";
    String page = ministry.get(path).send().await().bodyAsString();
    long orgs = api.count("SELECT count(*) FROM organisation");
    HttpResponse<Buffer> badOrg = ministry.post(path + "/organisations").sendForm(form(TestApp.csrfFrom(page)).add("kind", "SME")
        .add("name", "번호틀림").add("businessNumber", "123-45-67890").add("regionCode", "")).await();
    assertThat(badOrg.statusCode()).isEqualTo(400);
    assertThat(badOrg.bodyAsString()).contains("id=\"orgBusinessNumber-error\"", "id=\"orgRegionCode-error\"", "value=\"번호틀림\"");
    assertThat(api.count("SELECT count(*) FROM organisation")).isEqualTo(orgs);

    long invites = api.count("SELECT count(*) FROM project_invitation WHERE project_id = $1", project);
    HttpResponse<Buffer> badInvite = ministry.post(path + "/invite").sendForm(form(TestApp.csrfFrom(badOrg.bodyAsString()))
        .add("name", "").add("email", "nope").add("role", "FIRM").add("organisationId", "")).await();
    assertThat(badInvite.statusCode()).isEqualTo(400);
    assertThat(badInvite.bodyAsString()).contains("id=\"inviteEmail-error\"", "id=\"inviteName-error\"", "id=\"inviteOrganisationId-error\"",
        "value=\"nope\"");
    assertThat(api.count("SELECT count(*) FROM project_invitation WHERE project_id = $1", project)).isEqualTo(invites);

    // the lead cannot leave: a 409 with the reason, on the page
    long lead = api.count("SELECT lead_organisation_id FROM project WHERE id = $1", project);
    HttpResponse<Buffer> leadOut = ministry.post(path + "/organisations/" + lead + "/remove").sendForm(form(TestApp.csrfFrom(badInvite.bodyAsString())))
        .await();
    assertThat(leadOut.statusCode()).isEqualTo(409);
    assertThat(leadOut.bodyAsString()).contains("주관기관은 컨소시엄에서 뺄 수 없습니다");
  }

  @Test
  void resending_from_the_page_makes_a_new_link_and_the_old_one_stops_working() {
    long project = people.freshProject();
    long firm = people.addSme(project, "재발송시험(주)");
    String email = People.email("resend");
    var created = people.invite("ministry@dure.demo", project, email, "FIRM", firm).bodyAsJsonObject();
    WebClientSession ministry = TestApp.get().browserSignedInAs("ministry@dure.demo");
    String path = "/projects/" + project + "/members";
    String page = ministry.get(path).send().await().bodyAsString();
    assertThat(page).contains(email, "다시 보내기");
    HttpResponse<Buffer> resent = ministry.post(path + "/invitations/" + created.getLong("id") + "/resend").sendForm(form(TestApp.csrfFrom(page)))
        .await();
    assertThat(resent.statusCode()).isEqualTo(200);
    String newToken = token(resent.bodyAsString());
    assertThat(newToken).isNotEqualTo(created.getString("token"));
    assertThat(TestApp.get().client().get("/invite/" + created.getString("token")).send().await().statusCode()).isEqualTo(404);
    assertThat(TestApp.get().client().get("/invite/" + newToken).send().await().statusCode()).isEqualTo(200);
    HttpResponse<Buffer> revoked = ministry.post(path + "/invitations/" + created.getLong("id") + "/revoke")
        .sendForm(form(TestApp.csrfFrom(resent.bodyAsString()))).await();
    assertThat(revoked.statusCode()).isEqualTo(303);
    HttpResponse<Buffer> gone = TestApp.get().client().get("/invite/" + newToken).send().await();
    assertThat(gone.statusCode()).isEqualTo(410);
    assertThat(gone.bodyAsString()).contains("취소된 초대입니다");
  }
}
