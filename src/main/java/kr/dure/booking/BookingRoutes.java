package kr.dure.booking;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import kr.dure.common.ValidationException;
import kr.dure.common.Validator;
import kr.dure.web.Access;
import kr.dure.web.Authentication;
import kr.dure.web.Params;
import kr.dure.web.RequestContext;

/** JSON API for bookings and the waitlist. */
public final class BookingRoutes {

  private final BookingService bookings;
  private final Authentication authentication;

  public BookingRoutes(BookingService bookings, Authentication authentication) {
    this.bookings = bookings;
    this.authentication = authentication;
  }

  public void mountApi(Router api) {
    api.route("/bookings*").handler(authentication.api()).handler(Access.anyRole());
    api.route("/waitlist*").handler(authentication.api()).handler(Access.anyRole());
    api.route("/projects/:id/bookings").handler(authentication.api()).handler(Access.anyRole());
    api.post("/bookings").handler(this::create);
    api.get("/bookings").respond(this::mine);
    api.get("/bookings/:id").respond(ctx -> bookings.get(RequestContext.currentUser(ctx), Params.pathId(ctx, "id")).map(Booking::toJson));
    api.post("/bookings/:id/cancel").respond(ctx -> bookings.cancel(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"),
        reason(ctx, false), RequestContext.ip(ctx)).map(Booking::toJson));
    api.post("/bookings/:id/cancel-series").respond(ctx -> bookings.cancelRestOfSeries(RequestContext.currentUser(ctx),
        Params.pathId(ctx, "id"), reason(ctx, false), RequestContext.ip(ctx)).map(BookingRoutes::array));
    api.post("/bookings/:id/approve").respond(ctx -> bookings.approve(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"),
        RequestContext.ip(ctx)).map(Booking::toJson));
    api.post("/bookings/:id/reject").respond(ctx -> bookings.reject(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"),
        reason(ctx, true), RequestContext.ip(ctx)).map(Booking::toJson));
    api.post("/bookings/:id/check-in").respond(ctx -> bookings.checkIn(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"),
        RequestContext.ip(ctx)).map(Booking::toJson));
    api.post("/bookings/:id/check-out").respond(ctx -> bookings.checkOut(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"),
        RequestContext.ip(ctx)).map(Booking::toJson));
    api.post("/bookings/:id/claim").respond(ctx -> bookings.waitlist().claim(RequestContext.currentUser(ctx),
        Params.pathId(ctx, "id"), RequestContext.ip(ctx)).map(Booking::toJson));
    api.get("/projects/:id/bookings").respond(this::forProject);
    api.post("/waitlist").handler(this::joinWaitlist);
    api.get("/waitlist").respond(ctx -> bookings.waitlist().mine(RequestContext.currentUser(ctx))
        .map(list -> array(list.stream().map(WaitlistRepository.Entry::toJson).toList())));
    api.delete("/waitlist/:id").handler(ctx -> bookings.waitlist().leave(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"),
            RequestContext.ip(ctx))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail));
  }

  private void create(RoutingContext ctx) {
    JsonObject body = RequestContext.jsonBody(ctx);
    BookingRequest request = BookingRequest.fromJson(body);
    String key = ctx.request().getHeader("Idempotency-Key");
    if (key != null && (key.isBlank() || key.length() > 200)) {
      throw ValidationException.of("Idempotency-Key", "validation.idempotencyKey",
          "The Idempotency-Key header must be 1 to 200 characters, e.g. a UUID.");
    }
    bookings.create(RequestContext.currentUser(ctx), request, key, hash(body), RequestContext.ip(ctx))
        .onSuccess(created -> {
          Object id = created.body().getValue("id");
          if (id != null) {
            ctx.response().putHeader("Location", "/api/v1/bookings/" + id);
          }
          ctx.response().setStatusCode(created.status()).putHeader("Content-Type", "application/json").end(created.body().encode());
        })
        .onFailure(ctx::fail);
  }

  private Future<JsonArray> mine(RoutingContext ctx) {
    Instant from = Params.instant(ctx, "from", Instant.now().minus(Duration.ofDays(30)));
    Instant to = Params.instant(ctx, "to", from.plus(Duration.ofDays(120)));
    window(from, to);
    return bookings.mine(RequestContext.currentUser(ctx), from, to).map(BookingRoutes::array);
  }

  private Future<JsonArray> forProject(RoutingContext ctx) {
    Instant from = Params.instant(ctx, "from", Instant.now().minus(Duration.ofDays(1)));
    Instant to = Params.instant(ctx, "to", from.plus(Duration.ofDays(14)));
    window(from, to);
    return bookings.forProject(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"), from, to,
        Params.optionalEnum(ctx, "status", BookingStatus.class)).map(BookingRoutes::array);
  }

  private void joinWaitlist(RoutingContext ctx) {
    BookingRequest request = BookingRequest.fromJson(RequestContext.jsonBody(ctx));
    bookings.waitlist().join(RequestContext.currentUser(ctx), request, RequestContext.ip(ctx))
        .onSuccess(entry -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(entry.toJson().encode()))
        .onFailure(ctx::fail);
  }

  private static void window(Instant from, Instant to) {
    if (!to.isAfter(from) || Duration.between(from, to).toDays() > 400) {
      throw ValidationException.of("to", "validation.range", "to must be after from and at most 400 days later.");
    }
  }

  private static String reason(RoutingContext ctx, boolean required) {
    JsonObject body = ctx.body().length() == 0 ? null : RequestContext.jsonBody(ctx);
    Validator v = Validator.of(body);
    String reason = required ? v.requiredText("reason", 500) : v.optionalText("reason", 500);
    v.throwIfInvalid();
    return reason;
  }

  /** The request's identity for Idempotency-Key: the same key with another body is refused. */
  static String hash(JsonObject body) {
    try {
      String canonical = body == null ? "" : new java.util.TreeMap<>(body.getMap()).toString();
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonArray array(List<?> items) {
    JsonArray out = new JsonArray();
    items.forEach(i -> out.add(i instanceof Booking b ? b.toJson() : i));
    return out;
  }
}
