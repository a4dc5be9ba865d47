package kr.dure.resource;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import kr.dure.booking.AvailabilityService;
import kr.dure.common.ValidationException;
import kr.dure.common.Validator;
import kr.dure.web.Access;
import kr.dure.web.Authentication;
import kr.dure.web.Params;
import kr.dure.web.RequestContext;

/** JSON API for resources, their availability, blackouts, qualifications and departures. */
public final class ResourceRoutes {

  private final ResourceService resources;
  private final AvailabilityService availability;
  private final Authentication authentication;

  public ResourceRoutes(ResourceService resources, AvailabilityService availability, Authentication authentication) {
    this.resources = resources;
    this.availability = availability;
    this.authentication = authentication;
  }

  public void mountApi(Router api) {
    api.route("/resources*").handler(authentication.api()).handler(Access.anyRole());
    api.get("/resources").respond(this::list);
    api.post("/resources").handler(this::create);
    api.get("/resources/:id").respond(this::show);
    api.put("/resources/:id").respond(this::update);
    api.post("/resources/:id/deactivate").respond(ctx -> setActive(ctx, false));
    api.post("/resources/:id/activate").respond(ctx -> setActive(ctx, true));
    api.get("/resources/:id/availability").respond(this::availability);
    api.put("/resources/:id/photo").handler(ctx -> resources.savePhoto(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"),
            ctx.request().getHeader("Content-Type"), ctx.body().buffer() == null ? io.vertx.core.buffer.Buffer.buffer() : ctx.body().buffer(),
            RequestContext.ip(ctx))
        .onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail));
    api.get("/resources/:id/photo").handler(ctx -> resources.photo(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"))
        .onSuccess(p -> sendPhoto(ctx, p)).onFailure(ctx::fail));
    api.get("/resources/:id/blackouts").respond(this::blackouts);
    api.post("/resources/:id/blackouts").handler(this::addBlackout);
    api.delete("/resources/:id/blackouts/:blackoutId").handler(this::removeBlackout);
    api.get("/resources/:id/qualifications").respond(this::qualifications);
    api.post("/resources/:id/qualifications").handler(this::recordQualification);
    api.get("/resources/:id/departures").respond(this::departures);
    api.post("/resources/:id/departures").handler(this::addDepartures);
  }

  private Future<JsonArray> list(RoutingContext ctx) {
    return resources.list(RequestContext.currentUser(ctx), Params.optionalLong(ctx, "projectId"),
            Params.optionalEnum(ctx, "kind", ResourceKind.class))
        .map(ResourceRoutes::array);
  }

  private void create(RoutingContext ctx) {
    ResourceInput input = ResourceInput.fromJson(RequestContext.jsonBody(ctx));
    resources.create(RequestContext.currentUser(ctx), input, RequestContext.ip(ctx))
        .onSuccess(r -> created(ctx, "/api/v1/resources/" + r.id(), r.toJson()))
        .onFailure(ctx::fail);
  }

  private Future<JsonObject> show(RoutingContext ctx) {
    return resources.get(RequestContext.currentUser(ctx), Params.pathId(ctx, "id")).map(Resource::toJson);
  }

  private Future<JsonObject> update(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    ResourceInput input = ResourceInput.fromJson(RequestContext.jsonBody(ctx));
    return resources.update(RequestContext.currentUser(ctx), id, input, RequestContext.ip(ctx)).map(Resource::toJson);
  }

  private Future<JsonObject> setActive(RoutingContext ctx, boolean active) {
    return resources.setActive(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"), active, RequestContext.ip(ctx))
        .map(Resource::toJson);
  }

  private Future<JsonObject> availability(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    Instant from = Params.instant(ctx, "from", Instant.now());
    Instant to = Params.instant(ctx, "to", from.plus(Duration.ofDays(7)));
    return availability.availability(RequestContext.currentUser(ctx), id, from, to)
        .map(a -> a.toJson().put("from", from.toString()).put("to", to.toString()));
  }

  private Future<JsonArray> blackouts(RoutingContext ctx) {
    Instant from = Params.instant(ctx, "from", Instant.now().minus(Duration.ofDays(1)));
    Instant to = Params.instant(ctx, "to", from.plus(Duration.ofDays(90)));
    if (!to.isAfter(from) || Duration.between(from, to).toDays() > 731) {
      throw ValidationException.of("to", "validation.range", "to must be after from and at most two years later.");
    }
    return resources.blackouts(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"), from, to)
        .map(list -> array(list.stream().map(Blackout::toJson).toList()));
  }

  private void addBlackout(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    Validator v = Validator.of(RequestContext.jsonBody(ctx));
    Instant start = v.requiredInstant("start");
    Instant end = v.requiredInstant("end");
    String reason = v.requiredText("reason", 500);
    if (start != null && end != null && !end.isAfter(start)) {
      v.add("end", "validation.endAfterStart", "end must be after start.");
    }
    v.throwIfInvalid();
    resources.addBlackout(RequestContext.currentUser(ctx), id, start, end, reason, RequestContext.ip(ctx))
        .onSuccess(b -> created(ctx, "/api/v1/resources/" + id + "/blackouts/" + b.id(), b.toJson()))
        .onFailure(ctx::fail);
  }

  private void removeBlackout(RoutingContext ctx) {
    resources.removeBlackout(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"), Params.pathId(ctx, "blackoutId"),
            RequestContext.ip(ctx))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private Future<JsonArray> qualifications(RoutingContext ctx) {
    return resources.qualifications(RequestContext.currentUser(ctx), Params.pathId(ctx, "id")).map(ResourceRoutes::array);
  }

  private void recordQualification(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    Validator v = Validator.of(RequestContext.jsonBody(ctx));
    Long userId = v.requiredLong("userId", 1, Long.MAX_VALUE);
    LocalDate given = v.optionalDate("validFrom");
    LocalDate from = given == null ? LocalDate.now(kr.dure.common.Zones.SEOUL) : given;
    LocalDate until = v.requiredDate("validUntil");
    String note = v.optionalText("note", 500);
    if (from != null && until != null && until.isBefore(from)) {
      v.add("validUntil", "validation.endAfterStart", "validUntil must not be before validFrom.");
    }
    v.throwIfInvalid();
    resources.recordQualification(RequestContext.currentUser(ctx), id, userId, from, until, note, RequestContext.ip(ctx))
        .onSuccess(qid -> created(ctx, "/api/v1/resources/" + id + "/qualifications",
            new JsonObject().put("id", qid).put("userId", userId).put("validFrom", from.toString()).put("validUntil", until.toString())))
        .onFailure(ctx::fail);
  }

  private Future<JsonArray> departures(RoutingContext ctx) {
    Instant from = Params.instant(ctx, "from", Instant.now());
    Instant to = Params.instant(ctx, "to", from.plus(Duration.ofDays(14)));
    if (!to.isAfter(from) || Duration.between(from, to).toDays() > 366) {
      throw ValidationException.of("to", "validation.range", "to must be after from and at most a year later.");
    }
    return resources.departures(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"), from, to)
        .map(list -> array(list.stream().map(Departure::toJson).toList()));
  }

  private void addDepartures(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    DepartureSeries series = DepartureSeries.fromJson(RequestContext.jsonBody(ctx));
    resources.addDepartures(RequestContext.currentUser(ctx), id, series, RequestContext.ip(ctx))
        .onSuccess(list -> created(ctx, "/api/v1/resources/" + id + "/departures", array(list.stream().map(Departure::toJson).toList())))
        .onFailure(ctx::fail);
  }


  /** Sends a stored photo; shared with the pages, which serve it to signed-in browsers. */
  public static void sendPhoto(RoutingContext ctx, ResourceRepository.Photo photo) {
    ctx.response().putHeader("Content-Type", photo.contentType()).putHeader("Cache-Control", "private, max-age=300")
        .end(photo.bytes());
  }

  static void created(RoutingContext ctx, String location, Object body) {
    ctx.response().setStatusCode(201).putHeader("Location", location).putHeader("Content-Type", "application/json")
        .end(body instanceof JsonArray a ? a.encode() : ((JsonObject) body).encode());
  }

  private static JsonArray array(List<?> items) {
    JsonArray out = new JsonArray();
    items.forEach(i -> out.add(i instanceof Resource r ? r.toJson() : i));
    return out;
  }
}
