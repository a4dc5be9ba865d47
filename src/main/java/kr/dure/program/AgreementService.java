package kr.dure.program;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.LocalDate;
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
import kr.dure.common.UnprocessableException;
import kr.dure.notify.Notifier;
import kr.dure.project.ProjectAccess;

/**
 * The agreement (협약) of a selected project and what follows it: both sides confirm it; budget
 * changes are requests the ministry decides; the lead records spending, never beyond a category's
 * budget; the lead reports KPI actuals.
 */
public final class AgreementService {

  private final Pool pool;
  private final CallRepository calls;
  private final AgreementRepository agreements;
  private final ProjectAccess access;
  private final AuditLog audit;
  private final Notifier notifications;

  public AgreementService(Pool pool, CallRepository calls, AgreementRepository agreements, ProjectAccess access, AuditLog audit,
      Notifier notifications) {
    this.notifications = notifications;
    this.pool = pool;
    this.calls = calls;
    this.agreements = agreements;
    this.access = access;
    this.audit = audit;
  }

  /** The agreement with its budget (and what is spent of it) and its KPIs with their reports. */
  public Future<JsonObject> get(CurrentUser user, long projectId) {
    return pool.withConnection(c -> access.requireVisible(c, user, projectId, "Project " + projectId)
        .compose(m -> agreements.find(c, projectId, false))
        .compose(found -> found.isEmpty()
            ? Future.failedFuture(new NotFoundException("Project " + projectId + " has no agreement yet."))
            : view(c, found.get())));
  }

  /** The ministry drafts (or redrafts) the agreement; a redraft clears both confirmations. */
  public Future<JsonObject> draft(CurrentUser user, long projectId, LocalDate start, LocalDate end, ApplicationDraft terms, String ip) {
    return pool.withTransaction(tx -> project(tx, projectId).compose(p -> agreements.find(tx, projectId, true).compose(existing -> {
      if (existing.isPresent() && "SIGNED".equals(existing.get().status())) {
        return Future.failedFuture(new ConflictException("conflict.agreementState",
            "The agreement is SIGNED: change it through a change request."));
      }
      return calls.find(tx, p.callId()).compose(call -> {
        List<UnprocessableException.Violation> broken = budgetRules(call.orElseThrow(), terms.budget());
        if (!broken.isEmpty()) {
          return Future.failedFuture(new UnprocessableException(broken));
        }
        return agreements.upsert(tx, projectId, start, end)
            .compose(v -> agreements.replaceBudget(tx, projectId, terms.budget()))
            .compose(v -> agreements.replaceKpis(tx, projectId, terms.kpis()))
            .compose(v -> audit.record(tx, Actor.of(user, ip), "agreement.draft", "project", projectId,
                new JsonObject().put("national", terms.national()).put("local", terms.local())))
            .compose(v -> agreements.find(tx, projectId, false)).compose(a -> view(tx, a.orElseThrow()));
      });
    })));
  }

  /** The ministry or the lead local government confirms; with both confirmations the agreement is signed and the project runs. */
  public Future<JsonObject> confirm(CurrentUser user, long projectId, String ip) {
    return pool.withTransaction(tx -> project(tx, projectId).compose(p -> agreements.find(tx, projectId, true).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(new NotFoundException("Project " + projectId + " has no agreement yet."));
      }
      if ("SIGNED".equals(found.get().status())) {
        return Future.failedFuture(new ConflictException("conflict.agreementState", "The agreement is SIGNED already."));
      }
      boolean ministry = user.role() == Role.MINISTRY;
      if (!ministry && !isLead(user, p)) {
        return Future.failedFuture(new ForbiddenException("The ministry and the lead local government confirm the agreement."));
      }
      return agreements.confirm(tx, projectId, ministry, user.userId())
          .compose(signed -> confirmed(tx, user, p, ministry, signed).map(signed))
          .compose(signed -> audit.record(tx, Actor.of(user, ip), signed ? "agreement.sign" : "agreement.confirm", "project", projectId,
              new JsonObject().put("side", ministry ? "ministry" : "lead")))
          .compose(v -> agreements.find(tx, projectId, false)).compose(a -> view(tx, a.orElseThrow()));
    })));
  }

  /** The lead asks to change the budget of a signed agreement; nothing changes until the ministry approves. */
  public Future<Long> requestBudgetChange(CurrentUser user, long projectId, List<ApplicationDraft.BudgetLine> budget, String reason, String ip) {
    return pool.withTransaction(tx -> signedAsLead(tx, user, projectId).compose(p -> calls.find(tx, p.callId()).compose(call ->
        agreements.spent(tx, projectId).compose(spent -> {
          List<UnprocessableException.Violation> broken = new ArrayList<>(budgetRules(call.orElseThrow(), budget));
          broken.addAll(belowSpent(budget, spent));
          if (!broken.isEmpty()) {
            return Future.failedFuture(new UnprocessableException(broken));
          }
          JsonArray lines = new JsonArray();
          budget.forEach(b -> lines.add(b.toJson()));
          return agreements.insertChange(tx, projectId, "BUDGET", new JsonObject().put("budget", lines), reason, user.userId())
              .compose(id -> audit.record(tx, Actor.of(user, ip), "agreement.changeRequest", "project", projectId,
                  new JsonObject().put("changeId", id)).map(id));
        }))));
  }

  /** The ministry approves (the new budget applies) or rejects a change request; the request stays as history. */
  public Future<JsonObject> decideChange(CurrentUser user, long changeId, boolean approve, String note, String ip) {
    if (user.role() != Role.MINISTRY) {
      return Future.failedFuture(new ForbiddenException("The ministry decides change requests."));
    }
    return pool.withTransaction(tx -> agreements.lockChange(tx, changeId).compose(found -> {
      JsonObject change = found.orElse(null);
      if (change == null) {
        return Future.failedFuture(new NotFoundException("Change request " + changeId + " does not exist."));
      }
      if (!"REQUESTED".equals(change.getString("status"))) {
        return Future.failedFuture(new ConflictException("conflict.changeState", "The change request is " + change.getString("status") + " already."));
      }
      long projectId = change.getLong("projectId");
      Future<Void> applied = Future.succeededFuture();
      if (approve) {
        List<ApplicationDraft.BudgetLine> budget = new ArrayList<>();
        change.getJsonObject("proposal").getJsonArray("budget").forEach(o -> {
          JsonObject b = (JsonObject) o;
          budget.add(new ApplicationDraft.BudgetLine(b.getString("category"), b.getString("source"), b.getLong("amountWon")));
        });
        // spending may have grown since the request: re-check under the agreement's lock
        applied = agreements.find(tx, projectId, true).compose(a -> agreements.spent(tx, projectId)).compose(spent -> {
          List<UnprocessableException.Violation> broken = belowSpent(budget, spent);
          return broken.isEmpty() ? agreements.replaceBudget(tx, projectId, budget) : Future.failedFuture(new UnprocessableException(broken));
        });
      }
      return applied.compose(v -> agreements.decideChange(tx, changeId, approve ? "APPROVED" : "REJECTED", user.userId(), note))
          .compose(v -> audit.record(tx, Actor.of(user, ip), approve ? "agreement.changeApprove" : "agreement.changeReject", "project",
              projectId, new JsonObject().put("changeId", changeId).put("note", note)))
          .compose(v -> agreements.find(tx, projectId, false)).compose(a -> view(tx, a.orElseThrow()));
    }));
  }

  /**
   * Records spending against the signed budget. The agreement row is locked first, so two records
   * racing for the last won of a category cannot both pass.
   */
  public Future<Long> recordSpending(CurrentUser user, long projectId, Spending s, String ip) {
    return pool.withTransaction(tx -> signedAsLead(tx, user, projectId).compose(p -> agreements.budget(tx, projectId)
        .compose(budget -> agreements.spent(tx, projectId).compose(spent -> {
          String key = s.category() + "/" + s.source();
          long planned = budget.stream().filter(b -> (b.categoryCode() + "/" + b.source()).equals(key))
              .mapToLong(ApplicationDraft.BudgetLine::amountWon).sum();
          long used = spent.getOrDefault(key, 0L);
          if (used + s.amountWon() > planned) {
            return Future.failedFuture(UnprocessableException.of("overspend", "rule.overspend",
                "This would overspend " + s.category() + " (" + s.source() + "): " + Eligibility.won(planned - used) + " of "
                    + Eligibility.won(planned) + " is left, and the record asks " + Eligibility.won(s.amountWon())
                    + ". Request a budget change first."));
          }
          return agreements.insertSpending(tx, projectId, s.spentOn(), s.category(), s.source(), s.amountWon(), s.payee(),
                  s.payeeOrganisationId(), s.description(), user.userId())
              .compose(id -> audit.record(tx, Actor.of(user, ip), "spending.record", "project", projectId,
                  new JsonObject().put("spendingId", id).put("amountWon", s.amountWon()).put("category", s.category())).map(id));
        }))));
  }

  /** Reports a KPI's actual value for a period (e.g. 2026-Q3); a second report for the period replaces the first. */
  public Future<JsonObject> reportKpi(CurrentUser user, long kpiId, String period, double actual, String note, String ip) {
    return pool.withTransaction(tx -> agreements.kpiProject(tx, kpiId).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(new NotFoundException("KPI " + kpiId + " does not exist."));
      }
      long projectId = found.get();
      return signedAsLead(tx, user, projectId)
          .compose(p -> agreements.reportKpi(tx, kpiId, period, actual, note, user.userId()))
          .compose(v -> audit.record(tx, Actor.of(user, ip), "kpi.report", "project", projectId,
              new JsonObject().put("kpiId", kpiId).put("period", period).put("actual", actual)))
          .compose(v -> agreements.find(tx, projectId, false)).compose(a -> view(tx, a.orElseThrow()));
    }));
  }

  public Future<JsonArray> changes(CurrentUser user, long projectId) {
    return pool.withConnection(c -> access.requireVisible(c, user, projectId, "Project " + projectId)
        .compose(m -> agreements.changes(c, projectId)));
  }

  public Future<JsonArray> spending(CurrentUser user, long projectId) {
    return pool.withConnection(c -> access.requireVisible(c, user, projectId, "Project " + projectId)
        .compose(m -> agreements.spending(c, projectId)));
  }

  /** A spending record as the lead enters it. */
  public record Spending(LocalDate spentOn, String category, String source, long amountWon, String payee, Long payeeOrganisationId,
      String description) {
  }

  private Future<AgreementRepository.ProjectRef> project(SqlConnection tx, long projectId) {
    return agreements.project(tx, projectId).compose(found -> found.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(new NotFoundException("Project " + projectId + " does not exist."))));
  }

  private Future<AgreementRepository.ProjectRef> signedAsLead(SqlConnection tx, CurrentUser user, long projectId) {
    return project(tx, projectId).compose(p -> {
      if (!isLead(user, p)) {
        return Future.failedFuture(user.role() == Role.MINISTRY || user.role() == Role.LOCAL_GOV
            ? new ForbiddenException("Only the lead local government of the project does this.")
            : new NotFoundException("Project " + projectId + " does not exist or is not yours."));
      }
      return agreements.find(tx, projectId, true).compose(a -> a.isPresent() && "SIGNED".equals(a.get().status())
          ? Future.succeededFuture(p)
          : Future.failedFuture(new ConflictException("conflict.agreementState",
              "The agreement is " + a.map(AgreementRepository.Agreement::status).orElse("not drafted") + ": it must be SIGNED first.")));
    });
  }

  /** Tells the other side that one side confirmed, and both sides once the agreement is signed. */
  private Future<Void> confirmed(SqlConnection tx, CurrentUser user, AgreementRepository.ProjectRef p, boolean ministry, boolean signed) {
    return notifications.projectTitle(tx, p.id()).compose(title -> {
      JsonObject params = new JsonObject().put("projectId", p.id()).put("project", title)
          .put("side", ministry ? "ministry" : "lead").put("state", signed ? "SIGNED" : "WAITING");
      Future<Void> lead = ministry || signed
          ? notifications.notifyOrganisation(tx, p.leadOrganisationId(), "agreement.confirmed", params, "/local-gov")
          : Future.succeededFuture();
      return lead.compose(v -> !ministry || signed
          ? notifications.notifyRole(tx, Role.MINISTRY.name(), user.userId(), "agreement.confirmed", params, "/ministry")
          : Future.succeededFuture());
    });
  }

  private static boolean isLead(CurrentUser user, AgreementRepository.ProjectRef p) {
    return user.role() == Role.LOCAL_GOV && user.organisationId() == p.leadOrganisationId();
  }

  private static List<UnprocessableException.Violation> budgetRules(CallRules call, List<ApplicationDraft.BudgetLine> budget) {
    ApplicationDraft draft = new ApplicationDraft("", List.of(), "", "", List.of(), budget, List.of());
    List<UnprocessableException.Violation> broken = new ArrayList<>();
    Eligibility.check(call, draft, new Eligibility.Facts(null, null, List.of(), List.of(), false, call.opensOn())).stream()
        .filter(r -> !r.passed() && List.of("nationalCap", "localMinimum", "totalCap", "categories").contains(r.rule()))
        .forEach(r -> broken.add(new UnprocessableException.Violation(r.rule(), "eligibility." + r.rule(), r.message(), new JsonObject())));
    return broken;
  }

  private static List<UnprocessableException.Violation> belowSpent(List<ApplicationDraft.BudgetLine> budget, Map<String, Long> spent) {
    List<UnprocessableException.Violation> broken = new ArrayList<>();
    spent.forEach((key, used) -> {
      long planned = budget.stream().filter(b -> (b.categoryCode() + "/" + b.source()).equals(key)).mapToLong(ApplicationDraft.BudgetLine::amountWon).sum();
      if (planned < used) {
        broken.add(new UnprocessableException.Violation("belowSpent", "rule.belowSpent",
            key + " would be " + Eligibility.won(planned) + " but " + Eligibility.won(used) + " is spent already.", new JsonObject()));
      }
    });
    return broken;
  }

  private Future<JsonObject> view(SqlConnection c, AgreementRepository.Agreement a) {
    return agreements.budget(c, a.projectId()).compose(budget -> agreements.spent(c, a.projectId()).compose(spent ->
        agreements.kpis(c, a.projectId()).map(kpis -> {
          JsonArray lines = new JsonArray();
          long plannedTotal = 0;
          long spentTotal = 0;
          for (ApplicationDraft.BudgetLine b : budget) {
            long used = spent.getOrDefault(b.categoryCode() + "/" + b.source(), 0L);
            plannedTotal += b.amountWon();
            spentTotal += used;
            lines.add(b.toJson().put("spentWon", used).put("executionRate", b.amountWon() == 0 ? 0 : Math.round(used * 1000.0 / b.amountWon()) / 10.0));
          }
          return a.toJson().put("budget", lines).put("plannedWon", plannedTotal).put("spentWon", spentTotal)
              .put("executionRate", plannedTotal == 0 ? 0 : Math.round(spentTotal * 1000.0 / plannedTotal) / 10.0)
              .put("kpis", kpis);
        })));
  }
}
