package kr.dure.project;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for the people of a project: who belongs, whose membership is switched off, and what ties an organisation to it. */
public final class MemberRepository {

  private static final String PROJECT = """
      SELECT p.id, p.code, p.title_ko, p.title_en, p.region_code, p.lead_organisation_id, p.status
        FROM project p WHERE p.id = $1
      """;
  private static final String USERS = """
      SELECT u.id, u.name, u.email, u.role, u.active AS account_active, u.organisation_id, o.name AS organisation_name,
             pu.project_role, pu.active AS membership_active, pu.deactivated_at,
             EXISTS (SELECT 1 FROM project_organisation po WHERE po.project_id = $1 AND po.organisation_id = u.organisation_id) AS via_organisation
        FROM app_user u
        JOIN organisation o ON o.id = u.organisation_id
        LEFT JOIN project_user pu ON pu.user_id = u.id AND pu.project_id = $1
       WHERE pu.user_id IS NOT NULL
          OR u.organisation_id IN (SELECT organisation_id FROM project_organisation WHERE project_id = $1)
       ORDER BY o.name, (pu.project_role = 'COORDINATOR') DESC NULLS LAST, u.name
      """;
  private static final String STANDING = """
      SELECT u.id, u.name, u.email, u.role, u.active AS account_active, u.organisation_id,
             pu.project_role, pu.active AS membership_active,
             EXISTS (SELECT 1 FROM project_organisation po WHERE po.project_id = $1 AND po.organisation_id = u.organisation_id) AS via_organisation
        FROM app_user u
        LEFT JOIN project_user pu ON pu.user_id = u.id AND pu.project_id = $1
      """;
  private static final String STANDING_BY_ID = STANDING + " WHERE u.id = $2";
  private static final String STANDING_BY_EMAIL = STANDING + " WHERE u.email = $2";
  private static final String LOCK_MEMBER_ORGANISATION = """
      SELECT member_role FROM project_organisation WHERE project_id = $1 AND organisation_id = $2 FOR UPDATE
      """;
  private static final String REMOVE_ORGANISATION = "DELETE FROM project_organisation WHERE project_id = $1 AND organisation_id = $2";
  private static final String ORGANISATION_BY_BUSINESS_NUMBER = "SELECT id, kind, name FROM organisation WHERE business_number = $1";
  private static final String ORGANISATION_TIES = """
      SELECT (SELECT count(*) FROM booking b JOIN resource r ON r.id = b.resource_id
               WHERE r.project_id = $1 AND b.organisation_id = $2) AS bookings,
             (SELECT count(*) FROM waitlist_entry w JOIN resource r ON r.id = w.resource_id
               WHERE r.project_id = $1 AND w.organisation_id = $2) AS waitlist,
             (SELECT count(*) FROM qualification q JOIN resource r ON r.id = q.resource_id JOIN app_user u ON u.id = q.user_id
               WHERE r.project_id = $1 AND u.organisation_id = $2) AS qualifications,
             (SELECT count(*) FROM value_chain_trade t WHERE t.project_id = $1 AND (t.seller_id = $2 OR t.buyer_id = $2)) AS trades,
             (SELECT count(*) FROM joint_brand_member m JOIN joint_brand jb ON jb.id = m.brand_id
               WHERE jb.project_id = $1 AND m.organisation_id = $2)
             + (SELECT count(*) FROM brand_product bp JOIN joint_brand jb ON jb.id = bp.brand_id
               WHERE jb.project_id = $1 AND bp.organisation_id = $2) AS brands,
             (SELECT count(*) FROM local_service s WHERE s.project_id = $1 AND s.provider_organisation_id = $2) AS services,
             (SELECT count(*) FROM spending sp WHERE sp.project_id = $1 AND sp.payee_organisation_id = $2) AS spending
      """;
  private static final String FUTURE_BOOKINGS = """
      SELECT b.id, b.starts_at, b.ends_at, b.status, r.name_ko, r.name_en
        FROM booking b JOIN resource r ON r.id = b.resource_id
       WHERE r.project_id = $1 AND b.user_id = $2 AND b.organisation_id = $3
         AND b.status IN ('HELD', 'REQUESTED', 'CONFIRMED', 'CHECKED_IN') AND b.ends_at > now()
       ORDER BY b.starts_at LIMIT 50
      """;
  private static final String DEACTIVATE = """
      INSERT INTO project_user (project_id, user_id, project_role, active, deactivated_at, deactivated_by)
      VALUES ($1, $2, 'MEMBER', false, now(), $3)
      ON CONFLICT (project_id, user_id) DO UPDATE SET active = false, deactivated_at = now(), deactivated_by = $3
      """;
  private static final String REACTIVATE = """
      UPDATE project_user SET active = true, deactivated_at = NULL, deactivated_by = NULL
       WHERE project_id = $1 AND user_id = $2 AND NOT active
      """;
  // an accepted invitation (re)opens the membership; a coordinator stays one when invited again as something else
  private static final String JOIN = """
      INSERT INTO project_user (project_id, user_id, project_role) VALUES ($1, $2, $3)
      ON CONFLICT (project_id, user_id) DO UPDATE SET active = true, deactivated_at = NULL, deactivated_by = NULL,
          project_role = CASE WHEN project_user.project_role = 'COORDINATOR' THEN 'COORDINATOR' ELSE excluded.project_role END
      """;

  /** A user's standing in one project: their account, and how they belong (by organisation, by name, switched off). */
  public record Standing(long userId, String name, String email, String role, boolean accountActive, long organisationId,
      String projectRole, Boolean membershipActive, boolean viaOrganisation) {

    static Standing from(Row r) {
      return new Standing(r.getLong("id"), r.getString("name"), r.getString("email"), r.getString("role"), r.getBoolean("account_active"),
          r.getLong("organisation_id"), r.getString("project_role"), r.getBoolean("membership_active"), r.getBoolean("via_organisation"));
    }

    /** Belongs to the project now: through the organisation or by name, and not switched off. */
    public boolean member() {
      return (viaOrganisation || projectRole != null) && !Boolean.FALSE.equals(membershipActive);
    }

    public boolean coordinator() {
      return "COORDINATOR".equals(projectRole) && Boolean.TRUE.equals(membershipActive);
    }
  }

  public Future<Optional<JsonObject>> project(SqlClient sql, long projectId) {
    return sql.preparedQuery(PROJECT).execute(Tuple.of(projectId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new JsonObject().put("id", r.getLong("id")).put("code", r.getString("code"))
          .put("titleKo", r.getString("title_ko")).put("titleEn", r.getString("title_en") == null ? "" : r.getString("title_en"))
          .put("regionCode", r.getString("region_code")).put("leadOrganisationId", r.getLong("lead_organisation_id"))
          .put("status", r.getString("status")));
    });
  }

  /** Everyone who belongs to the project or did: users of member organisations and people named on it. */
  public Future<JsonArray> users(SqlClient sql, long projectId) {
    return sql.preparedQuery(USERS).execute(Tuple.of(projectId)).map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> {
        String projectRole = r.getString("project_role");
        Boolean membershipActive = r.getBoolean("membership_active");
        String status = !r.getBoolean("account_active") ? "ACCOUNT_INACTIVE"
            : Boolean.FALSE.equals(membershipActive) ? "DEACTIVATED" : "ACTIVE";
        out.add(new JsonObject().put("userId", r.getLong("id")).put("name", r.getString("name")).put("email", r.getString("email"))
            .put("role", r.getString("role")).put("roleKey", "role." + r.getString("role"))
            .put("coordinator", "COORDINATOR".equals(projectRole))
            .put("organisationId", r.getLong("organisation_id")).put("organisationName", r.getString("organisation_name"))
            .put("viaOrganisation", r.getBoolean("via_organisation"))
            .put("status", status).put("statusKey", "memberStatus." + status)
            .put("active", "ACTIVE".equals(status)).put("deactivated", "DEACTIVATED".equals(status)));
      });
      return out;
    });
  }

  public Future<Optional<Standing>> standingById(SqlClient sql, long projectId, long userId) {
    return sql.preparedQuery(STANDING_BY_ID).execute(Tuple.of(projectId, userId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Standing.from(rows.iterator().next())));
  }

  public Future<Optional<Standing>> standingByEmail(SqlClient sql, long projectId, String email) {
    return sql.preparedQuery(STANDING_BY_EMAIL).execute(Tuple.of(projectId, email))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Standing.from(rows.iterator().next())));
  }

  /** The member row, locked: its role (LEAD or MEMBER), or empty when the organisation is not in the consortium. */
  public Future<Optional<String>> lockMemberOrganisation(SqlClient sql, long projectId, long organisationId) {
    return sql.preparedQuery(LOCK_MEMBER_ORGANISATION).execute(Tuple.of(projectId, organisationId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
  }

  public Future<Void> removeOrganisation(SqlClient sql, long projectId, long organisationId) {
    return sql.preparedQuery(REMOVE_ORGANISATION).execute(Tuple.of(projectId, organisationId)).mapEmpty();
  }

  /** The organisation registered under a 사업자등록번호: id, kind and name. */
  public Future<Optional<JsonObject>> organisationByBusinessNumber(SqlClient sql, String businessNumber) {
    return sql.preparedQuery(ORGANISATION_BY_BUSINESS_NUMBER).execute(Tuple.of(businessNumber)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new JsonObject().put("id", r.getLong("id")).put("kind", r.getString("kind")).put("name", r.getString("name")));
    });
  }

  /** What the organisation has on record in the project, by kind of record; only zero everywhere may it leave. */
  public Future<JsonObject> organisationTies(SqlClient sql, long projectId, long organisationId) {
    return sql.preparedQuery(ORGANISATION_TIES).execute(Tuple.of(projectId, organisationId)).map(rows -> {
      Row r = rows.iterator().next();
      JsonObject ties = new JsonObject();
      for (String k : List.of("bookings", "waitlist", "qualifications", "trades", "brands", "services", "spending")) {
        long n = r.getLong(k);
        if (n > 0) {
          ties.put(k, n);
        }
      }
      return ties;
    });
  }

  /** Bookings the user made for their own organisation that still lie ahead and hold a slot. */
  public Future<List<JsonObject>> futureBookings(SqlClient sql, long projectId, long userId, long organisationId) {
    return sql.preparedQuery(FUTURE_BOOKINGS).execute(Tuple.of(projectId, userId, organisationId)).map(rows -> {
      List<JsonObject> list = new ArrayList<>();
      rows.forEach(r -> list.add(new JsonObject().put("id", r.getLong("id"))
          .put("start", r.getOffsetDateTime("starts_at").toInstant().toString())
          .put("end", r.getOffsetDateTime("ends_at").toInstant().toString())
          .put("status", r.getString("status")).put("resourceKo", r.getString("name_ko")).put("resourceEn", r.getString("name_en"))));
      return list;
    });
  }

  public Future<Void> deactivate(SqlClient sql, long projectId, long userId, long byUserId) {
    return sql.preparedQuery(DEACTIVATE).execute(Tuple.of(projectId, userId, byUserId)).mapEmpty();
  }

  public Future<Boolean> reactivate(SqlClient sql, long projectId, long userId) {
    return sql.preparedQuery(REACTIVATE).execute(Tuple.of(projectId, userId)).map(rows -> rows.rowCount() == 1);
  }

  public Future<Void> join(SqlClient sql, long projectId, long userId, String projectRole) {
    return sql.preparedQuery(JOIN).execute(Tuple.of(projectId, userId, projectRole)).mapEmpty();
  }
}
