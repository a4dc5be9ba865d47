package kr.dure.resource;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kr.dure.auth.CurrentUser;
import kr.dure.auth.DirectoryService;
import kr.dure.auth.Role;
import kr.dure.auth.User;
import kr.dure.booking.AvailabilityService;
import kr.dure.booking.Booking;
import kr.dure.booking.Interval;
import kr.dure.common.DomainException;
import kr.dure.common.NotFoundException;
import kr.dure.common.ValidationException;
import kr.dure.common.Validator;
import kr.dure.common.Zones;
import kr.dure.project.ProjectSummary;
import kr.dure.web.Access;
import kr.dure.web.Authentication;
import kr.dure.web.LocalTimes;
import kr.dure.web.Messages;
import kr.dure.web.PageErrors;
import kr.dure.web.Params;
import kr.dure.web.RequestContext;
import kr.dure.web.Views;

/**
 * Resource pages: the firm's resource search and the resource page with its week calendar and
 * booking form; the coordinator's resource list and editor with blackouts, training records and
 * departures. Booking submissions are handled by {@code BookingPages}, which re-renders the
 * resource page through {@link #renderShow} when the booking is refused.
 */
public final class ResourcePages {

  /** How far ahead the editor lists blackouts and departures. */
  private static final Duration EDITOR_AHEAD = Duration.ofDays(120);

  private final Authentication authentication;
  private final Views views;
  private final ResourceService resources;
  private final AvailabilityService availability;
  private final kr.dure.project.ProjectService projects;
  private final DirectoryService directory;
  private final Clock clock;

  public ResourcePages(Authentication authentication, Views views, ResourceService resources, AvailabilityService availability,
      kr.dure.project.ProjectService projects, DirectoryService directory, Clock clock) {
    this.authentication = authentication;
    this.views = views;
    this.resources = resources;
    this.availability = availability;
    this.projects = projects;
    this.directory = directory;
    this.clock = clock;
  }

  public void mountPages(Router router) {
    router.get("/resources").handler(authentication.page()).handler(Access.roles(Role.FIRM)).handler(this::listPage);
    router.get("/resources/:id").handler(authentication.page()).handler(Access.roles(Role.FIRM)).handler(this::showPage);
    router.get("/resources/:id/photo").handler(authentication.page()).handler(Access.anyRole()).handler(ctx ->
        resources.photo(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"))
            .onSuccess(p -> ResourceRoutes.sendPhoto(ctx, p)).onFailure(ctx::fail));

    router.route("/coordinator/resources*").handler(authentication.page()).handler(Access.roles(Role.COORDINATOR));
    router.get("/coordinator/resources").handler(this::coordinatorListPage);
    router.get("/coordinator/resources/new").handler(this::newPage);
    router.post("/coordinator/resources").handler(this::createForm);
    router.get("/coordinator/resources/:id/edit").handler(this::editPage);
    router.post("/coordinator/resources/:id").handler(this::updateForm);
    router.post("/coordinator/resources/:id/blackouts").handler(this::addBlackoutForm);
    router.post("/coordinator/resources/:id/blackouts/:blackoutId/remove").handler(this::removeBlackoutForm);
    router.post("/coordinator/resources/:id/qualifications").handler(this::qualificationForm);
    router.post("/coordinator/resources/:id/departures").handler(this::departuresForm);
    router.post("/coordinator/resources/:id/photo").handler(this::photoForm);
    router.post("/coordinator/resources/:id/deactivate").handler(ctx -> activeForm(ctx, false));
    router.post("/coordinator/resources/:id/activate").handler(ctx -> activeForm(ctx, true));
  }

  // ---- firm: search

  private void listPage(RoutingContext ctx) {
    CurrentUser me = RequestContext.currentUser(ctx);
    String lang = RequestContext.lang(ctx);
    ResourceKind kind = Params.optionalEnum(ctx, "kind", ResourceKind.class);
    Long projectId = Params.optionalLong(ctx, "project");
    Future<List<ProjectSummary>> visible = projects.visibleTo(me);
    Future<List<Resource>> found = resources.list(me, projectId, kind);
    Future.all(visible, found).compose(all -> {
      JsonArray items = new JsonArray();
      Map<Long, ProjectSummary> byId = new HashMap<>();
      visible.result().forEach(p -> byId.put(p.id(), p));
      for (Resource r : found.result()) {
        ProjectSummary p = byId.get(r.projectId());
        items.add(resourceView(r, lang)
            .put("projectCode", p == null ? "" : p.code())
            .put("projectTitleKo", p == null ? "" : p.titleKo())
            .put("projectTitleEn", p == null ? "" : nz(p.titleEn())));
      }
      Map<String, Object> model = new HashMap<>();
      model.put("resources", items);
      model.put("count", items.size());
      model.put("kindOptions", kindOptions(kind == null ? "" : kind.name(), true));
      model.put("projectOptions", projectOptions(visible.result(), projectId, true));
      model.put("filtered", kind != null || projectId != null);
      return views.render(ctx, "resource-list", model);
    }).onFailure(ctx::fail);
  }

  // ---- firm: one resource

  private void showPage(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    JsonObject values = new JsonObject();
    LocalDateTime start = localDateTime(ctx.request().getParam("start"));
    LocalDateTime end = localDateTime(ctx.request().getParam("end"));
    if (start != null) {
      values.put("startDate", start.toLocalDate().toString()).put("startTime", start.toLocalTime().toString());
    }
    if (end != null) {
      values.put("endDate", end.toLocalDate().toString()).put("endTime", end.toLocalTime().toString());
    }
    String units = ctx.request().getParam("units");
    if (units != null && units.matches("\\d{1,6}")) {
      values.put("units", units);
    }
    String purpose = ctx.request().getParam("purpose");
    if (purpose != null && purpose.length() <= 500) {
      values.put("purpose", purpose);
    }
    String departure = ctx.request().getParam("departure");
    if (departure != null && departure.matches("\\d{1,18}")) {
      values.put("departureId", departure);
    }
    LocalDate week = weekParam(ctx, start == null ? null : start.toLocalDate());
    renderShow(ctx, 200, id, week, new JsonObject().put("values", values).put("prefillEnd", end == null && start != null))
        .onFailure(ctx::fail);
  }

  /** The {@code week} query parameter (any day of the week), else the week of {@code fallback}, else this week. */
  public LocalDate weekParam(RoutingContext ctx, LocalDate fallback) {
    String raw = ctx.request().getParam("week");
    LocalDate day = fallback == null ? LocalDate.now(clock.withZone(Zones.SEOUL)) : fallback;
    if (raw != null && !raw.isBlank()) {
      day = Validator.parseDate(raw.trim());
      if (day == null) {
        throw ValidationException.of("week", "validation.date", "week must be a date such as 2026-12-07.");
      }
    }
    return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  /**
   * Renders the resource page: facts, rules, the week's calendar (departures for a run) and the
   * booking form. {@code state} may carry the form's {@code values}, {@code errors} and
   * {@code fieldErrors}, {@code alternatives} to a taken slot, {@code seriesConflicts} and whether
   * to offer the {@code waitlist}.
   */
  public Future<Void> renderShow(RoutingContext ctx, int status, long id, LocalDate monday, JsonObject state) {
    CurrentUser me = RequestContext.currentUser(ctx);
    String lang = RequestContext.lang(ctx);
    Instant from = monday.atStartOfDay(Zones.SEOUL).toInstant();
    Instant to = monday.plusWeeks(1).atStartOfDay(Zones.SEOUL).toInstant();
    Instant now = clock.instant();
    return availability.availability(me, id, from, to).compose(a -> {
      Resource r = a.resource();
      if (!r.active()) {
        return Future.failedFuture(new NotFoundException("Resource " + id + " is no longer offered."));
      }
      JsonObject values = formValues(r, state.getJsonObject("values", new JsonObject()), state.getBoolean("prefillEnd", false));
      Map<String, Object> model = new HashMap<>();
      model.put("resource", resourceView(r, lang));
      model.put("values", values);
      model.put("errors", state.getJsonArray("errors", new JsonArray()));
      model.put("fieldErrors", state.getJsonObject("fieldErrors", new JsonObject()));
      model.put("alternatives", state.getJsonArray("alternatives", new JsonArray()));
      model.put("seriesConflicts", state.getJsonArray("seriesConflicts", new JsonArray()));
      model.put("waitlist", state.getBoolean("waitlist", false));
      model.put("week", weekNavigation(r.id(), monday, lang));
      model.put("blackouts", blackoutViews(a.blackouts(), lang));
      if (r.kind() == ResourceKind.DELIVERY_RUN) {
        JsonArray departures = departureViews(r, a.departures(), values.getString("departureId"), now, lang);
        model.put("departures", departures);
        JsonArray bookable = new JsonArray();
        departures.forEach(d -> {
          if (((JsonObject) d).getBoolean("bookable")) {
            bookable.add(d);
          }
        });
        model.put("departureOptions", bookable);
      } else {
        model.put("calendar", weekCalendar(a, monday, now, lang));
      }
      model.put("repeatOptions", options(List.of("NONE", "DAILY", "WEEKLY", "MONTHLY"), "repeat.", values.getString("repeat")));
      model.put("modeOptions", options(List.of("ALL_OR_NONE", "FREE_ONES"), "repeatMode.", values.getString("repeatMode")));
      // one key per rendering: a double-submitted form books once and shows the same result twice
      model.put("requestKey", UUID.randomUUID().toString());
      return views.render(ctx, status, "resource-show", model);
    });
  }

  private JsonObject formValues(Resource r, JsonObject given, boolean prefillEnd) {
    JsonObject values = new JsonObject();
    for (String key : List.of("startDate", "startTime", "endDate", "endTime", "purpose", "repeatUntil", "repeatCount",
        "departureId", "pallets", "kg")) {
      values.put(key, given.getString(key, ""));
    }
    values.put("units", given.getString("units", "").isBlank() ? "1" : given.getString("units"));
    values.put("repeat", given.getString("repeat", "").isBlank() ? "NONE" : given.getString("repeat"));
    values.put("repeatMode", given.getString("repeatMode", "").isBlank() ? "ALL_OR_NONE" : given.getString("repeatMode"));
    if (prefillEnd && !values.getString("startDate").isEmpty() && !values.getString("startTime").isEmpty()) {
      LocalDateTime end = LocalDateTime.parse(values.getString("startDate") + "T" + values.getString("startTime"))
          .plusMinutes(defaultLength(r.rules()));
      values.put("endDate", end.toLocalDate().toString()).put("endTime", end.toLocalTime().toString());
    }
    return values;
  }

  /** What a click on a free slot books: an hour, or the shortest allowed length, on the resource's steps. */
  static int defaultLength(ResourceRules rules) {
    int step = rules.slotMinutes();
    int length = Math.max(60, rules.minMinutes() == null ? 0 : rules.minMinutes());
    length = (length + step - 1) / step * step;
    if (rules.maxMinutes() != null && length > rules.maxMinutes()) {
      length = Math.max(step, rules.maxMinutes() / step * step);
    }
    return length;
  }

  private JsonObject weekNavigation(long id, LocalDate monday, String lang) {
    String base = "/resources/" + id + "?week=";
    return new JsonObject()
        .put("monday", monday.toString())
        .put("label", LocalTimes.date(monday, lang) + " – " + LocalTimes.date(monday.plusDays(6), lang))
        .put("prevHref", base + monday.minusWeeks(1))
        .put("nextHref", base + monday.plusWeeks(1))
        .put("thisHref", "/resources/" + id);
  }

  /** Seven days by the hours in which anything is open or booked; every cell says in words what it is. */
  private JsonObject weekCalendar(AvailabilityService.Availability a, LocalDate monday, Instant now, String lang) {
    Resource r = a.resource();
    Messages m = views.messages();
    List<Interval> open = a.open();
    List<Interval> free = r.kind() == ResourceKind.EQUIPMENT ? a.free() : List.of();
    List<JsonObject> unitsLeft = r.kind() == ResourceKind.FACILITY ? a.unitsLeft() : List.of();
    int first = 24;
    int last = -1;
    for (int d = 0; d < 7; d++) {
      for (int h = 0; h < 24; h++) {
        Instant s = slot(monday.plusDays(d), h);
        Instant e = s.plus(Duration.ofHours(1));
        if (overlapMinutes(open, s, e) > 0 || a.busy().stream().anyMatch(b -> overlaps(b.startsAt(), b.blockedUntil(), s, e))) {
          first = Math.min(first, h);
          last = Math.max(last, h);
        }
      }
    }
    JsonArray days = new JsonArray();
    for (int d = 0; d < 7; d++) {
      days.add(new JsonObject().put("label", LocalTimes.day(monday.plusDays(d), lang)));
    }
    JsonArray rows = new JsonArray();
    for (int h = first; h <= last; h++) {
      JsonArray cells = new JsonArray();
      for (int d = 0; d < 7; d++) {
        LocalDate day = monday.plusDays(d);
        cells.add(cell(a, r, open, free, unitsLeft, day, h, now, lang, m));
      }
      rows.add(new JsonObject().put("hour", String.format("%02d:00", h)).put("cells", cells));
    }
    return new JsonObject().put("days", days).put("rows", rows).put("empty", rows.isEmpty())
        .put("caption", m.get(lang, "calendar.caption", LocalTimes.date(monday, lang), LocalTimes.date(monday.plusDays(6), lang)));
  }

  private JsonObject cell(AvailabilityService.Availability a, Resource r, List<Interval> open, List<Interval> free,
      List<JsonObject> unitsLeft, LocalDate day, int hour, Instant now, String lang, Messages m) {
    Instant s = slot(day, hour);
    Instant e = s.plus(Duration.ofHours(1));
    List<Booking> here = a.busy().stream().filter(b -> overlaps(b.startsAt(), b.blockedUntil(), s, e)).toList();
    boolean mine = here.stream().anyMatch(b -> b.organisationId() == a.viewerOrganisationId());
    long openMinutes = overlapMinutes(open, s, e);
    String state;
    String text;
    String detail = "";
    Instant bookFrom = null;
    if (s.isBefore(now)) {
      state = mine ? "mine" : "past";
      text = m.get(lang, mine ? "calendar.mine" : "calendar.past");
    } else if (openMinutes == 0) {
      boolean blackout = a.blackouts().stream().anyMatch(b -> overlaps(b.startsAt(), b.endsAt(), s, e));
      state = blackout ? "blocked" : "closed";
      text = m.get(lang, blackout ? "calendar.blocked" : "calendar.closed");
    } else if (r.kind() == ResourceKind.FACILITY) {
      int left = Integer.MAX_VALUE;
      Instant firstOpen = null;
      for (JsonObject u : unitsLeft) {
        Instant us = Instant.parse(u.getString("start"));
        Instant ue = Instant.parse(u.getString("end"));
        if (overlaps(us, ue, s, e)) {
          left = Math.min(left, u.getInteger("unitsLeft"));
          Instant from = us.isBefore(s) ? s : us;
          firstOpen = firstOpen == null || from.isBefore(firstOpen) ? from : firstOpen;
        }
      }
      if (left == Integer.MAX_VALUE) {
        left = r.capacity();
      }
      state = left == 0 ? "full" : "units";
      text = left == 0 ? m.get(lang, "calendar.full") : m.get(lang, "calendar.unitsLeft", left, unitLabel(r, lang));
      bookFrom = left == 0 ? null : firstOpen;
      detail = mine ? m.get(lang, "calendar.includesMine") : "";
    } else {
      long freeMinutes = overlapMinutes(free, s, e);
      if (freeMinutes == 0) {
        state = mine ? "mine" : "booked";
        text = m.get(lang, mine ? "calendar.mine" : "calendar.booked");
      } else if (freeMinutes < openMinutes) {
        state = "partial";
        text = m.get(lang, "calendar.partial");
        bookFrom = firstStart(free, s, e);
        detail = mine ? m.get(lang, "calendar.includesMine") : "";
      } else {
        state = "free";
        text = m.get(lang, "calendar.free");
        bookFrom = firstStart(free, s, e);
      }
    }
    String href = "";
    String linkLabel = "";
    if (bookFrom != null) {
      LocalDateTime local = LocalTimes.local(bookFrom).toLocalDateTime();
      href = "/resources/" + r.id() + "?week=" + day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
          + "&start=" + local.toLocalDate() + "T" + LocalTimes.clock(bookFrom) + "#booking-form";
      linkLabel = m.get(lang, "calendar.choose", LocalTimes.day(day, lang), LocalTimes.clock(bookFrom));
    }
    return new JsonObject().put("state", state).put("text", text).put("detail", detail)
        .put("href", href).put("hasLink", !href.isEmpty()).put("linkLabel", linkLabel);
  }

  private JsonArray departureViews(Resource r, List<Departure> departures, String selected, Instant now, String lang) {
    Messages m = views.messages();
    JsonArray out = new JsonArray();
    for (Departure d : departures) {
      String stateKey;
      if (d.cancelled()) {
        stateKey = "departure.cancelled";
      } else if (!now.isBefore(d.cutoffAt())) {
        stateKey = "departure.closed";
      } else if (d.palletsLeft() <= 0 || d.kgLeft() <= 0) {
        stateKey = "departure.full";
      } else {
        stateKey = "departure.open";
      }
      boolean bookable = !d.cancelled() && now.isBefore(d.cutoffAt());
      String departs = LocalTimes.dateTime(d.departsAt(), lang);
      out.add(new JsonObject()
          .put("id", d.id())
          .put("departs", departs)
          .put("arrives", LocalTimes.dateTime(d.arrivesAt(), lang))
          .put("cutoff", LocalTimes.dateTime(d.cutoffAt(), lang))
          .put("palletsLeft", Math.max(0, d.palletsLeft())).put("palletCapacity", d.palletCapacity())
          .put("kgLeft", Math.max(0, d.kgLeft())).put("kgCapacity", d.kgCapacity())
          .put("stateKey", stateKey)
          .put("state", stateKey.substring("departure.".length()))
          .put("bookable", bookable)
          .put("selected", String.valueOf(d.id()).equals(selected))
          .put("selectHref", "/resources/" + r.id() + "?week=" + LocalTimes.local(d.departsAt()).toLocalDate() + "&departure=" + d.id()
              + "#booking-form")
          .put("label", m.get(lang, "departure.option", departs, Math.max(0, d.palletsLeft()), Math.max(0, d.kgLeft()))));
    }
    return out;
  }

  private JsonArray blackoutViews(List<Blackout> blackouts, String lang) {
    JsonArray out = new JsonArray();
    blackouts.forEach(b -> out.add(new JsonObject().put("id", b.id()).put("range", LocalTimes.range(b.startsAt(), b.endsAt(), lang))
        .put("reason", nz(b.reason()))));
    return out;
  }

  // ---- what a resource looks like in pages

  /** A resource for templates: names in both languages, its kind, fee and rules in words; no nulls. */
  public JsonObject resourceView(Resource r, String lang) {
    return new JsonObject()
        .put("id", r.id()).put("projectId", r.projectId())
        .put("nameKo", r.nameKo()).put("nameEn", nz(r.nameEn()))
        .put("descriptionKo", nz(r.descriptionKo())).put("descriptionEn", nz(r.descriptionEn()))
        .put("kind", r.kind().name()).put("kindKey", r.kind().labelKey())
        .put("photoUrl", r.hasPhoto() ? "/resources/" + r.id() + "/photo" : "")
        .put("active", r.active())
        .put("isEquipment", r.kind() == ResourceKind.EQUIPMENT)
        .put("isFacility", r.kind() == ResourceKind.FACILITY)
        .put("isRun", r.kind() == ResourceKind.DELIVERY_RUN)
        .put("location", nz(r.location())).put("route", nz(r.route()))
        .put("capacity", r.capacity()).put("unitLabel", unitLabel(r, lang))
        .put("feeText", feeText(r, lang))
        .put("approvalRequired", r.rules().approvalRequired())
        .put("rules", rulesInWords(r, lang, false))
        .put("mainRules", rulesInWords(r, lang, true))
        .put("alwaysOpen", r.openingHours().isEmpty())
        .put("openingHours", openingHoursInWords(r))
        .put("active", r.active());
  }

  public String feeText(Resource r, String lang) {
    Messages m = views.messages();
    if (r.feeBasis() == FeeBasis.FREE || r.feeWon() == 0) {
      return m.get(lang, "feeBasis.FREE");
    }
    return m.get(lang, "fee.amount", Views.won(r.feeWon(), lang), m.get(lang, r.feeBasis().labelKey()));
  }

  public String unitLabel(Resource r, String lang) {
    String label = "en".equals(lang) && !nz(r.unitLabelEn()).isBlank() ? r.unitLabelEn() : nz(r.unitLabelKo());
    return label.isBlank() ? views.messages().get(lang, "resource.unitDefault") : label;
  }

  /** The rules of a resource as sentences; {@code brief}: only what decides whether a firm can book at all. */
  private JsonArray rulesInWords(Resource r, String lang, boolean brief) {
    Messages m = views.messages();
    ResourceRules rules = r.rules();
    boolean run = r.kind() == ResourceKind.DELIVERY_RUN;
    List<String> out = new ArrayList<>();
    out.add(m.get(lang, rules.approvalRequired() ? "rules.approval" : "rules.noApproval"));
    if (rules.qualificationRequired()) {
      out.add(m.get(lang, "rules.qualification"));
    }
    if (rules.weeklyQuota() != null) {
      out.add(m.get(lang, run ? "rules.weeklyQuotaPallets" : "rules.weeklyQuotaHours", rules.weeklyQuota()));
    }
    if (rules.monthlyQuota() != null) {
      out.add(m.get(lang, run ? "rules.monthlyQuotaPallets" : "rules.monthlyQuotaHours", rules.monthlyQuota()));
    }
    if (brief) {
      return new JsonArray(new ArrayList<>(out));
    }
    if (!run) {
      if (rules.minNoticeMinutes() > 0) {
        out.add(m.get(lang, "rules.notice", LocalTimes.duration(rules.minNoticeMinutes(), lang)));
      }
      out.add(m.get(lang, "rules.step", LocalTimes.duration(rules.slotMinutes(), lang)));
      if (rules.minMinutes() != null) {
        out.add(m.get(lang, "rules.minLength", LocalTimes.duration(rules.minMinutes(), lang)));
      }
      if (rules.maxMinutes() != null) {
        out.add(m.get(lang, "rules.maxLength", LocalTimes.duration(rules.maxMinutes(), lang)));
      }
      if (rules.bufferMinutes() > 0) {
        out.add(m.get(lang, "rules.buffer", LocalTimes.duration(rules.bufferMinutes(), lang)));
      }
      if (rules.closedOnHolidays()) {
        out.add(m.get(lang, "rules.closedOnHolidays"));
      }
    }
    out.add(m.get(lang, "rules.horizon", rules.horizonDays()));
    out.add(m.get(lang, "rules.cancel", rules.freeCancelHours(), rules.lateCancelFeePercent()));
    if (!run) {
      out.add(m.get(lang, "rules.checkIn", LocalTimes.duration(rules.checkInOpensMinutes(), lang)));
      if (rules.noShowAfterMinutes() != null) {
        out.add(m.get(lang, "rules.noShowAfter", LocalTimes.duration(rules.noShowAfterMinutes(), lang)));
      }
      out.add(m.get(lang, "rules.noShow", rules.noShowFeePercent()));
    }
    return new JsonArray(new ArrayList<>(out));
  }

  /** Each weekday with its opening times ("" when closed all day); the template writes the day names. */
  private static JsonArray openingHoursInWords(Resource r) {
    JsonArray out = new JsonArray();
    for (int day = 1; day <= 7; day++) {
      List<String> spans = new ArrayList<>();
      for (OpeningHours h : r.openingHours()) {
        if (h.weekday() == day) {
          spans.add(OpeningHours.clock(h.opensMinute()) + "–" + OpeningHours.clock(h.closesMinute()));
        }
      }
      out.add(new JsonObject().put("dayKey", "weekday." + day).put("hours", String.join(", ", spans)).put("closed", spans.isEmpty()));
    }
    return out;
  }

  // ---- coordinator: list and editor

  private void coordinatorListPage(RoutingContext ctx) {
    CurrentUser me = RequestContext.currentUser(ctx);
    String lang = RequestContext.lang(ctx);
    Long requested = Params.optionalLong(ctx, "project");
    projects.visibleTo(me).compose(mine -> {
      ProjectSummary project = chosenProject(mine, requested);
      Future<List<Resource>> list = project == null ? Future.succeededFuture(List.of()) : resources.list(me, project.id(), null, true);
      return list.compose(found -> {
        JsonArray items = new JsonArray();
        found.forEach(r -> items.add(resourceView(r, lang)));
        Map<String, Object> model = new HashMap<>();
        model.put("resources", items);
        model.put("projectOptions", projectOptions(mine, project == null ? null : project.id(), false));
        model.put("projectId", project == null ? "" : String.valueOf(project.id()));
        model.put("hasProject", project != null);
        return views.render(ctx, "coordinator-resources", model);
      });
    }).onFailure(ctx::fail);
  }

  /** The project asked for among the coordinator's own, else their first; null when they coordinate none. */
  public static ProjectSummary chosenProject(List<ProjectSummary> mine, Long requested) {
    if (requested == null) {
      return mine.isEmpty() ? null : mine.get(0);
    }
    return mine.stream().filter(p -> p.id() == requested).findFirst()
        .orElseThrow(() -> new NotFoundException("Project " + requested + " is not one you coordinate."));
  }

  private void newPage(RoutingContext ctx) {
    ResourceKind kind = Params.optionalEnum(ctx, "kind", ResourceKind.class);
    Long projectId = Params.optionalLong(ctx, "project");
    JsonObject form = emptyForm();
    form.put("kind", kind == null ? "" : kind.name()).put("projectId", projectId == null ? "" : String.valueOf(projectId));
    if (kind == ResourceKind.DELIVERY_RUN) {
      form.put("feeBasis", FeeBasis.FREE.name());
    }
    renderNew(ctx, 200, form, new JsonObject()).onFailure(ctx::fail);
  }

  private Future<Void> renderNew(RoutingContext ctx, int status, JsonObject form, JsonObject errors) {
    CurrentUser me = RequestContext.currentUser(ctx);
    return projects.visibleTo(me).compose(mine -> {
      Long projectId = form.getString("projectId", "").matches("\\d+") ? Long.valueOf(form.getString("projectId")) : null;
      Map<String, Object> model = editorModel(form, errors, form.getString("kind", ""), RequestContext.lang(ctx));
      model.put("isNew", true);
      model.put("action", "/coordinator/resources");
      model.put("projectOptions", projectOptions(mine, projectId, false));
      return views.render(ctx, status, "coordinator-resource-form", model);
    });
  }

  private void createForm(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    CurrentUser me = RequestContext.currentUser(ctx);
    Future.succeededFuture().map(v -> ResourceInput.fromForm(form))
        .compose(input -> resources.create(me, input, RequestContext.ip(ctx)))
        .onSuccess(r -> PageErrors.seeOther(ctx, "/coordinator/resources/" + r.id() + "/edit?saved=created"))
        .onFailure(e -> {
          if (!(e instanceof DomainException d) || e instanceof NotFoundException) {
            ctx.fail(e);
            return;
          }
          renderNew(ctx, d.status(), submittedForm(form), editorErrors(ctx, d, form)).onFailure(ctx::fail);
        });
  }

  private void editPage(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    String saved = ctx.request().getParam("saved");
    JsonObject extra = new JsonObject();
    if (saved != null && List.of("created", "updated", "blackoutAdded", "blackoutRemoved", "qualification", "departures", "photo",
        "activated", "deactivated")
        .contains(saved)) {
      extra.put("saved", "editor.saved." + saved);
    }
    renderEdit(ctx, 200, id, extra).onFailure(ctx::fail);
  }

  /**
   * The editor of an existing resource with its blackouts, training records and departures.
   * {@code extra} may replace the {@code form}, {@code blackoutForm}, {@code qualificationForm} or
   * {@code departureForm} values and carry {@code errors}, {@code fieldErrors} and {@code saved}.
   */
  private Future<Void> renderEdit(RoutingContext ctx, int status, long id, JsonObject extra) {
    CurrentUser me = RequestContext.currentUser(ctx);
    String lang = RequestContext.lang(ctx);
    Instant now = clock.instant();
    // the training records are for the project's coordinators only, so loading them is the access check
    return resources.qualifications(me, id).compose(qualifications -> resources.get(me, id).compose(r -> {
      Future<List<Blackout>> blackouts = resources.blackouts(me, id, now.minus(Duration.ofDays(1)), now.plus(EDITOR_AHEAD));
      Future<List<Departure>> departures = r.kind() == ResourceKind.DELIVERY_RUN
          ? resources.departures(me, id, now.minus(Duration.ofDays(1)), now.plus(EDITOR_AHEAD))
          : Future.succeededFuture(List.of());
      Future<JsonArray> project = projects.visibleWithMembers(me);
      Future<List<User>> people = project.compose(list -> directory.usersOf(memberFirms(list, r.projectId())));
      return Future.all(blackouts, departures, people, project).compose(all -> {
        JsonObject form = extra.getJsonObject("form", formOf(r));
        Map<String, Object> model = editorModel(form, extra, r.kind().name(), lang);
        model.put("isNew", false);
        model.put("action", "/coordinator/resources/" + id);
        model.put("resource", resourceView(r, lang));
        model.put("projectLabel", projectLabel(project.result(), r.projectId(), lang));
        model.put("saved", extra.getString("saved", ""));
        model.put("blackouts", blackoutViews(blackouts.result(), lang));
        model.put("blackoutForm", extra.getJsonObject("blackoutForm", blankOf("startDate", "startTime", "endDate", "endTime", "reason")));
        JsonArray quals = new JsonArray();
        qualifications.forEach(q -> quals.add(new JsonObject().put("userName", q.getString("userName", ""))
            .put("organisation", q.getString("organisation", "")).put("validFrom", q.getString("validFrom", ""))
            .put("validUntil", q.getString("validUntil", "")).put("note", q.getString("note", ""))
            .put("valid", !LocalDate.parse(q.getString("validUntil")).isBefore(LocalDate.now(clock.withZone(Zones.SEOUL))))));
        model.put("qualifications", quals);
        JsonObject qualificationForm = extra.getJsonObject("qualificationForm",
            blankOf("userId", "validUntil", "note").put("validFrom", LocalDate.now(clock.withZone(Zones.SEOUL)).toString()));
        model.put("qualificationForm", qualificationForm);
        JsonArray users = new JsonArray();
        people.result().forEach(u -> users.add(new JsonObject().put("id", u.id()).put("name", u.name())
            .put("organisation", u.organisationName()).put("selected", String.valueOf(u.id()).equals(qualificationForm.getString("userId")))));
        model.put("users", users);
        model.put("departures", departureViews(r, departures.result(), "", now, lang));
        JsonObject departureForm = extra.getJsonObject("departureForm", blankOf("departs", "cutoffTime", "pallets", "kg", "from", "until")
            .put("durationMinutes", "240").put("cutoffDaysBefore", "1").put("weekdays", new JsonArray()));
        model.put("departureForm", departureForm);
        JsonArray weekdays = new JsonArray();
        JsonArray chosen = departureForm.getJsonArray("weekdays", new JsonArray());
        for (int d = 1; d <= 7; d++) {
          weekdays.add(new JsonObject().put("value", d).put("labelKey", "weekday." + d).put("checked", chosen.contains(String.valueOf(d))));
        }
        model.put("departureWeekdays", weekdays);
        return views.render(ctx, status, "coordinator-resource-form", model);
      });
    }));
  }

  /** The member firms of a project: whose people can be recorded as trained. */
  private static List<Long> memberFirms(JsonArray projects, long projectId) {
    List<Long> firms = new ArrayList<>();
    projects.forEach(p -> {
      JsonObject project = (JsonObject) p;
      if (project.getLong("id") == projectId) {
        project.getJsonArray("members").forEach(x -> {
          JsonObject member = (JsonObject) x;
          if ("SME".equals(member.getString("kind"))) {
            firms.add(member.getLong("organisationId"));
          }
        });
      }
    });
    return firms;
  }

  private static String projectLabel(JsonArray projects, long projectId, String lang) {
    for (Object o : projects) {
      JsonObject p = (JsonObject) o;
      if (p.getLong("id") == projectId) {
        String title = "en".equals(lang) && !nz(p.getString("titleEn")).isBlank() ? p.getString("titleEn") : p.getString("titleKo");
        return p.getString("code") + " " + title;
      }
    }
    return String.valueOf(projectId);
  }

  private Map<String, Object> editorModel(JsonObject form, JsonObject extra, String kind, String lang) {
    Map<String, Object> model = new HashMap<>();
    model.put("form", form);
    model.put("errors", extra.getJsonArray("errors", new JsonArray()));
    model.put("fieldErrors", extra.getJsonObject("fieldErrors", new JsonObject()));
    model.put("kindOptions", kindOptions(form.getString("kind", ""), false));
    model.put("feeBasisOptions", options(List.of("FREE", "PER_HOUR", "PER_UNIT_DAY", "PER_PALLET"), "feeBasis.", form.getString("feeBasis", "FREE")));
    boolean any = kind.isEmpty();
    model.put("showCapacity", any || "FACILITY".equals(kind));
    model.put("showRoute", any || "DELIVERY_RUN".equals(kind));
    model.put("showHours", any || !"DELIVERY_RUN".equals(kind));
    model.put("showTimeRules", any || !"DELIVERY_RUN".equals(kind));
    model.put("isRun", "DELIVERY_RUN".equals(kind));
    JsonArray days = new JsonArray();
    for (int d = 1; d <= 7; d++) {
      JsonArray intervals = new JsonArray();
      for (int n = 1; n <= ResourceInput.FORM_INTERVALS_PER_DAY; n++) {
        intervals.add(new JsonObject().put("n", n)
            .put("opensName", "opens-" + d + "-" + n).put("closesName", "closes-" + d + "-" + n)
            .put("opens", form.getString("opens-" + d + "-" + n, "")).put("closes", form.getString("closes-" + d + "-" + n, "")));
      }
      days.add(new JsonObject().put("weekday", d).put("labelKey", "weekday." + d).put("intervals", intervals));
    }
    model.put("days", days);
    return model;
  }

  private static final List<String> EDITOR_FIELDS = List.of("projectId", "kind", "nameKo", "nameEn", "descriptionKo", "descriptionEn",
      "location", "capacity", "unitLabelKo", "unitLabelEn", "route", "feeWon", "feeBasis", "slotMinutes", "minMinutes", "maxMinutes",
      "minNoticeMinutes", "horizonDays", "bufferMinutes", "weeklyQuota", "monthlyQuota", "freeCancelHours", "lateCancelFeePercent",
      "noShowFeePercent", "checkInOpensMinutes", "noShowAfterMinutes", "monthlyOperatingCost");

  /** A new resource's form: the default rules filled in. */
  private static JsonObject emptyForm() {
    ResourceRules d = ResourceRules.defaults();
    JsonObject form = new JsonObject();
    EDITOR_FIELDS.forEach(f -> form.put(f, ""));
    form.put("capacity", "1").put("feeWon", "0").put("feeBasis", "FREE").put("slotMinutes", String.valueOf(d.slotMinutes()))
        .put("minNoticeMinutes", String.valueOf(d.minNoticeMinutes())).put("horizonDays", String.valueOf(d.horizonDays()))
        .put("bufferMinutes", String.valueOf(d.bufferMinutes())).put("freeCancelHours", String.valueOf(d.freeCancelHours()))
        .put("lateCancelFeePercent", String.valueOf(d.lateCancelFeePercent()))
        .put("noShowFeePercent", String.valueOf(d.noShowFeePercent()))
        .put("checkInOpensMinutes", String.valueOf(d.checkInOpensMinutes()))
        .put("closedOnHolidays", d.closedOnHolidays()).put("approvalRequired", false).put("qualificationRequired", false);
    return form;
  }

  /** An existing resource as the editor's values. */
  private static JsonObject formOf(Resource r) {
    ResourceRules rules = r.rules();
    JsonObject form = new JsonObject()
        .put("projectId", String.valueOf(r.projectId())).put("kind", r.kind().name())
        .put("nameKo", r.nameKo()).put("nameEn", nz(r.nameEn())).put("descriptionKo", nz(r.descriptionKo()))
        .put("descriptionEn", nz(r.descriptionEn())).put("location", nz(r.location())).put("capacity", String.valueOf(r.capacity()))
        .put("unitLabelKo", nz(r.unitLabelKo())).put("unitLabelEn", nz(r.unitLabelEn())).put("route", nz(r.route()))
        .put("feeWon", String.valueOf(r.feeWon())).put("feeBasis", r.feeBasis().name())
        .put("monthlyOperatingCost", r.monthlyOperatingCost() == null ? "" : String.valueOf(r.monthlyOperatingCost()))
        .put("slotMinutes", String.valueOf(rules.slotMinutes())).put("minMinutes", text(rules.minMinutes()))
        .put("maxMinutes", text(rules.maxMinutes())).put("minNoticeMinutes", String.valueOf(rules.minNoticeMinutes()))
        .put("horizonDays", String.valueOf(rules.horizonDays())).put("bufferMinutes", String.valueOf(rules.bufferMinutes()))
        .put("weeklyQuota", text(rules.weeklyQuota())).put("monthlyQuota", text(rules.monthlyQuota()))
        .put("freeCancelHours", String.valueOf(rules.freeCancelHours()))
        .put("lateCancelFeePercent", String.valueOf(rules.lateCancelFeePercent()))
        .put("noShowFeePercent", String.valueOf(rules.noShowFeePercent()))
        .put("checkInOpensMinutes", String.valueOf(rules.checkInOpensMinutes()))
        .put("noShowAfterMinutes", text(rules.noShowAfterMinutes()))
        .put("closedOnHolidays", rules.closedOnHolidays()).put("approvalRequired", rules.approvalRequired())
        .put("qualificationRequired", rules.qualificationRequired());
    int[] count = new int[8];
    for (OpeningHours h : r.openingHours()) {
      int n = ++count[h.weekday()];
      if (n <= ResourceInput.FORM_INTERVALS_PER_DAY) {
        form.put("opens-" + h.weekday() + "-" + n, OpeningHours.clock(h.opensMinute()))
            .put("closes-" + h.weekday() + "-" + n, h.closesMinute() == 1440 ? "00:00" : OpeningHours.clock(h.closesMinute()));
      }
    }
    return form;
  }

  /** What the coordinator sent, to show again with the errors. */
  private static JsonObject submittedForm(MultiMap form) {
    JsonObject values = new JsonObject();
    EDITOR_FIELDS.forEach(f -> values.put(f, nz(form.get(f))));
    for (String flag : ResourceInput.FORM_FLAGS) {
      String v = form.get(flag);
      values.put(flag, v != null && !"false".equalsIgnoreCase(v));
    }
    for (int d = 1; d <= 7; d++) {
      for (int n = 1; n <= ResourceInput.FORM_INTERVALS_PER_DAY; n++) {
        values.put("opens-" + d + "-" + n, nz(form.get("opens-" + d + "-" + n))).put("closes-" + d + "-" + n, nz(form.get("closes-" + d + "-" + n)));
      }
    }
    return values;
  }

  /** Field errors of the editor, the opening-hour ones named by their weekday. */
  private JsonObject editorErrors(RoutingContext ctx, DomainException d, MultiMap form) {
    Map<String, String> labels = new HashMap<>();
    EDITOR_FIELDS.forEach(f -> labels.put(f, "editor.field." + f));
    ResourceInput.FORM_FLAGS.forEach(f -> labels.put(f, "editor.field." + f));
    labels.put("openingHours", "editor.openingHours");
    Map<String, String> ids = new HashMap<>();
    JsonArray hours = ResourceInput.formOpeningHours(form);
    for (int i = 0; i < hours.size(); i++) {
      int weekday = hours.getJsonObject(i).getInteger("weekday");
      labels.put("openingHours[" + i + "]", "weekday." + weekday);
      labels.put("openingHours[" + i + "].weekday", "weekday." + weekday);
      ids.put("openingHours[" + i + "]", "opens-" + weekday + "-1");
    }
    ids.put("openingHours", "opens-1-1");
    return PageErrors.describe(views.messages(), RequestContext.lang(ctx), d, labels, ids);
  }

  private void updateForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    MultiMap form = ctx.request().formAttributes();
    CurrentUser me = RequestContext.currentUser(ctx);
    Future.succeededFuture().map(v -> ResourceInput.fromForm(form))
        .compose(input -> resources.update(me, id, input, RequestContext.ip(ctx)))
        .onSuccess(r -> PageErrors.seeOther(ctx, "/coordinator/resources/" + id + "/edit?saved=updated"))
        .onFailure(e -> refuseEdit(ctx, id, e, editorErrorsOrNull(ctx, e, form).put("form", submittedForm(form))));
  }

  private JsonObject editorErrorsOrNull(RoutingContext ctx, Throwable e, MultiMap form) {
    return e instanceof DomainException d ? editorErrors(ctx, d, form) : new JsonObject();
  }

  /** A refused sub-form shows the editor again with its messages; anything else is the error page. */
  private void refuseEdit(RoutingContext ctx, long id, Throwable e, JsonObject extra) {
    e = PageErrors.contention(e);
    if (!(e instanceof DomainException d) || e instanceof NotFoundException || e instanceof kr.dure.common.ForbiddenException) {
      ctx.fail(e);
      return;
    }
    if (extra.getJsonArray("errors", new JsonArray()).isEmpty()) {
      extra.mergeIn(PageErrors.describe(views.messages(), RequestContext.lang(ctx), d, Map.of(), Map.of()));
    }
    renderEdit(ctx, d.status(), id, extra).onFailure(ctx::fail);
  }

  /** Deactivated resources take no new bookings; existing ones stay as they are. */
  private void activeForm(RoutingContext ctx, boolean active) {
    long id = Params.pathId(ctx, "id");
    resources.setActive(RequestContext.currentUser(ctx), id, active, RequestContext.ip(ctx))
        .onSuccess(r -> PageErrors.seeOther(ctx, "/coordinator/resources/" + id + "/edit?saved=" + (active ? "activated" : "deactivated")))
        .onFailure(ctx::fail);
  }

  /** The editor's photo upload (multipart); the uploaded file is read off the event loop and removed afterwards. */
  private void photoForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    var upload = ctx.fileUploads().stream().filter(f -> "photo".equals(f.name())).findFirst().orElse(null);
    if (upload == null || upload.size() == 0) {
      refuseEdit(ctx, id, kr.dure.common.ValidationException.of("photo", "validation.photoMissing", "Choose a photo file to upload."),
          new JsonObject());
      return;
    }
    ctx.vertx().fileSystem().readFile(upload.uploadedFileName())
        .compose(bytes -> resources.savePhoto(RequestContext.currentUser(ctx), id, upload.contentType(), bytes, RequestContext.ip(ctx)))
        .onSuccess(v -> PageErrors.seeOther(ctx, "/coordinator/resources/" + id + "/edit?saved=photo#photo"))
        .onFailure(e -> refuseEdit(ctx, id, e, new JsonObject()));
  }

  private void addBlackoutForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    MultiMap form = ctx.request().formAttributes();
    JsonObject values = new JsonObject();
    for (String f : List.of("startDate", "startTime", "endDate", "endTime", "reason")) {
      values.put(f, nz(form.get(f)).trim());
    }
    CurrentUser me = RequestContext.currentUser(ctx);
    Future.succeededFuture().map(v -> {
      Validator val = Validator.of(new JsonObject()
          .put("start", joined(values.getString("startDate"), values.getString("startTime")))
          .put("end", joined(values.getString("endDate"), values.getString("endTime")))
          .put("reason", values.getString("reason")));
      Instant start = val.requiredInstant("start");
      Instant end = val.requiredInstant("end");
      String reason = val.requiredText("reason", 500);
      if (start != null && end != null && !end.isAfter(start)) {
        val.add("end", "validation.endAfterStart", "end must be after start.");
      }
      val.throwIfInvalid();
      return new Object[] {start, end, reason};
    }).compose(p -> resources.addBlackout(me, id, (Instant) p[0], (Instant) p[1], (String) p[2], RequestContext.ip(ctx)))
        .onSuccess(b -> PageErrors.seeOther(ctx, "/coordinator/resources/" + id + "/edit?saved=blackoutAdded#blackouts"))
        .onFailure(e -> refuseEdit(ctx, id, e, subFormErrors(ctx, e,
            Map.of("start", "blackout.field.start", "end", "blackout.field.end", "reason", "blackout.field.reason"),
            Map.of("start", "blackoutStartDate", "end", "blackoutEndDate", "reason", "blackoutReason"))
            .put("blackoutForm", values)));
  }

  private void removeBlackoutForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    long blackoutId = Params.pathId(ctx, "blackoutId");
    resources.removeBlackout(RequestContext.currentUser(ctx), id, blackoutId, RequestContext.ip(ctx))
        .onSuccess(v -> PageErrors.seeOther(ctx, "/coordinator/resources/" + id + "/edit?saved=blackoutRemoved#blackouts"))
        .onFailure(ctx::fail);
  }

  private void qualificationForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    MultiMap form = ctx.request().formAttributes();
    JsonObject values = new JsonObject();
    for (String f : List.of("userId", "validFrom", "validUntil", "note")) {
      values.put(f, nz(form.get(f)).trim());
    }
    CurrentUser me = RequestContext.currentUser(ctx);
    Future.succeededFuture().map(v -> {
      Validator val = Validator.of(values);
      Long userId = val.requiredLong("userId", 1, Long.MAX_VALUE);
      LocalDate from = values.getString("validFrom").isEmpty()
          ? LocalDate.now(clock.withZone(Zones.SEOUL))
          : val.requiredDate("validFrom");
      LocalDate until = val.requiredDate("validUntil");
      String note = val.optionalText("note", 500);
      if (from != null && until != null && until.isBefore(from)) {
        val.add("validUntil", "validation.endAfterStart", "validUntil must not be before validFrom.");
      }
      val.throwIfInvalid();
      return new Object[] {userId, from, until, note};
    }).compose(p -> resources.recordQualification(me, id, (Long) p[0], (LocalDate) p[1], (LocalDate) p[2], (String) p[3],
            RequestContext.ip(ctx)))
        .onSuccess(q -> PageErrors.seeOther(ctx, "/coordinator/resources/" + id + "/edit?saved=qualification#qualifications"))
        .onFailure(e -> refuseEdit(ctx, id, e, subFormErrors(ctx, e,
            Map.of("userId", "qualification.field.user", "validFrom", "qualification.field.validFrom",
                "validUntil", "qualification.field.validUntil", "note", "qualification.field.note"),
            Map.of("userId", "qualificationUserId", "validFrom", "qualificationValidFrom", "validUntil", "qualificationValidUntil",
                "note", "qualificationNote"))
            .put("qualificationForm", values)));
  }

  private void departuresForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    MultiMap form = ctx.request().formAttributes();
    JsonObject values = new JsonObject();
    List<String> fields = List.of("departs", "durationMinutes", "cutoffDaysBefore", "cutoffTime", "pallets", "kg", "from", "until");
    fields.forEach(f -> values.put(f, nz(form.get(f)).trim()));
    JsonArray weekdays = new JsonArray();
    form.getAll("weekdays").forEach(weekdays::add);
    values.put("weekdays", weekdays);
    CurrentUser me = RequestContext.currentUser(ctx);
    Future.succeededFuture().map(v -> {
      JsonObject json = new JsonObject();
      fields.forEach(f -> {
        if (!values.getString(f).isEmpty()) {
          json.put(f, values.getString(f));
        }
      });
      JsonArray days = new JsonArray();
      weekdays.forEach(d -> days.add(d.toString().matches("[1-7]") ? (Object) Integer.valueOf(d.toString()) : d));
      json.put("weekdays", days);
      return DepartureSeries.fromJson(json);
    }).compose(series -> resources.addDepartures(me, id, series, RequestContext.ip(ctx)))
        .onSuccess(list -> PageErrors.seeOther(ctx, "/coordinator/resources/" + id + "/edit?saved=departures#departures"))
        .onFailure(e -> {
          Map<String, String> labels = new HashMap<>();
          Map<String, String> ids = new HashMap<>();
          fields.forEach(f -> {
            labels.put(f, "departureSeries.field." + f);
            ids.put(f, "departure" + Character.toUpperCase(f.charAt(0)) + f.substring(1));
          });
          labels.put("weekdays", "departureSeries.field.weekdays");
          ids.put("weekdays", "departureWeekday1");
          refuseEdit(ctx, id, e, subFormErrors(ctx, e, labels, ids).put("departureForm", values));
        });
  }

  private JsonObject subFormErrors(RoutingContext ctx, Throwable e, Map<String, String> labels, Map<String, String> ids) {
    return e instanceof DomainException d
        ? PageErrors.describe(views.messages(), RequestContext.lang(ctx), d, labels, ids)
        : new JsonObject();
  }

  // ---- small helpers

  /** A date and a time input as one local date-time text; null when either is empty. */
  public static String joined(String date, String time) {
    return date == null || date.isBlank() || time == null || time.isBlank() ? null : date.trim() + "T" + time.trim();
  }

  private static LocalDateTime localDateTime(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    // a prefill from a link: anything odd (or outside the years the platform deals with) is simply not filled in
    if (Validator.parseInstant(raw.trim()) == null) {
      return null;
    }
    try {
      return LocalDateTime.parse(raw.trim());
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  private static JsonArray kindOptions(String selected, boolean withAll) {
    JsonArray out = new JsonArray();
    if (withAll) {
      out.add(new JsonObject().put("value", "").put("labelKey", "resource.kindAll").put("selected", selected.isEmpty()));
    }
    for (ResourceKind k : ResourceKind.values()) {
      out.add(new JsonObject().put("value", k.name()).put("labelKey", k.labelKey()).put("selected", k.name().equals(selected)));
    }
    return out;
  }

  public static JsonArray projectOptions(List<ProjectSummary> projects, Long selected, boolean withAll) {
    JsonArray out = new JsonArray();
    if (withAll) {
      out.add(new JsonObject().put("id", "").put("code", "").put("titleKo", "").put("titleEn", "").put("all", true)
          .put("selected", selected == null));
    }
    for (ProjectSummary p : projects) {
      out.add(new JsonObject().put("id", String.valueOf(p.id())).put("code", p.code()).put("titleKo", p.titleKo())
          .put("titleEn", nz(p.titleEn())).put("all", false).put("selected", selected != null && selected == p.id()));
    }
    return out;
  }

  private static JsonArray options(List<String> values, String keyPrefix, String selected) {
    JsonArray out = new JsonArray();
    for (String v : values) {
      out.add(new JsonObject().put("value", v).put("labelKey", keyPrefix + v).put("selected", v.equals(selected)));
    }
    return out;
  }

  private static JsonObject blankOf(String... fields) {
    JsonObject out = new JsonObject();
    for (String f : fields) {
      out.put(f, "");
    }
    return out;
  }

  private static Instant slot(LocalDate day, int hour) {
    return day.atTime(hour, 0).atZone(Zones.SEOUL).toInstant();
  }

  private static boolean overlaps(Instant s1, Instant e1, Instant s2, Instant e2) {
    return s1.isBefore(e2) && s2.isBefore(e1);
  }

  private static long overlapMinutes(List<Interval> intervals, Instant s, Instant e) {
    long total = 0;
    for (Interval i : intervals) {
      Instant a = i.start().isAfter(s) ? i.start() : s;
      Instant b = i.end().isBefore(e) ? i.end() : e;
      if (a.isBefore(b)) {
        total += Duration.between(a, b).toMinutes();
      }
    }
    return total;
  }

  private static Instant firstStart(List<Interval> intervals, Instant s, Instant e) {
    Instant first = null;
    for (Interval i : intervals) {
      if (overlaps(i.start(), i.end(), s, e)) {
        Instant a = i.start().isAfter(s) ? i.start() : s;
        if (first == null || a.isBefore(first)) {
          first = a;
        }
      }
    }
    return first == null ? s : first;
  }

  private static String text(Integer value) {
    return value == null ? "" : String.valueOf(value);
  }

  static String nz(String s) {
    return s == null ? "" : s;
  }
}
