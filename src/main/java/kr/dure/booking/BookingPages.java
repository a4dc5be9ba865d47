package kr.dure.booking;

import io.vertx.core.Future;
import io.vertx.core.Handler;
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
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.dure.auth.CurrentUser;
import kr.dure.auth.Role;
import kr.dure.common.ConflictException;
import kr.dure.common.DomainException;
import kr.dure.common.ForbiddenException;
import kr.dure.common.NotFoundException;
import kr.dure.common.ValidationException;
import kr.dure.common.Validator;
import kr.dure.common.Zones;
import kr.dure.project.ProjectService;
import kr.dure.resource.Departure;
import kr.dure.resource.Resource;
import kr.dure.resource.ResourceKind;
import kr.dure.resource.ResourcePages;
import kr.dure.resource.ResourceService;
import kr.dure.web.Access;
import kr.dure.web.Authentication;
import kr.dure.web.LocalTimes;
import kr.dure.web.Messages;
import kr.dure.web.PageErrors;
import kr.dure.web.Params;
import kr.dure.web.RequestContext;
import kr.dure.web.Views;

/**
 * Booking pages: the firm's booking and waitlist forms, "my bookings" with cancel, check-in,
 * check-out and claim; the coordinator's schedule board and approval queue. Every form answers
 * with a 303; a refused one shows its page again with the reason in words.
 */
public final class BookingPages {

  /** How far back and ahead "my bookings" looks. */
  private static final Duration MINE_BACK = Duration.ofDays(90);
  private static final Duration MINE_AHEAD = Duration.ofDays(400);
  /** States that no longer take a slot and that the board leaves out. */
  private static final Set<BookingStatus> GONE = EnumSet.of(BookingStatus.CANCELLED, BookingStatus.REJECTED, BookingStatus.EXPIRED);
  /** Success messages a redirect may ask for, by their query value. */
  private static final Set<String> DONE = Set.of("cancelled", "cancelledSeries", "checkedIn", "checkedOut", "claimed", "left",
      "waitlisted", "approved", "rejected");
  private static final List<String> FORM_FIELDS = List.of("startDate", "startTime", "endDate", "endTime", "units", "purpose",
      "repeat", "repeatUntil", "repeatCount", "repeatMode", "departureId", "pallets", "kg");
  /** Labels of the booking form's fields, by the field names BookingRequest reports. */
  private static final Map<String, String> LABELS = Map.ofEntries(
      Map.entry("start", "booking.field.start"), Map.entry("end", "booking.field.end"), Map.entry("units", "booking.field.units"),
      Map.entry("purpose", "booking.field.purpose"), Map.entry("departureId", "booking.field.departure"),
      Map.entry("pallets", "booking.field.pallets"), Map.entry("kg", "booking.field.kg"),
      Map.entry("recurrence", "booking.field.repeat"), Map.entry("recurrence.frequency", "booking.field.repeat"),
      Map.entry("recurrence.until", "booking.field.repeatUntil"), Map.entry("recurrence.count", "booking.field.repeatCount"),
      Map.entry("recurrence.mode", "booking.field.repeatMode"), Map.entry("recurrence.interval", "booking.field.repeat"),
      Map.entry("resourceId", "booking.field.resource"), Map.entry("organisationId", "booking.field.resource"));
  /** The input each field's message stands next to. */
  private static final Map<String, String> INPUTS = Map.ofEntries(
      Map.entry("start", "startDate"), Map.entry("end", "endDate"), Map.entry("units", "units"), Map.entry("purpose", "purpose"),
      Map.entry("departureId", "departureId"), Map.entry("pallets", "pallets"), Map.entry("kg", "kg"),
      Map.entry("recurrence", "repeat"), Map.entry("recurrence.frequency", "repeat"), Map.entry("recurrence.interval", "repeat"),
      Map.entry("recurrence.until", "repeatUntil"), Map.entry("recurrence.count", "repeatCount"),
      Map.entry("recurrence.mode", "repeatMode"));

  private final Authentication authentication;
  private final Views views;
  private final BookingService bookings;
  private final ResourceService resources;
  private final ResourcePages resourcePages;
  private final ProjectService projects;
  private final Clock clock;

  public BookingPages(Authentication authentication, Views views, BookingService bookings, ResourceService resources,
      ResourcePages resourcePages, ProjectService projects, Clock clock) {
    this.authentication = authentication;
    this.views = views;
    this.bookings = bookings;
    this.resources = resources;
    this.resourcePages = resourcePages;
    this.projects = projects;
    this.clock = clock;
  }

  public void mountPages(Router router) {
    Handler<RoutingContext> page = authentication.page();
    Handler<RoutingContext> firm = Access.roles(Role.FIRM);
    Handler<RoutingContext> coordinator = Access.roles(Role.COORDINATOR);
    router.post("/resources/:id/book").handler(page).handler(firm).handler(this::bookForm);
    router.post("/resources/:id/waitlist").handler(page).handler(firm).handler(this::waitlistForm);
    router.get("/bookings").handler(page).handler(firm).handler(this::minePage);
    router.get("/bookings/:id/cancel").handler(page).handler(firm).handler(this::cancelPage);
    router.post("/bookings/:id/cancel").handler(page).handler(firm).handler(this::cancelForm);
    router.post("/bookings/:id/check-in").handler(page).handler(firm).handler(this::checkInForm);
    router.post("/bookings/:id/check-out").handler(page).handler(firm).handler(this::checkOutForm);
    router.post("/bookings/:id/claim").handler(page).handler(firm).handler(this::claimForm);
    router.post("/waitlist/:id/leave").handler(page).handler(firm).handler(this::leaveForm);
    // the links in booking notifications point here
    router.get("/firm/bookings").handler(ctx -> ctx.redirect("/bookings"));

    router.get("/coordinator/board").handler(page).handler(coordinator).handler(this::boardPage);
    router.get("/coordinator/approvals").handler(page).handler(coordinator).handler(this::approvalsPage);
    router.post("/coordinator/approvals/:id/approve").handler(page).handler(coordinator).handler(this::approveForm);
    router.post("/coordinator/approvals/:id/reject").handler(page).handler(coordinator).handler(this::rejectForm);
  }

  // ---- firm: booking and waitlist forms

  private void bookForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    CurrentUser me = RequestContext.currentUser(ctx);
    MultiMap form = ctx.request().formAttributes();
    String key = requestKey(form);
    resources.get(me, id).compose(r -> {
          MultiMap request = requestForm(r, form, true);
          BookingRequest parsed = BookingRequest.fromForm(request);
          return bookings.create(me, parsed, key, key == null ? null : BookingRoutes.hash(canonical(request)), RequestContext.ip(ctx));
        })
        .onSuccess(created -> PageErrors.seeOther(ctx, bookedLocation(created.body())))
        .onFailure(e -> refuseBooking(ctx, id, form, e, true));
  }

  private void waitlistForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    CurrentUser me = RequestContext.currentUser(ctx);
    MultiMap form = ctx.request().formAttributes();
    resources.get(me, id)
        .compose(r -> bookings.waitlist().join(me, BookingRequest.fromForm(requestForm(r, form, false)), RequestContext.ip(ctx)))
        .onSuccess(entry -> PageErrors.seeOther(ctx, "/bookings?done=waitlisted#waitlist"))
        .onFailure(e -> refuseBooking(ctx, id, form, e, false));
  }

  /** The form a page sent, as BookingRequest reads it: a date and a time input make one instant; nothing the page did not offer. */
  private static MultiMap requestForm(Resource r, MultiMap form, boolean allowRepeat) {
    MultiMap out = MultiMap.caseInsensitiveMultiMap();
    out.set("resourceId", String.valueOf(r.id()));
    out.set("purpose", nz(form.get("purpose")));
    if (r.kind() == ResourceKind.DELIVERY_RUN) {
      if (nz(form.get("departureId")).isBlank()) {
        throw ValidationException.of("departureId", "validation.departure", "Choose a departure.");
      }
      out.set("departureId", form.get("departureId").trim());
      out.set("pallets", nz(form.get("pallets")));
      out.set("kg", nz(form.get("kg")));
      return out;
    }
    String start = ResourcePages.joined(form.get("startDate"), form.get("startTime"));
    String end = ResourcePages.joined(form.get("endDate"), form.get("endTime"));
    if (start != null) {
      out.set("start", start);
    }
    if (end != null) {
      out.set("end", end);
    }
    out.set("units", r.kind() == ResourceKind.FACILITY ? nz(form.get("units")) : "1");
    String repeat = nz(form.get("repeat"));
    if (allowRepeat && !repeat.isBlank() && !"NONE".equals(repeat)) {
      out.set("repeat", repeat);
      out.set("repeatUntil", nz(form.get("repeatUntil")));
      out.set("repeatCount", nz(form.get("repeatCount")));
      out.set("repeatMode", nz(form.get("repeatMode")));
    }
    return out;
  }

  private static JsonObject canonical(MultiMap request) {
    JsonObject json = new JsonObject();
    request.forEach(e -> json.put(e.getKey(), e.getValue()));
    return json;
  }

  /** The hidden per-rendering key of the booking form; a strange one is ignored rather than refused. */
  private static String requestKey(MultiMap form) {
    String key = form.get("requestKey");
    return key == null || key.isBlank() || key.length() > 200 ? null : key.trim();
  }

  private static String bookedLocation(JsonObject body) {
    // a series answers with the list it created; a single booking is the booking itself (whose seriesId is null)
    if (body.getValue("created") instanceof JsonArray) {
      JsonArray created = body.getJsonArray("created", new JsonArray());
      long first = created.isEmpty() ? 0 : created.getJsonObject(0).getLong("id");
      int skipped = body.getJsonArray("conflicts", new JsonArray()).size();
      return "/bookings?booked=" + first + "&count=" + created.size() + "&skipped=" + skipped;
    }
    return "/bookings?booked=" + body.getValue("id");
  }

  /** A refused booking: the resource page again, with the reasons, the free alternatives and, when full, the waitlist. */
  private void refuseBooking(RoutingContext ctx, long id, MultiMap form, Throwable e, boolean offerWaitlist) {
    e = PageErrors.contention(e);
    if (!(e instanceof DomainException d) || e instanceof NotFoundException || e instanceof ForbiddenException) {
      ctx.fail(e);
      return;
    }
    String lang = RequestContext.lang(ctx);
    Messages messages = views.messages();
    JsonObject values = new JsonObject();
    FORM_FIELDS.forEach(f -> values.put(f, nz(form.get(f)).trim()));
    JsonObject shown = PageErrors.describe(messages, lang, d, LABELS, INPUTS);
    JsonObject state = new JsonObject().put("values", values)
        .put("errors", shown.getJsonArray("errors")).put("fieldErrors", shown.getJsonObject("fieldErrors"));
    if (d instanceof ConflictException c) {
      JsonArray alternatives = new JsonArray();
      c.extensions().getJsonArray("alternatives", new JsonArray()).forEach(o -> {
        JsonObject alt = (JsonObject) o;
        Instant s = Instant.parse(alt.getString("start"));
        Instant end = Instant.parse(alt.getString("end"));
        alternatives.add(new JsonObject().put("label", LocalTimes.range(s, end, lang)).put("href", prefillHref(id, s, end, values)));
      });
      state.put("alternatives", alternatives);
      JsonArray conflicts = new JsonArray();
      c.extensions().getJsonArray("conflicts", new JsonArray()).forEach(o -> {
        JsonObject conflict = (JsonObject) o;
        conflicts.add(new JsonObject().put("label",
            LocalTimes.range(Instant.parse(conflict.getString("start")), Instant.parse(conflict.getString("end")), lang)));
      });
      state.put("seriesConflicts", conflicts);
      boolean full = List.of("conflict.slotTaken", "conflict.facilityFull", "conflict.runFull").contains(c.messageKey());
      boolean single = values.getString("repeat").isEmpty() || "NONE".equals(values.getString("repeat"));
      state.put("waitlist", offerWaitlist && full && single);
    }
    LocalDate week = date(form.get("week"));
    if (week == null) {
      week = date(values.getString("startDate"));
    }
    if (week == null) {
      week = LocalDate.now(clock.withZone(Zones.SEOUL));
    }
    resourcePages.renderShow(ctx, d.status(), id, week.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), state)
        .onFailure(ctx::fail);
  }

  private static String prefillHref(long id, Instant start, Instant end, JsonObject values) {
    LocalDate day = LocalTimes.local(start).toLocalDate();
    return "/resources/" + id + "?week=" + day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
        + "&start=" + day + "T" + LocalTimes.clock(start)
        + "&end=" + LocalTimes.local(end).toLocalDate() + "T" + LocalTimes.clock(end)
        + "&units=" + (values.getString("units").matches("\\d{1,6}") ? values.getString("units") : "1")
        + (values.getString("purpose").isEmpty() ? ""
            : "&purpose=" + java.net.URLEncoder.encode(values.getString("purpose"), java.nio.charset.StandardCharsets.UTF_8))
        + "#booking-form";
  }

  // ---- firm: my bookings

  private void minePage(RoutingContext ctx) {
    JsonObject extra = new JsonObject();
    String done = ctx.request().getParam("done");
    if (done != null && DONE.contains(done)) {
      extra.put("success", views.messages().get(RequestContext.lang(ctx), "bookings.done." + done));
    }
    renderMine(ctx, 200, extra, bookedParam(ctx)).onFailure(ctx::fail);
  }

  private static long[] bookedParam(RoutingContext ctx) {
    String booked = ctx.request().getParam("booked");
    if (booked == null || !booked.matches("\\d{1,18}")) {
      return null;
    }
    return new long[] {Long.parseLong(booked), count(ctx.request().getParam("count"), 1), count(ctx.request().getParam("skipped"), 0)};
  }

  private static long count(String raw, long fallback) {
    return raw != null && raw.matches("\\d{1,6}") ? Long.parseLong(raw) : fallback;
  }

  /** "My bookings": upcoming and past, the waitlist, and a message (success or error) at the top. */
  private Future<Void> renderMine(RoutingContext ctx, int status, JsonObject extra, long[] booked) {
    CurrentUser me = RequestContext.currentUser(ctx);
    String lang = RequestContext.lang(ctx);
    Instant now = clock.instant();
    Future<List<Booking>> list = bookings.mine(me, now.minus(MINE_BACK), now.plus(MINE_AHEAD));
    Future<List<WaitlistRepository.Entry>> waiting = bookings.waitlist().mine(me);
    return Future.all(list, waiting).compose(all -> {
      List<Long> ids = new ArrayList<>();
      list.result().forEach(b -> ids.add(b.resourceId()));
      waiting.result().forEach(w -> ids.add(w.resourceId()));
      return resourcesById(me, ids);
    }).compose(byId -> {
      JsonArray upcoming = new JsonArray();
      JsonArray past = new JsonArray();
      List<Booking> sorted = new ArrayList<>(list.result());
      sorted.sort(Comparator.comparing(Booking::startsAt));
      String success = extra.getString("success", "");
      for (Booking b : sorted) {
        JsonObject row = bookingRow(b, byId.get(b.resourceId()), now, lang);
        if (b.endsAt().isAfter(now)) {
          upcoming.add(row);
        } else {
          past.add(0, row);
        }
        if (booked != null && booked[0] == b.id()) {
          success = bookedMessage(b, byId.get(b.resourceId()), booked, lang);
          row.put("highlight", true);
        }
      }
      if (booked != null && success.isEmpty()) {
        success = views.messages().get(lang, "bookings.done.generic");
      }
      JsonArray entries = new JsonArray();
      for (WaitlistRepository.Entry w : waiting.result()) {
        Resource r = byId.get(w.resourceId());
        entries.add(new JsonObject().put("id", w.id())
            .put("resourceNameKo", r == null ? "#" + w.resourceId() : r.nameKo())
            .put("resourceNameEn", r == null ? "" : nz(r.nameEn()))
            .put("when", LocalTimes.range(w.startsAt(), w.endsAt(), lang))
            .put("amount", amount(r, w.units(), w.pallets(), w.kg(), lang))
            .put("purpose", nz(w.purpose()))
            .put("statusKey", "waitlistStatus." + w.status())
            .put("canLeave", "WAITING".equals(w.status())));
      }
      Map<String, Object> model = new HashMap<>();
      model.put("upcoming", upcoming);
      model.put("past", past);
      model.put("waitlist", entries);
      model.put("success", success);
      model.put("errors", extra.getJsonArray("errors", new JsonArray()));
      return views.render(ctx, status, "booking-mine", model);
    });
  }

  private String bookedMessage(Booking b, Resource r, long[] booked, String lang) {
    Messages m = views.messages();
    String name = resourceName(r, b.resourceId(), lang);
    String when = LocalTimes.range(b.startsAt(), b.endsAt(), lang);
    String text = booked[1] > 1
        ? m.get(lang, b.status() == BookingStatus.REQUESTED ? "bookings.done.seriesRequested" : "bookings.done.series", name, booked[1])
        : m.get(lang, b.status() == BookingStatus.REQUESTED ? "bookings.done.requested" : "bookings.done.booked", name, when);
    return booked[2] > 0 ? text + " " + m.get(lang, "bookings.done.skipped", booked[2]) : text;
  }

  /** The resources of the given ids the caller may see; one that is gone is simply missing. */
  private Future<Map<Long, Resource>> resourcesById(CurrentUser me, List<Long> ids) {
    return resources.list(me, null, null).compose(active -> {
      Map<Long, Resource> byId = new HashMap<>();
      active.forEach(r -> byId.put(r.id(), r));
      List<Future<Resource>> missing = ids.stream().distinct().filter(id -> !byId.containsKey(id))
          .map(id -> resources.get(me, id).otherwise((Resource) null)).toList();
      return Future.all(missing).map(all -> {
        missing.forEach(f -> {
          if (f.result() != null) {
            byId.put(f.result().id(), f.result());
          }
        });
        return byId;
      });
    });
  }

  private JsonObject bookingRow(Booking b, Resource r, Instant now, String lang) {
    Messages m = views.messages();
    int checkInOpens = r == null ? 15 : r.rules().checkInOpensMinutes();
    Instant checkInFrom = b.startsAt().minus(Duration.ofMinutes(checkInOpens));
    boolean confirmed = b.status() == BookingStatus.CONFIRMED;
    boolean held = b.status() == BookingStatus.HELD && b.holdExpiresAt() != null && now.isBefore(b.holdExpiresAt());
    return new JsonObject()
        .put("id", b.id())
        .put("resourceId", b.resourceId())
        .put("resourceNameKo", r == null ? "#" + b.resourceId() : r.nameKo())
        .put("resourceNameEn", r == null ? "" : nz(r.nameEn()))
        .put("kindKey", b.resourceKind().labelKey())
        .put("when", LocalTimes.range(b.startsAt(), b.endsAt(), lang))
        .put("amount", amount(r, b.units(), b.pallets(), b.kg(), lang))
        .put("purpose", nz(b.purpose()))
        .put("statusKey", b.status().labelKey())
        .put("status", b.status().name())
        // the expiry job's stored reason is a fixed English phrase: shown in the reader's language
        .put("reason", WaitlistService.UNDECIDED_REASON.equals(b.reason()) ? m.get(lang, "bookings.reasonUndecided") : nz(b.reason()))
        .put("feeWon", b.feeWon())
        .put("lateCancel", b.lateCancel())
        .put("series", b.seriesId() != null)
        .put("highlight", false)
        .put("canCancel", b.status().cancellable() && now.isBefore(b.startsAt()))
        .put("canCheckIn", confirmed && !now.isBefore(checkInFrom) && now.isBefore(b.endsAt()))
        // only for what is near: a hint on every row of the month would drown the ones that matter
        .put("checkInLater", confirmed && now.isBefore(checkInFrom) && checkInFrom.isBefore(now.plus(Duration.ofDays(1)))
            ? m.get(lang, "bookings.checkInFrom", LocalTimes.dateTime(checkInFrom, lang)) : "")
        .put("canCheckOut", b.status() == BookingStatus.CHECKED_IN)
        .put("canClaim", held)
        .put("holdExpires", held ? m.get(lang, "bookings.holdUntil", LocalTimes.dateTime(b.holdExpiresAt(), lang)) : "");
  }

  private String amount(Resource r, int units, int pallets, int kg, String lang) {
    Messages m = views.messages();
    if (r == null) {
      return "";
    }
    return switch (r.kind()) {
      case EQUIPMENT -> "";
      case FACILITY -> m.get(lang, "bookings.units", units, resourcePages.unitLabel(r, lang));
      case DELIVERY_RUN -> m.get(lang, "bookings.palletsKg", pallets, kg);
    };
  }

  private static String resourceName(Resource r, long id, String lang) {
    if (r == null) {
      return "#" + id;
    }
    return "en".equals(lang) && !nz(r.nameEn()).isBlank() ? r.nameEn() : r.nameKo();
  }

  // ---- firm: changes to one booking

  private void cancelPage(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    CurrentUser me = RequestContext.currentUser(ctx);
    String lang = RequestContext.lang(ctx);
    Instant now = clock.instant();
    bookings.get(me, id).compose(b -> resources.get(me, b.resourceId()).compose(r -> {
      boolean late = b.status() != BookingStatus.HELD
          && now.isAfter(b.startsAt().minus(Duration.ofHours(r.rules().freeCancelHours())));
      Map<String, Object> model = new HashMap<>();
      model.put("booking", bookingRow(b, r, now, lang));
      model.put("late", late);
      model.put("lateFee", kr.dure.web.Views.won(late ? FeeCalculator.percentOf(b.feeWon(), r.rules().lateCancelFeePercent()) : 0L, lang));
      model.put("freeUntil", LocalTimes.dateTime(b.startsAt().minus(Duration.ofHours(r.rules().freeCancelHours())), lang));
      return views.render(ctx, "booking-cancel", model);
    })).onFailure(ctx::fail);
  }

  private void cancelForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    CurrentUser me = RequestContext.currentUser(ctx);
    MultiMap form = ctx.request().formAttributes();
    boolean series = form.get("series") != null;
    Future.succeededFuture().compose(v -> {
      Validator val = Validator.ofForm(form);
      String reason = val.optionalText("reason", 500);
      val.throwIfInvalid();
      Future<Void> cancelled = series
          ? bookings.cancelRestOfSeries(me, id, reason, RequestContext.ip(ctx)).<Void>mapEmpty()
          : bookings.cancel(me, id, reason, RequestContext.ip(ctx)).<Void>mapEmpty();
      return cancelled;
    }).onSuccess(v -> PageErrors.seeOther(ctx, "/bookings?done=" + (series ? "cancelledSeries" : "cancelled")))
        .onFailure(e -> refuseChange(ctx, e));
  }

  private void checkInForm(RoutingContext ctx) {
    bookings.checkIn(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"), RequestContext.ip(ctx))
        .onSuccess(b -> PageErrors.seeOther(ctx, "/bookings?done=checkedIn"))
        .onFailure(e -> refuseChange(ctx, e));
  }

  private void checkOutForm(RoutingContext ctx) {
    bookings.checkOut(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"), RequestContext.ip(ctx))
        .onSuccess(b -> PageErrors.seeOther(ctx, "/bookings?done=checkedOut"))
        .onFailure(e -> refuseChange(ctx, e));
  }

  private void claimForm(RoutingContext ctx) {
    bookings.waitlist().claim(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"), RequestContext.ip(ctx))
        .onSuccess(b -> PageErrors.seeOther(ctx, "/bookings?done=claimed"))
        .onFailure(e -> refuseChange(ctx, e));
  }

  private void leaveForm(RoutingContext ctx) {
    bookings.waitlist().leave(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"), RequestContext.ip(ctx))
        .onSuccess(v -> PageErrors.seeOther(ctx, "/bookings?done=left#waitlist"))
        .onFailure(e -> refuseChange(ctx, e));
  }

  /** A refused change (too late to cancel, check-in not open yet, the hold is gone) shows "my bookings" with why. */
  private void refuseChange(RoutingContext ctx, Throwable e) {
    e = PageErrors.contention(e);
    if (!(e instanceof DomainException d) || e instanceof NotFoundException || e instanceof ForbiddenException) {
      ctx.fail(e);
      return;
    }
    JsonObject shown = PageErrors.describe(views.messages(), RequestContext.lang(ctx), d, Map.of("reason", "booking.field.cancelReason"),
        Map.of());
    renderMine(ctx, d.status(), new JsonObject().put("errors", shown.getJsonArray("errors")), null).onFailure(ctx::fail);
  }

  // ---- coordinator: schedule board

  private void boardPage(RoutingContext ctx) {
    CurrentUser me = RequestContext.currentUser(ctx);
    String lang = RequestContext.lang(ctx);
    Long requested = Params.optionalLong(ctx, "project");
    LocalDate date = dateParam(ctx, "date");
    Instant from = date.atStartOfDay(Zones.SEOUL).toInstant();
    Instant to = date.plusDays(1).atStartOfDay(Zones.SEOUL).toInstant();
    projects.visibleWithMembers(me).compose(mine -> {
      JsonObject project = chosenProject(mine, requested);
      Map<String, Object> model = new HashMap<>();
      model.put("projectOptions", projectOptions(mine, project));
      model.put("hasProject", project != null);
      model.put("projectId", project == null ? "" : String.valueOf(project.getLong("id")));
      model.put("date", date.toString());
      model.put("dateLabel", LocalTimes.date(date, lang));
      String base = "/coordinator/board?" + (project == null ? "" : "project=" + project.getLong("id") + "&") + "date=";
      model.put("prevHref", base + date.minusDays(1));
      model.put("nextHref", base + date.plusDays(1));
      model.put("todayHref", base + LocalDate.now(clock.withZone(Zones.SEOUL)));
      if (project == null) {
        model.put("hours", new JsonArray());
        model.put("rows", new JsonArray());
        model.put("dayBookings", new JsonArray());
        return views.render(ctx, "coordinator-board", model);
      }
      long projectId = project.getLong("id");
      Map<Long, String> firms = firmNames(project);
      return resources.list(me, projectId, null).compose(list -> bookings.forProject(me, projectId, from, to, null)
          .compose(day -> bookings.availability().forResources(list, from, to, day, me.organisationId()).compose(each -> {
            fillBoard(model, list, day, each, firms, date, lang);
            return views.render(ctx, "coordinator-board", model);
          })));
    }).onFailure(ctx::fail);
  }

  private void fillBoard(Map<String, Object> model, List<Resource> list, List<Booking> day,
      List<AvailabilityService.Availability> availabilities, Map<Long, String> firms, LocalDate date, String lang) {
    Messages m = views.messages();
    Instant dayStart = date.atStartOfDay(Zones.SEOUL).toInstant();
    Instant dayEnd = date.plusDays(1).atStartOfDay(Zones.SEOUL).toInstant();
    List<Booking> shown = day.stream().filter(b -> !GONE.contains(b.status())).toList();
    int first = 24;
    int last = -1;
    for (AvailabilityService.Availability a : availabilities) {
      for (Interval i : a.open()) {
        first = Math.min(first, hourOf(i.start(), dayStart));
        last = Math.max(last, hourOf(i.end().minusSeconds(1), dayStart));
      }
      for (Departure d : a.departures()) {
        first = Math.min(first, hourOf(d.departsAt(), dayStart));
        last = Math.max(last, hourOf(d.departsAt(), dayStart));
      }
    }
    for (Booking b : shown) {
      first = Math.min(first, hourOf(b.startsAt().isBefore(dayStart) ? dayStart : b.startsAt(), dayStart));
      last = Math.max(last, hourOf((b.endsAt().isAfter(dayEnd) ? dayEnd : b.endsAt()).minusSeconds(1), dayStart));
    }
    if (last < first) {
      first = 9;
      last = 17;
    }
    JsonArray hours = new JsonArray();
    for (int h = first; h <= last; h++) {
      hours.add(new JsonObject().put("label", String.format("%02d:00", h)));
    }
    JsonArray rows = new JsonArray();
    for (int i = 0; i < list.size(); i++) {
      Resource r = list.get(i);
      AvailabilityService.Availability a = availabilities.get(i);
      List<Booking> mine = shown.stream().filter(b -> b.resourceId() == r.id()).toList();
      JsonArray cells = new JsonArray();
      for (int h = first; h <= last; h++) {
        Instant s = date.atTime(h, 0).atZone(Zones.SEOUL).toInstant();
        Instant e = s.plus(Duration.ofHours(1));
        cells.add(boardCell(r, a, mine, firms, s, e, lang, m));
      }
      rows.add(new JsonObject().put("id", r.id()).put("nameKo", r.nameKo()).put("nameEn", nz(r.nameEn()))
          .put("kindKey", r.kind().labelKey()).put("editHref", "/coordinator/resources/" + r.id() + "/edit").put("cells", cells));
    }
    JsonArray dayBookings = new JsonArray();
    Map<Long, Resource> byId = new HashMap<>();
    list.forEach(r -> byId.put(r.id(), r));
    for (Booking b : day.stream().sorted(Comparator.comparing(Booking::startsAt)).toList()) {
      Resource r = byId.get(b.resourceId());
      dayBookings.add(new JsonObject()
          .put("when", LocalTimes.range(b.startsAt(), b.endsAt(), lang))
          .put("resourceNameKo", r == null ? "#" + b.resourceId() : r.nameKo())
          .put("resourceNameEn", r == null ? "" : nz(r.nameEn()))
          .put("firm", firms.getOrDefault(b.organisationId(), "#" + b.organisationId()))
          .put("statusKey", b.status().labelKey())
          .put("noShow", b.status() == BookingStatus.NO_SHOW)
          .put("amount", amount(r, b.units(), b.pallets(), b.kg(), lang))
          .put("purpose", nz(b.purpose())));
    }
    model.put("hours", hours);
    model.put("rows", rows);
    model.put("dayBookings", dayBookings);
  }

  private JsonObject boardCell(Resource r, AvailabilityService.Availability a, List<Booking> bookingsOfResource, Map<Long, String> firms,
      Instant s, Instant e, String lang, Messages m) {
    JsonArray items = new JsonArray();
    String state = "";
    for (kr.dure.resource.Blackout b : a.blackouts()) {
      if (b.startsAt().isBefore(e) && s.isBefore(b.endsAt())) {
        items.add(m.get(lang, "board.blackout", nz(b.reason())));
        state = "blocked";
      }
    }
    for (Departure d : a.departures()) {
      if (!d.departsAt().isBefore(s) && d.departsAt().isBefore(e)) {
        items.add(d.cancelled()
            ? m.get(lang, "board.departureCancelled", LocalTimes.clock(d.departsAt()))
            : m.get(lang, "board.departure", LocalTimes.clock(d.departsAt()), Math.max(0, d.palletsLeft()), d.palletCapacity()));
      }
    }
    for (Booking b : bookingsOfResource) {
      if (b.startsAt().isBefore(e) && s.isBefore(b.endsAt())) {
        String firm = firms.getOrDefault(b.organisationId(), "#" + b.organisationId());
        if (b.status() == BookingStatus.NO_SHOW) {
          items.add(m.get(lang, "board.noShow", firm));
          state = "noshow";
        } else {
          String what = r.kind() == ResourceKind.FACILITY ? " · " + m.get(lang, "bookings.units", b.units(), resourcePages.unitLabel(r, lang)) : "";
          items.add(firm + " · " + m.get(lang, b.status().labelKey()) + what);
          if (!"noshow".equals(state)) {
            state = "booked";
          }
        }
      }
    }
    String text = "";
    if (!items.isEmpty() && state.isEmpty()) {
      state = "departure";
    }
    // a busy facility's hour reads as units in use of its capacity; the bookings fold into a <details> list
    String summary = "";
    if (r.kind() == ResourceKind.FACILITY) {
      List<Booking> inHour = bookingsOfResource.stream()
          .filter(b -> b.status() != BookingStatus.NO_SHOW && b.startsAt().isBefore(e) && s.isBefore(b.endsAt())).toList();
      if (!inHour.isEmpty()) {
        summary = m.get(lang, "board.unitsUsed", peakUnits(inHour, s), r.capacity(), resourcePages.unitLabel(r, lang), inHour.size());
      }
    }
    if (items.isEmpty()) {
      boolean open = a.open().stream().anyMatch(i -> i.start().isBefore(e) && s.isBefore(i.end()));
      state = open ? "free" : "closed";
      text = m.get(lang, open ? "board.free" : "board.closed");
    }
    return new JsonObject().put("state", state).put("items", items).put("text", text).put("closed", "closed".equals(state))
        .put("summary", summary);
  }

  /** The most units the bookings use at once within an hour starting at {@code from}: at its start or at a booking's start inside it. */
  static int peakUnits(List<Booking> inHour, Instant from) {
    int peak = 0;
    for (Booking p : inHour) {
      Instant at = p.startsAt().isAfter(from) ? p.startsAt() : from;
      int used = inHour.stream().filter(b -> !b.startsAt().isAfter(at) && b.endsAt().isAfter(at)).mapToInt(Booking::units).sum();
      peak = Math.max(peak, used);
    }
    return peak;
  }

  private static int hourOf(Instant t, Instant dayStart) {
    long minutes = Duration.between(dayStart, t).toMinutes();
    return (int) Math.max(0, Math.min(23, minutes / 60));
  }

  private static Map<Long, String> firmNames(JsonObject project) {
    Map<Long, String> names = new HashMap<>();
    project.getJsonArray("members", new JsonArray()).forEach(o -> {
      JsonObject member = (JsonObject) o;
      names.put(member.getLong("organisationId"), member.getString("name"));
    });
    return names;
  }

  // ---- coordinator: approvals

  private void approvalsPage(RoutingContext ctx) {
    JsonObject extra = new JsonObject();
    String done = ctx.request().getParam("done");
    if (done != null && DONE.contains(done)) {
      extra.put("success", views.messages().get(RequestContext.lang(ctx), "bookings.done." + done));
    }
    renderApprovals(ctx, 200, Params.optionalLong(ctx, "project"), extra).onFailure(ctx::fail);
  }

  /** The requests waiting for a decision; {@code extra} may carry a success message, errors and a refused row's reason. */
  private Future<Void> renderApprovals(RoutingContext ctx, int status, Long requested, JsonObject extra) {
    CurrentUser me = RequestContext.currentUser(ctx);
    String lang = RequestContext.lang(ctx);
    Instant now = clock.instant();
    return projects.visibleWithMembers(me).compose(mine -> {
      JsonObject project = chosenProject(mine, requested);
      Map<String, Object> model = new HashMap<>();
      model.put("projectOptions", projectOptions(mine, project));
      model.put("hasProject", project != null);
      model.put("projectId", project == null ? "" : String.valueOf(project.getLong("id")));
      model.put("success", extra.getString("success", ""));
      model.put("errors", extra.getJsonArray("errors", new JsonArray()));
      if (project == null) {
        model.put("requests", new JsonArray());
        return views.render(ctx, status, "coordinator-approvals", model);
      }
      long projectId = project.getLong("id");
      Map<Long, String> firms = firmNames(project);
      Future<List<Booking>> waiting = bookings.forProject(me, projectId, now.minus(Duration.ofDays(30)), now.plus(MINE_AHEAD),
          BookingStatus.REQUESTED);
      Future<List<Resource>> list = resources.list(me, projectId, null);
      return Future.all(waiting, list).compose(all -> {
        Map<Long, Resource> byId = new HashMap<>();
        list.result().forEach(r -> byId.put(r.id(), r));
        JsonArray rows = new JsonArray();
        long refusedId = extra.getLong("refusedId", 0L);
        for (Booking b : waiting.result()) {
          Resource r = byId.get(b.resourceId());
          boolean refused = refusedId == b.id();
          rows.add(new JsonObject().put("id", b.id())
              .put("resourceNameKo", r == null ? "#" + b.resourceId() : r.nameKo())
              .put("resourceNameEn", r == null ? "" : nz(r.nameEn()))
              .put("when", LocalTimes.range(b.startsAt(), b.endsAt(), lang))
              .put("firm", firms.getOrDefault(b.organisationId(), "#" + b.organisationId()))
              .put("amount", amount(r, b.units(), b.pallets(), b.kg(), lang))
              .put("purpose", nz(b.purpose()))
              .put("feeWon", b.feeWon())
              .put("requestedAt", LocalTimes.dateTime(b.createdAt(), lang))
              .put("reason", refused ? extra.getString("reason", "") : "")
              .put("reasonError", refused ? extra.getString("reasonError", "") : ""));
        }
        model.put("requests", rows);
        return views.render(ctx, status, "coordinator-approvals", model);
      });
    });
  }

  private void approveForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    Long project = projectField(ctx);
    bookings.approve(RequestContext.currentUser(ctx), id, RequestContext.ip(ctx))
        .onSuccess(b -> PageErrors.seeOther(ctx, approvalsLocation(project) + "done=approved"))
        .onFailure(e -> refuseDecision(ctx, project, id, "", e));
  }

  private void rejectForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    Long project = projectField(ctx);
    MultiMap form = ctx.request().formAttributes();
    String typed = nz(form.get("reason")).trim();
    Future.succeededFuture().compose(v -> {
      Validator val = Validator.ofForm(form);
      String reason = val.requiredText("reason", 500);
      val.throwIfInvalid();
      return bookings.reject(RequestContext.currentUser(ctx), id, reason, RequestContext.ip(ctx));
    }).onSuccess(b -> PageErrors.seeOther(ctx, approvalsLocation(project) + "done=rejected"))
        .onFailure(e -> refuseDecision(ctx, project, id, typed, e));
  }

  private void refuseDecision(RoutingContext ctx, Long project, long id, String reason, Throwable e) {
    e = PageErrors.contention(e);
    if (!(e instanceof DomainException d) || e instanceof NotFoundException || e instanceof ForbiddenException) {
      ctx.fail(e);
      return;
    }
    JsonObject shown = PageErrors.describe(views.messages(), RequestContext.lang(ctx), d, Map.of("reason", "approvals.reason"),
        Map.of("reason", "reason-" + id));
    JsonObject extra = new JsonObject().put("errors", shown.getJsonArray("errors")).put("refusedId", id).put("reason", reason)
        .put("reasonError", shown.getJsonObject("fieldErrors").getString("reason-" + id, ""));
    renderApprovals(ctx, d.status(), project, extra).onFailure(ctx::fail);
  }

  private static Long projectField(RoutingContext ctx) {
    String raw = ctx.request().getFormAttribute("project");
    return raw != null && raw.matches("\\d{1,18}") ? Long.valueOf(raw) : null;
  }

  private static String approvalsLocation(Long project) {
    return "/coordinator/approvals?" + (project == null ? "" : "project=" + project + "&");
  }

  // ---- helpers

  /** The project asked for among the caller's, else their first; null when there is none. */
  private static JsonObject chosenProject(JsonArray mine, Long requested) {
    for (Object o : mine) {
      JsonObject p = (JsonObject) o;
      if (requested == null || p.getLong("id").equals(requested)) {
        return p;
      }
    }
    if (requested != null) {
      throw new NotFoundException("Project " + requested + " is not one you coordinate.");
    }
    return null;
  }

  private static JsonArray projectOptions(JsonArray mine, JsonObject chosen) {
    JsonArray out = new JsonArray();
    for (Object o : mine) {
      JsonObject p = (JsonObject) o;
      out.add(new JsonObject().put("id", String.valueOf(p.getLong("id"))).put("code", p.getString("code"))
          .put("titleKo", p.getString("titleKo")).put("titleEn", nz(p.getString("titleEn")))
          .put("selected", chosen != null && p.getLong("id").equals(chosen.getLong("id"))));
    }
    return out;
  }

  private LocalDate dateParam(RoutingContext ctx, String name) {
    String raw = ctx.request().getParam(name);
    if (raw == null || raw.isBlank()) {
      return LocalDate.now(clock.withZone(Zones.SEOUL));
    }
    LocalDate parsed = date(raw);
    if (parsed == null) {
      throw ValidationException.of(name, "validation.date", name + " must be a date such as 2026-12-01.");
    }
    return parsed;
  }

  private static LocalDate date(String raw) {
    return raw == null || raw.isBlank() ? null : Validator.parseDate(raw.trim());
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
