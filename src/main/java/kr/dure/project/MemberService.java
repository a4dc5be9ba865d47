package kr.dure.project;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import kr.dure.auth.Actor;
import kr.dure.auth.AuditLog;
import kr.dure.auth.CurrentUser;
import kr.dure.auth.NewOrganisation;
import kr.dure.auth.OrganisationKind;
import kr.dure.auth.OrganisationRepository;
import kr.dure.auth.Role;
import kr.dure.common.ConflictException;
import kr.dure.common.ForbiddenException;
import kr.dure.common.NotFoundException;
import kr.dure.common.ValidationException;
import kr.dure.db.SqlErrors;

/**
 * The people of a project: its consortium organisations and their users, who may manage them (the
 * project's coordinators and the ministry), adding and removing member organisations, and switching
 * one person's membership off and on.
 */
public final class MemberService {

  private final Pool pool;
  private final MemberRepository members;
  private final ProjectRepository projects;
  private final OrganisationRepository organisations;
  private final InvitationRepository invitations;
  private final AuditLog audit;

  public MemberService(Pool pool, MemberRepository members, ProjectRepository projects, OrganisationRepository organisations,
      InvitationRepository invitations, AuditLog audit) {
    this.pool = pool;
    this.members = members;
    this.projects = projects;
    this.organisations = organisations;
    this.invitations = invitations;
    this.audit = audit;
  }

  /** The project, for a caller who manages its people: the ministry (any project) or one of its coordinators. */
  Future<JsonObject> requireManager(SqlClient sql, CurrentUser user, long projectId) {
    return members.project(sql, projectId).compose(found -> {
      JsonObject project = found.orElse(null);
      if (project == null) {
        return Future.failedFuture(new NotFoundException("Project " + projectId + " does not exist."));
      }
      if (user.role() == Role.MINISTRY) {
        return Future.succeededFuture(project);
      }
      if (user.role() != Role.COORDINATOR) {
        return Future.failedFuture(new ForbiddenException("Only the project's coordinators and the ministry manage its members."));
      }
      return projects.membership(sql, projectId, user.organisationId(), user.userId()).compose(m -> m.coordinator()
          ? Future.succeededFuture(project)
          : Future.failedFuture(new ForbiddenException("You do not coordinate project " + project.getString("code")
              + ": only its own coordinators and the ministry manage its members.")));
    });
  }

  /** The members page: managers see everything; the lead local government's officials may look. */
  public Future<JsonObject> view(CurrentUser user, long projectId) {
    return pool.withConnection(c -> requireManager(c, user, projectId)
        .map(p -> p.put("canManage", true))
        .recover(e -> e instanceof ForbiddenException && user.role() == Role.LOCAL_GOV
            ? members.project(c, projectId).compose(p -> projects.membership(c, projectId, user.organisationId(), user.userId())
                .compose(m -> m.member() && p.get().getLong("leadOrganisationId") == user.organisationId()
                    ? Future.succeededFuture(p.get().put("canManage", false))
                    : Future.failedFuture(e)))
            : Future.failedFuture(e))
        .compose(project -> projects.members(c, List.of(projectId)).compose(orgs -> members.users(c, projectId)
            .compose(users -> (project.getBoolean("canManage") ? invitations.listForProject(c, projectId)
                    : Future.succeededFuture(List.<Invitation>of()))
                .map(invites -> assemble(project, orgs.getOrDefault(projectId, List.of()), users, invites))))));
  }

  private static JsonObject assemble(JsonObject project, List<ProjectMember> orgs, JsonArray users, List<Invitation> invites) {
    JsonArray organisations = new JsonArray();
    java.util.Set<Long> memberOrgIds = new java.util.HashSet<>();
    for (ProjectMember m : orgs) {
      memberOrgIds.add(m.organisationId());
      JsonArray people = new JsonArray();
      users.forEach(u -> {
        JsonObject user = (JsonObject) u;
        if (user.getLong("organisationId") == m.organisationId()) {
          people.add(user);
        }
      });
      organisations.add(m.toJson().put("users", people).put("removable", !"LEAD".equals(m.memberRole())));
    }
    JsonArray outside = new JsonArray();
    users.forEach(u -> {
      JsonObject user = (JsonObject) u;
      if (!memberOrgIds.contains(user.getLong("organisationId"))) {
        outside.add(user);
      }
    });
    JsonArray pending = new JsonArray();
    JsonArray past = new JsonArray();
    invites.forEach(i -> (i.pending() ? pending : past).add(i.toJson()));
    return new JsonObject().put("project", project).put("organisations", organisations).put("namedOutside", outside)
        .put("invitations", pending).put("pastInvitations", past);
  }

  /**
   * Adds a university, an institution or an SME to the consortium. An SME already registered under
   * the same 사업자등록번호 is the same firm: it joins as it is, with its users.
   */
  public Future<JsonObject> addOrganisation(CurrentUser user, long projectId, NewOrganisation org, String ip) {
    return pool.withTransaction(tx -> requireManager(tx, user, projectId)
        .compose(project -> (org.businessNumber() == null ? Future.succeededFuture(java.util.Optional.<JsonObject>empty())
                : members.organisationByBusinessNumber(tx, org.businessNumber()))
            .compose(existing -> {
              if (existing.isPresent() && !org.kind().name().equals(existing.get().getString("kind"))) {
                return Future.failedFuture(ValidationException.of("businessNumber", "validation.businessNumberKind",
                    "businessNumber " + org.businessNumber() + " is registered to " + existing.get().getString("name") + ", which is not a "
                        + org.kind() + "."));
              }
              Future<Long> id = existing.isPresent() ? Future.succeededFuture(existing.get().getLong("id")) : organisations.insert(tx, org);
              return id.compose(orgId -> projects.isMemberOrganisation(tx, projectId, orgId).compose(already -> already
                  ? Future.failedFuture(new ConflictException("conflict.alreadyMemberOrganisation",
                      (existing.isPresent() ? existing.get().getString("name") : org.name()) + " is already a member of this project."))
                  : projects.addOrganisation(tx, projectId, orgId, "MEMBER")
                      .compose(v -> audit.record(tx, Actor.of(user, ip), "project.organisation.add", "project", projectId,
                          new JsonObject().put("organisationId", orgId).put("kind", org.kind().name())
                              .put("name", existing.isPresent() ? existing.get().getString("name") : org.name())
                              .put("existing", existing.isPresent())))
                      .map(v -> new JsonObject().put("organisationId", orgId).put("projectId", projectId)
                          .put("name", existing.isPresent() ? existing.get().getString("name") : org.name())
                          .put("kind", org.kind().name()).put("existing", existing.isPresent()))));
            })))
        .recover(e -> SqlErrors.isUniqueViolation(e, "project_organisation_pkey")
            ? Future.failedFuture(new ConflictException("conflict.alreadyMemberOrganisation", "The organisation is already a member of this project."))
            : SqlErrors.isUniqueViolation(e, "organisation_business_number_unique")
                ? Future.failedFuture(new ConflictException("conflict.busy", "The same firm was registered at the same moment: try again."))
                : Future.failedFuture(e));
  }

  /**
   * Takes an organisation out of the consortium, only while nothing of the project is recorded
   * against it; otherwise a 409 names what is. The lead never leaves. Its pending invitations are revoked.
   */
  public Future<Void> removeOrganisation(CurrentUser user, long projectId, long organisationId, String ip) {
    return pool.withTransaction(tx -> requireManager(tx, user, projectId)
        .compose(project -> members.lockMemberOrganisation(tx, projectId, organisationId))
        .compose(role -> {
          if (role.isEmpty()) {
            return Future.failedFuture(new NotFoundException("Organisation " + organisationId + " is not a member of this project."));
          }
          if ("LEAD".equals(role.get())) {
            return Future.failedFuture(new ConflictException("conflict.leadOrganisation",
                "The lead organisation signs the agreement and cannot leave its project."));
          }
          return members.organisationTies(tx, projectId, organisationId).compose(ties -> {
            if (!ties.isEmpty()) {
              StringBuilder what = new StringBuilder();
              ties.forEach(t -> what.append(what.length() == 0 ? "" : ", ").append(t.getValue()).append(' ').append(t.getKey()));
              return Future.failedFuture(new ConflictException("conflict.organisationHasRecords",
                  "The organisation has records in this project (" + what + "), so it cannot be removed: they would lose their firm.",
                  new JsonObject().put("records", ties)));
            }
            return invitations.revokeForOrganisation(tx, projectId, organisationId, user.userId())
                .compose(revoked -> members.removeOrganisation(tx, projectId, organisationId)
                    .compose(v -> audit.record(tx, Actor.of(user, ip), "project.organisation.remove", "project", projectId,
                        new JsonObject().put("organisationId", organisationId).put("revokedInvitations", new JsonArray(revoked)))));
          });
        }));
  }

  /**
   * Switches one person's membership of the project off. Their bookings ahead are not cancelled
   * behind their back: while they hold any, the answer is a 409 that lists them, to be cancelled first.
   */
  public Future<Void> deactivate(CurrentUser user, long projectId, long userId, String ip) {
    if (userId == user.userId()) {
      return Future.failedFuture(new ConflictException("conflict.deactivateSelf",
          "You cannot switch off your own membership: ask another coordinator or the ministry."));
    }
    return pool.withTransaction(tx -> requireManager(tx, user, projectId)
        .compose(project -> members.standingById(tx, projectId, userId))
        .compose(found -> {
          MemberRepository.Standing s = found.orElse(null);
          if (s == null || !(s.viaOrganisation() || s.projectRole() != null)) {
            return Future.failedFuture(new NotFoundException("User " + userId + " is not a member of this project."));
          }
          if (!s.member()) {
            return Future.failedFuture(new ConflictException("conflict.alreadyDeactivated", s.name() + "'s membership is already switched off."));
          }
          return members.futureBookings(tx, projectId, userId, s.organisationId()).compose(ahead -> {
            if (!ahead.isEmpty()) {
              return Future.failedFuture(new ConflictException("conflict.userHasBookings",
                  s.name() + " holds " + ahead.size() + " booking(s) ahead in this project; cancel them first (or let them run), then switch the membership off.",
                  new JsonObject().put("bookings", new JsonArray(ahead))));
            }
            return members.deactivate(tx, projectId, userId, user.userId())
                .compose(v -> audit.record(tx, Actor.of(user, ip), "project.member.deactivate", "project", projectId,
                    new JsonObject().put("userId", userId).put("email", s.email())));
          });
        }));
  }

  public Future<Void> reactivate(CurrentUser user, long projectId, long userId, String ip) {
    return pool.withTransaction(tx -> requireManager(tx, user, projectId)
        .compose(project -> members.reactivate(tx, projectId, userId))
        .compose(done -> done
            ? audit.record(tx, Actor.of(user, ip), "project.member.reactivate", "project", projectId, new JsonObject().put("userId", userId))
            : Future.failedFuture(new ConflictException("conflict.notDeactivated", "User " + userId + "'s membership of this project is not switched off."))));
  }

  /** The kinds of organisation a coordinator may add: the rest join through the program, not the members page. */
  public static final List<OrganisationKind> ADDABLE_KINDS = List.of(OrganisationKind.SME, OrganisationKind.UNIVERSITY,
      OrganisationKind.INNOVATION_INSTITUTION);
}
