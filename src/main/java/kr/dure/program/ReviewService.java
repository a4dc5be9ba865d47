package kr.dure.program;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kr.dure.auth.Actor;
import kr.dure.auth.AuditLog;
import kr.dure.auth.CurrentUser;
import kr.dure.auth.Role;
import kr.dure.common.ConflictException;
import kr.dure.common.ForbiddenException;
import kr.dure.common.NotFoundException;
import kr.dure.common.ValidationException;
import kr.dure.notify.Notifier;
import kr.dure.project.CollaborationType;
import kr.dure.project.NewProject;
import kr.dure.project.ProjectRepository;

/**
 * Selection review: the ministry assigns reviewers (never one from an applicant's own or member
 * organisation), reviewers score each criterion, the ministry ranks and selects up to the call's
 * number. Selection turns each chosen application into a project with its consortium.
 */
public final class ReviewService {

  /** Longest reason the ministry writes for a decision; its applicant reads it. */
  public static final int REASON_LIMIT = 1000;

  private final Pool pool;
  private final CallRepository calls;
  private final ApplicationRepository applications;
  private final ReviewRepository reviews;
  private final ProjectRepository projects;
  private final Notifier notifications;
  private final AuditLog audit;

  public ReviewService(Pool pool, CallRepository calls, ApplicationRepository applications, ReviewRepository reviews,
      ProjectRepository projects, Notifier notifications, AuditLog audit) {
    this.pool = pool;
    this.calls = calls;
    this.applications = applications;
    this.reviews = reviews;
    this.projects = projects;
    this.notifications = notifications;
    this.audit = audit;
  }

  public Future<Void> assign(CurrentUser user, long applicationId, long reviewerId, String ip) {
    return pool.withTransaction(tx -> application(tx, applicationId, true).compose(h -> {
      if (!"SUBMITTED".equals(h.status()) && !"UNDER_REVIEW".equals(h.status())) {
        return Future.failedFuture(new ConflictException("conflict.applicationState",
            "The application is " + h.status() + ": reviewers are assigned to SUBMITTED applications."));
      }
      return reviews.reviewer(tx, reviewerId).compose(found -> {
        ReviewRepository.Reviewer r = found.filter(x -> "REVIEWER".equals(x.role())).orElse(null);
        if (r == null) {
          return Future.failedFuture(ValidationException.of("reviewerId", "validation.notReviewer",
              "reviewerId " + reviewerId + " is not an active reviewer."));
        }
        return reviews.memberNumbers(tx, applicationId).compose(numbers -> {
          if (r.organisationId() == h.applicantId() || (r.businessNumber() != null && numbers.contains(r.businessNumber()))) {
            return Future.failedFuture(new ConflictException("conflict.interest",
                "Conflict of interest: the reviewer belongs to the applicant or to a member of its consortium."));
          }
          return reviews.assign(tx, applicationId, reviewerId, user.userId())
              .compose(added -> "SUBMITTED".equals(h.status())
                  ? applications.setStatus(tx, applicationId, "UNDER_REVIEW", user.userId(), "")
                  : Future.succeededFuture())
              .compose(v -> notifications.notify(tx, reviewerId, "review.assigned",
                  new JsonObject().put("applicationId", applicationId).put("title", h.title()), "/review"))
              .compose(v -> audit.record(tx, Actor.of(user, ip), "review.assign", "application", applicationId,
                  new JsonObject().put("reviewerId", reviewerId)));
        });
      });
    }));
  }

  public Future<List<JsonObject>> myAssignments(CurrentUser user) {
    return reviews.assignedTo(pool, user.userId());
  }

  /** Saves a reviewer's scores (0–100 per criterion of the call) until the ranking closes. */
  public Future<List<JsonObject>> score(CurrentUser user, long applicationId, JsonArray input, String ip) {
    return pool.withTransaction(tx -> reviews.isAssigned(tx, applicationId, user.userId()).compose(assigned -> {
      if (!assigned) {
        return Future.failedFuture(new NotFoundException("Application " + applicationId + " is not assigned to you."));
      }
      return application(tx, applicationId, false).compose(h -> calls.find(tx, h.callId()).compose(call -> {
        CallRules rules = call.orElseThrow();
        return reviews.rankingClosed(tx, rules.id()).compose(closed -> {
          if (closed) {
            return Future.failedFuture(new ConflictException("conflict.rankingClosed", "The ranking of this call is closed."));
          }
          List<Tuple> rows = parseScores(input, rules, applicationId, user.userId());
          return reviews.upsertScores(tx, rows)
              .compose(v -> audit.record(tx, Actor.of(user, ip), "review.score", "application", applicationId,
                  new JsonObject().put("criteria", rows.size())))
              .compose(v -> reviews.scores(tx, applicationId, user.userId()));
        });
      }));
    }));
  }

  private static List<Tuple> parseScores(JsonArray input, CallRules rules, long applicationId, long reviewerId) {
    List<ValidationException.FieldError> errors = new ArrayList<>();
    List<Tuple> rows = new ArrayList<>();
    if (input == null || input.isEmpty()) {
      throw ValidationException.of("scores", "validation.required", "scores must list {criterion, score, comment} for the call's criteria.");
    }
    for (int i = 0; i < input.size(); i++) {
      String f = "scores[" + i + "]";
      if (!(input.getValue(i) instanceof JsonObject s)) {
        errors.add(new ValidationException.FieldError(f, "validation.list", f + " must be an object."));
        continue;
      }
      Object criterion = s.getValue("criterion");
      Object score = s.getValue("score");
      Object comment = s.getValue("comment", "");
      if (!(criterion instanceof String c) || rules.criteria().stream().noneMatch(x -> x.code().equals(c))) {
        errors.add(new ValidationException.FieldError(f + ".criterion", "validation.choice",
            f + ".criterion must be one of " + rules.criteria().stream().map(CallRules.Criterion::code).toList() + "."));
      } else if (!(score instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 100 || Double.isNaN(n.doubleValue())) {
        errors.add(new ValidationException.FieldError(f + ".score", "validation.range", f + ".score must be a number from 0 to 100."));
      } else if (!(comment instanceof String text) || text.length() > 4000) {
        errors.add(new ValidationException.FieldError(f + ".comment", "validation.tooLong", f + ".comment must be text of at most 4000 characters."));
      } else {
        rows.add(Tuple.of(applicationId, reviewerId, c, java.math.BigDecimal.valueOf(n.doubleValue()), text));
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return rows;
  }

  /**
   * Scores of an application: the ministry sees all; a reviewer sees only their own until the
   * ranking closes, then all; others see none.
   */
  public Future<List<JsonObject>> scores(CurrentUser user, long applicationId) {
    return pool.withConnection(c -> application(c, applicationId, false).compose(h -> {
      if (user.role() == Role.MINISTRY) {
        return reviews.scores(c, applicationId, null);
      }
      return reviews.isAssigned(c, applicationId, user.userId()).compose(assigned -> {
        if (!assigned) {
          return Future.failedFuture(new NotFoundException("Application " + applicationId + " is not assigned to you."));
        }
        return reviews.rankingClosed(c, h.callId()).compose(closed -> reviews.scores(c, applicationId, closed ? null : user.userId()));
      });
    }));
  }

  public Future<List<Ranking.Entry>> ranking(CurrentUser user, long callId) {
    if (user.role() != Role.MINISTRY) {
      return Future.failedFuture(new ForbiddenException("Only the ministry sees the ranking."));
    }
    return pool.withConnection(c -> rankingOf(c, callId));
  }

  private Future<List<Ranking.Entry>> rankingOf(SqlConnection c, long callId) {
    return calls.find(c, callId).compose(call -> {
      if (call.isEmpty()) {
        return Future.failedFuture(new NotFoundException("Call " + callId + " does not exist."));
      }
      return applications.byCall(c, callId).compose(list -> reviews.callScores(c, callId).map(scores -> Ranking.rank(
          call.get().criteria(), list.stream().filter(a -> !"WITHDRAWN".equals(a.status())).toList(), scores)));
    });
  }

  /**
   * Selects up to the call's number of applications, once: they become projects with their
   * consortium; every other reviewed application is not selected, with the reason given (or its rank).
   */
  public Future<JsonArray> select(CurrentUser user, long callId, List<Long> selected, Map<Long, String> reasons, String ip) {
    if (user.role() != Role.MINISTRY) {
      return Future.failedFuture(new ForbiddenException("Only the ministry selects projects."));
    }
    List<ValidationException.FieldError> bad = new ArrayList<>();
    reasons.forEach((id, text) -> {
      if (text == null || text.isBlank() || text.strip().length() > REASON_LIMIT) {
        bad.add(new ValidationException.FieldError("reasons." + id, "validation.reasonTooLong",
            "reasons." + id + " must be text of 1 to " + REASON_LIMIT + " characters."));
      }
    });
    if (!bad.isEmpty()) {
      return Future.failedFuture(new ValidationException(bad));
    }
    return pool.withTransaction(tx -> reviews.lockCall(tx, callId).compose(found -> {
      JsonObject call = found.orElse(null);
      if (call == null) {
        return Future.failedFuture(new NotFoundException("Call " + callId + " does not exist."));
      }
      if ("SELECTED".equals(call.getString("status"))) {
        return Future.failedFuture(new ConflictException("conflict.callState", "The selection of this call has been made already."));
      }
      if (selected.isEmpty() || selected.size() > call.getInteger("projectsToSelect")) {
        return Future.failedFuture(ValidationException.of("applicationIds", "validation.selectionCount",
            "Select from 1 to " + call.getInteger("projectsToSelect") + " applications."));
      }
      return rankingOf(tx, callId).compose(ranking -> {
        for (Long id : selected) {
          Ranking.Entry e = ranking.stream().filter(x -> x.application().id() == id).findFirst().orElse(null);
          if (e == null || !"UNDER_REVIEW".equals(e.application().status())) {
            return Future.failedFuture(new ConflictException("conflict.applicationState",
                "Application " + id + " is not under review in this call, so it cannot be selected."));
          }
        }
        JsonArray result = new JsonArray();
        Future<Void> chain = Future.succeededFuture();
        for (Ranking.Entry e : ranking) {
          ApplicationRepository.Header a = e.application();
          boolean chosen = selected.contains(a.id());
          if (!chosen && !"UNDER_REVIEW".equals(a.status()) && !"SUBMITTED".equals(a.status())) {
            continue;
          }
          String reason = reasons.containsKey(a.id()) ? reasons.get(a.id()).strip() : (chosen ? "선정" : (e.rank() > 0
              ? "순위 " + e.rank() + "위로 선정 범위 밖입니다 (Ranked " + e.rank() + ", outside the number selected)."
              : "평가가 완료되지 않았습니다 (The review was not completed)."));
          chain = chain.compose(v -> (chosen ? createProject(tx, a, call.getInteger("year")) : Future.<Long>succeededFuture(null))
              .compose(projectId -> reviews.decide(tx, a.id(), chosen ? "SELECTED" : "NOT_SELECTED", reason, projectId)
                  .compose(x -> applications.setStatus(tx, a.id(), chosen ? "SELECTED" : "NOT_SELECTED", user.userId(), reason))
                  .compose(x -> reviews.applicantUsers(tx, a.applicantId()))
                  .compose(users -> notifications.notifyAll(tx, users, chosen ? "application.selected" : "application.notSelected",
                      new JsonObject().put("applicationId", a.id()).put("title", a.title()).put("reason", reason),
                      "/applications/" + a.id() + "/done"))
                  .map(x -> {
                    result.add(a.toJson().put("status", chosen ? "SELECTED" : "NOT_SELECTED").put("reason", reason).put("projectId", projectId));
                    return (Void) null;
                  })));
        }
        return chain.compose(v -> reviews.closeCall(tx, callId))
            .compose(v -> audit.record(tx, Actor.of(user, ip), "call.select", "call", callId,
                new JsonObject().put("selected", new JsonArray(new ArrayList<>(selected)))))
            .map(result);
      });
    }));
  }

  private Future<Long> createProject(SqlConnection tx, ApplicationRepository.Header a, int year) {
    return applications.content(tx, a).compose(draft -> reviews.nextProjectCode(tx, year).compose(code -> projects.insert(tx,
            new NewProject(a.callId(), code, a.title(), a.title(), a.applicantId(), a.applicantRegion(),
                draft.collaborationTypes().isEmpty() ? List.of(CollaborationType.SHARED_INFRASTRUCTURE) : draft.collaborationTypes(),
                "SELECTED", draft.national(), draft.local())))
        .compose(projectId -> projects.addOrganisation(tx, projectId, a.applicantId(), "LEAD").compose(v -> {
          Future<Void> chain = Future.succeededFuture();
          for (ApplicationDraft.Member m : draft.members()) {
            chain = chain.compose(x -> reviews.organisationFor(tx, m)
                .compose(orgId -> orgId == a.applicantId() ? Future.succeededFuture() : projects.addOrganisation(tx, projectId, orgId, "MEMBER")));
          }
          return chain.map(projectId);
        })));
  }

  private Future<ApplicationRepository.Header> application(SqlConnection c, long id, boolean lock) {
    return (lock ? applications.lock(c, id) : applications.find(c, id))
        .compose(found -> found.map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(new NotFoundException("Application " + id + " does not exist."))));
  }
}
