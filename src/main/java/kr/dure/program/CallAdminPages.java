package kr.dure.program;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.dure.auth.Role;
import kr.dure.common.ConflictException;
import kr.dure.common.DomainException;
import kr.dure.common.ForbiddenException;
import kr.dure.common.NotFoundException;
import kr.dure.common.ValidationException;
import kr.dure.web.Access;
import kr.dure.web.Authentication;
import kr.dure.web.Messages;
import kr.dure.web.PageErrors;
import kr.dure.web.Params;
import kr.dure.web.RequestContext;
import kr.dure.web.Views;

/**
 * The ministry's call management (공고 관리): the list of calls with their status, and one form to
 * create or edit a call — window, number to select, caps, eligibility settings, budget categories and
 * review criteria with weights adding up to 100 — refused by the field like the application wizard.
 */
public final class CallAdminPages {

  static final int CATEGORY_ROWS = 10;
  static final int CRITERION_ROWS = 8;
  private static final List<String> SCALARS = List.of("titleKo", "titleEn", "descriptionKo", "descriptionEn", "opensOn", "closesOn",
      "projectsToSelect", "nationalCapWon", "localMinWon", "totalCapWon", "minLocalSmes");
  private static final List<String> NUMBERS = List.of("projectsToSelect", "nationalCapWon", "localMinWon", "totalCapWon", "minLocalSmes");
  private static final Pattern INDEXED = Pattern.compile("^(budgetCategories|reviewCriteria)\\[(\\d+)\\](?:\\.(\\w+))?$");

  private final Authentication authentication;
  private final Views views;
  private final ApplicationService applications;
  private final ProgramService programs;

  public CallAdminPages(Authentication authentication, Views views, ApplicationService applications, ProgramService programs) {
    this.authentication = authentication;
    this.views = views;
    this.applications = applications;
    this.programs = programs;
  }

  public void mountPages(Router router) {
    Handler<RoutingContext> page = authentication.page();
    Handler<RoutingContext> ministry = Access.roles(Role.MINISTRY);
    router.get("/ministry/calls").handler(page).handler(ministry).handler(this::listPage);
    router.get("/ministry/calls/new").handler(page).handler(ministry).handler(ctx ->
        render(ctx, 200, 0, null, null, new JsonObject()).onFailure(ctx::fail));
    router.post("/ministry/calls/new").handler(page).handler(ministry).handler(this::createForm);
    router.get("/ministry/calls/:id/edit").handler(page).handler(ministry).handler(ctx -> {
      long id = Params.pathId(ctx, "id");
      String lang = RequestContext.lang(ctx);
      JsonObject state = new JsonObject().put("success", ctx.request().getParam("saved") != null
          ? views.messages().get(lang, "callAdmin.saved") : "");
      applications.call(id).compose(call -> render(ctx, 200, id, call.toJson(), null, state)).onFailure(ctx::fail);
    });
    router.post("/ministry/calls/:id/edit").handler(page).handler(ministry).handler(this::editForm);
  }

  private void listPage(RoutingContext ctx) {
    programs.listCalls().compose(list -> {
      JsonArray calls = new JsonArray();
      list.forEach(c -> calls.add(c.toJson().put("titleEn", c.titleEn() == null ? "" : c.titleEn())));
      Map<String, Object> model = new HashMap<>();
      model.put("calls", calls);
      return views.render(ctx, "ministry-calls", model);
    }).onFailure(ctx::fail);
  }

  private void createForm(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    Rows rows = new Rows();
    JsonObject json = toJson(form, rows, true);
    Future.<CallRules>future(p -> p.complete(null))
        .compose(x -> applications.createCall(RequestContext.currentUser(ctx), CallInput.fromJson(json), RequestContext.ip(ctx)))
        .onSuccess(call -> PageErrors.seeOther(ctx, "/ministry/calls/" + call.id() + "/edit?saved=1"))
        .onFailure(e -> refuse(ctx, 0, form, rows, e));
  }

  private void editForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    MultiMap form = ctx.request().formAttributes();
    Rows rows = new Rows();
    JsonObject json = toJson(form, rows, false);
    Future.<CallRules>future(p -> p.complete(null))
        .compose(x -> applications.updateCall(RequestContext.currentUser(ctx), id, CallInput.fromJson(json, true), RequestContext.ip(ctx)))
        .onSuccess(call -> PageErrors.seeOther(ctx, "/ministry/calls/" + id + "/edit?saved=1"))
        .onFailure(e -> refuse(ctx, id, form, rows, e));
  }

  /** Which form row each list element came from, so a message stands next to its row. */
  private static final class Rows {
    final List<Integer> categories = new ArrayList<>();
    final List<Integer> criteria = new ArrayList<>();
  }

  /** The form as the JSON the API takes: empty rows skipped, amounts with their commas removed. */
  private static JsonObject toJson(MultiMap form, Rows rows, boolean create) {
    JsonObject json = new JsonObject();
    for (String f : SCALARS) {
      String v = nz(form.get(f)).strip();
      if (NUMBERS.contains(f)) {
        String digits = v.replace(",", "").replace(" ", "");
        json.put(f, digits.matches("-?\\d{1,15}") ? (Object) Long.parseLong(digits) : v);
      } else {
        json.put(f, v);
      }
    }
    if (create) {
      String program = nz(form.get("programId")).strip();
      json.put("programId", program.matches("\\d{1,18}") ? (Object) Long.parseLong(program) : program);
    }
    json.put("requireSupportHistory", form.contains("requireSupportHistory"));
    json.put("eligibleStatuses", new JsonArray(new ArrayList<>(form.getAll("eligibleStatuses"))));
    JsonArray categories = new JsonArray();
    for (int i = 0; i < 100 && form.contains("cat" + i + "-code"); i++) {
      String code = nz(form.get("cat" + i + "-code")).strip().toUpperCase(java.util.Locale.ROOT);
      String ko = nz(form.get("cat" + i + "-nameKo")).strip();
      String en = nz(form.get("cat" + i + "-nameEn")).strip();
      if (code.isEmpty() && ko.isEmpty() && en.isEmpty()) {
        continue;
      }
      categories.add(new JsonObject().put("code", code).put("nameKo", ko).put("nameEn", en));
      rows.categories.add(i);
    }
    json.put("budgetCategories", categories);
    JsonArray criteria = new JsonArray();
    for (int i = 0; i < 100 && form.contains("cr" + i + "-code"); i++) {
      String code = nz(form.get("cr" + i + "-code")).strip().toUpperCase(java.util.Locale.ROOT);
      String ko = nz(form.get("cr" + i + "-nameKo")).strip();
      String en = nz(form.get("cr" + i + "-nameEn")).strip();
      String weight = nz(form.get("cr" + i + "-weight")).strip();
      if (code.isEmpty() && ko.isEmpty() && en.isEmpty() && weight.isEmpty()) {
        continue;
      }
      Object w = weight;
      try {
        w = Double.parseDouble(weight);
      } catch (NumberFormatException e) {
        w = weight;
      }
      criteria.add(new JsonObject().put("code", code).put("nameKo", ko).put("nameEn", en).put("weight", w));
      rows.criteria.add(i);
    }
    json.put("reviewCriteria", criteria);
    return json;
  }

  private void refuse(RoutingContext ctx, long id, MultiMap form, Rows rows, Throwable e) {
    e = PageErrors.contention(e);
    if (!(e instanceof DomainException d) || e instanceof NotFoundException || e instanceof ForbiddenException) {
      ctx.fail(e);
      return;
    }
    String lang = RequestContext.lang(ctx);
    Messages m = views.messages();
    JsonArray errors = new JsonArray();
    JsonObject byField = new JsonObject();
    if (d instanceof ValidationException v) {
      for (ValidationException.FieldError fe : v.errors()) {
        String text = m.has(fe.code()) ? m.get(lang, fe.code()) : fe.message();
        String input;
        String label;
        Matcher x = INDEXED.matcher(fe.field());
        if (x.matches()) {
          boolean cat = "budgetCategories".equals(x.group(1));
          int index = Integer.parseInt(x.group(2));
          List<Integer> used = cat ? rows.categories : rows.criteria;
          int row = index < used.size() ? used.get(index) : index;
          String field = x.group(3) == null ? "code" : x.group(3);
          input = (cat ? "cat" : "cr") + row + "-" + field;
          label = m.get(lang, cat ? "callAdmin.categoryRow" : "callAdmin.criterionRow", row + 1);
        } else {
          switch (fe.field()) {
            case "budgetCategories" -> input = "cat0-code";
            case "reviewCriteria" -> input = "cr0-weight";
            case "eligibleStatuses" -> input = "status-DECLINING";
            case "programId" -> input = "programId";
            default -> input = SCALARS.contains(fe.field()) ? fe.field() : "";
          }
          label = input.isEmpty() ? null : m.get(lang, "callAdmin.field." + fe.field());
        }
        errors.add(new JsonObject().put("field", input).put("message", label == null ? text : label + ": " + text));
        if (!input.isEmpty() && !byField.containsKey(input)) {
          byField.put(input, text);
        }
      }
    } else if (d instanceof ConflictException c && "conflict.callLocked".equals(c.messageKey())) {
      List<String> names = new ArrayList<>();
      c.extensions().getJsonArray("fields", new JsonArray()).forEach(f -> names.add(m.get(lang, "callAdmin.field." + f)));
      errors.add(new JsonObject().put("field", "").put("message", m.get(lang, "conflict.callLocked.named",
          String.valueOf(c.extensions().getLong("submitted", 0L)), m.get(lang, "callStatus." + c.extensions().getString("state", "")),
          String.join(", ", names))));
    } else {
      errors.add(new JsonObject().put("field", "").put("message", PageErrors.message(m, lang, d)));
    }
    JsonObject state = new JsonObject().put("errors", errors).put("fieldErrors", byField);
    Future<JsonObject> saved = id == 0 ? Future.succeededFuture(null) : applications.call(id).map(CallRules::toJson);
    saved.compose(call -> render(ctx, d.status(), id, call, form, state)).onFailure(ctx::fail);
  }

  /** The form: from the saved call, else from the refused form; a new call starts from the usual categories and criteria. */
  private Future<Void> render(RoutingContext ctx, int status, long id, JsonObject saved, MultiMap form, JsonObject state) {
    JsonObject fieldErrors = state.getJsonObject("fieldErrors", new JsonObject());
    return programs.listPrograms().compose(programList -> {
      JsonObject values = new JsonObject();
      for (String f : SCALARS) {
        Object v = form != null ? form.get(f) : saved == null ? null : saved.getValue(f);
        values.put(f, v == null ? "" : String.valueOf(v));
        values.put(f + "Error", fieldErrors.getString(f, ""));
      }
      if (form == null && saved == null) {
        values.put("projectsToSelect", "3").put("nationalCapWon", "300000000").put("localMinWon", "130000000")
            .put("totalCapWon", "430000000").put("minLocalSmes", "3");
      }
      boolean history = form != null ? form.contains("requireSupportHistory")
          : saved == null || saved.getBoolean("requireSupportHistory", true);
      List<String> statuses = form != null ? form.getAll("eligibleStatuses")
          : saved == null ? List.of("DECLINING", "WATCH") : saved.getJsonArray("eligibleStatuses").stream().map(String::valueOf).toList();
      values.put("requireSupportHistory", history);
      JsonArray statusOptions = new JsonArray();
      for (String s : List.of("DECLINING", "WATCH")) {
        statusOptions.add(new JsonObject().put("value", s).put("labelKey", "regionStatus." + s).put("checked", statuses.contains(s)));
      }
      values.put("statuses", statusOptions).put("statusesError", fieldErrors.getString("status-DECLINING", ""));
      String chosenProgram = form != null ? nz(form.get("programId")) : "";
      JsonArray programOptions = new JsonArray();
      for (JsonObject p : programList) {
        programOptions.add(p.copy().put("selected", String.valueOf(p.getLong("id")).equals(chosenProgram)));
      }
      values.put("programs", programOptions).put("programIdError", fieldErrors.getString("programId", ""));
      JsonArray savedCats = saved == null ? defaultCategories() : saved.getJsonArray("budgetCategories", new JsonArray());
      JsonArray savedCrit = saved == null ? defaultCriteria() : saved.getJsonArray("reviewCriteria", new JsonArray());
      values.put("categories", rowsOf(form, "cat", List.of("code", "nameKo", "nameEn"), savedCats,
          Math.max(CATEGORY_ROWS, savedCats.size() + 2), fieldErrors));
      values.put("criteria", rowsOf(form, "cr", List.of("code", "nameKo", "nameEn", "weight"), savedCrit,
          Math.max(CRITERION_ROWS, savedCrit.size() + 2), fieldErrors));
      Map<String, Object> model = new HashMap<>();
      model.put("values", values);
      model.put("isNew", id == 0);
      model.put("callId", id);
      model.put("action", id == 0 ? "/ministry/calls/new" : "/ministry/calls/" + id + "/edit");
      model.put("callStatusKey", saved == null ? "" : "callStatus." + saved.getString("status"));
      model.put("errors", state.getJsonArray("errors", new JsonArray()));
      model.put("success", state.getString("success", ""));
      return views.render(ctx, status, "ministry-call-form", model);
    });
  }

  private static JsonArray rowsOf(MultiMap form, String prefix, List<String> fields, JsonArray saved, int count, JsonObject fieldErrors) {
    JsonArray out = new JsonArray();
    for (int i = 0; i < count; i++) {
      JsonObject row = new JsonObject().put("i", i).put("number", i + 1);
      JsonObject s = i < saved.size() ? saved.getJsonObject(i) : new JsonObject();
      for (String f : fields) {
        Object v = form != null ? form.get(prefix + i + "-" + f) : s.getValue(f);
        if (v instanceof Double d && d == Math.rint(d)) {
          v = d.longValue();
        }
        row.put(f, v == null ? "" : String.valueOf(v));
        row.put(f + "Error", fieldErrors.getString(prefix + i + "-" + f, ""));
      }
      out.add(row);
    }
    return out;
  }

  private static JsonArray defaultCategories() {
    JsonArray a = new JsonArray();
    String[][] rows = {{"PERSONNEL", "인건비", "Personnel"}, {"MATERIALS", "재료비", "Materials"},
        {"EQUIPMENT_FACILITIES", "장비·시설비", "Equipment and facilities"}, {"OUTSOURCING", "위탁용역비", "Outsourced services"},
        {"PROMOTION", "홍보·마케팅비", "Promotion and marketing"}, {"OPERATIONS", "운영비", "Operations"}};
    for (String[] r : rows) {
      a.add(new JsonObject().put("code", r[0]).put("nameKo", r[1]).put("nameEn", r[2]));
    }
    return a;
  }

  private static JsonArray defaultCriteria() {
    JsonArray a = new JsonArray();
    Object[][] rows = {{"MODEL", "협업모델의 적정성", "Soundness of the collaboration model", 30},
        {"CIRCULATION", "지역 내 경제 선순환 효과", "Local economic circulation", 25},
        {"FEASIBILITY", "추진체계 및 실현가능성", "Organisation and feasibility", 20},
        {"BRANDING", "디자인·브랜딩 연계", "Design and branding", 15}, {"OUTCOMES", "성과지표의 타당성", "Soundness of the KPIs", 10}};
    for (Object[] r : rows) {
      a.add(new JsonObject().put("code", r[0]).put("nameKo", r[1]).put("nameEn", r[2]).put("weight", r[3]));
    }
    return a;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
