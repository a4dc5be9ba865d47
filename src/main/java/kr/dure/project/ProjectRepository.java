package kr.dure.project;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SQL for projects, their consortium and their people. */
public final class ProjectRepository {

  private static final String INSERT_PROJECT = """
      INSERT INTO project (call_id, code, title_ko, title_en, lead_organisation_id, region_code,
                           collaboration_types, status, national_funds_won, local_funds_won)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id
      """;
  private static final String ADD_ORGANISATION = """
      INSERT INTO project_organisation (project_id, organisation_id, member_role) VALUES ($1, $2, $3)
      """;
  private static final String ADD_USER = "INSERT INTO project_user (project_id, user_id, project_role) VALUES ($1, $2, $3)";

  private static final String SELECT_PROJECT = """
      SELECT p.id, p.code, p.title_ko, p.title_en, p.region_code, p.collaboration_types, p.status,
             p.national_funds_won, p.local_funds_won, lead.name AS lead_name,
             reg.sido, reg.sigungu,
             (SELECT count(*) FROM project_organisation po WHERE po.project_id = p.id) AS member_count
        FROM project p
        JOIN organisation lead ON lead.id = p.lead_organisation_id
        LEFT JOIN LATERAL (
             SELECT r.sido, r.sigungu FROM region_designation r
              WHERE r.sgg_code = p.region_code ORDER BY lower(r.valid_during) DESC LIMIT 1) reg ON true
      """;
  private static final String LIST_ALL = SELECT_PROJECT + " ORDER BY p.code";
  private static final String LIST_BY_LEAD = SELECT_PROJECT + " WHERE p.lead_organisation_id = $1 ORDER BY p.code";
  private static final String LIST_BY_MEMBER_ORGANISATION = SELECT_PROJECT + """
       WHERE EXISTS (SELECT 1 FROM project_organisation po WHERE po.project_id = p.id AND po.organisation_id = $1)
       ORDER BY p.code
      """;
  private static final String LIST_BY_USER_ROLE = SELECT_PROJECT + """
       WHERE EXISTS (SELECT 1 FROM project_user pu WHERE pu.project_id = p.id AND pu.user_id = $1 AND pu.project_role = $2 AND pu.active)
       ORDER BY p.code
      """;
  // a person whose membership of a project was switched off no longer sees it through their organisation
  private static final String LIST_FOR_MEMBER = SELECT_PROJECT + """
       WHERE EXISTS (SELECT 1 FROM project_organisation po WHERE po.project_id = p.id AND po.organisation_id = $1)
         AND NOT EXISTS (SELECT 1 FROM project_user pu WHERE pu.project_id = p.id AND pu.user_id = $2 AND NOT pu.active)
       ORDER BY p.code
      """;
  private static final String LIST_WITH_TYPE = SELECT_PROJECT + " WHERE $1 = ANY (p.collaboration_types) ORDER BY p.code";
  private static final String LIST_MEMBERS = """
      SELECT po.project_id, po.member_role, o.id, o.kind, o.name, o.business_number, o.region_code,
             reg.sido, reg.sigungu
        FROM project_organisation po
        JOIN organisation o ON o.id = po.organisation_id
        LEFT JOIN LATERAL (
             SELECT r.sido, r.sigungu FROM region_designation r
              WHERE r.sgg_code = o.region_code ORDER BY lower(r.valid_during) DESC LIMIT 1) reg ON true
       WHERE po.project_id = ANY ($1)
       ORDER BY po.project_id, po.member_role, o.kind, o.name
      """;
  private static final String LIST_PEOPLE = """
      SELECT pu.project_id, pu.project_role, u.id, u.name, u.email, u.role, o.name AS organisation_name
        FROM project_user pu
        JOIN app_user u ON u.id = pu.user_id
        JOIN organisation o ON o.id = u.organisation_id
       WHERE pu.project_id = ANY ($1) AND pu.active
       ORDER BY pu.project_id, pu.project_role, u.name
      """;

  private static final String MEMBERSHIP = "SELECT " + membershipColumns("$1", "$2", "$3");
  private static final String MEMBER_FIRMS = """
      SELECT o.id FROM project_organisation po JOIN organisation o ON o.id = po.organisation_id
       WHERE po.project_id = $1 AND o.kind = 'SME'
      """;
  private static final String COORDINATOR_IDS = """
      SELECT user_id FROM project_user WHERE project_id = $1 AND project_role = 'COORDINATOR' AND active
      """;

  private static final String USER_OF_MEMBER = """
      SELECT EXISTS (SELECT 1 FROM app_user u JOIN project_organisation po ON po.organisation_id = u.organisation_id
                      WHERE u.id = $1 AND po.project_id = $2)
             AND NOT EXISTS (SELECT 1 FROM project_user WHERE project_id = $2 AND user_id = $1 AND NOT active) AS member
      """;

  private static final String LEAD = "SELECT lead_organisation_id, status FROM project WHERE id = $1";
  private static final String IS_MEMBER_ORGANISATION = """
      SELECT EXISTS (SELECT 1 FROM project_organisation WHERE project_id = $1 AND organisation_id = $2) AS member
      """;

  /** The project's lead organisation and status, when it exists. */
  public Future<java.util.Optional<io.vertx.core.json.JsonObject>> lead(SqlClient sql, long projectId) {
    return sql.preparedQuery(LEAD).execute(Tuple.of(projectId)).map(rows -> rows.size() == 0 ? java.util.Optional.empty()
        : java.util.Optional.of(new io.vertx.core.json.JsonObject().put("leadOrganisationId", rows.iterator().next().getLong(0))
            .put("status", rows.iterator().next().getString(1))));
  }

  public Future<Boolean> isMemberOrganisation(SqlClient sql, long projectId, long organisationId) {
    return sql.preparedQuery(IS_MEMBER_ORGANISATION).execute(Tuple.of(projectId, organisationId))
        .map(rows -> rows.iterator().next().getBoolean("member"));
  }

  /** True when the user belongs to an organisation of the project's consortium. */
  public Future<Boolean> isUserOfMember(SqlClient sql, long projectId, long userId) {
    return sql.preparedQuery(USER_OF_MEMBER).execute(Tuple.of(userId, projectId)).map(rows -> rows.iterator().next().getBoolean("member"));
  }

  /** How a user relates to a project: through their organisation or by name, and whether they coordinate it. */
  public record Membership(boolean exists, boolean member, boolean coordinator) {
  }

  public Future<Membership> membership(SqlClient sql, long projectId, long organisationId, long userId) {
    return sql.preparedQuery(MEMBERSHIP).execute(Tuple.of(projectId, organisationId, userId))
        .map(rows -> membership(rows.iterator().next()));
  }

  /**
   * The columns {@code exists}, {@code member} and {@code coordinator} of a caller's standing in a
   * project, for a query of its own or one that reads the project's id from another row.
   */
  public static String membershipColumns(String projectId, String organisationId, String userId) {
    return """
        (EXISTS (SELECT 1 FROM project_organisation WHERE project_id = %1$s AND organisation_id = %2$s)
         OR EXISTS (SELECT 1 FROM project_user WHERE project_id = %1$s AND user_id = %3$s))
        AND NOT EXISTS (SELECT 1 FROM project_user WHERE project_id = %1$s AND user_id = %3$s AND NOT active) AS member,
        EXISTS (SELECT 1 FROM project_user WHERE project_id = %1$s AND user_id = %3$s AND project_role = 'COORDINATOR' AND active)
          AS coordinator,
        EXISTS (SELECT 1 FROM project WHERE id = %1$s) AS exists
        """.formatted(projectId, organisationId, userId);
  }

  /** Reads the columns of {@link #membershipColumns}. */
  public static Membership membership(Row r) {
    return new Membership(r.getBoolean("exists"), r.getBoolean("member"), r.getBoolean("coordinator"));
  }

  /** The ids of the SMEs in a project's consortium. */
  public Future<List<Long>> memberFirmIds(SqlClient sql, long projectId) {
    return sql.preparedQuery(MEMBER_FIRMS).execute(Tuple.of(projectId)).map(rows -> {
      List<Long> ids = new ArrayList<>();
      rows.forEach(r -> ids.add(r.getLong("id")));
      return ids;
    });
  }

  public Future<List<Long>> coordinatorIds(SqlClient sql, long projectId) {
    return sql.preparedQuery(COORDINATOR_IDS).execute(Tuple.of(projectId)).map(rows -> {
      List<Long> ids = new ArrayList<>();
      rows.forEach(r -> ids.add(r.getLong("user_id")));
      return ids;
    });
  }

  public Future<Long> insert(SqlClient sql, NewProject p) {
    return sql.preparedQuery(INSERT_PROJECT)
        .execute(Tuple.from(List.of(p.callId(), p.code(), p.titleKo(), p.titleEn(), p.leadOrganisationId(), p.regionCode(),
            p.collaborationTypes().stream().map(Enum::name).toArray(String[]::new), p.status(),
            p.nationalFundsWon(), p.localFundsWon())))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<Void> addOrganisation(SqlClient sql, long projectId, long organisationId, String memberRole) {
    return sql.preparedQuery(ADD_ORGANISATION).execute(Tuple.of(projectId, organisationId, memberRole)).mapEmpty();
  }

  public Future<Void> addUser(SqlClient sql, long projectId, long userId, String projectRole) {
    return sql.preparedQuery(ADD_USER).execute(Tuple.of(projectId, userId, projectRole)).mapEmpty();
  }

  public Future<List<ProjectSummary>> listAll(SqlClient sql) {
    return sql.query(LIST_ALL).execute().map(ProjectRepository::summaries);
  }

  public Future<List<ProjectSummary>> listByLead(SqlClient sql, long organisationId) {
    return sql.preparedQuery(LIST_BY_LEAD).execute(Tuple.of(organisationId)).map(ProjectRepository::summaries);
  }

  public Future<List<ProjectSummary>> listByMemberOrganisation(SqlClient sql, long organisationId) {
    return sql.preparedQuery(LIST_BY_MEMBER_ORGANISATION).execute(Tuple.of(organisationId)).map(ProjectRepository::summaries);
  }

  /** Projects of the organisation's consortia, less those where the user's own membership is switched off. */
  public Future<List<ProjectSummary>> listForMember(SqlClient sql, long organisationId, long userId) {
    return sql.preparedQuery(LIST_FOR_MEMBER).execute(Tuple.of(organisationId, userId)).map(ProjectRepository::summaries);
  }

  public Future<List<ProjectSummary>> listByUserRole(SqlClient sql, long userId, String projectRole) {
    return sql.preparedQuery(LIST_BY_USER_ROLE).execute(Tuple.of(userId, projectRole)).map(ProjectRepository::summaries);
  }

  public Future<List<ProjectSummary>> listWithType(SqlClient sql, CollaborationType type) {
    return sql.preparedQuery(LIST_WITH_TYPE).execute(Tuple.of(type.name())).map(ProjectRepository::summaries);
  }

  /** Consortium members of the given projects, by project id, lead first. */
  public Future<Map<Long, List<ProjectMember>>> members(SqlClient sql, List<Long> projectIds) {
    return sql.preparedQuery(LIST_MEMBERS).execute(Tuple.of(projectIds.toArray(new Long[0]))).map(rows -> {
      Map<Long, List<ProjectMember>> byProject = new LinkedHashMap<>();
      rows.forEach(r -> byProject.computeIfAbsent(r.getLong("project_id"), k -> new ArrayList<>()).add(ProjectMember.from(r)));
      return byProject;
    });
  }

  /** People named on the given projects (coordinators first), by project id. */
  public Future<Map<Long, List<ProjectPerson>>> people(SqlClient sql, List<Long> projectIds) {
    return sql.preparedQuery(LIST_PEOPLE).execute(Tuple.of(projectIds.toArray(new Long[0]))).map(rows -> {
      Map<Long, List<ProjectPerson>> byProject = new LinkedHashMap<>();
      rows.forEach(r -> byProject.computeIfAbsent(r.getLong("project_id"), k -> new ArrayList<>()).add(ProjectPerson.from(r)));
      return byProject;
    });
  }

  private static List<ProjectSummary> summaries(RowSet<Row> rows) {
    List<ProjectSummary> list = new ArrayList<>();
    rows.forEach(r -> list.add(ProjectSummary.from(r)));
    return list;
  }

  // ---- project pages: one project by id

  private static final String FIND_SUMMARY = SELECT_PROJECT + " WHERE p.id = $1";

  public Future<java.util.Optional<ProjectSummary>> findSummary(SqlClient sql, long projectId) {
    return sql.preparedQuery(FIND_SUMMARY).execute(Tuple.of(projectId)).map(rows -> rows.size() == 0 ? java.util.Optional.empty()
        : java.util.Optional.of(ProjectSummary.from(rows.iterator().next())));
  }
}
