package kr.dure.program;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.dure.auth.CurrentUser;
import kr.dure.auth.Role;
import kr.dure.common.DomainException;
import kr.dure.common.ForbiddenException;
import kr.dure.common.NotFoundException;
import kr.dure.common.UnprocessableException;
import kr.dure.common.ValidationException;
import kr.dure.common.Validator;
import kr.dure.project.ProjectPages;
import kr.dure.project.ProjectService;
import kr.dure.web.Access;
import kr.dure.web.Authentication;
import kr.dure.web.LocalTimes;
import kr.dure.web.Messages;
import kr.dure.web.PageErrors;
import kr.dure.web.Params;
import kr.dure.web.RequestContext;
import kr.dure.web.Views;

/**
 * The pages of a selected project's agreement (협약) and its execution: the agreement with both
 * sides' confirmations, its draft form, the confirm step, budget and plan change requests and the
 * ministry's decisions; budget execution with evidence files; KPI reports. Forms answer with a 303;
 * a refused one shows its page again with the reasons next to the fields.
 */
public final class AgreementPages {

  static final int KPI_ROWS = 5;
  private static final List<String> SOURCES = List.of("NATIONAL", "LOCAL");
  private static final Pattern INDEXED = Pattern.compile("^(budget|kpis)\\[(\\d+)\\](?:\\.(\\w+))?$");
  private static final List<String> DONE = List.of("drafted", "confirmed", "signed", "budgetRequested", "planRequested", "approved",
      "rejected", "recorded", "evidence", "reported");

  private final Authentication authentication;
  private final Views views;
  private final ProjectService projects;
  private final AgreementService agreements;

  public AgreementPages(Authentication authentication, Views views, ProjectService projects, AgreementService agreements) {
    this.authentication = authentication;
    this.views = views;
    this.projects = projects;
    this.agreements = agreements;
  }

  public void mountPages(Router router) {
    Handler<RoutingContext> participants = Access.roles(Role.MINISTRY, Role.LOCAL_GOV, Role.COORDINATOR, Role.FIRM);
    Handler<RoutingContext> signers = Access.roles(Role.MINISTRY, Role.LOCAL_GOV);
    Handler<RoutingContext> lead = Access.roles(Role.LOCAL_GOV);
    router.route("/projects/:id/agreement*").handler(authentication.page()).handler(participants);
    router.route("/projects/:id/spending*").handler(authentication.page()).handler(participants);
    router.route("/projects/:id/kpis*").handler(authentication.page()).handler(participants);

    router.get("/projects/:id/agreement").handler(this::agreementPage);
    router.get("/projects/:id/agreement/edit").handler(signers).handler(this::editPage);
    router.post("/projects/:id/agreement/edit").handler(signers).handler(this::editForm);
    router.get("/projects/:id/agreement/confirm").handler(signers).handler(this::confirmPage);
    router.post("/projects/:id/agreement/confirm").handler(signers).handler(this::confirmForm);
    router.get("/projects/:id/agreement/changes/budget").handler(lead).handler(ctx -> changePage(ctx, "BUDGET"));
    router.post("/projects/:id/agreement/changes/budget").handler(lead).handler(this::budgetChangeForm);
    router.get("/projects/:id/agreement/changes/plan").handler(lead).handler(ctx -> changePage(ctx, "PLAN"));
    router.post("/projects/:id/agreement/changes/plan").handler(lead).handler(this::planChangeForm);
    router.post("/projects/:id/agreement/changes/:changeId/decision").handler(Access.roles(Role.MINISTRY)).handler(this::decisionForm);

    router.get("/projects/:id/spending").handler(this::spendingPage);
    router.post("/projects/:id/spending/evidence").handler(lead).handler(this::spendingForm);
    router.post("/projects/:id/spending/:spendingId/evidence").handler(lead).handler(this::attachForm);
    router.get("/projects/:id/spending/:spendingId/evidence").handler(this::downloadEvidence);

    router.get("/projects/:id/kpis").handler(this::kpiPage);
    router.post("/projects/:id/kpis/reports").handler(lead).handler(this::kpiForm);
  }

  // ---- what every page of a project shows

  /** The project (visible to the caller, else not found), its agreement (empty when none) and the call's budget categories. */
  private record Context(JsonObject project, JsonObject agreement, List<CallRules.Category> categories) {
    boolean lead() {
      return project.getBoolean("lead");
    }

    boolean signed() {
      return "SIGNED".equals(agreement.getString("status"));
    }

    boolean draft() {
      return "DRAFT".equals(agreement.getString("status"));
    }

    long id() {
      return project.getLong("id");
    }
  }

  private Future<Context> context(RoutingContext ctx, long id) {
    CurrentUser me = RequestContext.currentUser(ctx);
    return projects.visibleProject(me, id).compose(project -> agreements.overview(me, id)
        .compose(agreement -> agreements.categories(me, id).map(categories -> new Context(project, agreement, categories))));
  }

  private Map<String, Object> model(RoutingContext ctx, Context c, JsonObject state) {
    Map<String, Object> model = new HashMap<>();
    model.put("project", c.project());
    model.put("agreementStatusKey", ProjectPages.agreementStatusKey(c.agreement()));
    model.put("hasAgreement", !c.agreement().isEmpty());
    model.put("signed", c.signed());
    model.put("isLead", c.lead());
    model.put("isMinistry", RequestContext.currentUser(ctx).role() == Role.MINISTRY);
    model.put("errors", state.getJsonArray("errors", new JsonArray()));
    model.put("fieldErrors", state.getJsonObject("fieldErrors", new JsonObject()));
    String done = ctx.request().getParam("done");
    model.put("success", state.getString("success", done != null && DONE.contains(done)
        ? views.messages().get(RequestContext.lang(ctx), "agreementPages.done." + done) : ""));
    if (!c.agreement().isEmpty()) {
      model.put("period", c.agreement().getString("periodStart") + " – " + c.agreement().getString("periodEnd"));
    }
    return model;
  }

  private static String categoryName(List<CallRules.Category> categories, String code, String lang) {
    return categories.stream().filter(x -> x.code().equals(code)).findFirst()
        .map(x -> "en".equals(lang) && x.nameEn() != null && !x.nameEn().isBlank() ? x.nameEn() : x.nameKo()).orElse(code);
  }

  /** The categories to show: the call's, in its order, then any the budget has that the call no longer lists. */
  private static List<String> categoryCodes(List<CallRules.Category> categories, JsonArray budget) {
    List<String> codes = new ArrayList<>();
    categories.forEach(x -> codes.add(x.code()));
    if (budget != null) {
      budget.forEach(o -> {
        String code = ((JsonObject) o).getString("category");
        if (!codes.contains(code)) {
          codes.add(code);
        }
      });
    }
    return codes;
  }

  /** The budget as a category × source table with totals. */
  private static JsonObject budgetTable(Context c, String lang) {
    JsonArray budget = c.agreement().getJsonArray("budget", new JsonArray());
    Map<String, JsonObject> byKey = new HashMap<>();
    budget.forEach(o -> byKey.put(((JsonObject) o).getString("category") + "/" + ((JsonObject) o).getString("source"), (JsonObject) o));
    JsonArray rows = new JsonArray();
    long national = 0;
    long local = 0;
    for (String code : categoryCodes(c.categories(), budget)) {
      if (!byKey.containsKey(code + "/NATIONAL") && !byKey.containsKey(code + "/LOCAL")) {
        continue;
      }
      long n = byKey.containsKey(code + "/NATIONAL") ? byKey.get(code + "/NATIONAL").getLong("amountWon") : 0;
      long l = byKey.containsKey(code + "/LOCAL") ? byKey.get(code + "/LOCAL").getLong("amountWon") : 0;
      national += n;
      local += l;
      rows.add(new JsonObject().put("name", categoryName(c.categories(), code, lang)).put("national", n).put("local", l).put("total", n + l));
    }
    return new JsonObject().put("rows", rows).put("national", national).put("local", local).put("total", national + local);
  }

  private void refuse(RoutingContext ctx, Throwable e, java.util.function.Function<JsonObject, Future<Void>> again) {
    Throwable failure = PageErrors.contention(e);
    if (!(failure instanceof DomainException d) || failure instanceof NotFoundException || failure instanceof ForbiddenException) {
      ctx.fail(failure);
      return;
    }
    ctx.put("refusedStatus", d.status());
    again.apply(describe(RequestContext.lang(ctx), d, Map.of())).onFailure(ctx::fail);
  }

  /** Field errors of a refused form by input id (the field name unless {@code inputs} says otherwise), and a summary. */
  private JsonObject describe(String lang, DomainException d, Map<String, String> inputs) {
    Messages m = views.messages();
    JsonArray errors = new JsonArray();
    JsonObject byField = new JsonObject();
    if (d instanceof ValidationException v) {
      for (ValidationException.FieldError fe : v.errors()) {
        String text = m.has(fe.code()) ? m.get(lang, fe.code()) : fe.message();
        String input = inputs.getOrDefault(fe.field(), fe.field());
        String label = m.has("agreementPages.field." + fe.field()) ? m.get(lang, "agreementPages.field." + fe.field()) + ": " : "";
        errors.add(new JsonObject().put("field", input).put("message", label + text));
        byField.put(input, byField.containsKey(input) ? byField.getString(input) : text);
      }
    } else if (d instanceof UnprocessableException u) {
      for (UnprocessableException.Violation v : u.violations()) {
        JsonObject p = v.params();
        String text;
        String input = "";
        switch (v.rule()) {
          case "overspend" -> {
            text = m.get(lang, "agreementPages.overspend", p.getString("category"), m.get(lang, "application.source." + p.getString("source")),
                Views.won(p.getLong("leftWon"), lang), Views.won(p.getLong("plannedWon"), lang), Views.won(p.getLong("askedWon"), lang));
            input = "amountWon";
          }
          case "belowSpent" -> {
            text = m.get(lang, "agreementPages.belowSpent", p.getString("category"), m.get(lang, "application.source." + p.getString("source")),
                Views.won(p.getLong("plannedWon"), lang), Views.won(p.getLong("spentWon"), lang));
            input = "b-" + p.getString("category") + "-" + p.getString("source");
          }
          default -> text = m.has("eligibility.rule." + v.rule()) ? m.get(lang, "eligibility.rule." + v.rule()) + ": " + v.message()
              : PageErrors.rule(m, lang, v);
        }
        errors.add(new JsonObject().put("field", input).put("message", text));
        if (!input.isEmpty() && !byField.containsKey(input)) {
          byField.put(input, text);
        }
      }
    } else {
      errors.add(new JsonObject().put("field", "").put("message", PageErrors.message(m, lang, d)));
    }
    return new JsonObject().put("errors", errors).put("fieldErrors", byField);
  }

  private static int status(RoutingContext ctx) {
    Integer s = ctx.get("refusedStatus");
    return s == null ? 200 : s;
  }

  // ---- the agreement

  private void agreementPage(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    renderAgreement(ctx, id, new JsonObject()).onFailure(ctx::fail);
  }

  private Future<Void> renderAgreement(RoutingContext ctx, long id, JsonObject state) {
    CurrentUser me = RequestContext.currentUser(ctx);
    String lang = RequestContext.lang(ctx);
    return context(ctx, id).compose(c -> (c.agreement().isEmpty() ? Future.succeededFuture(new JsonArray())
        : agreements.changes(me, id)).compose(changes -> {
          Map<String, Object> model = model(ctx, c, state);
          boolean ministry = me.role() == Role.MINISTRY;
          if (!c.agreement().isEmpty()) {
            model.put("confirmations", ProjectPages.confirmations(c.agreement(), lang));
            model.put("budget", budgetTable(c, lang));
            model.put("kpis", kpiTargets(c.agreement()));
            boolean mineConfirmed = ministry ? c.agreement().getBoolean("ministryConfirmed") : c.agreement().getBoolean("leadConfirmed");
            model.put("canConfirm", c.draft() && (ministry || c.lead()) && !mineConfirmed);
            model.put("waitingOther", c.draft() && (ministry || c.lead()) && mineConfirmed);
            model.put("canEdit", c.draft() && (ministry || c.lead()));
          }
          model.put("canCreate", c.agreement().isEmpty() && ministry);
          model.put("canRequest", c.signed() && c.lead());
          JsonObject noteErrors = state.getJsonObject("fieldErrors", new JsonObject());
          model.put("changes", changeViews(changes, c, lang, ministry, noteErrors, state.getJsonObject("notes", new JsonObject())));
          return views.render(ctx, status(ctx), "agreement-show", model);
        }));
  }

  private static JsonArray kpiTargets(JsonObject agreement) {
    JsonArray out = new JsonArray();
    agreement.getJsonArray("kpis", new JsonArray()).forEach(o -> {
      JsonObject k = (JsonObject) o;
      out.add(new JsonObject().put("id", k.getLong("id")).put("name", k.getString("name")).put("unit", k.getString("unit"))
          .put("target", ProjectPages.number(k.getDouble("target"))));
    });
    return out;
  }

  /** The change requests as the history shows them: who asked what and why, what it changes, and the decision. */
  private JsonArray changeViews(JsonArray changes, Context c, String lang, boolean ministry, JsonObject noteErrors, JsonObject notes) {
    Messages m = views.messages();
    JsonArray out = new JsonArray();
    for (Object o : changes) {
      JsonObject ch = (JsonObject) o;
      JsonObject proposal = ch.getJsonObject("proposal", new JsonObject());
      JsonArray lines = new JsonArray();
      if ("BUDGET".equals(ch.getString("kind"))) {
        Map<String, Long> before = amounts(proposal.getJsonArray("before"));
        Map<String, Long> after = amounts(proposal.getJsonArray("budget"));
        boolean known = proposal.containsKey("before");
        List<String> keys = new ArrayList<>(before.keySet());
        after.keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
        for (String key : keys) {
          long b = before.getOrDefault(key, 0L);
          long a = after.getOrDefault(key, 0L);
          if (known && a == b) {
            continue;
          }
          String[] parts = key.split("/", 2);
          String what = categoryName(c.categories(), parts[0], lang) + " " + m.get(lang, "application.source." + parts[1]);
          lines.add(known ? m.get(lang, "agreementPages.change.from", what, Views.won(b, lang), Views.won(a, lang))
              : m.get(lang, "agreementPages.change.to", what, Views.won(a, lang)));
        }
      } else {
        JsonObject before = proposal.getJsonObject("before", new JsonObject());
        if (proposal.containsKey("periodStart") || proposal.containsKey("periodEnd")) {
          lines.add(m.get(lang, "agreementPages.change.period",
              before.getString("periodStart", "") + " – " + before.getString("periodEnd", ""),
              proposal.getString("periodStart", before.getString("periodStart", "")) + " – "
                  + proposal.getString("periodEnd", before.getString("periodEnd", ""))));
        }
        proposal.getJsonArray("kpiTargets", new JsonArray()).forEach(t -> {
          JsonObject k = (JsonObject) t;
          lines.add(m.get(lang, "agreementPages.change.kpi", k.getString("name"), ProjectPages.number(k.getDouble("before")),
              ProjectPages.number(k.getDouble("target")), nz(k.getString("unit"))));
        });
      }
      boolean pending = "REQUESTED".equals(ch.getString("status"));
      String noteId = "note-" + ch.getLong("id");
      out.add(new JsonObject().put("id", ch.getLong("id")).put("kindKey", "agreementPages.kind." + ch.getString("kind"))
          .put("statusKey", "changeStatus." + ch.getString("status")).put("status", ch.getString("status"))
          .put("requestedBy", nz(ch.getString("requestedBy")))
          .put("requestedAt", LocalTimes.dateTime(Instant.parse(ch.getString("requestedAt")), lang))
          .put("reason", nz(ch.getString("reason"))).put("plan", nz(proposal.getString("plan"))).put("lines", lines)
          .put("decidedBy", nz(ch.getString("decidedBy")))
          .put("decidedAt", ch.getString("decidedAt") == null ? "" : LocalTimes.dateTime(Instant.parse(ch.getString("decidedAt")), lang))
          .put("decisionNote", nz(ch.getString("decisionNote"))).put("pending", pending).put("canDecide", pending && ministry)
          .put("noteId", noteId).put("noteError", noteErrors.getString(noteId, "")).put("note", notes.getString(noteId, "")));
    }
    return out;
  }

  private static Map<String, Long> amounts(JsonArray lines) {
    Map<String, Long> out = new LinkedHashMap<>();
    if (lines != null) {
      lines.forEach(o -> out.put(((JsonObject) o).getString("category") + "/" + ((JsonObject) o).getString("source"),
          ((JsonObject) o).getLong("amountWon")));
    }
    return out;
  }

  // ---- the draft form

  private void editPage(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    renderEdit(ctx, id, null, new JsonObject()).onFailure(ctx::fail);
  }

  private Future<Void> renderEdit(RoutingContext ctx, long id, MultiMap form, JsonObject state) {
    CurrentUser me = RequestContext.currentUser(ctx);
    return context(ctx, id).compose(c -> {
      if (c.signed()) {
        PageErrors.seeOther(ctx, "/projects/" + id + "/agreement");
        return Future.succeededFuture();
      }
      if (me.role() != Role.MINISTRY && !(c.lead() && c.draft())) {
        return Future.failedFuture(new ForbiddenException(c.lead()
            ? "The ministry drafts the agreement first; the lead local government may then edit the draft."
            : "Only the ministry and the project's lead local government edit its agreement."));
      }
      Future<ApplicationDraft> start = c.agreement().isEmpty() ? agreements.applicationTerms(me, id)
          : Future.succeededFuture(null);
      return start.compose(application -> {
        JsonObject saved = c.agreement();
        JsonArray budget = saved.isEmpty() ? linesJson(application == null ? List.of() : application.budget()) : saved.getJsonArray("budget");
        JsonArray kpis = saved.isEmpty() ? kpisJson(application == null ? List.of() : application.kpis()) : saved.getJsonArray("kpis");
        Map<String, Object> model = model(ctx, c, state);
        JsonObject fieldErrors = state.getJsonObject("fieldErrors", new JsonObject());
        model.put("periodStart", form != null ? nz(form.get("periodStart")) : saved.getString("periodStart", ""));
        model.put("periodEnd", form != null ? nz(form.get("periodEnd")) : saved.getString("periodEnd", ""));
        model.put("budgetRows", budgetRows(c, budget, form, fieldErrors, RequestContext.lang(ctx)));
        model.put("kpiRows", kpiRows(kpis, form, fieldErrors));
        model.put("fromApplication", saved.isEmpty() && application != null && !application.budget().isEmpty());
        return views.render(ctx, status(ctx), "agreement-edit", model);
      });
    });
  }

  private static JsonArray linesJson(List<ApplicationDraft.BudgetLine> lines) {
    JsonArray out = new JsonArray();
    lines.forEach(l -> out.add(l.toJson()));
    return out;
  }

  private static JsonArray kpisJson(List<ApplicationDraft.Kpi> kpis) {
    JsonArray out = new JsonArray();
    kpis.forEach(k -> out.add(k.toJson()));
    return out;
  }

  /** One row per category with an input per source, filled from the form when refused, else from {@code budget}. */
  private static JsonArray budgetRows(Context c, JsonArray budget, MultiMap form, JsonObject fieldErrors, String lang) {
    Map<String, Long> saved = amounts(budget);
    JsonArray rows = new JsonArray();
    for (String code : categoryCodes(c.categories(), budget)) {
      JsonObject row = new JsonObject().put("code", code).put("name", categoryName(c.categories(), code, lang));
      for (String s : SOURCES) {
        String key = code + "-" + s;
        Long amount = saved.get(code + "/" + s);
        row.put(s, form != null ? nz(form.get("b-" + key)) : amount == null ? "" : String.valueOf(amount));
        row.put(s + "Error", fieldErrors.getString("b-" + key, ""));
      }
      rows.add(row);
    }
    return rows;
  }

  private static JsonArray kpiRows(JsonArray saved, MultiMap form, JsonObject fieldErrors) {
    int rows = Math.max(KPI_ROWS, saved.size() + 1);
    if (form != null) {
      rows = Math.max(rows, rowCount(form));
    }
    JsonArray out = new JsonArray();
    for (int i = 0; i < rows; i++) {
      JsonObject s = i < saved.size() ? saved.getJsonObject(i) : new JsonObject();
      JsonObject row = new JsonObject().put("i", i).put("number", i + 1);
      row.put("name", form != null ? nz(form.get("k" + i + "-name")) : nz(s.getString("name")));
      row.put("unit", form != null ? nz(form.get("k" + i + "-unit")) : nz(s.getString("unit")));
      row.put("target", form != null ? nz(form.get("k" + i + "-target"))
          : s.getValue("target") instanceof Number n ? plain(n.doubleValue()) : "");
      for (String f : List.of("name", "unit", "target")) {
        row.put(f + "Error", fieldErrors.getString("k" + i + "-" + f, ""));
      }
      out.add(row);
    }
    return out;
  }

  private static int rowCount(MultiMap form) {
    int n = 0;
    while (n < 30 && form.contains("k" + n + "-name")) {
      n++;
    }
    return n;
  }

  /** Budget inputs b-CATEGORY-SOURCE as the JSON the services read; {@code keys} gets the input of each line, in order. */
  private static JsonArray budgetFromForm(MultiMap form, List<String> keys) {
    JsonArray budget = new JsonArray();
    form.names().stream().filter(k -> k.startsWith("b-")).sorted().forEach(key -> {
      String raw = nz(form.get(key)).replace(",", "").replace(" ", "").trim();
      String[] parts = key.substring(2).split("-(?=(NATIONAL|LOCAL)$)");
      if (raw.isEmpty() || parts.length != 2 || keys.size() >= 60) {
        return;
      }
      Object amount = raw.matches("-?\\d{1,15}") ? (Object) Long.parseLong(raw) : raw;
      budget.add(new JsonObject().put("category", parts[0]).put("source", parts[1]).put("amountWon", amount));
      keys.add(key);
    });
    return budget;
  }

  private void editForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    MultiMap form = ctx.request().formAttributes();
    CurrentUser me = RequestContext.currentUser(ctx);
    List<String> budgetKeys = new ArrayList<>();
    List<Integer> kpiRows = new ArrayList<>();
    Map<String, String> inputs = new HashMap<>();
    Future.succeededFuture().compose(x -> {
      Validator v = Validator.ofForm(form);
      LocalDate start = v.requiredDate("periodStart");
      LocalDate end = v.requiredDate("periodEnd");
      if (start != null && end != null && !end.isAfter(start)) {
        v.add("periodEnd", "validation.endAfterStart", "periodEnd must be after periodStart.");
      }
      JsonObject terms = new JsonObject().put("budget", budgetFromForm(form, budgetKeys));
      JsonArray kpis = new JsonArray();
      for (int i = 0; i < rowCount(form); i++) {
        String name = nz(form.get("k" + i + "-name")).trim();
        String unit = nz(form.get("k" + i + "-unit")).trim();
        String target = nz(form.get("k" + i + "-target")).replace(",", "").trim();
        if (name.isEmpty() && unit.isEmpty() && target.isEmpty()) {
          continue;
        }
        Object value = target;
        try {
          value = target.isEmpty() ? target : (Object) Double.parseDouble(target);
        } catch (NumberFormatException e) {
          value = target;
        }
        JsonObject k = new JsonObject().put("unit", unit).put("target", value);
        if (!name.isEmpty()) {
          k.put("name", name);
        }
        kpis.add(k);
        kpiRows.add(i);
      }
      terms.put("kpis", kpis);
      ApplicationDraft draft = null;
      try {
        draft = ApplicationDraft.fromJson(terms);
      } catch (ValidationException e) {
        e.errors().forEach(fe -> v.add(fe.field(), fe.code(), fe.message()));
      }
      for (ValidationException.FieldError fe : v.hasErrors() ? errorsOf(v) : List.<ValidationException.FieldError>of()) {
        inputs.put(fe.field(), inputOf(fe.field(), budgetKeys, kpiRows));
      }
      v.throwIfInvalid();
      return agreements.draft(me, id, start, end, draft, RequestContext.ip(ctx));
    }).onSuccess(a -> PageErrors.seeOther(ctx, "/projects/" + id + "/agreement?done=drafted"))
        .onFailure(e -> refuseWith(ctx, e, inputs, state -> renderEdit(ctx, id, form, state)));
  }

  private static List<ValidationException.FieldError> errorsOf(Validator v) {
    try {
      v.throwIfInvalid();
      return List.of();
    } catch (ValidationException e) {
      return e.errors();
    }
  }

  /** The input a field error of the draft belongs to: budget[i] → its b- input, kpis[i].f → k{row}-f. */
  private static String inputOf(String field, List<String> budgetKeys, List<Integer> kpiRows) {
    Matcher x = INDEXED.matcher(field);
    if (!x.matches()) {
      return field;
    }
    int index = Integer.parseInt(x.group(2));
    if ("budget".equals(x.group(1))) {
      return index < budgetKeys.size() ? budgetKeys.get(index) : "";
    }
    int row = index < kpiRows.size() ? kpiRows.get(index) : index;
    String f = x.group(3) == null || !List.of("name", "unit", "target").contains(x.group(3)) ? "name" : x.group(3);
    return "k" + row + "-" + f;
  }

  private void refuseWith(RoutingContext ctx, Throwable e, Map<String, String> inputs, java.util.function.Function<JsonObject, Future<Void>> again) {
    Throwable failure = PageErrors.contention(e);
    if (!(failure instanceof DomainException d) || failure instanceof NotFoundException || failure instanceof ForbiddenException) {
      ctx.fail(failure);
      return;
    }
    ctx.put("refusedStatus", d.status());
    JsonObject shown = describe(RequestContext.lang(ctx), d, inputs);
    // a row error's summary names its row
    Messages m = views.messages();
    String lang = RequestContext.lang(ctx);
    shown.getJsonArray("errors").forEach(o -> {
      JsonObject err = (JsonObject) o;
      String f = err.getString("field");
      Matcher k = Pattern.compile("^k(\\d+)-(name|unit|target)$").matcher(f);
      if (k.matches()) {
        err.put("message", m.get(lang, "application.row", Integer.parseInt(k.group(1)) + 1) + " "
            + m.get(lang, "application.kpi." + k.group(2)) + ": " + err.getString("message").replaceFirst("^[^:]*: ", ""));
      } else if (f.startsWith("b-")) {
        err.put("message", m.get(lang, "application.budget.amount") + ": " + err.getString("message").replaceFirst("^budget[^:]*: ", ""));
      }
    });
    again.apply(shown).onFailure(ctx::fail);
  }

  // ---- the confirm step

  private void confirmPage(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    CurrentUser me = RequestContext.currentUser(ctx);
    String lang = RequestContext.lang(ctx);
    context(ctx, id).compose(c -> {
      if (!c.draft()) {
        PageErrors.seeOther(ctx, "/projects/" + id + "/agreement");
        return Future.succeededFuture();
      }
      if (me.role() != Role.MINISTRY && !c.lead()) {
        return Future.failedFuture(new ForbiddenException("The ministry and the lead local government confirm the agreement."));
      }
      Map<String, Object> model = model(ctx, c, new JsonObject());
      model.put("budget", budgetTable(c, lang));
      model.put("kpis", kpiTargets(c.agreement()));
      model.put("confirmations", ProjectPages.confirmations(c.agreement(), lang));
      model.put("sideKey", me.role() == Role.MINISTRY ? "agreement.side.ministry" : "agreement.side.lead");
      return views.render(ctx, "agreement-confirm", model);
    }).onFailure(ctx::fail);
  }

  private void confirmForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    if ("cancel".equals(ctx.request().getFormAttribute("action"))) {
      PageErrors.seeOther(ctx, "/projects/" + id + "/agreement");
      return;
    }
    agreements.confirm(RequestContext.currentUser(ctx), id, RequestContext.ip(ctx))
        .onSuccess(a -> PageErrors.seeOther(ctx, "/projects/" + id + "/agreement?done=" + ("SIGNED".equals(a.getString("status"))
            ? "signed" : "confirmed")))
        .onFailure(e -> refuse(ctx, e, state -> renderAgreement(ctx, id, state)));
  }

  // ---- change requests

  private void changePage(RoutingContext ctx, String kind) {
    long id = Params.pathId(ctx, "id");
    renderChange(ctx, id, kind, null, new JsonObject()).onFailure(ctx::fail);
  }

  private Future<Void> renderChange(RoutingContext ctx, long id, String kind, MultiMap form, JsonObject state) {
    return context(ctx, id).compose(c -> {
      if (!c.signed() || !c.lead()) {
        return Future.failedFuture(c.lead()
            ? new kr.dure.common.ConflictException("conflict.agreementState", "The agreement must be SIGNED before a change request.")
            : new ForbiddenException("Only the lead local government of the project asks for changes."));
      }
      Map<String, Object> model = model(ctx, c, state);
      JsonObject fieldErrors = state.getJsonObject("fieldErrors", new JsonObject());
      model.put("budgetKind", "BUDGET".equals(kind));
      model.put("reason", form == null ? "" : nz(form.get("reason")));
      if ("BUDGET".equals(kind)) {
        model.put("budgetRows", budgetRows(c, c.agreement().getJsonArray("budget"), form, fieldErrors, RequestContext.lang(ctx)));
        model.put("current", budgetTable(c, RequestContext.lang(ctx)));
      } else {
        model.put("plan", form == null ? "" : nz(form.get("plan")));
        model.put("periodStart", form == null ? c.agreement().getString("periodStart") : nz(form.get("periodStart")));
        model.put("periodEnd", form == null ? c.agreement().getString("periodEnd") : nz(form.get("periodEnd")));
        JsonArray kpis = kpiTargets(c.agreement());
        kpis.forEach(o -> {
          JsonObject k = (JsonObject) o;
          String input = "kpi-" + k.getLong("id");
          k.put("input", input).put("value", form == null ? k.getString("target").replace(",", "") : nz(form.get(input)))
              .put("error", fieldErrors.getString(input, ""));
        });
        model.put("kpiTargets", kpis);
      }
      return views.render(ctx, status(ctx), "agreement-change", model);
    });
  }

  private void budgetChangeForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    MultiMap form = ctx.request().formAttributes();
    List<String> keys = new ArrayList<>();
    Map<String, String> inputs = new HashMap<>();
    Future.succeededFuture().compose(x -> {
      Validator v = Validator.ofForm(form);
      String reason = v.requiredText("reason", 2000);
      JsonArray budget = budgetFromForm(form, keys);
      ApplicationDraft proposal = null;
      try {
        proposal = ApplicationDraft.fromJson(new JsonObject().put("budget", budget));
      } catch (ValidationException e) {
        e.errors().forEach(fe -> v.add(fe.field(), fe.code(), fe.message()));
      }
      errorsOf(v).forEach(fe -> inputs.put(fe.field(), inputOf(fe.field(), keys, List.of())));
      v.throwIfInvalid();
      return agreements.requestBudgetChange(RequestContext.currentUser(ctx), id, proposal.budget(), reason, RequestContext.ip(ctx));
    }).onSuccess(changeId -> PageErrors.seeOther(ctx, "/projects/" + id + "/agreement?done=budgetRequested#changes"))
        .onFailure(e -> refuseWith(ctx, e, inputs, state -> renderChange(ctx, id, "BUDGET", form, state)));
  }

  private void planChangeForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    MultiMap form = ctx.request().formAttributes();
    CurrentUser me = RequestContext.currentUser(ctx);
    Future.succeededFuture().compose(x -> {
      Validator v = Validator.ofForm(form);
      String plan = v.requiredText("plan", 20_000);
      String reason = v.requiredText("reason", 2000);
      LocalDate start = v.optionalDate("periodStart");
      LocalDate end = v.optionalDate("periodEnd");
      Map<Long, Double> targets = new LinkedHashMap<>();
      for (String name : form.names()) {
        if (!name.matches("kpi-\\d{1,18}")) {
          continue;
        }
        String raw = nz(form.get(name)).replace(",", "").trim();
        if (raw.isEmpty()) {
          continue;
        }
        try {
          double target = Double.parseDouble(raw);
          if (!(target >= 0) || target > 1e15 || Double.isInfinite(target)) {
            throw new NumberFormatException(raw);
          }
          targets.put(Long.parseLong(name.substring(4)), target);
        } catch (NumberFormatException e) {
          v.add(name, "validation.nonNegative", name + " must be a number of 0 or more.");
        }
      }
      v.throwIfInvalid();
      return agreements.requestPlanChange(me, id, new AgreementService.PlanChange(plan, start, end, targets), reason, RequestContext.ip(ctx));
    }).onSuccess(changeId -> PageErrors.seeOther(ctx, "/projects/" + id + "/agreement?done=planRequested#changes"))
        .onFailure(e -> refuseWith(ctx, e, Map.of(), state -> renderChange(ctx, id, "PLAN", form, state)));
  }

  private void decisionForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    long changeId = Params.pathId(ctx, "changeId");
    MultiMap form = ctx.request().formAttributes();
    String action = nz(form.get("action"));
    String noteId = "note-" + changeId;
    String note = nz(form.get("note")).trim();
    JsonObject notes = new JsonObject().put(noteId, nz(form.get("note")));
    Future.succeededFuture().compose(x -> {
      if (!action.equals("approve") && !action.equals("reject")) {
        return Future.failedFuture(ValidationException.of(noteId, "validation.choice", "action must be approve or reject."));
      }
      if (action.equals("reject") && note.isEmpty()) {
        return Future.failedFuture(ValidationException.of(noteId, "validation.rejectNote", "Say why the request is rejected."));
      }
      if (note.length() > 2000) {
        return Future.failedFuture(ValidationException.of(noteId, "validation.tooLong", "note must be at most 2000 characters."));
      }
      // the change must belong to this project: the form's address names it
      return agreements.changes(RequestContext.currentUser(ctx), id).compose(list -> list.stream()
              .anyMatch(o -> ((JsonObject) o).getLong("id") == changeId)
          ? agreements.decideChange(RequestContext.currentUser(ctx), changeId, action.equals("approve"), note, RequestContext.ip(ctx))
          : Future.failedFuture(new NotFoundException("Change request " + changeId + " is not one of this project's.")));
    }).onSuccess(a -> PageErrors.seeOther(ctx, "/projects/" + id + "/agreement?done=" + (action.equals("approve") ? "approved" : "rejected")
            + "#changes"))
        .onFailure(e -> refuse(ctx, e, state -> renderAgreement(ctx, id, state.put("notes", notes))));
  }

  // ---- budget execution

  private void spendingPage(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    renderSpending(ctx, id, null, new JsonObject()).onFailure(ctx::fail);
  }

  private Future<Void> renderSpending(RoutingContext ctx, long id, MultiMap form, JsonObject state) {
    CurrentUser me = RequestContext.currentUser(ctx);
    String lang = RequestContext.lang(ctx);
    return context(ctx, id).compose(c -> agreements.spending(me, id).compose(records -> {
      Map<String, Object> model = model(ctx, c, state);
      JsonArray lines = new JsonArray();
      long planned = 0;
      long spent = 0;
      for (Object o : c.agreement().getJsonArray("budget", new JsonArray())) {
        JsonObject b = (JsonObject) o;
        long amount = b.getLong("amountWon");
        long used = b.getLong("spentWon");
        planned += amount;
        spent += used;
        double rate = b.getNumber("executionRate").doubleValue();
        lines.add(new JsonObject().put("name", categoryName(c.categories(), b.getString("category"), lang))
            .put("sourceKey", "application.source." + b.getString("source")).put("budget", amount).put("spent", used)
            .put("remaining", amount - used).put("rate", ProjectPages.rate(rate)).put("bar", Math.min(100, rate)));
      }
      model.put("lines", lines);
      model.put("planned", planned);
      model.put("spent", spent);
      model.put("remaining", planned - spent);
      double total = c.agreement().isEmpty() ? 0 : c.agreement().getNumber("executionRate").doubleValue();
      model.put("rate", ProjectPages.rate(total));
      model.put("bar", Math.min(100, total));
      JsonArray rows = new JsonArray();
      records.forEach(o -> {
        JsonObject r = (JsonObject) o;
        String payeeOrg = r.getString("payeeOrganisation");
        rows.add(new JsonObject().put("id", r.getLong("id")).put("spentOn", r.getString("spentOn"))
            .put("category", categoryName(c.categories(), r.getString("category"), lang))
            .put("sourceKey", "application.source." + r.getString("source")).put("amount", r.getLong("amountWon"))
            .put("payee", nz(r.getString("payee"))).put("payeeOrganisation", payeeOrg == null || payeeOrg.equals(r.getString("payee")) ? "" : payeeOrg)
            .put("description", nz(r.getString("description"))).put("hasEvidence", r.getBoolean("hasEvidence"))
            .put("evidenceFilename", nz(r.getString("evidenceFilename")))
            .put("evidenceSize", r.getInteger("evidenceBytes") == null ? "" : size(r.getInteger("evidenceBytes")))
            .put("evidenceHref", "/projects/" + id + "/spending/" + r.getLong("id") + "/evidence")
            .put("attachError", state.getJsonObject("fieldErrors", new JsonObject()).getString("evidence-" + r.getLong("id"), "")));
      });
      model.put("records", rows);
      boolean canRecord = c.signed() && c.lead();
      model.put("canRecord", canRecord);
      if (canRecord) {
        JsonObject values = new JsonObject();
        for (String f : List.of("spentOn", "category", "source", "amountWon", "payee", "payeeOrganisationId", "description")) {
          values.put(f, form == null ? "" : nz(form.get(f)));
        }
        model.put("form", values);
        JsonArray categories = new JsonArray();
        List<String> budgeted = new ArrayList<>();
        c.agreement().getJsonArray("budget").forEach(o -> {
          String code = ((JsonObject) o).getString("category");
          if (!budgeted.contains(code)) {
            budgeted.add(code);
          }
        });
        for (String code : budgeted) {
          categories.add(new JsonObject().put("value", code).put("label", categoryName(c.categories(), code, lang))
              .put("selected", code.equals(values.getString("category"))));
        }
        model.put("categoryOptions", categories);
        JsonArray sources = new JsonArray();
        SOURCES.forEach(s -> sources.add(new JsonObject().put("value", s).put("labelKey", "application.source." + s)
            .put("selected", s.equals(values.getString("source")))));
        model.put("sourceOptions", sources);
        JsonArray payees = new JsonArray();
        c.project().getJsonArray("members").forEach(o -> {
          JsonObject m = (JsonObject) o;
          payees.add(new JsonObject().put("value", m.getLong("organisationId")).put("label", m.getString("name"))
              .put("selected", String.valueOf(m.getLong("organisationId")).equals(values.getString("payeeOrganisationId"))));
        });
        model.put("payeeOptions", payees);
        model.put("evidenceLimit", "10 MiB");
      }
      return views.render(ctx, status(ctx), "agreement-spending", model);
    }));
  }

  private static String size(int bytes) {
    return bytes >= 1024 * 1024 ? String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0)
        : String.format(java.util.Locale.ROOT, "%.0f KiB", Math.max(1, bytes / 1024.0));
  }

  /** A spending record with its evidence file, in one multipart form: nothing is stored unless both pass. */
  private void spendingForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    MultiMap form = ctx.request().formAttributes();
    CurrentUser me = RequestContext.currentUser(ctx);
    FileUpload upload = ctx.fileUploads().stream().filter(f -> "evidence".equals(f.name())).findFirst().orElse(null);
    boolean chosen = upload != null && (upload.size() > 0 || !nz(upload.fileName()).isBlank());
    context(ctx, id).compose(c -> {
      Validator v = Validator.ofForm(form);
      LocalDate day = v.requiredDate("spentOn");
      String category = v.requiredText("category", 40);
      String source = v.requiredText("source", 10);
      if (source != null && !SOURCES.contains(source)) {
        v.add("source", "validation.choice", "source must be NATIONAL or LOCAL.");
      }
      String rawAmount = nz(form.get("amountWon")).replace(",", "").replace(" ", "").replace("원", "").trim();
      Long amount = null;
      if (rawAmount.isEmpty()) {
        v.add("amountWon", "validation.required", "amountWon is required.");
      } else if (!rawAmount.matches("\\d{1,12}") || Long.parseLong(rawAmount) < 1 || Long.parseLong(rawAmount) > 100_000_000_000L) {
        v.add("amountWon", "validation.amount", "amountWon must be a whole number of won from 1 to 100,000,000,000.");
      } else {
        amount = Long.parseLong(rawAmount);
      }
      Integer payeeOrg = v.optionalInt("payeeOrganisationId", 1, Integer.MAX_VALUE);
      String payee = v.optionalText("payee", 200);
      String description = v.optionalText("description", 2000);
      if (chosen && upload.size() > Evidence.LIMIT) {
        v.add("evidence", "validation.evidenceSize", "The evidence file must be at most 10 MiB.");
      } else if (chosen && upload.size() == 0) {
        v.add("evidence", "validation.evidenceMissing", "The chosen evidence file is empty.");
      }
      if (payee.isEmpty() && payeeOrg == null) {
        v.add("payee", "validation.payee", "Name the payee, or choose the consortium member paid.");
      }
      String member = payeeOrg == null ? null : c.project().getJsonArray("members").stream().map(o -> (JsonObject) o)
          .filter(m -> m.getLong("organisationId") == payeeOrg.longValue()).map(m -> m.getString("name")).findFirst().orElse(null);
      if (payeeOrg != null && member == null) {
        v.add("payeeOrganisationId", "validation.notMember", "payeeOrganisationId must be a member of the project's consortium.");
      }
      v.throwIfInvalid();
      String payeeName = payee.isEmpty() ? member : payee;
      AgreementService.Spending record = new AgreementService.Spending(day, category, source, amount, payeeName,
          payeeOrg == null ? null : payeeOrg.longValue(), description);
      Future<Evidence.File> file = !chosen ? Future.succeededFuture(null)
          : ctx.vertx().fileSystem().readFile(upload.uploadedFileName()).map(bytes -> Evidence.check("evidence", upload.fileName(), bytes));
      return file.compose(evidence -> agreements.recordSpending(me, id, record, evidence, RequestContext.ip(ctx)));
    }).onSuccess(sid -> PageErrors.seeOther(ctx, "/projects/" + id + "/spending?done=recorded#record-" + sid))
        .onFailure(e -> refuseWith(ctx, e, Map.of(), state -> renderSpending(ctx, id, form, state)));
  }

  /** Attaches or replaces the evidence file of one record. */
  private void attachForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    long sid = Params.pathId(ctx, "spendingId");
    CurrentUser me = RequestContext.currentUser(ctx);
    FileUpload upload = ctx.fileUploads().stream().filter(f -> "evidence".equals(f.name())).findFirst().orElse(null);
    String input = "evidence-" + sid;
    agreements.spendingProject(me, sid).compose(project -> {
      if (project != id) {
        return Future.failedFuture(new NotFoundException("Spending record " + sid + " is not one of this project's."));
      }
      if (upload == null || upload.size() == 0) {
        return Future.failedFuture(ValidationException.of(input, "validation.evidenceMissing", "Choose an evidence file to upload."));
      }
      if (upload.size() > Evidence.LIMIT) {
        return Future.failedFuture(ValidationException.of(input, "validation.evidenceSize", "The evidence file must be at most 10 MiB."));
      }
      return ctx.vertx().fileSystem().readFile(upload.uploadedFileName())
          .map(bytes -> Evidence.check(input, upload.fileName(), bytes))
          .compose(file -> agreements.attachEvidence(me, sid, file, RequestContext.ip(ctx)));
    }).onSuccess(v -> PageErrors.seeOther(ctx, "/projects/" + id + "/spending?done=evidence#record-" + sid))
        .onFailure(e -> refuseWith(ctx, e, Map.of(), state -> renderSpending(ctx, id, null, state)));
  }

  private void downloadEvidence(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    long sid = Params.pathId(ctx, "spendingId");
    CurrentUser me = RequestContext.currentUser(ctx);
    agreements.spendingProject(me, sid).compose(project -> project == id ? agreements.evidence(me, sid)
            : Future.failedFuture(new NotFoundException("Spending record " + sid + " is not one of this project's.")))
        .onSuccess(file -> AgreementRoutes.sendEvidence(ctx, file)).onFailure(ctx::fail);
  }

  // ---- KPI reports

  private void kpiPage(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    renderKpis(ctx, id, null, new JsonObject()).onFailure(ctx::fail);
  }

  private Future<Void> renderKpis(RoutingContext ctx, long id, MultiMap form, JsonObject state) {
    return context(ctx, id).compose(c -> {
      Map<String, Object> model = model(ctx, c, state);
      JsonArray kpis = new JsonArray();
      JsonArray options = new JsonArray();
      String chosen = form == null ? nz(ctx.request().getParam("kpi")) : nz(form.get("kpiId"));
      c.agreement().getJsonArray("kpis", new JsonArray()).forEach(o -> {
        JsonObject k = (JsonObject) o;
        JsonArray reports = new JsonArray();
        k.getJsonArray("reports", new JsonArray()).forEach(r -> {
          JsonObject report = (JsonObject) r;
          reports.add(new JsonObject().put("period", report.getString("period"))
              .put("actual", ProjectPages.number(report.getNumber("actual").doubleValue())).put("note", nz(report.getString("note"))));
        });
        double progress = k.getDouble("progress");
        kpis.add(new JsonObject().put("id", k.getLong("id")).put("name", k.getString("name")).put("unit", nz(k.getString("unit")))
            .put("target", ProjectPages.number(k.getDouble("target"))).put("reached", ProjectPages.number(k.getDouble("reached")))
            .put("basisKey", "kpiPages.basis." + k.getString("basis"))
            .put("progress", ProjectPages.rate(progress)).put("bar", Math.min(100, progress)).put("reports", reports));
        options.add(new JsonObject().put("value", k.getLong("id")).put("label", k.getString("name"))
            .put("selected", String.valueOf(k.getLong("id")).equals(chosen)));
      });
      model.put("kpis", kpis);
      model.put("kpiOptions", options);
      model.put("canReport", c.signed() && c.lead() && !kpis.isEmpty());
      model.put("form", new JsonObject().put("period", form == null ? "" : nz(form.get("period")))
          .put("actual", form == null ? "" : nz(form.get("actual"))).put("note", form == null ? "" : nz(form.get("note"))));
      return views.render(ctx, status(ctx), "agreement-kpis", model);
    });
  }

  /** A KPI's actual value for a period; a second report for the same period replaces the first (the page says so). */
  private void kpiForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    MultiMap form = ctx.request().formAttributes();
    CurrentUser me = RequestContext.currentUser(ctx);
    context(ctx, id).compose(c -> {
      Validator v = Validator.ofForm(form);
      String rawKpi = nz(form.get("kpiId")).trim();
      boolean ours = rawKpi.matches("\\d{1,18}") && c.agreement().getJsonArray("kpis", new JsonArray()).stream()
          .anyMatch(o -> String.valueOf(((JsonObject) o).getLong("id")).equals(rawKpi));
      if (!ours) {
        v.add("kpiId", "validation.choice", "kpiId must be one of this project's KPIs.");
      }
      String period = v.requiredText("period", 7);
      if (period != null && !period.toUpperCase(java.util.Locale.ROOT).matches("[0-9]{4}-(Q[1-4]|H[12]|Y)")) {
        v.add("period", "validation.kpiPeriod", "period must look like 2026-Q3, 2026-H2 or 2026-Y.");
      }
      String rawActual = nz(form.get("actual")).replace(",", "").trim();
      Double actual = null;
      if (rawActual.isEmpty()) {
        v.add("actual", "validation.required", "actual is required.");
      } else {
        try {
          actual = Double.parseDouble(rawActual);
          if (!(actual >= 0) || actual > 1e15 || Double.isInfinite(actual)) {
            actual = null;
            v.add("actual", "validation.nonNegative", "actual must be a number of 0 or more.");
          }
        } catch (NumberFormatException e) {
          v.add("actual", "validation.nonNegative", "actual must be a number of 0 or more.");
        }
      }
      String note = v.optionalText("note", 2000);
      v.throwIfInvalid();
      return agreements.reportKpi(me, Long.parseLong(rawKpi), period.toUpperCase(java.util.Locale.ROOT), actual, note, RequestContext.ip(ctx));
    }).onSuccess(a -> PageErrors.seeOther(ctx, "/projects/" + id + "/kpis?done=reported"))
        .onFailure(e -> refuseWith(ctx, e, Map.of(), state -> renderKpis(ctx, id, form, state)));
  }

  static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String plain(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
  }
}
