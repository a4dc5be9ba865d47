package kr.dure.auth;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import kr.dure.common.DomainException;
import kr.dure.common.ValidationException;
import kr.dure.web.Access;
import kr.dure.web.Authentication;
import kr.dure.web.Messages;
import kr.dure.web.RequestContext;
import kr.dure.web.Views;

/** Sign-in page and form, sign-out, the token endpoint, the caller's profile and the language switch. */
public final class AuthRoutes {

  private final AuthService auth;
  private final Authentication authentication;
  private final Views views;

  public AuthRoutes(AuthService auth, Authentication authentication, Views views) {
    this.auth = auth;
    this.authentication = authentication;
    this.views = views;
  }

  public void mountApi(Router api) {
    api.post("/auth/token").respond(this::token);
    api.get("/me").handler(authentication.api()).handler(Access.anyRole()).respond(this::me);
  }

  public void mountPages(Router router) {
    router.get("/login").handler(authentication.optionalPage()).handler(this::loginPage);
    router.post("/login").handler(this::submitLogin);
    router.post("/logout").handler(authentication.optionalPage()).handler(this::logout);
    router.get("/lang/:code").handler(this::switchLanguage);
    router.post("/session/extend").handler(authentication.page()).handler(this::extendSession);
  }

  private Future<JsonObject> token(RoutingContext ctx) {
    Credentials credentials = Credentials.fromJson(RequestContext.jsonBody(ctx));
    return auth.login(credentials, RequestContext.ip(ctx))
        .map(signedIn -> new JsonObject()
            .put("tokenType", "Bearer")
            .put("token", signedIn.token().token())
            .put("expiresAt", signedIn.token().expiresAt().toString())
            .put("user", signedIn.user().toJson()));
  }

  private Future<JsonObject> me(RoutingContext ctx) {
    return auth.findUser(RequestContext.currentUser(ctx).userId())
        .map(found -> found.map(User::toJson).orElseThrow(() -> new kr.dure.common.UnauthorizedException("Sign in again.")));
  }

  private void loginPage(RoutingContext ctx) {
    User me = RequestContext.profile(ctx);
    String next = RequestContext.safeLocalPath(ctx.request().getParam("next"), "");
    if (me != null) {
      ctx.redirect(next.isEmpty() ? me.role().homePath() : next);
      return;
    }
    Map<String, Object> model = new HashMap<>();
    model.put("next", next);
    model.put("loggedOut", ctx.request().getParam("loggedOut") != null);
    views.render(ctx, "auth-login", model).onFailure(ctx::fail);
  }

  private void submitLogin(RoutingContext ctx) {
    var form = ctx.request().formAttributes();
    String next = RequestContext.safeLocalPath(form.get("next"), "");
    String email = form.get("email") == null ? "" : form.get("email").trim();
    Future.succeededFuture()
        .map(v -> Credentials.fromForm(form))
        .compose(credentials -> auth.login(credentials, RequestContext.ip(ctx)))
        .onSuccess(signedIn -> {
          Authentication.setSession(ctx, signedIn.token());
          ctx.response().setStatusCode(303)
              .putHeader("Location", next.isEmpty() ? signedIn.user().role().homePath() : next)
              .end();
        })
        .onFailure(e -> {
          if (!(e instanceof DomainException d)) {
            ctx.fail(e);
            return;
          }
          String lang = RequestContext.lang(ctx);
          Messages messages = views.messages();
          Map<String, Object> model = new HashMap<>();
          model.put("next", next);
          model.put("email", email);
          JsonArray errors = new JsonArray();
          if (d instanceof ValidationException v) {
            v.errors().forEach(fe -> errors.add(new JsonObject()
                .put("field", fe.field())
                .put("message", messages.get(lang, "login.field." + fe.field()) + ": " + messages.get(lang, fe.code()))));
          } else {
            errors.add(new JsonObject().put("field", "password").put("message", messages.get(lang, d.messageKey())));
          }
          model.put("errors", errors);
          if (d instanceof kr.dure.common.TooManyRequestsException t) {
            long seconds = Math.max(1, t.retryAt().getEpochSecond() - java.time.Instant.now().getEpochSecond());
            ctx.response().putHeader("Retry-After", Long.toString(seconds));
          }
          views.render(ctx, d.status(), "auth-login", model).onFailure(ctx::fail);
        });
  }

  private void logout(RoutingContext ctx) {
    CurrentUser user = RequestContext.currentUser(ctx);
    Future<Void> recorded = user == null ? Future.succeededFuture() : auth.recordLogout(user, RequestContext.ip(ctx));
    recorded.onComplete(ar -> {
      Authentication.clearSession(ctx);
      ctx.response().setStatusCode(303).putHeader("Location", "/login?loggedOut=1").end();
    });
  }

  /** The "stay signed in" button of the expiry warning: a fresh token, and the CSRF token that replaced the used one. */
  private void extendSession(RoutingContext ctx) {
    TokenService.Issued token = auth.reissue(RequestContext.profile(ctx));
    Authentication.setSession(ctx, token);
    ctx.json(new JsonObject().put("expiresAt", token.expiresAt().toString()).put("csrf", (String) ctx.get(Views.CSRF_FIELD)));
  }

  private void switchLanguage(RoutingContext ctx) {
    String code = ctx.pathParam("code");
    if (!Messages.LANGUAGES.contains(code)) {
      ctx.fail(ValidationException.of("code", "validation.language", "The language must be ko or en."));
      return;
    }
    ctx.response().addCookie(Cookie.cookie(RequestContext.LANG_COOKIE, code)
        .setPath("/").setMaxAge(365L * 24 * 3600).setSameSite(CookieSameSite.LAX).setSecure(RequestContext.secure(ctx)));
    ctx.redirect(RequestContext.safeLocalPath(ctx.request().getParam("next"), "/"));
  }
}
