package kr.dure.support;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import kr.dure.Services;
import kr.dure.auth.BusinessNumber;
import kr.dure.auth.NewOrganisation;
import kr.dure.auth.OrganisationKind;
import kr.dure.project.CollaborationType;
import kr.dure.project.NewProject;

/**
 * Fresh projects and people for the invitation tests: every e-mail they invite ends in
 * {@link #DOMAIN}, and {@link #cleanUp()} removes those accounts again so other tests see the demo's users only.
 */
public final class People {

  public static final String DOMAIN = "@invite.test";
  public static final String PASSWORD = "a long enough passphrase";

  private final Api api = new Api();
  private final TestApp app = TestApp.get();

  /** A unique address of the test domain. */
  public static String email(String who) {
    return who + "." + System.nanoTime() + DOMAIN;
  }

  /** A 사업자등록번호 with a correct check digit that no organisation has yet. */
  public String freshBusinessNumber() {
    while (true) {
      String nine = String.format("%09d", ThreadLocalRandom.current().nextLong(100_000_000L, 1_000_000_000L));
      String number = nine + BusinessNumber.checkDigit(nine);
      if (api.count("SELECT count(*) FROM organisation WHERE business_number = $1", number) == 0) {
        return number;
      }
    }
  }

  /** An ACTIVE project of 임실군 with a new lead local government and no coordinator yet; returns its id. */
  public long freshProject() {
    Services s = app.app().services();
    long lead = s.organisations().insert(s.pool(), new NewOrganisation(OrganisationKind.LOCAL_GOV, "초대 시험 군청 " + System.nanoTime(),
        null, null, "52750", null)).await();
    long project = s.projectRepository().insert(s.pool(), new NewProject(api.count("SELECT min(id) FROM grant_call"),
        "T-INV-" + System.nanoTime(), "초대 시험 과제", "Invitation test project", lead, "52750",
        List.of(CollaborationType.SHARED_INFRASTRUCTURE), "ACTIVE", 300_000_000L, 130_000_000L)).await();
    s.projectRepository().addOrganisation(s.pool(), project, lead, "LEAD").await();
    return project;
  }

  /** Adds a new SME to the project as the ministry; returns its organisation id. */
  public long addSme(long projectId, String name) {
    HttpResponse<Buffer> r = api.post("/api/v1/projects/" + projectId + "/organisations", "ministry@dure.demo", new JsonObject()
        .put("kind", "SME").put("name", name).put("businessNumber", freshBusinessNumber()).put("regionCode", "52750"));
    if (r.statusCode() != 201) {
      throw new AssertionError("SME not added: " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject().getLong("organisationId");
  }

  public HttpResponse<Buffer> invite(String inviterEmail, long projectId, String email, String role, long organisationId) {
    return api.post("/api/v1/projects/" + projectId + "/invitations", inviterEmail, new JsonObject()
        .put("email", email).put("name", "초대 받는 분").put("role", role).put("organisationId", organisationId));
  }

  public static HttpResponse<Buffer> accept(String token, String password) {
    return TestApp.get().client().post("/api/v1/invitations/accept")
        .sendJsonObject(new JsonObject().put("token", token).put("password", password)).await();
  }

  /** Invites and accepts; returns the new user's bearer token. */
  public String join(String inviterEmail, long projectId, String email, String role, long organisationId) {
    HttpResponse<Buffer> invited = invite(inviterEmail, projectId, email, role, organisationId);
    if (invited.statusCode() != 201) {
      throw new AssertionError("not invited: " + invited.statusCode() + " " + invited.bodyAsString());
    }
    HttpResponse<Buffer> accepted = accept(invited.bodyAsJsonObject().getString("token"), PASSWORD);
    if (accepted.statusCode() != 200) {
      throw new AssertionError("not accepted: " + accepted.statusCode() + " " + accepted.bodyAsString());
    }
    return accepted.bodyAsJsonObject().getString("token");
  }

  /** A call with a bearer token of a user the demo does not know (so {@link Api} has no password for them). */
  public static HttpResponse<Buffer> as(String bearer, HttpMethod method, String path, JsonObject body) {
    var request = TestApp.get().client().request(method, path).putHeader("Authorization", "Bearer " + bearer);
    return (body == null ? request.send() : request.sendJsonObject(body)).await();
  }

  /**
   * Removes the accounts of the test domain and what hangs off them, in one transaction; should a
   * table this class does not know refer to them, the accounts are switched off instead.
   */
  public void cleanUp() {
    var pool = api.pool();
    String users = "SELECT id FROM app_user WHERE email LIKE '%" + DOMAIN + "'";
    List<String> statements = List.of(
        "UPDATE booking SET decided_by = NULL WHERE decided_by IN (" + users + ")",
        "UPDATE resource_blackout SET created_by = NULL WHERE created_by IN (" + users + ")",
        "UPDATE qualification SET recorded_by = NULL WHERE recorded_by IN (" + users + ")",
        "UPDATE resource_photo SET updated_by = NULL WHERE updated_by IN (" + users + ")",
        "UPDATE waitlist_entry SET offered_booking_id = NULL WHERE offered_booking_id IN (SELECT id FROM booking WHERE user_id IN (" + users + "))",
        "DELETE FROM waitlist_entry WHERE user_id IN (" + users + ")",
        "DELETE FROM booking WHERE user_id IN (" + users + ")",
        "DELETE FROM idempotency_key WHERE user_id IN (" + users + ")",
        "DELETE FROM qualification WHERE user_id IN (" + users + ")",
        "DELETE FROM notification WHERE user_id IN (" + users + ")",
        "DELETE FROM project_invitation WHERE accepted_user_id IN (" + users + ") OR invited_by IN (" + users + ")"
            + " OR revoked_by IN (" + users + ") OR email LIKE '%" + DOMAIN + "'",
        "UPDATE project_user SET deactivated_by = NULL WHERE deactivated_by IN (" + users + ")",
        "DELETE FROM project_user WHERE user_id IN (" + users + ")",
        "DELETE FROM app_user WHERE email LIKE '%" + DOMAIN + "'");
    try {
      pool.withTransaction(tx -> {
        io.vertx.core.Future<Void> chain = io.vertx.core.Future.succeededFuture();
        for (String sql : statements) {
          chain = chain.compose(v -> tx.query(sql).execute().mapEmpty());
        }
        return chain;
      }).await();
    } catch (RuntimeException e) {
      pool.query("UPDATE app_user SET active = false WHERE email LIKE '%" + DOMAIN + "'").execute().await();
    }
  }

  public void removeProjectUser(long projectId, String email) {
    api.pool().preparedQuery("DELETE FROM project_user WHERE project_id = $1 AND user_id = (SELECT id FROM app_user WHERE email = $2)")
        .execute(Tuple.of(projectId, email)).await();
  }
}
