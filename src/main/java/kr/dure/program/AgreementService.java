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
import kr.dure.common.ValidationException;
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

  /**
   * The ministry drafts (or redrafts) the agreement; the lead local government may edit a draft the
   * ministry made. Any edit clears both confirmations, so both sides confirm what is finally written.
   */
  public Future<JsonObject> draft(CurrentUser user, long projectId, LocalDate start, LocalDate end, ApplicationDraft terms, String ip) {
    return pool.withTransaction(tx -> project(tx, projectId).compose(p -> agreements.find(tx, projectId, true).compose(existing -> {
      if (user.role() != Role.MINISTRY && !(isLead(user, p) && existing.isPresent())) {
        return Future.failedFuture(isLead(user, p)
            ? new ForbiddenException("The ministry drafts the agreement first; the lead local government may then edit the draft.")
            : new ForbiddenException("The ministry and, before signing, the lead local government edit the agreement."));
      }
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
      if (ministry ? found.get().ministryConfirmed() : found.get().leadConfirmed()) {
        return Future.failedFuture(new ConflictException("conflict.agreementConfirmed",
            "Your side has confirmed this agreement already; it waits for the other side."));
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
          // the budget as it was when asked, so the history shows what the change would change
          return agreements.budget(tx, projectId).compose(current -> {
            JsonArray before = new JsonArray();
            current.forEach(b -> before.add(b.toJson()));
            return agreements.insertChange(tx, projectId, "BUDGET", new JsonObject().put("budget", lines).put("before", before), reason,
                user.userId());
          })
              .compose(id -> audit.record(tx, Actor.of(user, ip), "agreement.changeRequest", "project", projectId,
                  new JsonObject().put("changeId", id))
                  .compose(v -> notify(tx, null, "agreement.changeRequested", projectId, new JsonObject().put("changeId", id).put("kind", "BUDGET"),
                      "/agreement#change-" + id)).map(id));
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
      if (approve && "PLAN".equals(change.getString("kind"))) {
        applied = applyPlan(tx, projectId, change.getJsonObject("proposal"));
      } else if (approve) {
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
          .compose(v -> agreements.project(tx, projectId)).compose(p -> notify(tx, p.orElseThrow().leadOrganisationId(),
              approve ? "agreement.changeApproved" : "agreement.changeRejected", projectId,
              new JsonObject().put("changeId", changeId).put("kind", change.getString("kind")).put("reason", note), "/agreement#change-" + changeId))
          .compose(v -> agreements.find(tx, projectId, false)).compose(a -> view(tx, a.orElseThrow()));
    }));
  }

  /**
   * Records spending against the signed budget. The agreement row is locked first, so two records
   * racing for the last won of a category cannot both pass.
   */
  public Future<Long> recordSpending(CurrentUser user, long projectId, Spending s, String ip) {
    return recordSpending(user, projectId, s, null, ip);
  }

  /** Records spending with its evidence file (already checked by {@link Evidence#check}) in the same row, or none. */
  public Future<Long> recordSpending(CurrentUser user, long projectId, Spending s, Evidence.File evidence, String ip) {
    return pool.withTransaction(tx -> signedAsLead(tx, user, projectId).compose(p -> payeeExists(tx, s))
        .compose(p -> agreements.find(tx, projectId, false)).compose(a -> {
          LocalDate start = a.orElseThrow().periodStart();
          LocalDate end = a.get().periodEnd();
          return s.spentOn().isBefore(start) || s.spentOn().isAfter(end)
              ? Future.failedFuture(ValidationException.of("spentOn", "validation.spentOutside",
                  "spentOn " + s.spentOn() + " lies outside the agreement period " + start + " – " + end + "."))
              : Future.<Void>succeededFuture();
        }).compose(p -> agreements.budget(tx, projectId)
        .compose(budget -> agreements.spent(tx, projectId).compose(spent -> {
          String key = s.category() + "/" + s.source();
          long planned = budget.stream().filter(b -> (b.categoryCode() + "/" + b.source()).equals(key))
              .mapToLong(ApplicationDraft.BudgetLine::amountWon).sum();
          long used = spent.getOrDefault(key, 0L);
          if (used + s.amountWon() > planned) {
            return Future.failedFuture(new UnprocessableException(List.of(new UnprocessableException.Violation("overspend", "rule.overspend",
                "This would overspend " + s.category() + " (" + s.source() + "): " + Eligibility.won(planned - used) + " of "
                    + Eligibility.won(planned) + " is left, and the record asks " + Eligibility.won(s.amountWon())
                    + ". Request a budget change first.",
                new JsonObject().put("category", s.category()).put("source", s.source()).put("plannedWon", planned)
                    .put("leftWon", planned - used).put("askedWon", s.amountWon())))));
          }
          return agreements.insertSpending(tx, projectId, s.spentOn(), s.category(), s.source(), s.amountWon(), s.payee(),
                  s.payeeOrganisationId(), s.description(), user.userId(), evidence)
              .compose(id -> audit.record(tx, Actor.of(user, ip), "spending.record", "project", projectId,
                  new JsonObject().put("spendingId", id).put("amountWon", s.amountWon()).put("category", s.category())
                      .put("evidence", evidence == null ? null : evidence.filename())).map(id));
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
          .compose(p -> agreements.find(tx, projectId, false)).compose(a -> {
            LocalDate[] span = periodSpan(period);
            if (span[1].isBefore(a.orElseThrow().periodStart()) || span[0].isAfter(a.get().periodEnd())) {
              return Future.failedFuture(ValidationException.of("period", "validation.kpiPeriodOutside",
                  "period " + period + " lies outside the agreement period " + a.get().periodStart() + " – " + a.get().periodEnd() + "."));
            }
            return agreements.reportKpi(tx, kpiId, period, actual, note, user.userId());
          })
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
          ? notifications.notifyOrganisation(tx, p.leadOrganisationId(), "agreement.confirmed", params, "/projects/" + p.id() + "/agreement")
          : Future.succeededFuture();
      return lead.compose(v -> !ministry || signed
          ? notifications.notifyRole(tx, Role.MINISTRY.name(), user.userId(), "agreement.confirmed", params, "/projects/" + p.id() + "/agreement")
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
        String[] parts = key.split("/", 2);
        broken.add(new UnprocessableException.Violation("belowSpent", "rule.belowSpent",
            key + " would be " + Eligibility.won(planned) + " but " + Eligibility.won(used) + " is spent already.",
            new JsonObject().put("category", parts[0]).put("source", parts[1]).put("plannedWon", planned).put("spentWon", used)));
      }
    });
    return broken;
  }

  private Future<JsonObject> view(SqlConnection c, AgreementRepository.Agreement a) {
    return agreements.budget(c, a.projectId()).compose(budget -> agreements.spent(c, a.projectId()).compose(spent ->
        agreements.kpis(c, a.projectId()).compose(kpis -> agreements.confirmations(c, a.projectId()).map(confirmations -> {
          JsonArray lines = new JsonArray();
          long plannedTotal = 0;
          long spentTotal = 0;
          for (ApplicationDraft.BudgetLine b : budget) {
            long used = spent.getOrDefault(b.categoryCode() + "/" + b.source(), 0L);
            plannedTotal += b.amountWon();
            spentTotal += used;
            lines.add(b.toJson().put("spentWon", used).put("executionRate", b.amountWon() == 0 ? 0 : Math.round(used * 1000.0 / b.amountWon()) / 10.0));
          }
          kpis.forEach(k -> progress((JsonObject) k));
          return a.toJson().put("budget", lines).put("plannedWon", plannedTotal).put("spentWon", spentTotal)
              .put("executionRate", plannedTotal == 0 ? 0 : Math.round(spentTotal * 1000.0 / plannedTotal) / 10.0)
              .put("kpis", kpis).mergeIn(confirmations);
        }))));
  }

  /**
   * A KPI's progress: the sum of its reports against the target, except for a percentage (a rate such
   * as utilisation), where the latest report is the level reached.
   */
  private static void progress(JsonObject kpi) {
    JsonArray reports = kpi.getJsonArray("reports", new JsonArray());
    double total = 0;
    Double latest = null;
    for (Object o : reports) {
      double actual = ((JsonObject) o).getNumber("actual").doubleValue();
      total += actual;
      latest = actual;
    }
    boolean rate = "%".equals(kpi.getString("unit"));
    double reached = rate ? (latest == null ? 0 : latest) : total;
    double target = kpi.getDouble("target");
    kpi.put("cumulative", total).put("latest", latest).put("basis", rate ? "LATEST" : "CUMULATIVE").put("reached", reached)
        .put("progress", target <= 0 ? 0 : Math.round(reached * 1000.0 / target) / 10.0);
  }

  // ---- pages of a running project: the hub's headline, plan changes, evidence files, the application's terms

  /** The agreement as {@link #get} shows it, or an empty object when there is none yet (the hub shows "not drafted"). */
  public Future<JsonObject> overview(CurrentUser user, long projectId) {
    return pool.withConnection(c -> access.requireVisible(c, user, projectId, "Project " + projectId)
        .compose(m -> agreements.find(c, projectId, false))
        .compose(found -> found.isEmpty() ? Future.succeededFuture(new JsonObject()) : view(c, found.get())
            .compose(a -> agreements.pendingChanges(c, projectId).map(n -> a.put("pendingChanges", n)))));
  }

  /** The call's budget categories (비목) of a project, for the tables and forms. */
  public Future<List<CallRules.Category>> categories(CurrentUser user, long projectId) {
    return pool.withConnection(c -> access.requireVisible(c, user, projectId, "Project " + projectId)
        .compose(m -> project(c, projectId)).compose(p -> calls.find(c, p.callId()))
        .map(call -> call.map(CallRules::categories).orElse(List.of())));
  }

  /** The budget and KPIs of the application the project came from, to start the first draft with. */
  public Future<ApplicationDraft> applicationTerms(CurrentUser user, long projectId) {
    return pool.withConnection(c -> access.requireVisible(c, user, projectId, "Project " + projectId)
        .compose(m -> agreements.applicationTerms(c, projectId)));
  }

  /** A plan change as the lead asks it: the changed plan in words, and optionally a new period and new KPI targets. */
  public record PlanChange(String plan, LocalDate periodStart, LocalDate periodEnd, Map<Long, Double> kpiTargets) {
  }

  /**
   * The lead asks to change the plan of a signed agreement. What can be applied (the period, KPI
   * targets) is applied when the ministry approves; the text stays in the history either way.
   */
  public Future<Long> requestPlanChange(CurrentUser user, long projectId, PlanChange change, String reason, String ip) {
    return pool.withTransaction(tx -> signedAsLead(tx, user, projectId).compose(p -> agreements.find(tx, projectId, false))
        .compose(found -> agreements.kpis(tx, projectId).compose(kpis -> {
          AgreementRepository.Agreement a = found.orElseThrow();
          LocalDate start = change.periodStart() == null ? a.periodStart() : change.periodStart();
          LocalDate end = change.periodEnd() == null ? a.periodEnd() : change.periodEnd();
          if (!end.isAfter(start)) {
            return Future.failedFuture(ValidationException.of(change.periodEnd() == null ? "periodStart" : "periodEnd",
                "validation.endAfterStart", "The period's end (" + end + ") must be after its start (" + start + ")."));
          }
          JsonArray targets = new JsonArray();
          for (Map.Entry<Long, Double> t : change.kpiTargets().entrySet()) {
            JsonObject kpi = kpis.stream().map(o -> (JsonObject) o).filter(k -> k.getLong("id").equals(t.getKey())).findFirst().orElse(null);
            if (kpi == null) {
              return Future.failedFuture(ValidationException.of("kpi-" + t.getKey(), "validation.choice",
                  "KPI " + t.getKey() + " is not one of this agreement's KPIs."));
            }
            if (kpi.getDouble("target") != t.getValue().doubleValue()) {
              targets.add(new JsonObject().put("kpiId", t.getKey()).put("name", kpi.getString("name")).put("unit", kpi.getString("unit"))
                  .put("target", t.getValue()).put("before", kpi.getDouble("target")));
            }
          }
          JsonObject proposal = new JsonObject().put("plan", change.plan()).put("kpiTargets", targets)
              .put("before", new JsonObject().put("periodStart", a.periodStart().toString()).put("periodEnd", a.periodEnd().toString()));
          if (!start.equals(a.periodStart())) {
            proposal.put("periodStart", start.toString());
          }
          if (!end.equals(a.periodEnd())) {
            proposal.put("periodEnd", end.toString());
          }
          return outsidePeriod(tx, projectId, start, end)
              .compose(v -> agreements.insertChange(tx, projectId, "PLAN", proposal, reason, user.userId()))
              .compose(id -> audit.record(tx, Actor.of(user, ip), "agreement.changeRequest", "project", projectId,
                  new JsonObject().put("changeId", id).put("kind", "PLAN"))
                  .compose(v -> notify(tx, null, "agreement.changeRequested", projectId, new JsonObject().put("changeId", id).put("kind", "PLAN"),
                      "/agreement#change-" + id)).map(id));
        })));
  }

  /** Applies an approved plan change: the new period and KPI targets, checked again against the agreement as it is now. */
  private Future<Void> applyPlan(SqlConnection tx, long projectId, JsonObject proposal) {
    return agreements.find(tx, projectId, true).compose(found -> {
      AgreementRepository.Agreement a = found.orElseThrow();
      LocalDate start = proposal.getString("periodStart") == null ? a.periodStart() : LocalDate.parse(proposal.getString("periodStart"));
      LocalDate end = proposal.getString("periodEnd") == null ? a.periodEnd() : LocalDate.parse(proposal.getString("periodEnd"));
      if (!end.isAfter(start)) {
        return Future.failedFuture(UnprocessableException.of("periodOrder", "rule.periodOrder",
            "The agreement's period has changed since the request: " + start + " – " + end + " would end before it starts."));
      }
      Future<Void> chain = outsidePeriod(tx, projectId, start, end).compose(v -> agreements.setPeriod(tx, projectId, start, end));
      for (Object o : proposal.getJsonArray("kpiTargets", new JsonArray())) {
        JsonObject t = (JsonObject) o;
        chain = chain.compose(v -> agreements.setKpiTarget(tx, projectId, t.getLong("kpiId"), t.getDouble("target")));
      }
      return chain;
    });
  }

  /** Attaches (or replaces) the evidence file of a spending record; only the lead does this. */
  public Future<Void> attachEvidence(CurrentUser user, long spendingId, Evidence.File evidence, String ip) {
    return pool.withTransaction(tx -> agreements.spendingProject(tx, spendingId).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(new NotFoundException("Spending record " + spendingId + " does not exist."));
      }
      long projectId = found.get();
      return access.requireVisible(tx, user, projectId, "Spending record " + spendingId)
          .compose(m -> project(tx, projectId))
          .compose(p -> isLead(user, p) ? Future.<Void>succeededFuture()
              : Future.failedFuture(new ForbiddenException("Only the lead local government of the project attaches evidence.")))
          .compose(v -> agreements.setEvidence(tx, spendingId, evidence))
          .compose(v -> audit.record(tx, Actor.of(user, ip), "spending.evidence", "project", projectId,
              new JsonObject().put("spendingId", spendingId).put("filename", evidence.filename()).put("bytes", evidence.bytes().length())));
    }));
  }

  /** The evidence file of a spending record, for anyone who may see the project. */
  public Future<Evidence.File> evidence(CurrentUser user, long spendingId) {
    return pool.withConnection(c -> agreements.spendingProject(c, spendingId).compose(found -> found.isEmpty()
        ? Future.failedFuture(new NotFoundException("Spending record " + spendingId + " does not exist."))
        : access.requireVisible(c, user, found.get(), "Spending record " + spendingId).compose(m -> agreements.evidence(c, spendingId))
            .compose(file -> file.map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(new NotFoundException("Spending record " + spendingId + " has no evidence file."))))));
  }

  /** The project of a spending record, when the caller may see it. */
  public Future<Long> spendingProject(CurrentUser user, long spendingId) {
    return pool.withConnection(c -> agreements.spendingProject(c, spendingId).compose(found -> found.isEmpty()
        ? Future.failedFuture(new NotFoundException("Spending record " + spendingId + " does not exist."))
        : access.requireVisible(c, user, found.get(), "Spending record " + spendingId).map(found.get())));
  }

  private Future<Void> payeeExists(SqlConnection tx, Spending s) {
    return s.payeeOrganisationId() == null ? Future.succeededFuture()
        : agreements.organisationExists(tx, s.payeeOrganisationId()).compose(exists -> exists ? Future.<Void>succeededFuture()
            : Future.failedFuture(ValidationException.of("payeeOrganisationId", "validation.choice",
                "payeeOrganisationId " + s.payeeOrganisationId() + " is not a known organisation.")));
  }

  /** Tells the lead organisation's users (or, for null, the ministry's) about a step of the agreement. */
  private Future<Void> notify(SqlConnection tx, Long organisationId, String kind, long projectId, JsonObject params, String page) {
    return notifications.projectTitle(tx, projectId).compose(title -> agreements.usersToNotify(tx, organisationId)
        .compose(ids -> notifications.notifyAll(tx, ids, kind, params.copy().put("projectId", projectId).put("project", title),
            "/projects/" + projectId + page)));
  }

  /** A period must keep every spending record inside it: money spent stays within the agreement it was spent under. */
  private Future<Void> outsidePeriod(SqlConnection tx, long projectId, LocalDate start, LocalDate end) {
    return agreements.spendingSpan(tx, projectId).compose(span -> span[0] != null && (span[0].isBefore(start) || span[1].isAfter(end))
        ? Future.failedFuture(ValidationException.of(span[0].isBefore(start) ? "periodStart" : "periodEnd", "validation.periodExcludesSpending",
            "The period " + start + " – " + end + " would leave out spending recorded from " + span[0] + " to " + span[1] + "."))
        : Future.succeededFuture());
  }

  /** The first and last day of a KPI period such as 2026-Q3, 2026-H2 or 2026-Y. */
  static LocalDate[] periodSpan(String period) {
    int year = Integer.parseInt(period.substring(0, 4));
    String part = period.substring(5);
    int first;
    int months;
    switch (part.charAt(0)) {
      case 'Q' -> {
        first = 1 + 3 * (part.charAt(1) - '1');
        months = 3;
      }
      case 'H' -> {
        first = 1 + 6 * (part.charAt(1) - '1');
        months = 6;
      }
      default -> {
        first = 1;
        months = 12;
      }
    }
    LocalDate start = LocalDate.of(year, first, 1);
    return new LocalDate[] {start, start.plusMonths(months).minusDays(1)};
  }
}
