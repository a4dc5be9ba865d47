package kr.dure.program;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.dure.auth.CurrentUser;
import kr.dure.auth.Role;
import kr.dure.common.ConflictException;
import kr.dure.common.DomainException;
import kr.dure.common.ForbiddenException;
import kr.dure.common.NotFoundException;
import kr.dure.common.UnprocessableException;
import kr.dure.common.ValidationException;
import kr.dure.common.Zones;
import kr.dure.project.CollaborationType;
import kr.dure.web.Access;
import kr.dure.web.Authentication;
import kr.dure.web.LocalTimes;
import kr.dure.web.Messages;
import kr.dure.web.PageErrors;
import kr.dure.web.Params;
import kr.dure.web.RequestContext;
import kr.dure.web.Views;

/**
 * Grant program pages: the public call page, and the local government's application (신청) in the
 * KRDS application pattern — steps listed up front, a wizard saving the whole draft at every step,
 * a confirm step with the eligibility check, a completion page and "my applications" with history.
 * Every form answers with a 303; a refused one shows its step again with the reasons.
 */
public final class ProgramPages {

  static final int STEPS = 5;
  static final int MEMBER_ROWS = 8;
  static final int KPI_ROWS = 5;
  private static final List<String> MEMBER_KINDS = List.of("SME", "UNIVERSITY", "INNOVATION_INSTITUTION");
  private static final List<String> SOURCES = List.of("NATIONAL", "LOCAL");
  private static final List<String> MEMBER_FIELDS = List.of("kind", "name", "businessNumber", "regionCode");
  private static final List<String> KPI_FIELDS = List.of("name", "unit", "target");
  private static final Pattern INDEXED = Pattern.compile("^(members|budget|kpis)\\[(\\d+)\\](?:\\.(\\w+))?$");

  private final Authentication authentication;
  private final Views views;
  private final ApplicationService applications;
  private final ProgramService programs;
  private final ReviewService reviews;
  private final Clock clock;
  private final AttachmentService attachments;

  public ProgramPages(Authentication authentication, Views views, ApplicationService applications, ProgramService programs,
      ReviewService reviews, AttachmentService attachments, Clock clock) {
    this.attachments = attachments;
    this.authentication = authentication;
    this.views = views;
    this.applications = applications;
    this.programs = programs;
    this.reviews = reviews;
    this.clock = clock;
  }

  public void mountPages(Router router) {
    Handler<RoutingContext> page = authentication.page();
    Handler<RoutingContext> county = Access.roles(Role.LOCAL_GOV);
    router.get("/calls/:id").handler(authentication.optionalPage()).handler(this::callPage);
    router.get("/applications").handler(page).handler(county).handler(this::listPage);
    router.post("/applications").handler(page).handler(county).handler(this::startForm);
    router.get("/applications/:id/step/:n").handler(page).handler(county).handler(this::stepPage);
    router.post("/applications/:id/step/:n").handler(page).handler(county).handler(this::stepForm);
    router.get("/applications/:id/done").handler(page).handler(county).handler(this::donePage);
    // attachments, live eligibility, withdraw
    router.post("/applications/:id/attachments").handler(page).handler(county).handler(this::attachForm);
    router.post("/applications/:id/attachments/:aid/delete").handler(page).handler(county).handler(this::detachForm);
    router.get("/applications/:id/attachments/:aid").handler(page).handler(Access.anyRole()).handler(ctx ->
        attachments.download(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"), Params.pathId(ctx, "aid"))
            .onSuccess(content -> ProgramRoutes.sendAttachment(ctx, content)).onFailure(ctx::fail));
    router.post("/applications/:id/eligibility").handler(page).handler(county).handler(this::liveCheck);
    router.get("/applications/:id/withdraw").handler(page).handler(county).handler(this::withdrawPage);
    router.post("/applications/:id/withdraw").handler(page).handler(county).handler(this::withdrawForm);

    Handler<RoutingContext> reviewer = Access.roles(Role.REVIEWER);
    Handler<RoutingContext> ministry = Access.roles(Role.MINISTRY);
    router.get("/review/:applicationId").handler(page).handler(reviewer).handler(this::scorePage);
    router.post("/review/:applicationId").handler(page).handler(reviewer).handler(this::scoreForm);
    router.get("/ministry/calls/:id/ranking").handler(page).handler(ministry).handler(this::rankingPage);
    router.post("/ministry/calls/:id/selection").handler(page).handler(ministry).handler(this::selectionForm);
  }

  // ---- the public call page

  private void callPage(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    CurrentUser me = RequestContext.currentUser(ctx);
    String lang = RequestContext.lang(ctx);
    applications.call(id).compose(call -> {
      Future<ApplicationRepository.Header> mine = me != null && me.role() == Role.LOCAL_GOV
          ? applications.mine(me).map(list -> list.stream()
              .filter(a -> a.callId() == id && !"WITHDRAWN".equals(a.status())).findFirst().orElse(null))
          : Future.succeededFuture(null);
      return mine.compose(existing -> {
        Map<String, Object> model = new HashMap<>();
        model.put("call", callView(call));
        model.put("rules", ruleViews(call, lang));
        model.put("steps", steps(0, 0));
        boolean county = me != null && me.role() == Role.LOCAL_GOV;
        model.put("county", county);
        model.put("signedOut", me == null);
        model.put("ministry", me != null && me.role() == Role.MINISTRY);
        model.put("open", isOpen(call));
        if (existing != null) {
          model.put("existing", new JsonObject().put("id", existing.id()).put("statusKey", "applicationStatus." + existing.status())
              .put("href", "DRAFT".equals(existing.status()) ? "/applications/" + existing.id() + "/step/1" : "/applications#app-" + existing.id()));
        }
        return views.render(ctx, "call-show", model);
      });
    }).onFailure(ctx::fail);
  }

  private boolean isOpen(CallRules call) {
    LocalDate today = LocalDate.now(clock.withZone(Zones.SEOUL));
    return !today.isBefore(call.opensOn()) && !today.isAfter(call.closesOn());
  }

  private static JsonObject callView(CallRules call) {
    JsonObject c = call.toJson();
    for (String k : List.of("titleEn", "descriptionKo", "descriptionEn")) {
      c.put(k, nz(c.getString(k)));
    }
    c.put("statusKey", "callStatus." + nz(call.status()));
    JsonArray criteria = new JsonArray();
    call.criteria().forEach(cr -> criteria.add(new JsonObject().put("code", cr.code()).put("nameKo", nz(cr.nameKo()))
        .put("nameEn", nz(cr.nameEn())).put("weight", weight(cr.weight()))));
    c.put("reviewCriteria", criteria);
    JsonArray categories = new JsonArray();
    call.categories().forEach(ca -> categories.add(new JsonObject().put("code", ca.code()).put("nameKo", nz(ca.nameKo()))
        .put("nameEn", nz(ca.nameEn()))));
    c.put("budgetCategories", categories);
    return c;
  }

  private static String weight(double w) {
    return w == Math.rint(w) ? String.valueOf((long) w) : String.valueOf(w);
  }

  /** The call's eligibility settings in plain words. */
  private JsonArray ruleViews(CallRules call, String lang) {
    Messages m = views.messages();
    JsonArray out = new JsonArray();
    List<String> statuses = new ArrayList<>();
    call.eligibleStatuses().forEach(s -> statuses.add(m.get(lang, "regionStatus." + s)));
    out.add(m.get(lang, "call.rule.region", String.join(", ", statuses), call.opensOn().toString()));
    if (call.requireSupportHistory()) {
      out.add(m.get(lang, "call.rule.supportHistory"));
    }
    out.add(m.get(lang, "call.rule.localSmes", call.minLocalSmes()));
    out.add(m.get(lang, "call.rule.caps", Views.won(call.nationalCapWon(), lang), Views.won(call.localMinWon(), lang),
        Views.won(call.totalCapWon(), lang)));
    out.add(m.get(lang, "call.rule.categories"));
    out.add(m.get(lang, "call.rule.window", call.opensOn().toString(), call.closesOn().toString()));
    out.add(m.get(lang, "call.rule.oneActive"));
    return out;
  }

  // ---- my applications

  private void listPage(RoutingContext ctx) {
    CurrentUser me = RequestContext.currentUser(ctx);
    String lang = RequestContext.lang(ctx);
    Future<Map<Long, ProgramRepository.CallSummary>> calls = callsById();
    applications.mine(me).compose(list -> {
      List<Future<JsonObject>> details = new ArrayList<>();
      list.forEach(h -> details.add(applications.get(me, h.id())));
      return Future.all(details).compose(all -> calls.compose(byId -> {
        JsonArray items = new JsonArray();
        for (int i = 0; i < list.size(); i++) {
          ApplicationRepository.Header h = list.get(i);
          JsonObject full = all.resultAt(i);
          ProgramRepository.CallSummary call = byId.get(h.callId());
          JsonArray history = new JsonArray();
          full.getJsonArray("history", new JsonArray()).forEach(o -> {
            JsonObject e = (JsonObject) o;
            history.add(new JsonObject().put("statusKey", "applicationStatus." + e.getString("status"))
                .put("at", LocalTimes.dateTime(Instant.parse(e.getString("at")), lang)).put("by", nz(e.getString("by")))
                .put("note", nz(e.getString("note"))));
          });
          boolean draft = "DRAFT".equals(h.status());
          items.add(new JsonObject().put("id", h.id()).put("title", nz(h.title()))
              .put("callTitleKo", call == null ? "" : call.titleKo()).put("callTitleEn", call == null ? "" : nz(call.titleEn()))
              .put("callId", h.callId()).put("statusKey", "applicationStatus." + h.status()).put("draft", draft)
              .put("eligible", full.getJsonObject("eligibility").getBoolean("eligible"))
              .put("href", draft ? "/applications/" + h.id() + "/step/1" : "/applications/" + h.id() + "/done")
              .put("canWithdraw", draft || "SUBMITTED".equals(h.status()))
              .put("decisionReason", nz(full.getString("decisionReason")))
              .put("history", history));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("applications", items);
        model.put("started", "1".equals(ctx.request().getParam("started")));
        model.put("success", ctx.request().getParam("withdrawn") != null
            ? views.messages().get(lang, "application.withdrawn") : "");
        return views.render(ctx, "application-list", model);
      }));
    }).onFailure(ctx::fail);
  }

  private Future<Map<Long, ProgramRepository.CallSummary>> callsById() {
    return programs.listCalls().map(list -> {
      Map<Long, ProgramRepository.CallSummary> out = new HashMap<>();
      list.forEach(c -> out.put(c.id(), c));
      return out;
    });
  }

  private void startForm(RoutingContext ctx) {
    CurrentUser me = RequestContext.currentUser(ctx);
    String raw = nz(ctx.request().formAttributes().get("callId")).trim();
    if (!raw.matches("\\d{1,18}")) {
      ctx.fail(ValidationException.of("callId", "validation.id", "callId must be the number of a call."));
      return;
    }
    long callId = Long.parseLong(raw);
    applications.create(me, callId, RequestContext.ip(ctx))
        .onSuccess(app -> PageErrors.seeOther(ctx, "/applications/" + app.getLong("id") + "/step/1"))
        .onFailure(e -> {
          if (e instanceof ConflictException) {
            // one active application per call: carry on with that one
            applications.mine(me).onSuccess(list -> list.stream()
                    .filter(a -> a.callId() == callId && !"WITHDRAWN".equals(a.status())).findFirst()
                    .ifPresentOrElse(a -> PageErrors.seeOther(ctx, "DRAFT".equals(a.status())
                        ? "/applications/" + a.id() + "/step/1" : "/applications#app-" + a.id()), () -> ctx.fail(e)))
                .onFailure(ctx::fail);
          } else {
            ctx.fail(e);
          }
        });
  }

  // ---- the wizard

  private static int step(RoutingContext ctx) {
    String raw = ctx.pathParam("n");
    if (raw == null || !raw.matches("[1-5]")) {
      throw new NotFoundException("There is no such step.");
    }
    return Integer.parseInt(raw);
  }

  private void stepPage(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    int n = step(ctx);
    CurrentUser me = RequestContext.currentUser(ctx);
    applications.get(me, id).compose(app -> {
      if (!"DRAFT".equals(app.getString("status"))) {
        PageErrors.seeOther(ctx, "/applications/" + id + "/done");
        return Future.succeededFuture();
      }
      String done = "1".equals(ctx.request().getParam("saved")) ? "application.saved"
          : "1".equals(ctx.request().getParam("attached")) ? "attachment.added"
          : "1".equals(ctx.request().getParam("detached")) ? "attachment.deleted" : null;
      JsonObject state = new JsonObject().put("success", done == null ? "" : views.messages().get(RequestContext.lang(ctx), done));
      return renderStep(ctx, 200, app, n, null, state);
    }).onFailure(ctx::fail);
  }

  /**
   * Renders step {@code n}. {@code form} (the posted form, when refused) fills the inputs instead of
   * the saved content; {@code state} may carry {@code errors}, {@code fieldErrors} and {@code success}.
   */
  private Future<Void> renderStep(RoutingContext ctx, int status, JsonObject app, int n, MultiMap form, JsonObject state) {
    String lang = RequestContext.lang(ctx);
    return applications.call(app.getLong("callId")).compose(call -> {
      JsonObject content = app.getJsonObject("content");
      JsonObject fieldErrors = state.getJsonObject("fieldErrors", new JsonObject());
      Map<String, Object> model = new HashMap<>();
      model.put("app", new JsonObject().put("id", app.getLong("id")).put("statusKey", "applicationStatus." + app.getString("status")));
      model.put("call", callView(call));
      model.put("steps", steps(n, app.getLong("id")));
      model.put("n", n);
      model.put("stepKey", "application.step" + n);
      model.put("step" + n, true);
      model.put("prev", n - 1);
      model.put("errors", state.getJsonArray("errors", new JsonArray()));
      model.put("fieldErrors", fieldErrors);
      model.put("success", state.getString("success", ""));
      switch (n) {
        case 1 -> model.put("basics", basicsView(content, form, fieldErrors));
        case 2 -> model.put("members", memberRows(content, form, fieldErrors));
        case 3 -> model.put("budget", budgetRows(call, content, form, fieldErrors));
        case 4 -> model.put("kpis", kpiRows(content, form, fieldErrors));
        default -> model.put("summary", summary(call, content, lang));
      }
      // the eligibility panel (steps that change it, and the confirm step) and the attachments (step 4 and confirm)
      if (n == 2 || n == 3 || n == STEPS) {
        model.put("eligibility", eligibilityView(app, lang));
        model.put("live", n != STEPS);
      }
      if (n < 4) {
        return views.render(ctx, status, "application-step", model);
      }
      model.put("fileError", fieldErrors.getString("file", ""));
      model.put("attachLimit", AttachmentService.COUNT_LIMIT);
      return attachments.list(RequestContext.currentUser(ctx), app.getLong("id")).compose(list -> {
        model.put("attachments", attachmentViews(list, lang));
        model.put("canAttach", list.size() < AttachmentService.COUNT_LIMIT);
        return views.render(ctx, status, "application-step", model);
      });
    });
  }

  private JsonArray attachmentViews(List<AttachmentRepository.Attachment> list, String lang) {
    JsonArray out = new JsonArray();
    for (AttachmentRepository.Attachment a : list) {
      out.add(a.toJson().put("size", size(a.sizeBytes(), lang))
          .put("type", AttachmentFiles.EXTENSIONS.getOrDefault(a.contentType(), "").toUpperCase(java.util.Locale.ROOT))
          .put("uploadedAtText", LocalTimes.dateTime(Instant.parse(a.uploadedAt()), lang)));
    }
    return out;
  }

  /** A file size people read: bytes, KB or MB with one decimal. */
  static String size(long bytes, String lang) {
    if (bytes < 1024) {
      return bytes + ("en".equals(lang) ? " bytes" : "바이트");
    }
    if (bytes < 1024 * 1024) {
      return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
    return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
  }

  private static JsonArray steps(int current, long id) {
    JsonArray out = new JsonArray();
    for (int i = 1; i <= STEPS; i++) {
      out.add(new JsonObject().put("n", i).put("labelKey", "application.step" + i).put("requiredKey", "application.step" + i + ".required")
          .put("current", i == current).put("href", id == 0 ? "" : "/applications/" + id + "/step/" + i));
    }
    return out;
  }

  private static JsonObject basicsView(JsonObject content, MultiMap form, JsonObject fieldErrors) {
    List<String> chosen = new ArrayList<>();
    String title;
    String model;
    String plan;
    if (form != null) {
      chosen.addAll(form.getAll("collaborationTypes"));
      title = nz(form.get("title"));
      model = nz(form.get("modelDescription"));
      plan = nz(form.get("resourcePlan"));
    } else {
      content.getJsonArray("collaborationTypes", new JsonArray()).forEach(t -> chosen.add(String.valueOf(t)));
      title = nz(content.getString("title"));
      model = nz(content.getString("modelDescription"));
      plan = nz(content.getString("resourcePlan"));
    }
    JsonArray types = new JsonArray();
    for (CollaborationType t : CollaborationType.values()) {
      types.add(new JsonObject().put("value", t.name()).put("labelKey", t.labelKey()).put("checked", chosen.contains(t.name())));
    }
    return new JsonObject().put("title", title).put("modelDescription", model).put("resourcePlan", plan).put("types", types)
        .put("titleError", fieldErrors.getString("title", "")).put("typesError", fieldErrors.getString("type-JOINT_BRAND", ""))
        .put("modelDescriptionError", fieldErrors.getString("modelDescription", ""))
        .put("resourcePlanError", fieldErrors.getString("resourcePlan", ""));
  }

  private static JsonArray memberRows(JsonObject content, MultiMap form, JsonObject fieldErrors) {
    JsonArray saved = content.getJsonArray("members", new JsonArray());
    int rows = Math.max(MEMBER_ROWS, saved.size() + 1);
    if (form != null) {
      rows = Math.max(rows, rowCount(form, "m", "name"));
    }
    JsonArray out = new JsonArray();
    for (int i = 0; i < rows; i++) {
      JsonObject row = new JsonObject().put("i", i).put("number", i + 1);
      JsonObject s = i < saved.size() ? saved.getJsonObject(i) : new JsonObject();
      for (String f : MEMBER_FIELDS) {
        row.put(f, form != null ? nz(form.get("m" + i + "-" + f)) : nz(s.getString(f)));
        row.put(f + "Error", fieldErrors.getString("m" + i + "-" + f, ""));
      }
      String kind = row.getString("kind");
      JsonArray kinds = new JsonArray().add(new JsonObject().put("value", "").put("labelKey", "application.member.kindNone")
          .put("selected", kind.isEmpty()));
      MEMBER_KINDS.forEach(k -> kinds.add(new JsonObject().put("value", k).put("labelKey", "orgKind." + k).put("selected", k.equals(kind))));
      row.put("kinds", kinds);
      out.add(row);
    }
    return out;
  }

  private static int rowCount(MultiMap form, String prefix, String field) {
    int n = 0;
    while (n < 100 && form.contains(prefix + n + "-" + field)) {
      n++;
    }
    return n;
  }

  private static JsonObject budgetRows(CallRules call, JsonObject content, MultiMap form, JsonObject fieldErrors) {
    Map<String, Long> saved = new HashMap<>();
    content.getJsonArray("budget", new JsonArray()).forEach(o -> {
      JsonObject b = (JsonObject) o;
      saved.put(b.getString("category") + "-" + b.getString("source"), b.getLong("amountWon"));
    });
    JsonArray rows = new JsonArray();
    for (CallRules.Category c : call.categories()) {
      JsonObject row = new JsonObject().put("code", c.code()).put("nameKo", nz(c.nameKo())).put("nameEn", nz(c.nameEn()));
      for (String s : SOURCES) {
        String key = c.code() + "-" + s;
        Long amount = saved.get(key);
        row.put(s, form != null ? nz(form.get("b-" + key)) : amount == null ? "" : String.valueOf(amount));
        row.put(s + "Error", fieldErrors.getString("b-" + key, ""));
      }
      rows.add(row);
    }
    return new JsonObject().put("rows", rows).put("nationalWon", content.getLong("nationalWon", 0L))
        .put("localWon", content.getLong("localWon", 0L)).put("totalWon", content.getLong("totalWon", 0L));
  }

  private static JsonArray kpiRows(JsonObject content, MultiMap form, JsonObject fieldErrors) {
    JsonArray saved = content.getJsonArray("kpis", new JsonArray());
    int rows = Math.max(KPI_ROWS, saved.size() + 1);
    if (form != null) {
      rows = Math.max(rows, rowCount(form, "k", "name"));
    }
    JsonArray out = new JsonArray();
    for (int i = 0; i < rows; i++) {
      JsonObject row = new JsonObject().put("i", i).put("number", i + 1);
      JsonObject s = i < saved.size() ? saved.getJsonObject(i) : new JsonObject();
      for (String f : KPI_FIELDS) {
        String value;
        if (form != null) {
          value = nz(form.get("k" + i + "-" + f));
        } else if ("target".equals(f)) {
          value = s.getValue("target") instanceof Number num ? number(num.doubleValue()) : "";
        } else {
          value = nz(s.getString(f));
        }
        row.put(f, value);
        row.put(f + "Error", fieldErrors.getString("k" + i + "-" + f, ""));
      }
      out.add(row);
    }
    return out;
  }

  private static String number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
  }

  /** The read-only summary of the confirm step. */
  private static JsonObject summary(CallRules call, JsonObject content, String lang) {
    JsonArray types = new JsonArray();
    content.getJsonArray("collaborationTypes", new JsonArray()).forEach(t -> types.add(new JsonObject().put("labelKey", "collab." + t)));
    JsonArray members = new JsonArray();
    content.getJsonArray("members", new JsonArray()).forEach(o -> {
      JsonObject m = (JsonObject) o;
      members.add(new JsonObject().put("kindKey", "orgKind." + m.getString("kind")).put("name", nz(m.getString("name")))
          .put("businessNumber", nz(m.getString("businessNumber"))).put("regionCode", nz(m.getString("regionCode")))
          .put("lead", m.getBoolean("lead", false)));
    });
    Map<String, CallRules.Category> categories = new HashMap<>();
    call.categories().forEach(c -> categories.put(c.code(), c));
    JsonArray budget = new JsonArray();
    content.getJsonArray("budget", new JsonArray()).forEach(o -> {
      JsonObject b = (JsonObject) o;
      CallRules.Category c = categories.get(b.getString("category"));
      budget.add(new JsonObject().put("nameKo", c == null ? b.getString("category") : nz(c.nameKo()))
          .put("nameEn", c == null ? b.getString("category") : nz(c.nameEn()))
          .put("sourceKey", "application.source." + b.getString("source")).put("amountWon", b.getLong("amountWon")));
    });
    JsonArray kpis = new JsonArray();
    content.getJsonArray("kpis", new JsonArray()).forEach(o -> {
      JsonObject k = (JsonObject) o;
      kpis.add(new JsonObject().put("name", nz(k.getString("name"))).put("unit", nz(k.getString("unit")))
          .put("target", k.getValue("target") instanceof Number num ? number(num.doubleValue()) : ""));
    });
    return new JsonObject().put("title", nz(content.getString("title"))).put("types", types)
        .put("modelDescription", nz(content.getString("modelDescription"))).put("resourcePlan", nz(content.getString("resourcePlan")))
        .put("members", members).put("budget", budget).put("kpis", kpis)
        .put("nationalWon", content.getLong("nationalWon", 0L)).put("localWon", content.getLong("localWon", 0L))
        .put("totalWon", content.getLong("totalWon", 0L));
  }

  private JsonObject eligibilityView(JsonObject app, String lang) {
    JsonObject e = EligibilityText.localize(views.messages(), lang, app.getJsonObject("eligibility", new JsonObject()));
    e.getJsonArray("rules").forEach(o -> {
      JsonObject r = (JsonObject) o;
      r.put("labelKey", "eligibility.rule." + r.getString("rule"));
    });
    return e;
  }

  private void stepForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    int n = step(ctx);
    CurrentUser me = RequestContext.currentUser(ctx);
    MultiMap form = ctx.request().formAttributes();
    String action = nz(form.get("action"));
    String ip = RequestContext.ip(ctx);
    if (n == STEPS) {
      if ("back".equals(action)) {
        PageErrors.seeOther(ctx, "/applications/" + id + "/step/" + (STEPS - 1));
        return;
      }
      applications.submit(me, id, ip)
          .onSuccess(app -> PageErrors.seeOther(ctx, "/applications/" + id + "/done"))
          .onFailure(e -> refuse(ctx, id, n, null, e, null));
      return;
    }
    applications.get(me, id).compose(app -> {
      JsonObject content = app.getJsonObject("content").copy();
      content.remove("nationalWon");
      content.remove("localWon");
      content.remove("totalWon");
      List<Integer> rowsUsed = merge(n, form, content);
      ApplicationDraft draft;
      try {
        draft = ApplicationDraft.fromJson(content);
      } catch (ValidationException v) {
        return Future.failedFuture(new RowsRefused(v, rowsUsed));
      }
      return applications.save(me, id, draft, ip);
    }).onSuccess(saved -> {
      int next = switch (action) {
        case "back" -> Math.max(1, n - 1);
        case "draft" -> n;
        default -> n + 1;
      };
      PageErrors.seeOther(ctx, "/applications/" + id + "/step/" + next + (next == n ? "?saved=1" : ""));
    }).onFailure(e -> {
      if (e instanceof RowsRefused r) {
        refuse(ctx, id, n, form, r.failure, r.rowsUsed);
      } else {
        refuse(ctx, id, n, form, e, List.of());
      }
    });
  }

  /** A refused draft with which form rows made up the draft's lists, so each message stands next to its row. */
  private static final class RowsRefused extends RuntimeException {
    final ValidationException failure;
    final List<Integer> rowsUsed;

    RowsRefused(ValidationException failure, List<Integer> rowsUsed) {
      super(failure.getMessage(), null, false, false);
      this.failure = failure;
      this.rowsUsed = rowsUsed;
    }
  }

  /**
   * Merges one step's form into the whole content. Returns, for list steps, the form row (or budget
   * input index) each list element came from.
   */
  private static List<Integer> merge(int n, MultiMap form, JsonObject content) {
    List<Integer> used = new ArrayList<>();
    switch (n) {
      case 1 -> {
        content.put("title", nz(form.get("title")).trim());
        JsonArray types = new JsonArray();
        form.getAll("collaborationTypes").forEach(types::add);
        content.put("collaborationTypes", types);
        content.put("modelDescription", nz(form.get("modelDescription")).trim());
        content.put("resourcePlan", nz(form.get("resourcePlan")).trim());
      }
      case 2 -> {
        JsonArray saved = content.getJsonArray("members", new JsonArray());
        JsonArray members = new JsonArray();
        int rows = rowCount(form, "m", "name");
        for (int i = 0; i < rows; i++) {
          JsonObject m = new JsonObject();
          boolean empty = true;
          for (String f : MEMBER_FIELDS) {
            String v = nz(form.get("m" + i + "-" + f)).trim();
            empty &= v.isEmpty();
            if (!v.isEmpty()) {
              m.put(f, v);
            }
          }
          if (empty) {
            continue;
          }
          // what this page does not edit stays as it was for the same row
          JsonObject before = i < saved.size() ? saved.getJsonObject(i) : new JsonObject();
          m.put("roleDescription", nz(before.getString("roleDescription")));
          m.put("lead", before.getBoolean("lead", false));
          members.add(m);
          used.add(i);
        }
        content.put("members", members);
      }
      case 3 -> {
        JsonArray budget = new JsonArray();
        List<String> keys = new ArrayList<>();
        form.names().stream().filter(k -> k.startsWith("b-")).sorted().forEach(keys::add);
        for (String key : keys) {
          String raw = nz(form.get(key)).replace(",", "").replace(" ", "").trim();
          if (raw.isEmpty()) {
            continue;
          }
          String[] parts = key.substring(2).split("-(?=(NATIONAL|LOCAL)$)");
          if (parts.length != 2) {
            continue;
          }
          Object amount = raw.matches("-?\\d{1,15}") ? (Object) Long.parseLong(raw) : raw;
          budget.add(new JsonObject().put("category", parts[0]).put("source", parts[1]).put("amountWon", amount));
          used.add(keys.indexOf(key));
        }
        content.put("budget", budget);
      }
      case 4 -> {
        JsonArray kpis = new JsonArray();
        int rows = rowCount(form, "k", "name");
        for (int i = 0; i < rows; i++) {
          String name = nz(form.get("k" + i + "-name")).trim();
          String unit = nz(form.get("k" + i + "-unit")).trim();
          String target = nz(form.get("k" + i + "-target")).replace(",", "").trim();
          if (name.isEmpty() && unit.isEmpty() && target.isEmpty()) {
            continue;
          }
          Object value = target;
          try {
            if (!target.isEmpty()) {
              value = Double.parseDouble(target);
            }
          } catch (NumberFormatException e) {
            value = target;
          }
          JsonObject k = new JsonObject().put("unit", unit).put("target", value);
          if (!name.isEmpty()) {
            k.put("name", name);
          }
          kpis.add(k);
          used.add(i);
        }
        content.put("kpis", kpis);
      }
      default -> {
      }
    }
    return used;
  }

  private void refuse(RoutingContext ctx, long id, int n, MultiMap form, Throwable e, List<Integer> rowsUsed) {
    e = PageErrors.contention(e);
    if (!(e instanceof DomainException d) || e instanceof NotFoundException || e instanceof ForbiddenException) {
      ctx.fail(e);
      return;
    }
    String lang = RequestContext.lang(ctx);
    JsonObject shown = d instanceof ValidationException v && rowsUsed != null
        ? describe(lang, v, n, form, rowsUsed)
        : PageErrors.describe(views.messages(), lang, d, Map.of(), Map.of());
    JsonObject state = new JsonObject().put("errors", shown.getJsonArray("errors")).put("fieldErrors", shown.getJsonObject("fieldErrors"));
    int status = d.status();
    applications.get(RequestContext.currentUser(ctx), id)
        .compose(app -> renderStep(ctx, status, app, n, d instanceof UnprocessableException ? null : form, state))
        .onFailure(ctx::fail);
  }

  /** Each field error of a refused step: in the summary with its label (and row), and next to its input. */
  private JsonObject describe(String lang, ValidationException v, int n, MultiMap form, List<Integer> rowsUsed) {
    Messages m = views.messages();
    List<String> budgetKeys = new ArrayList<>();
    if (n == 3 && form != null) {
      form.names().stream().filter(k -> k.startsWith("b-")).sorted().forEach(budgetKeys::add);
    }
    JsonArray errors = new JsonArray();
    JsonObject byField = new JsonObject();
    for (ValidationException.FieldError fe : v.errors()) {
      String text = m.has(fe.code()) ? m.get(lang, fe.code()) : fe.message();
      String input = "";
      String label = null;
      Matcher x = INDEXED.matcher(fe.field());
      if (x.matches()) {
        int index = Integer.parseInt(x.group(2));
        int row = index < rowsUsed.size() ? rowsUsed.get(index) : index;
        String field = x.group(3) == null ? "" : x.group(3);
        switch (x.group(1)) {
          case "members" -> {
            String f = MEMBER_FIELDS.contains(field) ? field : "name";
            input = "m" + row + "-" + f;
            label = m.get(lang, "application.row", row + 1) + " " + m.get(lang, "application.member." + f);
          }
          case "kpis" -> {
            String f = KPI_FIELDS.contains(field) ? field : "name";
            input = "k" + row + "-" + f;
            label = m.get(lang, "application.row", row + 1) + " " + m.get(lang, "application.kpi." + f);
          }
          default -> {
            String key = row < budgetKeys.size() ? budgetKeys.get(row) : "";
            input = key;
            label = m.get(lang, "application.budget.amount");
          }
        }
      } else {
        switch (fe.field()) {
          case "title" -> input = "title";
          case "modelDescription" -> input = "modelDescription";
          case "resourcePlan" -> input = "resourcePlan";
          case "collaborationTypes" -> input = "type-JOINT_BRAND";
          default -> input = "";
        }
        if (!input.isEmpty()) {
          label = m.get(lang, "application.field." + fe.field());
        }
      }
      errors.add(new JsonObject().put("field", input).put("message", label == null ? text : label + ": " + text));
      if (!input.isEmpty() && !byField.containsKey(input)) {
        byField.put(input, text);
      }
    }
    return new JsonObject().put("errors", errors).put("fieldErrors", byField);
  }

  // ---- attachments (multipart, step 4), live eligibility, withdraw

  private void attachForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    CurrentUser me = RequestContext.currentUser(ctx);
    var upload = ctx.fileUploads().stream().filter(f -> "file".equals(f.name())).findFirst().orElse(null);
    Future<AttachmentRepository.Attachment> added = upload == null || upload.size() == 0
        ? Future.failedFuture(ValidationException.of("file", "validation.attachmentMissing", "Choose a file to attach."))
        : upload.size() > AttachmentService.SIZE_LIMIT
            ? Future.failedFuture(ValidationException.of("file", "validation.attachmentSize", "An attachment may be at most 10 MiB."))
            : ctx.vertx().fileSystem().readFile(upload.uploadedFileName())
                .compose(bytes -> attachments.add(me, id, upload.fileName(), bytes, RequestContext.ip(ctx)));
    added.onSuccess(a -> PageErrors.seeOther(ctx, "/applications/" + id + "/step/4?attached=1#attachments"))
        .onFailure(e -> refuseAttachment(ctx, id, e));
  }

  private void detachForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    attachments.delete(RequestContext.currentUser(ctx), id, Params.pathId(ctx, "aid"), RequestContext.ip(ctx))
        .onSuccess(v -> PageErrors.seeOther(ctx, "/applications/" + id + "/step/4?detached=1#attachments"))
        .onFailure(e -> refuseAttachment(ctx, id, e));
  }

  /** A refused upload shows step 4 again with the reason next to the file input; a frozen application says its state. */
  private void refuseAttachment(RoutingContext ctx, long id, Throwable e) {
    e = PageErrors.contention(e);
    if (e instanceof ConflictException c && c.extensions().getValue("state") instanceof String state) {
      stateConflict(ctx, "conflict.attachmentsFrozen.named", state);
      return;
    }
    if (!(e instanceof ValidationException v)) {
      ctx.fail(e);
      return;
    }
    String lang = RequestContext.lang(ctx);
    JsonObject shown = PageErrors.describe(views.messages(), lang, v, Map.of("file", "attachment.file"), Map.of());
    JsonObject state = new JsonObject().put("errors", shown.getJsonArray("errors")).put("fieldErrors", shown.getJsonObject("fieldErrors"));
    applications.get(RequestContext.currentUser(ctx), id).compose(app -> renderStep(ctx, 400, app, 4, null, state)).onFailure(ctx::fail);
  }

  /** 409 page naming the application's state in words. */
  private void stateConflict(RoutingContext ctx, String key, String state) {
    String lang = RequestContext.lang(ctx);
    Messages m = views.messages();
    views.render(ctx, 409, "error", Map.of("status", 409, "message", m.get(lang, key, m.get(lang, "applicationStatus." + state)),
        "fieldErrors", new JsonArray())).onFailure(ctx::fail);
  }

  /**
   * The wizard's eligibility feedback as one types: merges the step's form into the saved content and
   * checks it without saving anything (saving stays the user's explicit act, with its history and
   * audit). Answers JSON with the rules in the page's language and the rotated CSRF token.
   */
  private void liveCheck(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    CurrentUser me = RequestContext.currentUser(ctx);
    MultiMap form = ctx.request().formAttributes();
    String rawStep = nz(form.get("step"));
    int n = rawStep.matches("[1-4]") ? Integer.parseInt(rawStep) : 0;
    String lang = RequestContext.lang(ctx);
    applications.get(me, id).compose(app -> {
      boolean incomplete = false;
      ApplicationDraft draft = null;
      if (n > 0) {
        JsonObject content = app.getJsonObject("content").copy();
        content.remove("nationalWon");
        content.remove("localWon");
        content.remove("totalWon");
        merge(n, form, content);
        try {
          draft = ApplicationDraft.fromJson(content);
        } catch (ValidationException v) {
          incomplete = true;
        }
      }
      boolean partial = incomplete;
      return applications.checkDraft(me, id, draft).map(e -> {
        JsonObject out = EligibilityText.localize(views.messages(), lang, e);
        Messages m = views.messages();
        out.put("incomplete", partial).put("note", partial ? m.get(lang, "eligibility.live.incomplete") : "")
            .put("summary", m.get(lang, out.getBoolean("eligible") ? "application.eligibleYes" : "application.eligibleNo"))
            .put("passText", m.get(lang, "application.pass")).put("failText", m.get(lang, "application.fail"))
            .put("csrf", (String) ctx.get(Views.CSRF_FIELD));
        return out;
      });
    }).onSuccess(out -> ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
        .end(out.encode())).onFailure(ctx::fail);
  }

  private void withdrawPage(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    CurrentUser me = RequestContext.currentUser(ctx);
    applications.get(me, id).compose(app -> {
      String status = app.getString("status");
      if (!"DRAFT".equals(status) && !"SUBMITTED".equals(status)) {
        stateConflict(ctx, "conflict.withdraw.named", status);
        return Future.succeededFuture();
      }
      Map<String, Object> model = new HashMap<>();
      model.put("app", new JsonObject().put("id", id).put("title", nz(app.getString("title")))
          .put("statusKey", "applicationStatus." + status).put("draft", "DRAFT".equals(status))
          .put("back", "DRAFT".equals(status) ? "/applications/" + id + "/step/1" : "/applications/" + id + "/done"));
      return views.render(ctx, "application-withdraw", model);
    }).onFailure(ctx::fail);
  }

  private void withdrawForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    applications.withdraw(RequestContext.currentUser(ctx), id, RequestContext.ip(ctx))
        .onSuccess(app -> PageErrors.seeOther(ctx, "/applications?withdrawn=" + id + "#app-" + id))
        .onFailure(e -> {
          e = PageErrors.contention(e);
          if (e instanceof ConflictException c && c.extensions().getValue("state") instanceof String state) {
            stateConflict(ctx, "conflict.withdraw.named", state);
          } else {
            ctx.fail(e);
          }
        });
  }

  // ---- completion

  private void donePage(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    CurrentUser me = RequestContext.currentUser(ctx);
    String lang = RequestContext.lang(ctx);
    applications.get(me, id).compose(app -> {
      if ("DRAFT".equals(app.getString("status"))) {
        PageErrors.seeOther(ctx, "/applications/" + id + "/step/1");
        return Future.succeededFuture();
      }
      return applications.call(app.getLong("callId")).compose(call -> {
        String submitted = app.getString("submittedAt");
        Map<String, Object> model = new HashMap<>();
        model.put("app", new JsonObject().put("id", id).put("title", nz(app.getString("title")))
            .put("statusKey", "applicationStatus." + app.getString("status"))
            .put("submittedAt", submitted == null ? "" : LocalTimes.dateTime(Instant.parse(submitted), lang)));
        model.put("call", callView(call));
        // the decision's reason, the attachments and withdrawing
        String status = app.getString("status");
        model.put("decisionReason", nz(app.getString("decisionReason")));
        model.put("canWithdraw", "SUBMITTED".equals(status));
        return attachments.list(me, id).compose(list -> {
          model.put("attachments", attachmentViews(list, lang));
          return views.render(ctx, "application-done", model);
        });
      });
    }).onFailure(ctx::fail);
  }

  // ---- reviewer: scoring form

  private void scorePage(RoutingContext ctx) {
    long id = Params.pathId(ctx, "applicationId");
    String lang = RequestContext.lang(ctx);
    JsonObject state = new JsonObject().put("success", "1".equals(ctx.request().getParam("saved"))
        ? views.messages().get(lang, "review.saved") : "");
    renderScore(ctx, 200, id, null, state).onFailure(ctx::fail);
  }

  private Future<Void> renderScore(RoutingContext ctx, int status, long id, MultiMap form, JsonObject state) {
    CurrentUser me = RequestContext.currentUser(ctx);
    return reviews.myAssignments(me).compose(list -> {
      JsonObject assignment = list.stream().filter(a -> a.getLong("applicationId") == id).findFirst().orElse(null);
      if (assignment == null) {
        return Future.failedFuture(new NotFoundException("Application " + id + " is not assigned to you."));
      }
      return applications.call(assignment.getLong("callId")).compose(call -> reviews.scores(me, id).compose(scores -> {
        JsonObject fieldErrors = state.getJsonObject("fieldErrors", new JsonObject());
        Map<String, JsonObject> mine = new HashMap<>();
        scores.stream().filter(s -> s.getLong("reviewerId") == me.userId()).forEach(s -> mine.put(s.getString("criterion"), s));
        JsonArray criteria = new JsonArray();
        for (CallRules.Criterion c : call.criteria()) {
          JsonObject saved = mine.get(c.code());
          String score = form != null ? nz(form.get("s-" + c.code()))
              : saved == null ? "" : number(saved.getDouble("score"));
          String comment = form != null ? nz(form.get("c-" + c.code())) : saved == null ? "" : nz(saved.getString("comment"));
          criteria.add(new JsonObject().put("code", c.code()).put("nameKo", nz(c.nameKo())).put("nameEn", nz(c.nameEn()))
              .put("weight", weight(c.weight())).put("score", score).put("comment", comment)
              .put("scoreError", fieldErrors.getString("s-" + c.code(), ""))
              .put("commentError", fieldErrors.getString("c-" + c.code(), "")));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("assignment", new JsonObject().put("id", id).put("title", nz(assignment.getString("title")))
            .put("applicant", nz(assignment.getString("applicant"))).put("callTitle", nz(assignment.getString("callTitle")))
            .put("statusKey", "applicationStatus." + assignment.getString("status")));
        model.put("criteria", criteria);
        model.put("errors", state.getJsonArray("errors", new JsonArray()));
        model.put("success", state.getString("success", ""));
        // the assigned reviewer reads the application's attachments
        model.put("attachLimit", AttachmentService.COUNT_LIMIT);
        return attachments.list(me, id).compose(files -> {
          model.put("attachments", attachmentViews(files, RequestContext.lang(ctx)));
          return views.render(ctx, status, "review-score", model);
        });
      }));
    });
  }

  private void scoreForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "applicationId");
    CurrentUser me = RequestContext.currentUser(ctx);
    MultiMap form = ctx.request().formAttributes();
    List<String> codes = new ArrayList<>();
    JsonArray input = new JsonArray();
    form.names().stream().filter(k -> k.startsWith("s-")).sorted().forEach(k -> {
      String code = k.substring(2);
      String raw = nz(form.get(k)).trim();
      String comment = nz(form.get("c-" + code)).trim();
      if (raw.isEmpty() && comment.isEmpty()) {
        return;
      }
      Object score = raw;
      try {
        score = Double.parseDouble(raw);
      } catch (NumberFormatException e) {
        score = raw;
      }
      input.add(new JsonObject().put("criterion", code).put("score", score).put("comment", comment));
      codes.add(code);
    });
    reviews.score(me, id, input, RequestContext.ip(ctx))
        .onSuccess(saved -> PageErrors.seeOther(ctx, "/review/" + id + "?saved=1"))
        .onFailure(e -> {
          e = PageErrors.contention(e);
          if (!(e instanceof DomainException d) || e instanceof NotFoundException || e instanceof ForbiddenException) {
            ctx.fail(e);
            return;
          }
          String lang = RequestContext.lang(ctx);
          Messages m = views.messages();
          JsonObject state;
          if (d instanceof ValidationException v) {
            JsonArray errors = new JsonArray();
            JsonObject byField = new JsonObject();
            Pattern p = Pattern.compile("^scores\\[(\\d+)\\]\\.(score|comment|criterion)$");
            for (ValidationException.FieldError fe : v.errors()) {
              String text = m.has(fe.code()) ? m.get(lang, fe.code()) : fe.message();
              Matcher x = p.matcher(fe.field());
              String input1 = "";
              if (x.matches() && Integer.parseInt(x.group(1)) < codes.size()) {
                String code = codes.get(Integer.parseInt(x.group(1)));
                input1 = ("comment".equals(x.group(2)) ? "c-" : "s-") + code;
              }
              errors.add(new JsonObject().put("field", input1).put("message", text));
              if (!input1.isEmpty() && !byField.containsKey(input1)) {
                byField.put(input1, text);
              }
            }
            state = new JsonObject().put("errors", errors).put("fieldErrors", byField);
          } else {
            JsonObject shown = PageErrors.describe(m, lang, d, Map.of(), Map.of());
            state = new JsonObject().put("errors", shown.getJsonArray("errors")).put("fieldErrors", shown.getJsonObject("fieldErrors"));
          }
          renderScore(ctx, d.status(), id, form, state).onFailure(ctx::fail);
        });
  }

  // ---- ministry: ranking and selection

  private void rankingPage(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    JsonObject state = new JsonObject().put("success", "1".equals(ctx.request().getParam("selected"))
        ? views.messages().get(RequestContext.lang(ctx), "ranking.selectedDone") : "");
    renderRanking(ctx, 200, id, List.of(), null, state).onFailure(ctx::fail);
  }

  /** Whether the ministry's decision will mark this application NOT_SELECTED unless chosen, so it needs a reason. */
  private static boolean decided(ApplicationRepository.Header a, CallRules call) {
    return ("UNDER_REVIEW".equals(a.status()) || "SUBMITTED".equals(a.status())) && !"SELECTED".equals(call.status());
  }

  /** {@code form}: the refused form, whose reasons fill the text areas instead of the defaults. */
  private Future<Void> renderRanking(RoutingContext ctx, int status, long callId, List<Long> chosen, MultiMap form, JsonObject state) {
    CurrentUser me = RequestContext.currentUser(ctx);
    String lang = RequestContext.lang(ctx);
    Messages m = views.messages();
    JsonObject fieldErrors = state.getJsonObject("fieldErrors", new JsonObject());
    return applications.call(callId).compose(call -> reviews.ranking(me, callId).compose(ranking -> {
      JsonArray rows = new JsonArray();
      boolean any = false;
      for (Ranking.Entry e : ranking) {
        ApplicationRepository.Header a = e.application();
        boolean selectable = "UNDER_REVIEW".equals(a.status()) && !"SELECTED".equals(call.status());
        any |= selectable;
        boolean needsReason = decided(a, call);
        String reason = form != null ? nz(form.get("reason-" + a.id())) : defaultReason(m, lang, e);
        rows.add(new JsonObject().put("id", a.id()).put("title", nz(a.title())).put("applicant", nz(a.applicantName()))
            .put("rank", e.rank() == 0 ? "" : String.valueOf(e.rank()))
            .put("score", e.score() == null ? "" : String.format(java.util.Locale.ROOT, "%.2f", e.score()))
            .put("reviews", e.completeReviews()).put("tieNote", nz(e.tieNote()))
            .put("statusKey", "applicationStatus." + a.status()).put("selectable", selectable)
            .put("checked", chosen.contains(a.id())).put("needsReason", needsReason).put("reason", reason)
            .put("reasonError", fieldErrors.getString("reason-" + a.id(), "")));
      }
      Map<String, Object> model = new HashMap<>();
      model.put("call", callView(call));
      model.put("rows", rows);
      model.put("canSelect", any);
      model.put("errors", state.getJsonArray("errors", new JsonArray()));
      model.put("success", state.getString("success", ""));
      return views.render(ctx, status, "ministry-ranking", model);
    }));
  }

  /** The prefill of a not-selected application's reason: its rank, or that its review was not completed. */
  private static String defaultReason(Messages m, String lang, Ranking.Entry e) {
    return e.rank() > 0 ? m.get(lang, "ranking.defaultReason", String.valueOf(e.rank())) : m.get(lang, "ranking.defaultReasonUnreviewed");
  }

  private void selectionForm(RoutingContext ctx) {
    long callId = Params.pathId(ctx, "id");
    CurrentUser me = RequestContext.currentUser(ctx);
    MultiMap form = ctx.request().formAttributes();
    List<Long> chosen = new ArrayList<>();
    for (String raw : form.getAll("applicationIds")) {
      if (raw != null && raw.trim().matches("\\d{1,18}") && !chosen.contains(Long.parseLong(raw.trim()))) {
        chosen.add(Long.parseLong(raw.trim()));
      }
    }
    String lang = RequestContext.lang(ctx);
    Messages m = views.messages();
    // every application the decision marks NOT_SELECTED needs its own reason, which its applicant will read
    applications.call(callId).compose(call -> reviews.ranking(me, callId).compose(ranking -> {
      Map<Long, String> reasons = new HashMap<>();
      List<ValidationException.FieldError> missing = new ArrayList<>();
      for (Ranking.Entry e : ranking) {
        ApplicationRepository.Header a = e.application();
        if (!decided(a, call) || chosen.contains(a.id())) {
          continue;
        }
        String reason = nz(form.get("reason-" + a.id())).strip();
        if (reason.isEmpty()) {
          missing.add(new ValidationException.FieldError("reason-" + a.id(), "validation.reasonRequired",
              "Write the reason application " + a.id() + " is not selected."));
        } else if (reason.length() > ReviewService.REASON_LIMIT) {
          missing.add(new ValidationException.FieldError("reason-" + a.id(), "validation.reasonTooLong",
              "The reason for application " + a.id() + " may be at most " + ReviewService.REASON_LIMIT + " characters."));
        } else {
          reasons.put(a.id(), reason);
        }
      }
      if (!missing.isEmpty()) {
        return Future.failedFuture(new ValidationException(missing));
      }
      return reviews.select(me, callId, chosen, reasons, RequestContext.ip(ctx));
    })).onSuccess(result -> PageErrors.seeOther(ctx, "/ministry/calls/" + callId + "/ranking?selected=1"))
        .onFailure(e -> {
          e = PageErrors.contention(e);
          if (!(e instanceof DomainException d) || e instanceof NotFoundException || e instanceof ForbiddenException) {
            ctx.fail(e);
            return;
          }
          JsonObject shown = new JsonObject().put("errors", new JsonArray()).put("fieldErrors", new JsonObject());
          if (d instanceof ValidationException v) {
            for (ValidationException.FieldError fe : v.errors()) {
              String text = m.has(fe.code()) ? m.get(lang, fe.code()) : fe.message();
              String input = fe.field().startsWith("reason-") ? fe.field() : "";
              shown.getJsonArray("errors").add(new JsonObject().put("field", input).put("message", text));
              if (!input.isEmpty()) {
                shown.getJsonObject("fieldErrors").put(input, text);
              }
            }
          } else {
            shown = PageErrors.describe(m, lang, d, Map.of(), Map.of());
          }
          renderRanking(ctx, d.status(), callId, chosen, form, shown).onFailure(ctx::fail);
        });
  }

  static String nz(String s) {
    return s == null ? "" : s;
  }
}
