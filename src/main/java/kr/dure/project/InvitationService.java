package kr.dure.project;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import kr.dure.auth.Actor;
import kr.dure.auth.AuditLog;
import kr.dure.auth.CurrentUser;
import kr.dure.auth.NewUser;
import kr.dure.auth.Organisation;
import kr.dure.auth.OrganisationKind;
import kr.dure.auth.OrganisationRepository;
import kr.dure.auth.PasswordHasher;
import kr.dure.auth.Role;
import kr.dure.auth.User;
import kr.dure.auth.UserRepository;
import kr.dure.common.ConflictException;
import kr.dure.common.GoneException;
import kr.dure.common.NotFoundException;
import kr.dure.common.ValidationException;
import kr.dure.db.SqlErrors;
import kr.dure.notify.Notifier;

/**
 * Invitations into a project. The ministry invites anyone into any project; a project's coordinators
 * invite firm users of its member firms and fellow coordinators. The invitee opens a one-time link,
 * sets a password (or confirms theirs, when the e-mail already has an account) and is signed in.
 * Only the SHA-256 of a link's token is stored, so the database never holds a usable link.
 */
public final class InvitationService {

  /** How long a link stays valid. */
  public static final int VALID_DAYS = 7;
  /** The same rule as the administrator's password (see {@code AdminCommand}). */
  public static final int PASSWORD_MIN = 12;
  public static final int PASSWORD_MAX = 200;
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

  private final Pool pool;
  private final InvitationRepository invitations;
  private final MemberRepository members;
  private final MemberService access;
  private final OrganisationRepository organisations;
  private final UserRepository users;
  private final ProjectRepository projects;
  private final PasswordHasher hasher;
  private final Notifier notifications;
  private final AuditLog audit;
  private final kr.dure.auth.LoginThrottle throttle;
  private final SecureRandom random = new SecureRandom();

  public InvitationService(Pool pool, InvitationRepository invitations, MemberRepository members, MemberService access,
      OrganisationRepository organisations, UserRepository users, ProjectRepository projects, PasswordHasher hasher,
      Notifier notifications, AuditLog audit, kr.dure.auth.LoginThrottle throttle) {
    this.pool = pool;
    this.invitations = invitations;
    this.members = members;
    this.access = access;
    this.organisations = organisations;
    this.users = users;
    this.projects = projects;
    this.hasher = hasher;
    this.notifications = notifications;
    this.audit = audit;
    this.throttle = throttle;
  }

  /** A new or re-sent invitation and the token of its link: shown once to the inviter, never stored. */
  public record Created(Invitation invitation, String token) {
  }

  /** What the invitee sees before accepting: the invitation and whether the e-mail already has an account. */
  public record Preview(Invitation invitation, boolean existingAccount) {
  }

  /** An accepted invitation: the (new or existing) user, now a member of the project. */
  public record Accepted(User user, boolean existingAccount, long projectId) {
  }

  public Future<Created> create(CurrentUser inviter, long projectId, NewInvitation in, String ip) {
    return pool.withTransaction(tx -> access.requireManager(tx, inviter, projectId)
        .compose(project -> checkTarget(tx, inviter, project, in))
        .compose(v -> invitations.expireStale(tx, projectId, in.email()))
        .compose(v -> invitations.pendingFor(tx, projectId, in.email()))
        .compose(pending -> {
          if (pending.isPresent()) {
            return Future.failedFuture(pendingConflict(in.email()));
          }
          String token = newToken();
          return invitations.insert(tx, projectId, in.organisationId(), in.email(), in.name(), in.role().name(), hash(token),
                  inviter.userId(), VALID_DAYS)
              .compose(id -> invitations.findById(tx, id, false)).map(Optional::orElseThrow)
              .compose(invitation -> audit.record(tx, Actor.of(inviter, ip), "invitation.create", "project", projectId,
                      new JsonObject().put("invitationId", invitation.id()).put("email", in.email()).put("role", in.role().name())
                          .put("organisationId", in.organisationId()))
                  .compose(v -> created(tx, inviter, invitation, acceptPath(token)))
                  .map(v -> new Created(invitation, token)));
        }))
        .recover(e -> SqlErrors.isUniqueViolation(e, "project_invitation_one_pending")
            ? Future.failedFuture(pendingConflict(in.email()))
            : Future.failedFuture(e));
  }

  /**
   * Announces a new or re-sent invitation, inside the transaction that made it: the link by e-mail
   * to the invitee (through the outbox, so it commits or rolls back with the invitation) and an
   * in-app notification to the project's other coordinators.
   */
  Future<Void> created(SqlConnection tx, CurrentUser inviter, Invitation invitation, String acceptPath) {
    return notifications.projectTitle(tx, invitation.projectId())
        .compose(title -> notifications.emailAddress(tx, invitation.email(), "ko", "invitation.invite",
            new JsonObject().put("name", invitation.name()).put("project", title).put("inviter", invitation.invitedByName() != null ? invitation.invitedByName() : inviter.email()), acceptPath))
        .compose(v -> projects.coordinatorIds(tx, invitation.projectId()))
        .compose(ids -> notifications.notifyAll(tx, ids.stream().filter(id -> id != inviter.userId()).toList(), "invitation.created",
            new JsonObject().put("invitationId", invitation.id()).put("projectId", invitation.projectId())
                .put("email", invitation.email()).put("name", invitation.name()).put("role", invitation.role().name()),
            "/projects/" + invitation.projectId() + "/members"));
  }

  public Future<List<Invitation>> list(CurrentUser user, long projectId) {
    return pool.withConnection(c -> access.requireManager(c, user, projectId).compose(p -> invitations.listForProject(c, projectId)));
  }

  public Future<Invitation> revoke(CurrentUser user, long invitationId, String ip) {
    return pool.withTransaction(tx -> managed(tx, user, invitationId).compose(invitation -> invitations.revoke(tx, invitationId, user.userId())
        .compose(done -> done
            ? audit.record(tx, Actor.of(user, ip), "invitation.revoke", "project", invitation.projectId(),
                new JsonObject().put("invitationId", invitationId).put("email", invitation.email()))
            : Future.failedFuture(stateConflict(invitation)))
        .compose(v -> invitations.findById(tx, invitationId, false)).map(Optional::orElseThrow)));
  }

  /** A fresh link (new token, seven more days) for a pending or expired invitation; the old link stops working. */
  public Future<Created> resend(CurrentUser user, long invitationId, String ip) {
    return pool.withTransaction(tx -> managed(tx, user, invitationId).compose(invitation -> {
      if (!invitation.pending() && !"EXPIRED".equals(invitation.status())) {
        return Future.failedFuture(stateConflict(invitation));
      }
      String token = newToken();
      return invitations.renew(tx, invitationId, hash(token), VALID_DAYS)
          .compose(done -> done ? Future.succeededFuture() : Future.failedFuture(stateConflict(invitation)))
          .compose(v -> invitations.findById(tx, invitationId, false)).map(Optional::orElseThrow)
          .compose(renewed -> audit.record(tx, Actor.of(user, ip), "invitation.resend", "project", renewed.projectId(),
                  new JsonObject().put("invitationId", invitationId).put("email", renewed.email()))
              .compose(v -> created(tx, user, renewed, acceptPath(token)))
              .map(v -> new Created(renewed, token)));
    })).recover(e -> SqlErrors.isUniqueViolation(e, "project_invitation_one_pending")
        ? Future.failedFuture(new ConflictException("conflict.invitationPending",
            "Another invitation for the same person is pending in this project: resend that one instead."))
        : Future.failedFuture(e));
  }

  /** The invitation behind a link, while it can still be accepted. */
  public Future<Preview> preview(String token) {
    return usable(token).compose(invitation -> users.findByEmail(pool, invitation.email())
        .map(found -> new Preview(invitation, found.isPresent())));
  }

  /**
   * Accepts the invitation behind a link. A new account gets {@code password} (at least
   * {@value #PASSWORD_MIN} characters) and {@code name}; an existing account proves itself with its
   * current password and gets the project added. Two accepts of one link race for the row lock: one wins.
   */
  public Future<Accepted> accept(String token, String name, String password, String locale, String ip) {
    return usable(token).compose(first -> users.findByEmail(pool, first.email()).compose(account -> {
      if (account.isPresent()) {
        // the existing account's password is checked here as at sign-in, so it counts towards the same lock
        String accountKey = kr.dure.auth.LoginThrottle.accountKey(first.email());
        java.time.Instant now = java.time.Instant.now();
        return throttle.lockedUntil(pool, List.of(accountKey), now).compose(locked -> locked.isPresent()
            ? Future.failedFuture(new kr.dure.common.TooManyRequestsException("error.loginLocked",
                "Too many failed sign-ins: this account is locked until " + locked.get() + ".", locked.get()))
            : hasher.verify(account.get().passwordHash(), password).compose(ok -> ok
                ? throttle.reset(pool, accountKey).compose(v -> acceptExisting(token, account.get().user(), ip))
                : pool.withTransaction(tx -> throttle.recordFailure(tx, accountKey, kr.dure.auth.LoginThrottle.ACCOUNT_LIMIT, now)
                        .compose(left -> audit.record(tx, Actor.anonymous(first.email(), ip), "invitation.accept.failed", "project",
                            first.projectId(), new JsonObject().put("invitationId", first.id()).put("reason", "wrong password"))))
                    .compose(v -> Future.failedFuture(ValidationException.of("password", "validation.passwordWrong",
                        "password is not the current password of the account " + first.email() + ".")))));
      }
      if (password.length() < PASSWORD_MIN) {
        return Future.failedFuture(ValidationException.of("password", "validation.passwordShort",
            "password must be at least " + PASSWORD_MIN + " characters."));
      }
      String chosenName = name == null || name.isBlank() ? first.name() : name;
      return hasher.hash(password).compose(hash -> acceptNew(token, chosenName, password, hash, locale, ip));
    }));
  }

  private Future<Accepted> acceptExisting(String token, User user, String ip) {
    if (!user.active()) {
      return Future.failedFuture(new ConflictException("conflict.invitationAccount",
          "The account " + user.email() + " is switched off; the ministry can switch it on again."));
    }
    return pool.withTransaction(tx -> lockUsable(tx, token).compose(invitation -> members.standingByEmail(tx, invitation.projectId(),
            invitation.email())
        .compose(found -> {
          MemberRepository.Standing s = found.orElseThrow();
          String mismatch = mismatch(s, invitation.role(), invitation.organisationId());
          if (mismatch != null) {
            return Future.failedFuture(new ConflictException("conflict.invitationAccount", mismatch));
          }
          return join(tx, invitation, s.userId(), true, ip);
        })))
        .compose(projectId -> users.findById(pool, user.id()).map(u -> new Accepted(u.orElseThrow(), true, projectId)));
  }

  private Future<Accepted> acceptNew(String token, String name, String password, String hash, String locale, String ip) {
    return pool.withTransaction(tx -> lockUsable(tx, token).compose(invitation -> {
      NewUser user = new NewUser(invitation.email(), name, invitation.role(), invitation.organisationId(), locale, password);
      return users.insert(tx, user, hash)
          .compose(userId -> audit.record(tx, Actor.anonymous(invitation.email(), ip), "user.create", "user", userId,
                  new JsonObject().put("email", invitation.email()).put("role", invitation.role().name())
                      .put("organisationId", invitation.organisationId()).put("invitationId", invitation.id()))
              .compose(v -> join(tx, invitation, userId, false, ip)).map(projectId -> new long[] {userId, projectId}));
    }))
        .recover(e -> SqlErrors.isUniqueViolation(e, "app_user_email_unique")
            ? Future.failedFuture(new ConflictException("error.emailTaken",
                "An account with this e-mail was created at the same moment: open the link again and use that account's password."))
            : Future.failedFuture(e))
        .compose(ids -> users.findById(pool, ids[0]).map(u -> new Accepted(u.orElseThrow(), false, ids[1])));
  }

  private Future<Long> join(SqlConnection tx, Invitation invitation, long userId, boolean existing, String ip) {
    String projectRole = invitation.role() == Role.COORDINATOR ? "COORDINATOR" : "MEMBER";
    return members.join(tx, invitation.projectId(), userId, projectRole)
        .compose(v -> invitations.accept(tx, invitation.id(), userId))
        .compose(done -> done ? Future.succeededFuture() : Future.failedFuture(gone(invitation)))
        .compose(v -> audit.record(tx, new Actor(userId, invitation.email(), ip), "invitation.accept", "project", invitation.projectId(),
            new JsonObject().put("invitationId", invitation.id()).put("userId", userId).put("role", invitation.role().name())
                .put("existingAccount", existing)))
        .compose(v -> notifications.notify(tx, invitation.invitedById(), "invitation.accepted",
            new JsonObject().put("invitationId", invitation.id()).put("email", invitation.email()).put("projectId", invitation.projectId()),
            "/projects/" + invitation.projectId() + "/members"))
        .map(invitation.projectId());
  }

  /** Who may be invited: a role the inviter may give, to an organisation of the project that fits it, not someone already in. */
  private Future<Void> checkTarget(SqlConnection tx, CurrentUser inviter, JsonObject project, NewInvitation in) {
    long projectId = project.getLong("id");
    List<Role> allowed = inviter.role() == Role.MINISTRY ? NewInvitation.ROLES : List.of(Role.FIRM, Role.COORDINATOR);
    if (!allowed.contains(in.role())) {
      return Future.failedFuture(ValidationException.of("role", "validation.roleNotAllowed",
          "role " + in.role() + " is not yours to give: you may invite " + allowed + "."));
    }
    return members.lockMemberOrganisation(tx, projectId, in.organisationId()).compose(memberRole -> {
      if (memberRole.isEmpty()) {
        return Future.failedFuture(ValidationException.of("organisationId", "validation.notMember",
            "Organisation " + in.organisationId() + " is not a member of this project's consortium."));
      }
      return organisations.findById(tx, in.organisationId()).compose(org -> {
        Organisation o = org.orElseThrow();
        if (in.role() == Role.FIRM && o.kind() != OrganisationKind.SME) {
          return Future.failedFuture(ValidationException.of("organisationId", "validation.firmNeedsSme",
              "A firm user belongs to a member SME; " + o.name() + " is a " + o.kind() + "."));
        }
        if (in.role() == Role.LOCAL_GOV && !"LEAD".equals(memberRole.get())) {
          return Future.failedFuture(ValidationException.of("organisationId", "validation.localGovNeedsLead",
              "A local-government official belongs to the project's lead organisation."));
        }
        return members.standingByEmail(tx, projectId, in.email()).compose(found -> {
          if (found.isEmpty()) {
            return Future.succeededFuture();
          }
          MemberRepository.Standing s = found.get();
          if (!s.accountActive()) {
            return Future.failedFuture(new ConflictException("conflict.invitationAccount",
                "The account " + in.email() + " is switched off; the ministry can switch it on again."));
          }
          String mismatch = mismatch(s, in.role(), in.organisationId());
          if (mismatch != null) {
            return Future.failedFuture(new ConflictException("conflict.invitationAccount", mismatch));
          }
          boolean already = in.role() == Role.COORDINATOR ? s.coordinator() : s.member();
          return already
              ? Future.failedFuture(new ConflictException("conflict.alreadyMember", in.email() + " is already a member of this project as " + in.role() + "."))
              : Future.succeededFuture();
        });
      });
    });
  }

  /** Why an existing account cannot take this invitation, or null when it can: a user has one role and one organisation. */
  private static String mismatch(MemberRepository.Standing s, Role role, long organisationId) {
    if (!role.name().equals(s.role())) {
      return "The account " + s.email() + " already exists as a " + s.role() + " user, so it cannot join as " + role + ".";
    }
    if (role != Role.COORDINATOR && s.organisationId() != organisationId) {
      return "The account " + s.email() + " already exists in another organisation; a " + role + " user joins with their own organisation.";
    }
    return null;
  }

  private Future<Invitation> managed(SqlConnection tx, CurrentUser user, long invitationId) {
    return invitations.findById(tx, invitationId, true).compose(found -> found.isEmpty()
        ? Future.failedFuture(new NotFoundException("Invitation " + invitationId + " does not exist."))
        : access.requireManager(tx, user, found.get().projectId()).map(found.get()));
  }

  private Future<Invitation> usable(String token) {
    if (!wellFormed(token)) {
      return Future.failedFuture(unknown());
    }
    return invitations.findByToken(pool, hash(token), false).compose(InvitationService::stillOpen);
  }

  private Future<Invitation> lockUsable(SqlConnection tx, String token) {
    return invitations.findByToken(tx, hash(token), true).compose(InvitationService::stillOpen);
  }

  private static Future<Invitation> stillOpen(Optional<Invitation> found) {
    if (found.isEmpty()) {
      return Future.failedFuture(unknown());
    }
    return found.get().pending() ? Future.succeededFuture(found.get()) : Future.failedFuture(gone(found.get()));
  }

  private static NotFoundException unknown() {
    return new NotFoundException("This invitation link is not valid: check that the whole link was copied, or ask for a new invitation.");
  }

  private static GoneException gone(Invitation invitation) {
    return switch (invitation.status()) {
      case "ACCEPTED" -> new GoneException("invite.gone.ACCEPTED", "This invitation has already been accepted: sign in instead.");
      case "REVOKED" -> new GoneException("invite.gone.REVOKED", "This invitation was withdrawn: ask whoever invited you.");
      default -> new GoneException("invite.gone.EXPIRED",
          "This invitation expired on " + invitation.expiresAt() + ": ask whoever invited you to send it again.");
    };
  }

  private static ConflictException stateConflict(Invitation invitation) {
    return new ConflictException("conflict.invitationState", "The invitation is " + invitation.status() + ": only a pending "
        + "invitation can be revoked, and only a pending or expired one re-sent.");
  }

  private static ConflictException pendingConflict(String email) {
    return new ConflictException("conflict.invitationPending",
        "An invitation for " + email + " is already pending in this project: resend or revoke it instead.");
  }

  public static String acceptPath(String token) {
    return "/invite/" + token;
  }

  /** 256 random bits, URL-safe. */
  String newToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static boolean wellFormed(String token) {
    return token != null && TOKEN.matcher(token).matches();
  }

  static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
