package kr.dure.program;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.dure.auth.Role;
import kr.dure.common.ConflictException;
import kr.dure.common.DomainException;
import kr.dure.common.NotFoundException;
import kr.dure.common.ValidationException;
import kr.dure.common.Validator;
import kr.dure.common.Zones;
import kr.dure.resource.HolidayService;
import kr.dure.web.Access;
import kr.dure.web.Authentication;
import kr.dure.web.Messages;
import kr.dure.web.PageErrors;
import kr.dure.web.Params;
import kr.dure.web.RequestContext;
import kr.dure.web.Views;

/**
 * The ministry's reference data (기준 정보, h17): the designated regions by date with each region's versions, a form for a new
 * designation version, the 연고산업 support history, the holiday calendar, and CSV imports of regions and support history that
 * list every bad line and import nothing when one is bad.
 */
public final class ReferenceDataPages {

  static final String REGION_COLUMNS = "sgg_code,sido,sigungu,status,valid_from,valid_to,legal_basis";
  static final String SUPPORT_COLUMNS = "sgg_code,program_year,project_title";
  private static final String REGION_EXAMPLE = REGION_COLUMNS + "\r\n43760,충청북도,괴산군,DECLINING,2026-10-19,,행정안전부 고시 제2026-00호\r\n";
  private static final String SUPPORT_EXAMPLE = SUPPORT_COLUMNS + "\r\n43760,2025,괴산 유기농 연고산업 육성\r\n";
  private static final Pattern LINE = Pattern.compile("^line (\\d+)$");
  /** The import's reasons (English, from RegionService) in the page's words: pattern, message key. */
  private static final List<Map.Entry<Pattern, String>> REASONS = List.of(
      Map.entry(Pattern.compile("^sgg_code must be 5 digits, not '(.*)'$"), "refdata.csv.code"),
      Map.entry(Pattern.compile("^status must be DECLINING or WATCH, not '(.*)'$"), "refdata.csv.status"),
      Map.entry(Pattern.compile("^a required column is empty$"), "refdata.csv.empty"),
      Map.entry(Pattern.compile("^dates must look like 2026-01-01$"), "refdata.csv.date"),
      Map.entry(Pattern.compile("^valid_to is before valid_from$"), "refdata.csv.order"),
      Map.entry(Pattern.compile("^program_year must be from 2019$"), "refdata.csv.year"),
      Map.entry(Pattern.compile("^program_year must be a whole number such as 2025$"), "refdata.csv.yearNumber"),
      Map.entry(Pattern.compile("^Index for header '(.*)' is \\d+ but CSVRecord only has \\d+ values!$"), "refdata.csv.short"));
  private static final List<String> STATUSES = List.of("DECLINING", "WATCH");
  private static final List<String> REGION_FIELDS = List.of("sggCode", "sido", "sigungu", "status", "validFrom", "validTo", "legalBasis",
      "note");
  private static final List<String> SUPPORT_FIELDS = List.of("sggCode", "programYear", "projectTitle", "note");
  private static final List<String> HOLIDAY_FIELDS = List.of("day", "nameKo", "nameEn");

  private final Authentication authentication;
  private final Views views;
  private final RegionService regions;
  private final SupportHistoryService supportHistory;
  private final HolidayService holidays;

  public ReferenceDataPages(Authentication authentication, Views views, RegionService regions, SupportHistoryService supportHistory,
      HolidayService holidays) {
    this.authentication = authentication;
    this.views = views;
    this.regions = regions;
    this.supportHistory = supportHistory;
    this.holidays = holidays;
  }

  public void mountPages(Router router) {
    Handler<RoutingContext> page = authentication.page();
    Handler<RoutingContext> ministry = Access.roles(Role.MINISTRY);
    router.get("/ministry/regions").handler(page).handler(ministry).handler(this::regionsPage);
    router.get("/ministry/regions/new").handler(page).handler(ministry).handler(ctx ->
        regionForm(ctx, 200, prefill(ctx), new JsonObject(), new JsonArray()).onFailure(ctx::fail));
    router.post("/ministry/regions/new").handler(page).handler(ministry).handler(this::addRegion);
    router.get("/ministry/regions/template.csv").handler(page).handler(ministry).handler(ctx -> template(ctx, "regions", REGION_EXAMPLE));
    router.get("/ministry/regions/import").handler(page).handler(ministry).handler(ctx -> importPage(ctx, 200, "regions", null));
    router.post("/ministry/regions/import").handler(page).handler(ministry).handler(ctx -> importForm(ctx, "regions"));
    router.get("/ministry/regions/:code").handler(page).handler(ministry).handler(this::regionPage);
    router.get("/ministry/support-history").handler(page).handler(ministry).handler(ctx ->
        supportPage(ctx, 200, null, new JsonArray(), new JsonObject()).onFailure(ctx::fail));
    router.post("/ministry/support-history/add").handler(page).handler(ministry).handler(this::addSupport);
    router.post("/ministry/support-history/:id/remove").handler(page).handler(ministry).handler(this::removeSupport);
    router.get("/ministry/support-history/template.csv").handler(page).handler(ministry).handler(ctx ->
        template(ctx, "support-history", SUPPORT_EXAMPLE));
    router.get("/ministry/support-history/import").handler(page).handler(ministry).handler(ctx -> importPage(ctx, 200, "support", null));
    router.post("/ministry/support-history/import").handler(page).handler(ministry).handler(ctx -> importForm(ctx, "support"));
    router.get("/ministry/holidays").handler(page).handler(ministry).handler(ctx ->
        holidaysPage(ctx, 200, yearParam(ctx), null, new JsonArray(), new JsonObject()).onFailure(ctx::fail));
    router.post("/ministry/holidays/add").handler(page).handler(ministry).handler(this::addHoliday);
    router.post("/ministry/holidays/:day/remove").handler(page).handler(ministry).handler(this::removeHoliday);
  }

  // ---- regions

  private void regionsPage(RoutingContext ctx) {
    LocalDate today = LocalDate.now(Zones.SEOUL);
    String rawDate = trim(ctx.request().getParam("date"));
    LocalDate day = rawDate.isEmpty() ? today : Validator.parseDate(rawDate);
    if (day == null) {
      throw ValidationException.of("date", "validation.date", "date must be a date such as 2026-05-29.");
    }
    String status = trim(ctx.request().getParam("status"));
    if (!status.isEmpty() && !STATUSES.contains(status)) {
      throw ValidationException.of("status", "validation.choice", "status must be DECLINING or WATCH.");
    }
    String sido = trim(ctx.request().getParam("sido"));
    regions.onDate(day).compose(all -> {
      Set<String> provinces = new LinkedHashSet<>();
      JsonArray rows = new JsonArray();
      int declining = 0;
      for (Object o : all) {
        JsonObject r = (JsonObject) o;
        provinces.add(r.getString("sido"));
        if ((sido.isEmpty() || sido.equals(r.getString("sido"))) && (status.isEmpty() || status.equals(r.getString("status")))) {
          rows.add(r.copy().put("statusKey", "regionStatus." + r.getString("status")));
          declining += "DECLINING".equals(r.getString("status")) ? 1 : 0;
        }
      }
      if (!sido.isEmpty() && !provinces.contains(sido)) {
        throw ValidationException.of("sido", "validation.choice", "sido must be one of the provinces listed.");
      }
      JsonArray sidoOptions = new JsonArray();
      provinces.forEach(p -> sidoOptions.add(new JsonObject().put("value", p).put("selected", p.equals(sido))));
      Map<String, Object> model = nav("regions");
      model.put("date", day.toString());
      model.put("isToday", day.equals(today));
      model.put("sidoOptions", sidoOptions);
      model.put("statusOptions", options(STATUSES, status));
      model.put("regions", rows);
      model.put("shown", rows.size());
      model.put("declining", declining);
      model.put("watch", rows.size() - declining);
      model.put("total", all.size());
      model.put("filtered", !sido.isEmpty() || !status.isEmpty());
      return views.render(ctx, "ministry-regions", model);
    }).onFailure(ctx::fail);
  }

  private void regionPage(RoutingContext ctx) {
    String code = ctx.pathParam("code");
    if (code == null || !code.matches("[0-9]{5}")) {
      throw ValidationException.of("code", "validation.regionCode", "The region code must be 5 digits.");
    }
    regions.history(code).compose(versions -> {
      if (versions.isEmpty()) {
        throw new NotFoundException("There is no region " + code + ".");
      }
      LocalDate today = LocalDate.now(Zones.SEOUL);
      JsonArray rows = new JsonArray();
      for (JsonObject v : versions) {
        LocalDate from = LocalDate.parse(v.getString("validFrom"));
        LocalDate to = v.getString("validTo") == null ? null : LocalDate.parse(v.getString("validTo"));
        boolean inForce = !from.isAfter(today) && (to == null || !to.isBefore(today));
        rows.add(v.copy().put("statusKey", "regionStatus." + v.getString("status")).put("inForce", inForce));
      }
      JsonObject last = versions.get(versions.size() - 1);
      Map<String, Object> model = nav("regions");
      model.put("code", code);
      model.put("name", last.getString("sido") + " " + last.getString("sigungu"));
      model.put("versions", rows);
      return views.render(ctx, "ministry-region-show", model);
    }).onFailure(ctx::fail);
  }

  private static JsonObject prefill(RoutingContext ctx) {
    String code = trim(ctx.request().getParam("code"));
    return new JsonObject().put("sggCode", code.matches("[0-9]{5}") ? code : "").put("endCurrent", true);
  }

  private void addRegion(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    Validator v = Validator.ofForm(form);
    String code = v.requiredText("sggCode", 5);
    String sido = v.optionalText("sido", 50);
    String sigungu = v.optionalText("sigungu", 50);
    String status = v.requiredText("status", 10);
    LocalDate from = v.requiredDate("validFrom");
    LocalDate to = v.optionalDate("validTo");
    String basis = v.requiredText("legalBasis", 200);
    String note = v.optionalText("note", 1000);
    boolean endCurrent = form.contains("endCurrent");
    if (code != null && !code.matches("[0-9]{5}")) {
      v.add("sggCode", "validation.regionCode", "sggCode must be a 5-digit 시군구 code.");
      code = null;
    }
    if (status != null && !STATUSES.contains(status)) {
      v.add("status", "validation.choice", "status must be DECLINING or WATCH.");
    }
    if (from != null && to != null && to.isBefore(from)) {
      v.add("validTo", "validation.endAfterStart", "validTo must not be before validFrom.");
    }
    String sggCode = code;
    Future<List<JsonObject>> known = sggCode == null ? Future.succeededFuture(List.of()) : regions.history(sggCode);
    known.compose(versions -> {
      // a new version of a known region keeps its name unless the form gives one; a new region needs both
      String s = !sido.isEmpty() || versions.isEmpty() ? sido : versions.get(versions.size() - 1).getString("sido");
      String g = !sigungu.isEmpty() || versions.isEmpty() ? sigungu : versions.get(versions.size() - 1).getString("sigungu");
      if (sggCode != null && s.isEmpty()) {
        v.add("sido", "validation.regionNameNeeded", "A new region needs its 시도.");
      }
      if (sggCode != null && g.isEmpty()) {
        v.add("sigungu", "validation.regionNameNeeded", "A new region needs its 시군구.");
      }
      v.throwIfInvalid();
      return regions.addVersion(new RegionService.Designation(sggCode, s, g, status, from, to, basis, note.isEmpty() ? null : note),
          endCurrent, RequestContext.actor(ctx));
    }).onSuccess(x -> PageErrors.seeOther(ctx, "/ministry/regions/" + sggCode + "?added=1"))
        .onFailure(e -> refuseRegion(ctx, form, sggCode, e));
  }

  private void refuseRegion(RoutingContext ctx, MultiMap form, String code, Throwable e) {
    e = PageErrors.contention(e);
    if (!(e instanceof ValidationException) && !(e instanceof ConflictException)) {
      ctx.fail(e);
      return;
    }
    DomainException d = (DomainException) e;
    String lang = RequestContext.lang(ctx);
    JsonObject state = e instanceof ConflictException c && "conflict.designationOverlap".equals(c.messageKey())
        // the overlap is a matter of the period: the message stands at "effective from"
        ? fieldError("validFrom", label(lang, "region", "validFrom"), views.messages().get(lang, "refdata.overlap"))
        : describe(lang, d, "region", REGION_FIELDS);
    JsonObject values = new JsonObject();
    REGION_FIELDS.forEach(f -> values.put(f, trim(form.get(f))));
    values.put("endCurrent", form.contains("endCurrent"));
    Future<List<JsonObject>> versions = code == null ? Future.succeededFuture(List.of()) : regions.history(code);
    versions.compose(list -> {
      JsonArray rows = new JsonArray();
      list.forEach(r -> rows.add(r.copy().put("statusKey", "regionStatus." + r.getString("status"))));
      return regionForm(ctx, d.status(), values, state, rows);
    }).onFailure(ctx::fail);
  }

  private Future<Void> regionForm(RoutingContext ctx, int status, JsonObject values, JsonObject state, JsonArray existing) {
    Map<String, Object> model = nav("regions");
    model.put("form", values);
    model.put("statusOptions", options(STATUSES, values.getString("status", "")));
    model.put("errors", state.getJsonArray("errors", new JsonArray()));
    model.put("fieldErrors", state.getJsonObject("fieldErrors", new JsonObject()));
    model.put("existing", existing);
    return views.render(ctx, status, "ministry-region-form", model);
  }

  // ---- support history

  private Future<Void> supportPage(RoutingContext ctx, int status, MultiMap form, JsonArray errors, JsonObject fieldErrors) {
    String rawYear = trim(ctx.request().getParam("year"));
    Integer year = null;
    if (!rawYear.isEmpty()) {
      year = rawYear.matches("[0-9]{4}") ? Integer.valueOf(rawYear) : null;
      if (year == null || year < 2019 || year > 2100) {
        return Future.failedFuture(ValidationException.of("year", "validation.range", "year must be from 2019 to 2100."));
      }
    }
    String code = trim(ctx.request().getParam("code"));
    if (!code.isEmpty() && !code.matches("[0-9]{5}")) {
      return Future.failedFuture(ValidationException.of("code", "validation.regionCode", "code must be a 5-digit 시군구 code."));
    }
    Integer chosenYear = year;
    String lang = RequestContext.lang(ctx);
    return Future.all(supportHistory.list(), regions.allRegions()).compose(all -> {
      List<JsonObject> list = all.resultAt(0);
      List<JsonObject> known = all.resultAt(1);
      JsonArray rows = new JsonArray();
      Set<Integer> years = new java.util.TreeSet<>(java.util.Comparator.reverseOrder());
      for (JsonObject r : list) {
        years.add(r.getInteger("programYear"));
        if ((chosenYear == null || chosenYear.equals(r.getInteger("programYear"))) && (code.isEmpty() || code.equals(r.getString("sggCode")))) {
          rows.add(r.copy().put("region", r.getString("region") == null ? "" : r.getString("region")));
        }
      }
      JsonArray yearOptions = new JsonArray();
      years.forEach(y -> yearOptions.add(new JsonObject().put("value", y).put("selected", y.equals(chosenYear))));
      String formCode = form == null ? "" : trim(form.get("sggCode"));
      JsonArray codeOptions = new JsonArray();
      JsonArray formCodeOptions = new JsonArray();
      for (JsonObject r : known) {
        String label = r.getString("sggCode") + " " + r.getString("sido") + " " + r.getString("sigungu");
        codeOptions.add(new JsonObject().put("value", r.getString("sggCode")).put("label", label).put("selected", r.getString("sggCode").equals(code)));
        formCodeOptions.add(new JsonObject().put("value", r.getString("sggCode")).put("label", label)
            .put("selected", r.getString("sggCode").equals(formCode)));
      }
      JsonObject values = new JsonObject();
      SUPPORT_FIELDS.forEach(f -> values.put(f, form == null ? "" : trim(form.get(f))));
      if (form == null) {
        values.put("programYear", String.valueOf(LocalDate.now(Zones.SEOUL).getYear()));
      }
      Map<String, Object> model = nav("support");
      model.put("entries", rows);
      model.put("shown", rows.size());
      model.put("total", list.size());
      model.put("yearOptions", yearOptions);
      model.put("codeOptions", codeOptions);
      model.put("formCodeOptions", formCodeOptions);
      model.put("form", values);
      model.put("filterQuery", (chosenYear == null ? "" : "year=" + chosenYear) + (code.isEmpty() ? "" : (chosenYear == null ? "" : "&") + "code=" + code));
      model.put("errors", errors);
      model.put("fieldErrors", fieldErrors);
      String added = ctx.request().getParam("added");
      model.put("success", ctx.request().getParam("removed") != null ? views.messages().get(lang, "refdata.support.removed")
          : "1".equals(added) ? views.messages().get(lang, "refdata.support.added")
          : "0".equals(added) ? views.messages().get(lang, "refdata.support.already") : "");
      return views.render(ctx, status, "ministry-support-history", model);
    });
  }

  private void addSupport(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    Validator v = Validator.ofForm(form);
    String code = v.requiredText("sggCode", 5);
    Long year = v.requiredLong("programYear", 2019, 2100);
    String title = v.optionalText("projectTitle", 200);
    String note = v.optionalText("note", 1000);
    if (code != null && !code.matches("[0-9]{5}")) {
      v.add("sggCode", "validation.regionCode", "sggCode must be a 5-digit 시군구 code.");
      code = null;
    }
    String sggCode = code;
    (sggCode == null ? Future.succeededFuture(List.<JsonObject>of()) : regions.history(sggCode)).compose(versions -> {
      if (sggCode != null && versions.isEmpty()) {
        v.add("sggCode", "validation.regionUnknown", "There is no region with this code.");
      }
      v.throwIfInvalid();
      return supportHistory.add(sggCode, year.intValue(), title, note, RequestContext.actor(ctx));
    }).onSuccess(added -> PageErrors.seeOther(ctx, "/ministry/support-history?added=" + (added ? 1 : 0)))
        .onFailure(e -> {
          Throwable f = PageErrors.contention(e);
          if (!(f instanceof ValidationException) && !(f instanceof ConflictException)) {
            ctx.fail(f);
            return;
          }
          JsonObject state = describe(RequestContext.lang(ctx), (DomainException) f, "support", SUPPORT_FIELDS);
          supportPage(ctx, ((DomainException) f).status(), form, state.getJsonArray("errors"), state.getJsonObject("fieldErrors"))
              .onFailure(ctx::fail);
        });
  }

  private void removeSupport(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    supportHistory.remove(id, RequestContext.actor(ctx))
        .onSuccess(x -> PageErrors.seeOther(ctx, "/ministry/support-history?removed=1"))
        .onFailure(ctx::fail);
  }

  // ---- CSV imports

  private static void template(RoutingContext ctx, String name, String example) {
    // with a BOM so that Excel opens the Korean text as UTF-8
    ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
        .putHeader("Content-Disposition", "attachment; filename=\"" + name + "-template.csv\"")
        .putHeader("Cache-Control", "no-store")
        .end("\uFEFF" + example);
  }

  private void importPage(RoutingContext ctx, int status, String kind, JsonObject result) {
    String lang = RequestContext.lang(ctx);
    boolean isRegions = "regions".equals(kind);
    Map<String, Object> model = nav(isRegions ? "regions" : "support");
    model.put("isRegions", isRegions);
    model.put("action", isRegions ? "/ministry/regions/import" : "/ministry/support-history/import");
    model.put("templateHref", isRegions ? "/ministry/regions/template.csv" : "/ministry/support-history/template.csv");
    model.put("columns", isRegions ? REGION_COLUMNS : SUPPORT_COLUMNS);
    model.put("example", isRegions ? REGION_EXAMPLE.strip() : SUPPORT_EXAMPLE.strip());
    JsonObject r = result == null ? new JsonObject() : result;
    model.put("errors", r.getJsonArray("errors", new JsonArray()));
    model.put("lines", r.getJsonArray("lines", new JsonArray()));
    model.put("fileError", r.getString("fileError", ""));
    String done = ctx.request().getParam("imported");
    model.put("success", done != null && done.matches("[0-9]{1,7}")
        ? views.messages().get(lang, isRegions ? "refdata.import.regionsDone" : "refdata.import.supportDone", done) : "");
    views.render(ctx, status, isRegions ? "ministry-regions-import" : "ministry-support-import", model).onFailure(ctx::fail);
  }

  private void importForm(RoutingContext ctx, String kind) {
    FileUpload upload = ctx.fileUploads().stream().filter(f -> "csvFile".equals(f.name())).findFirst().orElse(null);
    Future<String> text = upload == null || upload.size() == 0
        ? Future.failedFuture(ValidationException.of("csvFile", "validation.csvMissing", "Choose a CSV file to import."))
        : upload.size() > RegionService.CSV_LIMIT
            ? Future.failedFuture(ValidationException.of("csvFile", "validation.csvSize", "A CSV file may be at most 10 MiB."))
            : ctx.vertx().fileSystem().readFile(upload.uploadedFileName()).map(bytes -> RegionService.csvText("csvFile", bytes.getBytes()));
    String done = "regions".equals(kind) ? "/ministry/regions/import?imported=" : "/ministry/support-history/import?imported=";
    text.compose(csv -> "regions".equals(kind) ? regions.importDesignations(csv, RequestContext.actor(ctx))
            : regions.importSupportHistory(csv, RequestContext.actor(ctx)))
        .onSuccess(n -> PageErrors.seeOther(ctx, done + n))
        .onFailure(e -> refuseImport(ctx, kind, e));
  }

  /** Every bad line with its number and reason; a problem with the file as a whole next to the file input. */
  private void refuseImport(RoutingContext ctx, String kind, Throwable e) {
    e = PageErrors.contention(e);
    if (!(e instanceof ValidationException) && !(e instanceof ConflictException)) {
      ctx.fail(e);
      return;
    }
    String lang = RequestContext.lang(ctx);
    Messages m = views.messages();
    JsonArray errors = new JsonArray();
    JsonArray lines = new JsonArray();
    String fileError = "";
    if (e instanceof ValidationException v) {
      for (ValidationException.FieldError fe : v.errors()) {
        Matcher line = LINE.matcher(fe.field());
        if (line.matches()) {
          String reason = fe.message().startsWith(fe.field() + ": ") ? fe.message().substring(fe.field().length() + 2) : fe.message();
          lines.add(new JsonObject().put("line", Integer.parseInt(line.group(1))).put("reason", reason(m, lang, reason)));
        } else {
          String text = "validation.csvHeader".equals(fe.code()) || "validation.csv".equals(fe.code()) ? m.get(lang, fe.code()) + " " + fe.message()
              : m.has(fe.code()) ? m.get(lang, fe.code()) : fe.message();
          fileError = fileError.isEmpty() ? text : fileError;
          errors.add(new JsonObject().put("field", "csvFile").put("message", m.get(lang, "refdata.import.file") + ": " + text));
        }
      }
      if (!lines.isEmpty()) {
        errors.add(0, new JsonObject().put("field", "bad-lines").put("message", m.get(lang, "refdata.import.badLines", lines.size())));
      }
    } else {
      // one row overlaps a designation already recorded (or another row of the file): the whole file was rolled back
      String text = PageErrors.message(m, lang, (DomainException) e) + " (" + e.getMessage() + ")";
      errors.add(new JsonObject().put("field", "csvFile").put("message", text));
      fileError = text;
    }
    importPage(ctx, ((DomainException) e).status(), kind, new JsonObject().put("errors", errors).put("lines", lines).put("fileError", fileError));
  }

  private static String reason(Messages m, String lang, String english) {
    for (Map.Entry<Pattern, String> r : REASONS) {
      Matcher x = r.getKey().matcher(english);
      if (x.matches()) {
        return x.groupCount() == 0 ? m.get(lang, r.getValue()) : m.get(lang, r.getValue(), x.group(1));
      }
    }
    return english;
  }

  // ---- holidays

  private static int yearParam(RoutingContext ctx) {
    String raw = trim(ctx.request().getParam("year"));
    if (raw.isEmpty()) {
      return LocalDate.now(Zones.SEOUL).getYear();
    }
    if (raw.matches("[0-9]{4}") && Integer.parseInt(raw) >= 2000 && Integer.parseInt(raw) <= 2100) {
      return Integer.parseInt(raw);
    }
    throw ValidationException.of("year", "validation.range", "year must be from 2000 to 2100.");
  }

  private Future<Void> holidaysPage(RoutingContext ctx, int status, int year, MultiMap form, JsonArray errors, JsonObject fieldErrors) {
    String lang = RequestContext.lang(ctx);
    String addedRaw = trim(ctx.request().getParam("added"));
    LocalDate added = form == null && !addedRaw.isEmpty() ? Validator.parseDate(addedRaw) : null;
    Future<Long> booked = added == null ? Future.succeededFuture(null) : holidays.bookingsOn(added);
    return Future.all(holidays.list(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)), booked).compose(all -> {
      List<JsonObject> list = all.resultAt(0);
      Long bookings = all.resultAt(1);
      JsonArray rows = new JsonArray();
      for (JsonObject h : list) {
        LocalDate day = LocalDate.parse(h.getString("day"));
        rows.add(h.copy().put("ministry", "ministry".equals(h.getString("source"))).put("kindKey", "refdata.holiday.kind." + h.getString("kind"))
            .put("weekday", day.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.forLanguageTag(lang))));
      }
      JsonObject values = new JsonObject();
      HOLIDAY_FIELDS.forEach(f -> values.put(f, form == null ? "" : trim(form.get(f))));
      Map<String, Object> model = nav("holidays");
      model.put("year", year);
      model.put("previousYear", year > 2000 ? year - 1 : null);
      model.put("nextYear", year < 2100 ? year + 1 : null);
      model.put("holidays", rows);
      model.put("form", values);
      model.put("errors", errors);
      model.put("fieldErrors", fieldErrors);
      String success = "";
      if (added != null && bookings != null) {
        success = m(lang, "refdata.holiday.added", added.toString()) + " " + (bookings > 0
            ? m(lang, "refdata.holiday.bookingsRemain", bookings) : m(lang, "refdata.holiday.noBookings"));
      } else if (ctx.request().getParam("removed") != null) {
        success = m(lang, "refdata.holiday.removed");
      }
      model.put("success", success);
      model.put("bookingsWarning", bookings != null && bookings > 0);
      return views.render(ctx, status, "ministry-holidays", model);
    });
  }

  private void addHoliday(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    Validator v = Validator.ofForm(form);
    LocalDate day = v.requiredDate("day");
    String nameKo = v.requiredText("nameKo", 100);
    String nameEn = v.optionalText("nameEn", 100);
    int year = day == null ? LocalDate.now(Zones.SEOUL).getYear() : day.getYear();
    Future.<Void>succeededFuture().compose(x -> {
      v.throwIfInvalid();
      return holidays.add(day, nameKo, nameEn.isEmpty() ? nameKo : nameEn, RequestContext.actor(ctx));
    }).onSuccess(h -> PageErrors.seeOther(ctx, "/ministry/holidays?year=" + day.getYear() + "&added=" + day))
        .onFailure(e -> {
          Throwable f = PageErrors.contention(e);
          String lang = RequestContext.lang(ctx);
          JsonObject state;
          if (f instanceof ConflictException c && "conflict.holidayExists".equals(c.messageKey())) {
            state = fieldError("day", label(lang, "holiday", "day"), m(lang, "conflict.holidayExists"));
          } else if (f instanceof ValidationException || f instanceof ConflictException) {
            state = describe(lang, (DomainException) f, "holiday", HOLIDAY_FIELDS);
          } else {
            ctx.fail(f);
            return;
          }
          holidaysPage(ctx, ((DomainException) f).status(), year, form, state.getJsonArray("errors"), state.getJsonObject("fieldErrors"))
              .onFailure(ctx::fail);
        });
  }

  private void removeHoliday(RoutingContext ctx) {
    LocalDate day = Validator.parseDate(trim(ctx.pathParam("day")));
    if (day == null) {
      throw ValidationException.of("day", "validation.date", "The day must be a date such as 2027-05-04.");
    }
    String lang = RequestContext.lang(ctx);
    holidays.list(day, day).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(new NotFoundException("There is no holiday on " + day + "."));
      }
      if (!"ministry".equals(found.get(0).getString("source"))) {
        // a reference (shipped) public holiday stays: say so on the holidays page
        JsonArray errors = new JsonArray().add(new JsonObject().put("field", "")
            .put("message", m(lang, "refdata.holiday.notRemovable", day.toString(), found.get(0).getString("nameKo"))));
        return holidaysPage(ctx, 409, day.getYear(), null, errors, new JsonObject()).map(false);
      }
      return holidays.remove(day, RequestContext.actor(ctx)).map(true);
    }).onSuccess(removed -> {
      if (removed) {
        PageErrors.seeOther(ctx, "/ministry/holidays?year=" + day.getYear() + "&removed=1");
      }
    }).onFailure(ctx::fail);
  }

  // ---- helpers

  /** The model of every page here: which of the three sub-pages is current. */
  private static Map<String, Object> nav(String current) {
    Map<String, Object> model = new HashMap<>();
    model.put("refNav", new JsonObject().put("regions", "regions".equals(current)).put("support", "support".equals(current))
        .put("holidays", "holidays".equals(current)));
    return model;
  }

  private static JsonArray options(List<String> values, String chosen) {
    JsonArray out = new JsonArray();
    values.forEach(s -> out.add(new JsonObject().put("value", s).put("labelKey", "regionStatus." + s).put("selected", s.equals(chosen))));
    return out;
  }

  private JsonObject describe(String lang, DomainException d, String form, List<String> fields) {
    Map<String, String> labels = new HashMap<>();
    fields.forEach(f -> labels.put(f, "refdata." + form + ".field." + f));
    return PageErrors.describe(views.messages(), lang, d, labels, Map.of());
  }

  private static JsonObject fieldError(String field, String label, String text) {
    return new JsonObject().put("errors", new JsonArray().add(new JsonObject().put("field", field).put("message", label + ": " + text)))
        .put("fieldErrors", new JsonObject().put(field, text));
  }

  private String label(String lang, String form, String field) {
    return views.messages().get(lang, "refdata." + form + ".field." + field);
  }

  private String m(String lang, String key, Object... args) {
    return views.messages().get(lang, key, args);
  }

  private static String trim(String s) {
    return s == null ? "" : s.strip();
  }
}
