package kr.dure.program;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import kr.dure.auth.Actor;
import kr.dure.auth.AuditLog;
import kr.dure.auth.CurrentUser;
import kr.dure.auth.Role;
import kr.dure.common.ConflictException;
import kr.dure.common.ForbiddenException;
import kr.dure.common.NotFoundException;
import kr.dure.common.UnprocessableException;
import kr.dure.common.Zones;
import kr.dure.db.SqlErrors;
import kr.dure.notify.Notifier;

/**
 * Applications (신청) of local governments to a call: drafts saved at any step, a live eligibility
 * check, and a submit that enforces it. A local government sees its own; the ministry sees all.
 */
public final class ApplicationService {

  private final Pool pool;
  private final Clock clock;
  private final CallRepository calls;
  private final ApplicationRepository applications;
  private final EligibilityRepository eligibility;
  private final AuditLog audit;
  private final Notifier notifications;

  public ApplicationService(Pool pool, Clock clock, CallRepository calls, ApplicationRepository applications,
      EligibilityRepository eligibility, AuditLog audit, Notifier notifications) {
    this.notifications = notifications;
    this.pool = pool;
    this.clock = clock;
    this.calls = calls;
    this.applications = applications;
    this.eligibility = eligibility;
    this.audit = audit;
  }

  public Future<CallRules> call(long id) {
    return calls.find(pool, id).map(found -> found.orElseThrow(() -> new NotFoundException("Call " + id + " does not exist.")));
  }

  /** The ministry opens a call. */
  public Future<CallRules> createCall(CurrentUser user, CallInput input, String ip) {
    return pool.withTransaction(tx -> calls.insert(tx, input)
            .compose(id -> audit.record(tx, Actor.of(user, ip), "call.create", "call", id, new JsonObject().put("title", input.titleKo()))
                .map(id)))
        .recover(e -> e instanceof io.vertx.pgclient.PgException pg && SqlErrors.FOREIGN_KEY_VIOLATION.equals(pg.getSqlState())
            ? Future.failedFuture(new NotFoundException("Program " + input.programId() + " does not exist."))
            : Future.failedFuture(e))
        .compose(this::call);
  }

  /**
   * The ministry edits a call. Once an application has been submitted to it, only the titles and
   * descriptions may change: the window, caps, number to select, eligibility settings, categories
   * and criteria are what the submitted applications were checked and will be scored against (409).
   */
  public Future<CallRules> updateCall(CurrentUser user, long id, CallInput input, String ip) {
    if (user.role() != Role.MINISTRY) {
      return Future.failedFuture(new ForbiddenException("Only the ministry edits calls."));
    }
    return pool.withTransaction(tx -> calls.lock(tx, id).compose(found -> found
            ? calls.find(tx, id).map(java.util.Optional::orElseThrow)
            : Future.failedFuture(new NotFoundException("Call " + id + " does not exist.")))
        .compose(before -> calls.submittedCount(tx, id).compose(submitted -> {
          List<String> changed = rulesChanged(before, input);
          if (submitted > 0 && !changed.isEmpty()) {
            return Future.failedFuture(new ConflictException("conflict.callLocked",
                submitted + " application(s) have been submitted to this call (status " + before.status()
                    + "), so only its titles and descriptions may change; refused changes to " + String.join(", ", changed) + ".",
                new JsonObject().put("submitted", submitted).put("fields", new JsonArray(changed)).put("state", before.status())));
          }
          return calls.update(tx, id, input)
              .compose(v -> audit.record(tx, Actor.of(user, ip), "call.update", "call", id,
                  new JsonObject().put("title", input.titleKo()).put("changed", new JsonArray(changed))));
        })))
        .compose(v -> call(id));
  }

  /** The fields of {@code input} that differ from the call in what decides eligibility, selection or scoring. */
  static List<String> rulesChanged(CallRules before, CallInput in) {
    List<String> changed = new ArrayList<>();
    if (!before.opensOn().equals(in.opensOn())) {
      changed.add("opensOn");
    }
    if (!before.closesOn().equals(in.closesOn())) {
      changed.add("closesOn");
    }
    if (before.projectsToSelect() != in.projectsToSelect()) {
      changed.add("projectsToSelect");
    }
    if (before.nationalCapWon() != in.nationalCapWon()) {
      changed.add("nationalCapWon");
    }
    if (before.localMinWon() != in.localMinWon()) {
      changed.add("localMinWon");
    }
    if (before.totalCapWon() != in.totalCapWon()) {
      changed.add("totalCapWon");
    }
    if (before.minLocalSmes() != in.minLocalSmes()) {
      changed.add("minLocalSmes");
    }
    if (before.requireSupportHistory() != in.requireSupportHistory()) {
      changed.add("requireSupportHistory");
    }
    if (!new java.util.HashSet<>(before.eligibleStatuses()).equals(new java.util.HashSet<>(in.eligibleStatuses()))) {
      changed.add("eligibleStatuses");
    }
    if (!in.categories().isEmpty() && !before.categories().stream().map(CallRules.Category::code).toList()
        .equals(in.categories().stream().map(CallRules.Category::code).toList())) {
      changed.add("budgetCategories");
    }
    if (!in.criteria().isEmpty() && !before.criteria().stream().map(c -> c.code() + "=" + c.weight()).toList()
        .equals(in.criteria().stream().map(c -> c.code() + "=" + c.weight()).toList())) {
      changed.add("reviewCriteria");
    }
    return changed;
  }

  /** Starts a draft; a local government has one active application per call. */
  public Future<JsonObject> create(CurrentUser user, long callId, String ip) {
    if (user.role() != Role.LOCAL_GOV) {
      return Future.failedFuture(new ForbiddenException("Applications are written by local governments."));
    }
    return pool.withTransaction(tx -> calls.find(tx, callId)
            .compose(call -> call.isPresent() ? Future.succeededFuture(call.get())
                : Future.failedFuture(new NotFoundException("Call " + callId + " does not exist.")))
            .compose(call -> applications.insert(tx, callId, user.organisationId(), user.userId()))
            .compose(id -> applications.recordCreated(tx, id, user.userId())
                .compose(v -> audit.record(tx, Actor.of(user, ip), "application.create", "application", id, new JsonObject().put("callId", callId)))
                .map(id)))
        .recover(e -> SqlErrors.isUniqueViolation(e, null)
            ? Future.failedFuture(new ConflictException("conflict.applicationExists",
                "Your local government already has an application to this call: continue that one, or withdraw it first."))
            : Future.failedFuture(e))
        .compose(id -> get(user, id));
  }

  public Future<List<ApplicationRepository.Header>> mine(CurrentUser user) {
    return applications.byApplicant(pool, user.organisationId());
  }

  /** The submitted applications of a call, for the ministry. */
  public Future<List<ApplicationRepository.Header>> forCall(CurrentUser user, long callId) {
    if (user.role() != Role.MINISTRY) {
      return Future.failedFuture(new ForbiddenException("Only the ministry lists all applications of a call."));
    }
    return applications.byCall(pool, callId);
  }

  /** The application with its content, the live eligibility check and its status history. */
  public Future<JsonObject> get(CurrentUser user, long id) {
    return pool.withConnection(c -> visible(c, user, id, false).compose(h -> view(c, h)));
  }

  public Future<JsonObject> save(CurrentUser user, long id, ApplicationDraft draft, String ip) {
    return pool.withTransaction(tx -> visible(tx, user, id, true).compose(h -> {
      own(user, h);
      if (!"DRAFT".equals(h.status())) {
        return Future.failedFuture(new ConflictException("conflict.applicationState",
            "The application is " + h.status() + ": only a DRAFT can be changed."));
      }
      return applications.save(tx, id, draft)
          .compose(v -> audit.record(tx, Actor.of(user, ip), "application.save", "application", id, new JsonObject()))
          .compose(v -> applications.find(tx, id)).compose(found -> view(tx, found.orElseThrow()));
    }));
  }

  /** Submits a draft that passes every eligibility rule; otherwise 422 listing each failed rule with its reason. */
  public Future<JsonObject> submit(CurrentUser user, long id, String ip) {
    return pool.withTransaction(tx -> visible(tx, user, id, true).compose(h -> {
      own(user, h);
      if (!"DRAFT".equals(h.status())) {
        return Future.failedFuture(new ConflictException("conflict.applicationState",
            "The application is " + h.status() + ": only a DRAFT can be submitted."));
      }
      // the call's rules stay still while this submission is checked; an edit of the call waits and then sees it
      return calls.lockShared(tx, h.callId()).compose(locked -> check(tx, h)).compose(results -> {
        List<UnprocessableException.Violation> failed = new ArrayList<>();
        results.stream().filter(r -> !r.passed()).forEach(r ->
            failed.add(new UnprocessableException.Violation(r.rule(), "eligibility." + r.rule(), r.message(), new JsonObject())));
        if (!failed.isEmpty()) {
          return Future.failedFuture(new UnprocessableException(failed));
        }
        return applications.setStatus(tx, id, "SUBMITTED", user.userId(), "")
            .compose(v -> notifications.notifyOrganisation(tx, h.applicantId(), "application.submitted",
                new JsonObject().put("applicationId", id).put("title", h.title()), "/applications"))
            .compose(v -> audit.record(tx, Actor.of(user, ip), "application.submit", "application", id, new JsonObject()))
            .compose(v -> applications.find(tx, id)).compose(found -> view(tx, found.orElseThrow()));
      });
    }));
  }

  public Future<JsonObject> withdraw(CurrentUser user, long id, String ip) {
    return pool.withTransaction(tx -> visible(tx, user, id, true).compose(h -> {
      own(user, h);
      if (!"DRAFT".equals(h.status()) && !"SUBMITTED".equals(h.status())) {
        return Future.failedFuture(new ConflictException("conflict.applicationState",
            "The application is " + h.status() + ": only a DRAFT or SUBMITTED one can be withdrawn.",
            new JsonObject().put("state", h.status())));
      }
      return applications.setStatus(tx, id, "WITHDRAWN", user.userId(), "")
          .compose(v -> audit.record(tx, Actor.of(user, ip), "application.withdraw", "application", id, new JsonObject()))
          .compose(v -> applications.find(tx, id)).compose(found -> view(tx, found.orElseThrow()));
    }));
  }

  private Future<ApplicationRepository.Header> visible(SqlConnection c, CurrentUser user, long id, boolean lock) {
    return (lock ? applications.lock(c, id) : applications.find(c, id)).compose(found -> {
      ApplicationRepository.Header h = found.orElse(null);
      if (h != null && (h.applicantId() == user.organisationId() || user.role() == Role.MINISTRY)) {
        return Future.succeededFuture(h);
      }
      return Future.failedFuture(new NotFoundException("Application " + id + " does not exist or is not yours to see."));
    });
  }

  private static void own(CurrentUser user, ApplicationRepository.Header h) {
    if (h.applicantId() != user.organisationId() || user.role() != Role.LOCAL_GOV) {
      throw new ForbiddenException("Only the applicant local government changes its application.");
    }
  }

  /**
   * The eligibility check of {@code draft} (the saved content when null) for the applicant's own
   * application, without saving anything: the wizard's feedback as one types.
   */
  public Future<JsonObject> checkDraft(CurrentUser user, long id, ApplicationDraft draft) {
    return pool.withConnection(c -> visible(c, user, id, false).compose(h -> {
      own(user, h);
      return check(c, h, draft == null ? applications.content(c, h) : Future.succeededFuture(draft))
          .map(results -> new JsonObject().put("eligible", Eligibility.eligible(results)).put("rules", Eligibility.toJson(results)));
    }));
  }

  private Future<List<Eligibility.Result>> check(SqlConnection c, ApplicationRepository.Header h) {
    return check(c, h, applications.content(c, h));
  }

  private Future<List<Eligibility.Result>> check(SqlConnection c, ApplicationRepository.Header h, Future<ApplicationDraft> content) {
    return calls.find(c, h.callId()).compose(call -> content.compose(draft -> {
      String region = h.applicantRegion();
      Future<EligibilityRepository.Region> designations = region == null
          ? Future.succeededFuture(new EligibilityRepository.Region(null, List.of()))
          : eligibility.region(c, region);
      Future<List<Integer>> years = region == null ? Future.succeededFuture(List.of()) : eligibility.supportYears(c, region);
      return designations.compose(d -> years.compose(y -> applications.otherActive(c, h.callId(), h.applicantId(), h.id())
          .map(other -> Eligibility.check(call.orElseThrow(), draft,
              new Eligibility.Facts(region, d.name(), d.designations(), y, other, LocalDate.now(clock.withZone(Zones.SEOUL)))))));
    }));
  }

  private Future<JsonObject> view(SqlConnection c, ApplicationRepository.Header h) {
    return applications.content(c, h).compose(draft -> check(c, h).compose(results -> applications.history(c, h.id())
        .map(history -> h.toJson().put("content", draft.toJson())
            .put("eligibility", new JsonObject().put("eligible", Eligibility.eligible(results)).put("rules", Eligibility.toJson(results)))
            .put("history", new JsonArray(new ArrayList<>(history)))
            .put("decisionReason", decisionReason(h, history)))));
  }

  /** The ministry's reason for a SELECTED or NOT_SELECTED application, as recorded with that status. */
  private static String decisionReason(ApplicationRepository.Header h, List<JsonObject> history) {
    if (!"SELECTED".equals(h.status()) && !"NOT_SELECTED".equals(h.status())) {
      return "";
    }
    String reason = "";
    for (JsonObject e : history) {
      if (h.status().equals(e.getString("status"))) {
        reason = e.getString("note", "");
      }
    }
    return reason;
  }
}
