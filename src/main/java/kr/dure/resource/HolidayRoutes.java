package kr.dure.resource;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import kr.dure.auth.Role;
import kr.dure.common.ValidationException;
import kr.dure.common.Validator;
import kr.dure.common.Zones;
import kr.dure.web.Access;
import kr.dure.web.Authentication;
import kr.dure.web.RequestContext;

/** JSON API of the holiday calendar: everyone reads it, the ministry adds and removes its own days. */
public final class HolidayRoutes {

  private final HolidayService holidays;
  private final Authentication authentication;

  public HolidayRoutes(HolidayService holidays, Authentication authentication) {
    this.holidays = holidays;
    this.authentication = authentication;
  }

  public void mountApi(Router api) {
    api.get("/holidays").handler(authentication.api()).handler(Access.anyRole()).respond(this::list);
    api.post("/holidays").handler(authentication.api()).handler(Access.roles(Role.MINISTRY)).handler(this::add);
    api.delete("/holidays/:day").handler(authentication.api()).handler(Access.roles(Role.MINISTRY)).handler(this::remove);
  }

  private Future<JsonArray> list(RoutingContext ctx) {
    int year = yearParam(ctx);
    return holidays.list(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)).map(JsonArray::new);
  }

  private void add(RoutingContext ctx) {
    Validator v = Validator.of(RequestContext.jsonBody(ctx));
    LocalDate day = date(v.requiredText("day", 10));
    String nameKo = v.requiredText("nameKo", 100);
    String nameEn = v.optionalText("nameEn", 100);
    if (day == null && !v.hasErrors()) {
      v.add("day", "validation.date", "day must be a date such as 2027-05-04.");
    }
    v.throwIfInvalid();
    holidays.add(day, nameKo, nameEn.isEmpty() ? nameKo : nameEn, RequestContext.actor(ctx))
        .onSuccess(h -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(h.encode()))
        .onFailure(ctx::fail);
  }

  private void remove(RoutingContext ctx) {
    LocalDate day = date(ctx.pathParam("day"));
    if (day == null) {
      throw ValidationException.of("day", "validation.date", "The day must be a date such as 2027-05-04.");
    }
    holidays.remove(day, RequestContext.actor(ctx)).onSuccess(x -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  private static int yearParam(RoutingContext ctx) {
    String raw = ctx.request().getParam("year");
    if (raw == null || raw.isBlank()) {
      return LocalDate.now(Zones.SEOUL).getYear();
    }
    try {
      int year = Integer.parseInt(raw.trim());
      if (year >= 2000 && year <= 2100) {
        return year;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ValidationException.of("year", "validation.range", "year must be from 2000 to 2100.");
  }

  private static LocalDate date(String raw) {
    return raw == null ? null : Validator.parseDate(raw.trim());
  }
}
