package kr.dure.program;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import kr.dure.auth.Role;
import kr.dure.common.Validator;
import kr.dure.web.Access;
import kr.dure.web.Authentication;
import kr.dure.web.Messages;
import kr.dure.web.Params;
import kr.dure.web.RequestContext;

/** JSON API of the call and of applications to it. The call itself is public. */
public final class ProgramRoutes {

  private final ApplicationService applications;
  private final SupportHistoryService supportHistory;
  private final ReviewService reviews;
  private final Authentication authentication;
  private final AttachmentService attachments;
  private final ProgramService programs;
  private final Messages messages;

  public ProgramRoutes(ApplicationService applications, SupportHistoryService supportHistory, ReviewService reviews,
      Authentication authentication, AttachmentService attachments, ProgramService programs, Messages messages) {
    this.attachments = attachments;
    this.programs = programs;
    this.messages = messages;
    this.applications = applications;
    this.reviews = reviews;
    this.supportHistory = supportHistory;
    this.authentication = authentication;
  }

  public void mountApi(Router api) {
    api.post("/calls").handler(authentication.api()).handler(Access.roles(Role.MINISTRY)).handler(this::createCall);
    api.get("/calls/:id").respond(ctx -> applications.call(Params.pathId(ctx, "id")).map(CallRules::toJson));
    api.route("/applications*").handler(authentication.api()).handler(Access.anyRole());
    api.get("/calls/:id/applications").handler(authentication.api()).handler(Access.roles(Role.MINISTRY))
        .respond(ctx -> applications.forCall(RequestContext.currentUser(ctx), Params.pathId(ctx, "id")).map(ProgramRoutes::headers));
    api.post("/applications").handler(this::create);
    api.get("/applications").respond(ctx -> applications.mine(RequestContext.currentUser(ctx)).map(ProgramRoutes::headers));
    api.get("/applications/:id").respond(ctx -> applications.get(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"))
        .map(app -> localized(ctx, app)));
    api.put("/applications/:id").respond(ctx -> save(ctx).map(app -> localized(ctx, app)));
    api.post("/applications/:id/submit").respond(ctx -> applications.submit(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"),
        RequestContext.ip(ctx)).map(app -> localized(ctx, app)));
    api.post("/applications/:id/withdraw").respond(ctx -> applications.withdraw(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"),
        RequestContext.ip(ctx)).map(app -> localized(ctx, app)));
    // live eligibility, attachments, call editing
    api.post("/applications/:id/eligibility").respond(this::checkEligibility);
    api.get("/applications/:id/attachments").respond(ctx -> attachments.list(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"))
        .map(list -> {
          JsonArray out = new JsonArray();
          list.forEach(a -> out.add(a.toJson().put("href", "/api/v1" + a.toJson().getString("href"))));
          return out;
        }));
    api.post("/applications/:id/attachments").handler(this::addAttachment);
    api.get("/applications/:id/attachments/:aid").handler(ctx -> attachments.download(RequestContext.currentUser(ctx),
            Params.pathId(ctx, "id"), Params.pathId(ctx, "aid"))
        .onSuccess(content -> sendAttachment(ctx, content)).onFailure(ctx::fail));
    api.delete("/applications/:id/attachments/:aid").handler(ctx -> attachments.delete(RequestContext.currentUser(ctx),
            Params.pathId(ctx, "id"), Params.pathId(ctx, "aid"), RequestContext.ip(ctx))
        .onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail));
    api.get("/calls").respond(ctx -> programs.listCalls().map(list -> {
      JsonArray out = new JsonArray();
      list.forEach(c -> out.add(c.toJson()));
      return out;
    }));
    api.put("/calls/:id").handler(authentication.api()).handler(Access.roles(Role.MINISTRY)).respond(ctx ->
        applications.updateCall(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"),
            CallInput.fromJson(RequestContext.jsonBody(ctx), true), RequestContext.ip(ctx)).map(CallRules::toJson));
    api.post("/applications/:id/reviewers").handler(Access.roles(Role.MINISTRY)).handler(this::assignReviewer);
    api.put("/applications/:id/scores").handler(Access.roles(Role.REVIEWER)).respond(ctx -> reviews.score(RequestContext.currentUser(ctx),
        Params.pathId(ctx, "id"), scoresOf(ctx), RequestContext.ip(ctx)).map(JsonArray::new));
    api.get("/applications/:id/scores").respond(ctx -> reviews.scores(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"))
        .map(JsonArray::new));
    api.get("/reviews").handler(authentication.api()).handler(Access.roles(Role.REVIEWER))
        .respond(ctx -> reviews.myAssignments(RequestContext.currentUser(ctx)).map(JsonArray::new));
    api.get("/calls/:id/ranking").handler(authentication.api()).handler(Access.roles(Role.MINISTRY))
        .respond(ctx -> reviews.ranking(RequestContext.currentUser(ctx), Params.pathId(ctx, "id")).map(list -> {
          JsonArray out = new JsonArray();
          list.forEach(e -> out.add(e.toJson()));
          return out;
        }));
    api.post("/calls/:id/selection").handler(authentication.api()).handler(Access.roles(Role.MINISTRY)).respond(this::select);
    api.route("/support-history*").handler(authentication.api()).handler(Access.roles(Role.MINISTRY));
    api.get("/support-history").respond(ctx -> supportHistory.list().map(JsonArray::new));
    api.post("/support-history").handler(this::addSupport);
  }

  /** The language of an API answer: Accept-Language when it names Korean or English, else the page language (cookie). */
  static String apiLang(RoutingContext ctx) {
    for (var language : ctx.acceptableLanguages()) {
      String tag = language.tag() == null ? "" : language.tag().toLowerCase(java.util.Locale.ROOT);
      if (Messages.LANGUAGES.contains(tag)) {
        return tag;
      }
    }
    return RequestContext.lang(ctx);
  }

  private JsonObject localized(RoutingContext ctx, JsonObject app) {
    return EligibilityText.localizeApplication(messages, apiLang(ctx), app);
  }

  /** Checks a draft sent in the body (the saved content when the body is empty) without saving it. */
  private Future<JsonObject> checkEligibility(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    JsonObject body = RequestContext.jsonBody(ctx);
    ApplicationDraft draft = body == null || body.isEmpty() ? null : ApplicationDraft.fromJson(body);
    return applications.checkDraft(RequestContext.currentUser(ctx), id, draft)
        .map(e -> EligibilityText.localize(messages, apiLang(ctx), e));
  }

  private void addAttachment(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    String filename = ctx.request().getParam("filename");
    if (filename == null || filename.isBlank() || filename.length() > 500) {
      ctx.fail(kr.dure.common.ValidationException.of("filename", "validation.required",
          "Give the file name in the filename query parameter (at most 500 characters)."));
      return;
    }
    io.vertx.core.buffer.Buffer bytes = ctx.body().buffer();
    attachments.add(RequestContext.currentUser(ctx), id, filename, bytes == null ? io.vertx.core.buffer.Buffer.buffer() : bytes,
            RequestContext.ip(ctx))
        .onSuccess(a -> ctx.response().setStatusCode(201)
            .putHeader("Location", "/api/v1/applications/" + id + "/attachments/" + a.id())
            .putHeader("Content-Type", "application/json")
            .end(a.toJson().put("href", "/api/v1/applications/" + id + "/attachments/" + a.id()).encode()))
        .onFailure(ctx::fail);
  }

  /** Sends an attachment as a download (never shown inline), under its sanitised name; shared with the pages. */
  public static void sendAttachment(RoutingContext ctx, AttachmentRepository.Content content) {
    ctx.response().putHeader("Content-Type", content.attachment().contentType())
        .putHeader("Content-Disposition", kr.dure.common.FileNames.contentDisposition(content.attachment().filename()))
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Cache-Control", "private, no-store")
        .end(content.bytes());
  }

  private void createCall(RoutingContext ctx) {
    CallInput input = CallInput.fromJson(RequestContext.jsonBody(ctx));
    applications.createCall(RequestContext.currentUser(ctx), input, RequestContext.ip(ctx))
        .onSuccess(call -> ctx.response().setStatusCode(201).putHeader("Location", "/api/v1/calls/" + call.id())
            .putHeader("Content-Type", "application/json").end(call.toJson().encode()))
        .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    Validator v = Validator.of(RequestContext.jsonBody(ctx));
    Long callId = v.requiredLong("callId", 1, Long.MAX_VALUE);
    v.throwIfInvalid();
    applications.create(RequestContext.currentUser(ctx), callId, RequestContext.ip(ctx))
        .onSuccess(app -> ctx.response().setStatusCode(201).putHeader("Location", "/api/v1/applications/" + app.getLong("id"))
            .putHeader("Content-Type", "application/json").end(app.encode()))
        .onFailure(ctx::fail);
  }

  private Future<JsonObject> save(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    ApplicationDraft draft = ApplicationDraft.fromJson(RequestContext.jsonBody(ctx));
    return applications.save(RequestContext.currentUser(ctx), id, draft, RequestContext.ip(ctx));
  }

  private void assignReviewer(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    Validator v = Validator.of(RequestContext.jsonBody(ctx));
    Long reviewer = v.requiredLong("reviewerId", 1, Long.MAX_VALUE);
    v.throwIfInvalid();
    reviews.assign(RequestContext.currentUser(ctx), id, reviewer, RequestContext.ip(ctx))
        .onSuccess(x -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private static JsonArray scoresOf(RoutingContext ctx) {
    JsonObject body = RequestContext.jsonBody(ctx);
    Object scores = body == null ? null : body.getValue("scores");
    if (!(scores instanceof JsonArray array)) {
      throw kr.dure.common.ValidationException.of("scores", "validation.required",
          "scores must list {criterion, score, comment} for the call's criteria.");
    }
    return array;
  }

  private Future<JsonArray> select(RoutingContext ctx) {
    long callId = Params.pathId(ctx, "id");
    JsonObject body = RequestContext.jsonBody(ctx);
    Object ids = body == null ? null : body.getValue("applicationIds");
    java.util.List<Long> selected = new java.util.ArrayList<>();
    if (ids instanceof JsonArray array) {
      for (Object o : array) {
        if (o instanceof Number n && n.longValue() > 0 && n.doubleValue() == n.longValue()) {
          selected.add(n.longValue());
        } else {
          throw kr.dure.common.ValidationException.of("applicationIds", "validation.id", "applicationIds must be a list of application ids.");
        }
      }
    } else {
      throw kr.dure.common.ValidationException.of("applicationIds", "validation.required", "applicationIds must be a list of application ids.");
    }
    java.util.Map<Long, String> reasons = new java.util.HashMap<>();
    if (body.getValue("reasons") instanceof JsonObject r) {
      for (String key : r.fieldNames()) {
        try {
          Object text = r.getValue(key);
          if (!(text instanceof String s)) {
            throw new NumberFormatException();
          }
          reasons.put(Long.parseLong(key), s);
        } catch (NumberFormatException e) {
          throw kr.dure.common.ValidationException.of("reasons", "validation.reasons",
              "reasons must map application ids to texts of at most " + ReviewService.REASON_LIMIT + " characters.");
        }
      }
    }
    return reviews.select(RequestContext.currentUser(ctx), callId, selected, reasons, RequestContext.ip(ctx));
  }

  private void addSupport(RoutingContext ctx) {
    Validator v = Validator.of(RequestContext.jsonBody(ctx));
    String code = v.requiredText("sggCode", 5);
    Long year = v.requiredLong("programYear", 2019, 2100);
    String title = v.optionalText("projectTitle", 200);
    String note = v.optionalText("note", 1000);
    if (code != null && !code.matches("[0-9]{5}")) {
      v.add("sggCode", "validation.regionCode", "sggCode must be a 5-digit 시군구 code.");
    }
    v.throwIfInvalid();
    supportHistory.add(code, year.intValue(), title, note, RequestContext.actor(ctx))
        .onSuccess(added -> ctx.response().setStatusCode(added ? 201 : 200).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("sggCode", code).put("programYear", year).put("added", added).encode()))
        .onFailure(ctx::fail);
  }

  private static JsonArray headers(java.util.List<ApplicationRepository.Header> list) {
    JsonArray out = new JsonArray();
    list.forEach(h -> out.add(h.toJson()));
    return out;
  }
}
