package kr.dure.project;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import kr.dure.support.Api;
import kr.dure.support.People;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Invitations over the API: who may invite whom, the one-time link, and what accepting it gives. */
class InvitationTest {

  private static final String MINISTRY = "ministry@dure.demo";
  private final Api api = new Api();
  private final People people = new People();

  @AfterAll
  static void removeInvitedPeople() {
    new People().cleanUp();
  }

  private long invitations(String email) {
    return api.count("SELECT count(*) FROM project_invitation WHERE email = $1", email);
  }

  @Test
  void a_coordinator_invited_by_the_ministry_invites_a_firm_user_who_signs_in_and_books() throws Exception {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(logs);
    try {
      long project = people.freshProject();
      long firm = people.addSme(project, "초대시험식품(주)");
      String coordinatorEmail = People.email("coordinator");
      String coordinator = people.join(MINISTRY, project, coordinatorEmail, "COORDINATOR", firm);

      String firmEmail = People.email("firm");
      HttpResponse<Buffer> invited = People.as(coordinator, HttpMethod.POST, "/api/v1/projects/" + project + "/invitations",
          new JsonObject().put("email", firmEmail.toUpperCase()).put("name", "이초대").put("role", "FIRM").put("organisationId", firm));
      assertThat(invited.statusCode()).as(invited.bodyAsString()).isEqualTo(201);
      JsonObject invitation = invited.bodyAsJsonObject();
      String token = invitation.getString("token");
      assertThat(token).matches("[A-Za-z0-9_-]{43}");
      assertThat(invitation.getString("acceptUrl")).endsWith("/invite/" + token);
      assertThat(invitation.getString("email")).isEqualTo(firmEmail);
      assertThat(invitation.getString("status")).isEqualTo("PENDING");

      // only the token's SHA-256 is stored; the audit row names the invitation, never the token
      byte[] stored = api.pool().preparedQuery("SELECT token_hash FROM project_invitation WHERE id = $1")
          .execute(Tuple.of(invitation.getLong("id"))).await().iterator().next().getBuffer(0).getBytes();
      assertThat(stored).isEqualTo(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
      String audit = api.pool().preparedQuery("SELECT details::text FROM audit_log WHERE action = 'invitation.create' AND details->>'invitationId' = $1")
          .execute(Tuple.of(invitation.getLong("id").toString())).await().iterator().next().getString(0);
      assertThat(audit).contains(firmEmail).doesNotContain(token).doesNotContain(HexFormat.of().formatHex(stored));
      // the invitee gets the link by e-mail through the outbox, in the same transaction as the invitation
      String mail = api.pool().preparedQuery("SELECT body_text FROM email_outbox WHERE recipient = $1 AND kind = 'invitation.invite'")
          .execute(Tuple.of(firmEmail)).await().iterator().next().getString(0);
      assertThat(mail).contains("/invite/" + token);
      // the project's coordinators other than the inviter hear of it in-app (the inviter is the only one here)
      assertThat(api.count("SELECT count(*) FROM notification WHERE kind = 'invitation.created' AND params->>'email' = $1", firmEmail)).isZero();

      HttpResponse<Buffer> accepted = People.accept(token, People.PASSWORD);
      assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(200);
      assertThat(accepted.bodyAsJsonObject().getBoolean("existingAccount")).isFalse();
      assertThat(accepted.bodyAsJsonObject().getLong("projectId")).isEqualTo(project);
      assertThat(api.count("SELECT count(*) FROM notification WHERE kind = 'invitation.accepted' AND params->>'email' = $1", firmEmail))
          .isEqualTo(1);

      // the new user signs in with the chosen password, sees the project and books for the firm
      HttpResponse<Buffer> signIn = kr.dure.support.TestApp.get().client().post("/api/v1/auth/token")
          .sendJsonObject(new JsonObject().put("email", firmEmail).put("password", People.PASSWORD)).await();
      assertThat(signIn.statusCode()).isEqualTo(200);
      String firmToken = signIn.bodyAsJsonObject().getString("token");
      assertThat(signIn.bodyAsJsonObject().getJsonObject("user").getString("role")).isEqualTo("FIRM");
      JsonArray visible = People.as(firmToken, HttpMethod.GET, "/api/v1/projects", null).bodyAsJsonArray();
      assertThat(visible).extracting(p -> ((JsonObject) p).getLong("id")).containsExactly(project);

      HttpResponse<Buffer> resource = People.as(coordinator, HttpMethod.POST, "/api/v1/resources", new JsonObject().put("projectId", project)
          .put("kind", "EQUIPMENT").put("nameKo", "초대 시험 포장기").put("closedOnHolidays", false).put("horizonDays", 365).put("slotMinutes", 30));
      assertThat(resource.statusCode()).as(resource.bodyAsString()).isEqualTo(201);
      long resourceId = resource.bodyAsJsonObject().getLong("id");
      LocalDate day = api.workday(3);
      HttpResponse<Buffer> booked = People.as(firmToken, HttpMethod.POST, "/api/v1/bookings",
          Api.booking(resourceId, Api.at(day, "10:00"), Api.at(day, "11:00")));
      assertThat(booked.statusCode()).as(booked.bodyAsString()).isEqualTo(201);

      // the link works once
      HttpResponse<Buffer> again = People.accept(token, People.PASSWORD);
      assertThat(again.statusCode()).isEqualTo(410);
      assertThat(again.bodyAsJsonObject().getString("detail")).contains("already been accepted");

      // switching the firm user's membership off is refused while they hold a booking ahead, and names it
      long firmUser = api.userId(firmEmail);
      String deactivate = "/api/v1/projects/" + project + "/members/" + firmUser + "/deactivate";
      HttpResponse<Buffer> refused = People.as(coordinator, HttpMethod.POST, deactivate, null);
      assertThat(refused.statusCode()).isEqualTo(409);
      assertThat(refused.bodyAsJsonObject().getJsonArray("bookings")).hasSize(1);
      long bookingId = booked.bodyAsJsonObject().getLong("id");
      assertThat(refused.bodyAsJsonObject().getJsonArray("bookings").getJsonObject(0).getLong("id")).isEqualTo(bookingId);
      assertThat(People.as(firmToken, HttpMethod.POST, "/api/v1/bookings/" + bookingId + "/cancel", new JsonObject()).statusCode())
          .isEqualTo(200);
      assertThat(People.as(coordinator, HttpMethod.POST, deactivate, null).statusCode()).isEqualTo(204);
      assertThat(People.as(firmToken, HttpMethod.GET, "/api/v1/projects", null).bodyAsJsonArray()).isEmpty();
      assertThat(People.as(firmToken, HttpMethod.POST, "/api/v1/bookings",
          Api.booking(resourceId, Api.at(day, "13:00"), Api.at(day, "14:00"))).statusCode()).isEqualTo(404);
      JsonObject members = People.as(coordinator, HttpMethod.GET, "/api/v1/projects/" + project + "/members", null).bodyAsJsonObject();
      assertThat(members.getJsonArray("organisations").stream().map(o -> (JsonObject) o)
          .filter(o -> o.getLong("organisationId") == firm).findFirst().orElseThrow().getJsonArray("users").stream()
          .map(u -> (JsonObject) u).filter(u -> u.getString("email").equals(firmEmail)).findFirst().orElseThrow().getString("status"))
          .isEqualTo("DEACTIVATED");
      assertThat(People.as(coordinator, HttpMethod.POST, "/api/v1/projects/" + project + "/members/" + firmUser + "/reactivate", null)
          .statusCode()).isEqualTo(204);
      assertThat(People.as(firmToken, HttpMethod.GET, "/api/v1/projects", null).bodyAsJsonArray()).hasSize(1);
    } finally {
      root.detachAppender(logs);
    }
    assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().matches("(?s).*/invite/[A-Za-z0-9_-]{43}.*")
        || e.getFormattedMessage().contains("token_hash"));
  }

  @Test
  void an_expired_link_is_refused_and_writes_nothing() {
    long project = people.freshProject();
    long firm = people.addSme(project, "만료시험(주)");
    String email = People.email("expired");
    HttpResponse<Buffer> invited = people.invite(MINISTRY, project, email, "FIRM", firm);
    assertThat(invited.statusCode()).isEqualTo(201);
    api.pool().preparedQuery("UPDATE project_invitation SET expires_at = now() - interval '1 minute' WHERE id = $1")
        .execute(Tuple.of(invited.bodyAsJsonObject().getLong("id"))).await();
    HttpResponse<Buffer> late = People.accept(invited.bodyAsJsonObject().getString("token"), People.PASSWORD);
    assertThat(late.statusCode()).isEqualTo(410);
    assertThat(late.bodyAsJsonObject().getString("detail")).contains("expired");
    assertThat(api.count("SELECT count(*) FROM app_user WHERE email = $1", email)).isZero();
    // an expired invitation does not block a new one, and can be re-sent with a new link
    JsonArray listed = api.get("/api/v1/projects/" + project + "/invitations", MINISTRY).bodyAsJsonArray();
    assertThat(listed.getJsonObject(0).getString("status")).isEqualTo("EXPIRED");
    HttpResponse<Buffer> resent = api.post("/api/v1/invitations/" + invited.bodyAsJsonObject().getLong("id") + "/resend", MINISTRY, null);
    assertThat(resent.statusCode()).isEqualTo(200);
    assertThat(resent.bodyAsJsonObject().getString("token")).isNotEqualTo(invited.bodyAsJsonObject().getString("token"));
    assertThat(People.accept(invited.bodyAsJsonObject().getString("token"), People.PASSWORD).statusCode()).isEqualTo(404);
    assertThat(People.accept(resent.bodyAsJsonObject().getString("token"), People.PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  void a_revoked_link_is_refused_and_an_unknown_one_is_not_found() {
    long project = people.freshProject();
    long firm = people.addSme(project, "취소시험(주)");
    String email = People.email("revoked");
    HttpResponse<Buffer> invited = people.invite(MINISTRY, project, email, "FIRM", firm);
    long id = invited.bodyAsJsonObject().getLong("id");
    HttpResponse<Buffer> revoked = api.post("/api/v1/invitations/" + id + "/revoke", MINISTRY, null);
    assertThat(revoked.statusCode()).isEqualTo(200);
    assertThat(revoked.bodyAsJsonObject().getString("status")).isEqualTo("REVOKED");
    assertThat(People.accept(invited.bodyAsJsonObject().getString("token"), People.PASSWORD).statusCode()).isEqualTo(410);
    assertThat(api.post("/api/v1/invitations/" + id + "/revoke", MINISTRY, null).statusCode()).isEqualTo(409);
    assertThat(api.post("/api/v1/invitations/" + id + "/resend", MINISTRY, null).statusCode()).isEqualTo(409);
    assertThat(People.accept("A".repeat(43), People.PASSWORD).statusCode()).isEqualTo(404);
    assertThat(People.accept("short", People.PASSWORD).statusCode()).isEqualTo(404);
    assertThat(api.count("SELECT count(*) FROM app_user WHERE email = $1", email)).isZero();
    assertThat(api.post("/api/v1/invitations/999999999/revoke", MINISTRY, null).statusCode()).isEqualTo(404);
  }

  @Test
  void only_the_ministry_and_the_projects_own_coordinators_invite() {
    long project = api.projectId("P-2026-01");
    long cheese = api.organisationOf("cheese@dure.demo");
    String email = People.email("nobody");
    HttpResponse<Buffer> otherCoordinator = people.invite("coordinator.uiseong@dure.demo", project, email, "FIRM", cheese);
    assertThat(otherCoordinator.statusCode()).isEqualTo(403);
    assertThat(people.invite("cheese@dure.demo", project, email, "FIRM", cheese).statusCode()).isEqualTo(403);
    assertThat(people.invite("imsil@dure.demo", project, email, "FIRM", cheese).statusCode()).isEqualTo(403);
    assertThat(api.get("/api/v1/projects/" + project + "/invitations", "coordinator.uiseong@dure.demo").statusCode()).isEqualTo(403);
    assertThat(api.get("/api/v1/projects/" + project + "/members", "cheese@dure.demo").statusCode()).isEqualTo(403);
    // a coordinator gives firm and coordinator roles only
    HttpResponse<Buffer> localGov = people.invite("coordinator.imsil@dure.demo", project, email, "LOCAL_GOV", api.organisationOf("imsil@dure.demo"));
    assertThat(localGov.statusCode()).isEqualTo(400);
    assertThat(localGov.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("role");
    assertThat(people.invite(MINISTRY, 999_999_999L, email, "FIRM", cheese).statusCode()).isEqualTo(404);
    assertThat(invitations(email)).isZero();
  }

  @Test
  void bad_input_on_every_field_is_refused_and_writes_nothing() {
    long project = api.projectId("P-2026-01");
    long cheese = api.organisationOf("cheese@dure.demo");
    String coordinator = "coordinator.imsil@dure.demo";
    String path = "/api/v1/projects/" + project + "/invitations";
    String email = People.email("bad");
    long before = api.count("SELECT count(*) FROM project_invitation");
    assertField(api.post(path, coordinator, new JsonObject().put("email", "not-an-email").put("name", "가").put("role", "FIRM")
        .put("organisationId", cheese)), "email");
    assertField(api.post(path, coordinator, new JsonObject().put("email", email).put("name", " ").put("role", "FIRM")
        .put("organisationId", cheese)), "name");
    assertField(api.post(path, coordinator, new JsonObject().put("email", email).put("name", "가".repeat(101)).put("role", "FIRM")
        .put("organisationId", cheese)), "name");
    assertField(api.post(path, coordinator, new JsonObject().put("email", email).put("name", "가").put("role", "KING")
        .put("organisationId", cheese)), "role");
    assertField(api.post(path, coordinator, new JsonObject().put("email", email).put("name", "가").put("role", "REVIEWER")
        .put("organisationId", cheese)), "role");
    assertField(api.post(path, coordinator, new JsonObject().put("email", email).put("name", "가").put("role", "FIRM")
        .put("organisationId", "abc")), "organisationId");
    // another project's firm, and a firm user for an organisation that is not an SME
    assertField(api.post(path, coordinator, new JsonObject().put("email", email).put("name", "가").put("role", "FIRM")
        .put("organisationId", api.organisationOf("garlic@dure.demo"))), "organisationId");
    assertField(api.post(path, coordinator, new JsonObject().put("email", email).put("name", "가").put("role", "FIRM")
        .put("organisationId", api.organisationOf("coordinator.imsil@dure.demo"))), "organisationId");
    HttpResponse<Buffer> empty = api.post(path, coordinator, new JsonObject());
    assertThat(empty.bodyAsJsonObject().getJsonArray("errors")).extracting(e -> ((JsonObject) e).getString("field"))
        .contains("email", "name", "role", "organisationId");
    // an existing account of another organisation, and someone who is in the project already
    assertThat(people.invite(coordinator, project, "garlic@dure.demo", "FIRM", cheese).statusCode()).isEqualTo(409);
    assertThat(people.invite(coordinator, project, "cheese@dure.demo", "FIRM", cheese).statusCode()).isEqualTo(409);
    assertThat(people.invite(coordinator, project, "coordinator.imsil@dure.demo", "COORDINATOR", cheese).statusCode()).isEqualTo(409);
    assertThat(api.count("SELECT count(*) FROM project_invitation")).isEqualTo(before);

    // a second pending invitation for the same person and project is a conflict
    assertThat(people.invite(coordinator, project, email, "FIRM", cheese).statusCode()).isEqualTo(201);
    HttpResponse<Buffer> twice = people.invite(coordinator, project, email, "FIRM", cheese);
    assertThat(twice.statusCode()).isEqualTo(409);
    assertThat(invitations(email)).isEqualTo(1);

    // accepting: the token and the password are required, a new account's password has 12 characters or more
    HttpResponse<Buffer> noToken = kr.dure.support.TestApp.get().client().post("/api/v1/invitations/accept")
        .sendJsonObject(new JsonObject().put("password", People.PASSWORD)).await();
    assertField(noToken, "token");
  }

  @Test
  void two_accepts_of_one_link_at_once_make_one_account() {
    long project = people.freshProject();
    long firm = people.addSme(project, "동시수락시험(주)");
    String email = People.email("race");
    String token = people.invite(MINISTRY, project, email, "FIRM", firm).bodyAsJsonObject().getString("token");
    var client = kr.dure.support.TestApp.get().client();
    JsonObject body = new JsonObject().put("token", token).put("password", People.PASSWORD);
    var first = client.post("/api/v1/invitations/accept").sendJsonObject(body);
    var second = client.post("/api/v1/invitations/accept").sendJsonObject(body);
    io.vertx.core.Future.join(first, second).await();
    assertThat(java.util.List.of(first.result().statusCode(), second.result().statusCode())).containsExactlyInAnyOrder(200, 410);
    assertThat(api.count("SELECT count(*) FROM app_user WHERE email = $1", email)).isEqualTo(1);
  }

  @Test
  void a_short_password_is_refused_and_the_link_still_works() {
    long project = people.freshProject();
    long firm = people.addSme(project, "비밀번호시험(주)");
    String email = People.email("short");
    String token = people.invite(MINISTRY, project, email, "FIRM", firm).bodyAsJsonObject().getString("token");
    assertField(People.accept(token, "too-short"), "password");
    HttpResponse<Buffer> noPassword = kr.dure.support.TestApp.get().client().post("/api/v1/invitations/accept")
        .sendJsonObject(new JsonObject().put("token", token)).await();
    assertField(noPassword, "password");
    assertThat(api.count("SELECT count(*) FROM app_user WHERE email = $1", email)).isZero();
    assertThat(People.accept(token, People.PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  void an_existing_account_gets_the_membership_without_a_new_account() {
    long project = people.freshProject();
    long firm = people.addSme(project, "기존계정시험(주)");
    String existing = "coordinator.uiseong@dure.demo";
    long users = api.count("SELECT count(*) FROM app_user");
    try {
      HttpResponse<Buffer> invited = people.invite(MINISTRY, project, existing, "COORDINATOR", firm);
      assertThat(invited.statusCode()).as(invited.bodyAsString()).isEqualTo(201);
      String token = invited.bodyAsJsonObject().getString("token");
      assertThat(api.get("/api/v1/projects/" + project + "/members", existing).statusCode()).isEqualTo(403);
      // the existing account proves itself with its own password
      HttpResponse<Buffer> wrong = People.accept(token, People.PASSWORD);
      assertField(wrong, "password");
      HttpResponse<Buffer> accepted = People.accept(token, kr.dure.support.TestApp.PASSWORD);
      assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(200);
      assertThat(accepted.bodyAsJsonObject().getBoolean("existingAccount")).isTrue();
      assertThat(api.count("SELECT count(*) FROM app_user")).isEqualTo(users);
      assertThat(api.get("/api/v1/projects/" + project + "/members", existing).statusCode()).isEqualTo(200);
      assertThat(api.get("/api/v1/projects", existing).bodyAsJsonArray()).extracting(p -> ((JsonObject) p).getLong("id")).contains(project);
    } finally {
      people.removeProjectUser(project, existing);
    }
  }

  @Test
  void an_organisation_with_records_cannot_leave_and_a_new_one_can() {
    long project = api.projectId("P-2026-01");
    String coordinator = "coordinator.imsil@dure.demo";
    HttpResponse<Buffer> withBookings = api.delete("/api/v1/projects/" + project + "/organisations/" + api.organisationOf("cheese@dure.demo"),
        coordinator);
    assertThat(withBookings.statusCode()).isEqualTo(409);
    assertThat(withBookings.bodyAsJsonObject().getJsonObject("records").getLong("bookings")).isPositive();
    assertThat(api.delete("/api/v1/projects/" + project + "/organisations/" + api.organisationOf("imsil@dure.demo"), coordinator).statusCode())
        .isEqualTo(409);

    String path = "/api/v1/projects/" + project + "/organisations";
    long before = api.count("SELECT count(*) FROM organisation");
    assertField(api.post(path, coordinator, new JsonObject().put("kind", "SME").put("name", "번호오류(주)").put("businessNumber", "123-45-67890")
        .put("regionCode", "52750")), "businessNumber");
    assertField(api.post(path, coordinator, new JsonObject().put("kind", "SME").put("name", "번호없음(주)").put("regionCode", "52750")),
        "businessNumber");
    assertField(api.post(path, coordinator, new JsonObject().put("kind", "SME").put("name", "지역없음(주)")
        .put("businessNumber", people.freshBusinessNumber())), "regionCode");
    assertField(api.post(path, coordinator, new JsonObject().put("kind", "SME").put("name", "지역오류(주)")
        .put("businessNumber", people.freshBusinessNumber()).put("regionCode", "5275x")), "regionCode");
    assertField(api.post(path, coordinator, new JsonObject().put("kind", "MINISTRY").put("name", "부처")), "kind");
    assertField(api.post(path, coordinator, new JsonObject().put("kind", "UNIVERSITY").put("name", "")), "name");
    assertThat(api.post(path, "cheese@dure.demo", new JsonObject().put("kind", "UNIVERSITY").put("name", "대학")).statusCode()).isEqualTo(403);
    assertThat(api.post(path, "coordinator.uiseong@dure.demo", new JsonObject().put("kind", "UNIVERSITY").put("name", "대학")).statusCode())
        .isEqualTo(403);
    assertThat(api.count("SELECT count(*) FROM organisation")).isEqualTo(before);

    // an SME another project knows joins as it is; an organisation with nothing recorded leaves again
    long garlic = api.organisationOf("garlic@dure.demo");
    String garlicNumber = api.pool().preparedQuery("SELECT business_number FROM organisation WHERE id = $1").execute(Tuple.of(garlic))
        .await().iterator().next().getString(0);
    HttpResponse<Buffer> linked = api.post(path, coordinator, new JsonObject().put("kind", "SME").put("name", "아무 이름")
        .put("businessNumber", garlicNumber.substring(0, 3) + "-" + garlicNumber.substring(3, 5) + "-" + garlicNumber.substring(5))
        .put("regionCode", "47730"));
    assertThat(linked.statusCode()).as(linked.bodyAsString()).isEqualTo(201);
    assertThat(linked.bodyAsJsonObject().getBoolean("existing")).isTrue();
    assertThat(linked.bodyAsJsonObject().getLong("organisationId")).isEqualTo(garlic);
    assertThat(api.post(path, coordinator, new JsonObject().put("kind", "SME").put("name", "아무 이름").put("businessNumber", garlicNumber)
        .put("regionCode", "47730")).statusCode()).isEqualTo(409);
    assertThat(api.count("SELECT count(*) FROM organisation")).isEqualTo(before);
    assertThat(api.delete(path + "/" + garlic, coordinator).statusCode()).isEqualTo(204);
    assertThat(api.count("SELECT count(*) FROM project_organisation WHERE project_id = $1 AND organisation_id = $2", project, garlic)).isZero();
    String audit = api.pool().preparedQuery("SELECT details::text FROM audit_log WHERE action = 'project.organisation.remove' AND target_id = $1"
        + " ORDER BY id DESC LIMIT 1").execute(Tuple.of(Long.toString(project))).await().iterator().next().getString(0);
    assertThat(audit).contains(Long.toString(garlic));
  }

  private static void assertField(HttpResponse<Buffer> response, String field) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getJsonArray("errors")).extracting(e -> ((JsonObject) e).getString("field")).contains(field);
  }
}
