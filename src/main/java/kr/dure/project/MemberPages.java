package kr.dure.project;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kr.dure.auth.AuthService;
import kr.dure.auth.CurrentUser;
import kr.dure.auth.Role;
import kr.dure.auth.User;
import kr.dure.common.ConflictException;
import kr.dure.common.DomainException;
import kr.dure.common.ForbiddenException;
import kr.dure.common.GoneException;
import kr.dure.common.NotFoundException;
import kr.dure.common.ValidationException;
import kr.dure.common.Validator;
import kr.dure.web.Access;
import kr.dure.web.Authentication;
import kr.dure.web.LocalTimes;
import kr.dure.web.PageErrors;
import kr.dure.web.Params;
import kr.dure.web.RequestContext;
import kr.dure.web.Views;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The members page of a project (its organisations, their people and pending invitations, with
 * the coordinator's and the ministry's forms) and the invitee's page behind an invitation link.
 */
public final class MemberPages {

  private static final Logger LOG = LoggerFactory.getLogger(MemberPages.class);
  private static final List<String> INVITE_FIELDS = List.of("email", "name", "role", "organisationId");
  private static final List<String> ORG_FIELDS = List.of("kind", "name", "nameEn", "businessNumber", "regionCode", "address");

  private final Authentication authentication;
  private final Views views;
  private final MemberService members;
  private final InvitationService invitations;
  private final AuthService auth;

  public MemberPages(Authentication authentication, Views views, MemberService members, InvitationService invitations, AuthService auth) {
    this.authentication = authentication;
    this.views = views;
    this.members = members;
    this.invitations = invitations;
    this.auth = auth;
  }

  public void mountPages(Router router) {
    router.route("/projects/:id/members*").handler(authentication.page()).handler(Access.anyRole());
    router.get("/projects/:id/members").handler(this::membersPage);
    router.post("/projects/:id/members/invite").handler(this::inviteForm);
    router.post("/projects/:id/members/organisations").handler(this::addOrganisationForm);
    router.post("/projects/:id/members/organisations/:orgId/remove").handler(this::removeOrganisationForm);
    router.post("/projects/:id/members/users/:userId/deactivate").handler(ctx -> membershipForm(ctx, false));
    router.post("/projects/:id/members/users/:userId/reactivate").handler(ctx -> membershipForm(ctx, true));
    router.post("/projects/:id/members/invitations/:invitationId/revoke").handler(this::revokeForm);
    router.post("/projects/:id/members/invitations/:invitationId/resend").handler(this::resendForm);

    // the token is in the path: no failure here may log the path (see redactedFailure)
    router.route("/invite/:token").handler(authentication.optionalPage()).handler(ctx -> {
      ctx.response().putHeader("Referrer-Policy", "no-referrer");
      ctx.next();
    }).failureHandler(this::redactedFailure);
    router.get("/invite/:token").handler(this::invitePage);
    router.post("/invite/:token").handler(this::acceptForm);
  }

  // ---- the members page

  private void membersPage(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    String saved = ctx.request().getParam("saved");
    JsonObject extra = new JsonObject();
    if (saved != null && saved.matches("[a-zA-Z]{1,40}")) {
      extra.put("saved", "members.saved." + saved);
    }
    render(ctx, 200, id, extra).onFailure(ctx::fail);
  }

  private Future<Void> render(RoutingContext ctx, int status, long projectId, JsonObject extra) {
    CurrentUser me = RequestContext.currentUser(ctx);
    String lang = RequestContext.lang(ctx);
    return members.view(me, projectId).compose(view -> {
      JsonObject project = view.getJsonObject("project");
      boolean manage = project.getBoolean("canManage");
      Map<String, Object> model = new HashMap<>();
      model.put("project", project);
      model.put("canManage", manage);
      model.put("isMinistry", me.role() == Role.MINISTRY);
      // a coordinator cannot switch off their own membership, so their row offers no button
      view.getJsonArray("organisations").forEach(o -> ((JsonObject) o).getJsonArray("users")
          .forEach(u -> ((JsonObject) u).put("self", ((JsonObject) u).getLong("userId") == me.userId())));
      view.getJsonArray("namedOutside").forEach(u -> ((JsonObject) u).put("self", ((JsonObject) u).getLong("userId") == me.userId()));
      model.put("organisations", view.getJsonArray("organisations"));
      model.put("namedOutside", view.getJsonArray("namedOutside"));
      model.put("hasNamedOutside", !view.getJsonArray("namedOutside").isEmpty());
      model.put("invitations", times(view.getJsonArray("invitations"), lang));
      model.put("pastInvitations", times(view.getJsonArray("pastInvitations"), lang));
      JsonObject inviteForm = extra.getJsonObject("inviteForm", new JsonObject());
      JsonObject orgForm = extra.getJsonObject("orgForm", new JsonObject().put("regionCode", project.getString("regionCode")));
      model.put("inviteForm", inviteForm);
      model.put("orgForm", orgForm);
      List<Role> roles = me.role() == Role.MINISTRY ? NewInvitation.ROLES : List.of(Role.FIRM, Role.COORDINATOR);
      JsonArray roleOptions = new JsonArray();
      roles.forEach(r -> roleOptions.add(new JsonObject().put("value", r.name()).put("labelKey", r.labelKey())
          .put("selected", r.name().equals(inviteForm.getString("role")))));
      model.put("roleOptions", roleOptions);
      JsonArray orgOptions = new JsonArray();
      view.getJsonArray("organisations").forEach(o -> {
        JsonObject org = (JsonObject) o;
        orgOptions.add(new JsonObject().put("value", org.getLong("organisationId")).put("name", org.getString("name"))
            .put("kindKey", org.getString("kindKey"))
            .put("selected", String.valueOf(org.getLong("organisationId")).equals(inviteForm.getString("organisationId"))));
      });
      model.put("organisationOptions", orgOptions);
      JsonArray kindOptions = new JsonArray();
      MemberService.ADDABLE_KINDS.forEach(k -> kindOptions.add(new JsonObject().put("value", k.name()).put("labelKey", k.labelKey())
          .put("selected", k.name().equals(orgForm.getString("kind")))));
      model.put("kindOptions", kindOptions);
      model.put("errors", extra.getJsonArray("errors", new JsonArray()));
      model.put("fieldErrors", extra.getJsonObject("fieldErrors", new JsonObject()));
      model.put("saved", extra.getString("saved", ""));
      if (extra.containsKey("link")) {
        model.put("link", extra.getJsonObject("link"));
      }
      if (extra.containsKey("blockedBookings")) {
        JsonArray blocked = new JsonArray();
        extra.getJsonArray("blockedBookings").forEach(b -> {
          JsonObject booking = (JsonObject) b;
          blocked.add(booking.copy().put("when", LocalTimes.range(Instant.parse(booking.getString("start")),
              Instant.parse(booking.getString("end")), lang)).put("statusKey", "bookingStatus." + booking.getString("status")));
        });
        model.put("blockedBookings", blocked);
      }
      return views.render(ctx, status, "project-members", model);
    });
  }

  private static JsonArray times(JsonArray invites, String lang) {
    JsonArray out = new JsonArray();
    invites.forEach(i -> {
      JsonObject inv = ((JsonObject) i).copy();
      inv.put("expiresLocal", LocalTimes.dateTime(Instant.parse(inv.getString("expiresAt")), lang));
      inv.put("createdLocal", LocalTimes.dateTime(Instant.parse(inv.getString("createdAt")), lang));
      inv.put("expired", "EXPIRED".equals(inv.getString("status")));
      out.add(inv);
    });
    return out;
  }

  private void inviteForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    MultiMap form = ctx.request().formAttributes();
    JsonObject values = values(form, INVITE_FIELDS);
    Future.succeededFuture().map(v -> NewInvitation.fromForm(form))
        .compose(in -> invitations.create(RequestContext.currentUser(ctx), id, in, RequestContext.ip(ctx)))
        .onSuccess(created -> showLink(ctx, id, created, "members.saved.invited"))
        .onFailure(e -> refuse(ctx, id, e, new JsonObject().put("inviteForm", values),
            Map.of("email", "members.invite.email", "name", "members.invite.name", "role", "members.invite.role",
                "organisationId", "members.invite.organisation"),
            Map.of("email", "inviteEmail", "name", "inviteName", "role", "inviteRole", "organisationId", "inviteOrganisationId")));
  }

  /** The link is shown on this answer only (it is not kept), so this page is rendered, not redirected to. */
  private void showLink(RoutingContext ctx, long projectId, InvitationService.Created created, String saved) {
    String url = MemberRoutes.baseUrl(ctx) + InvitationService.acceptPath(created.token());
    JsonObject link = new JsonObject().put("url", url).put("email", created.invitation().email())
        .put("expiresLocal", LocalTimes.dateTime(created.invitation().expiresAt(), RequestContext.lang(ctx)));
    render(ctx, 200, projectId, new JsonObject().put("saved", saved).put("link", link)).onFailure(ctx::fail);
  }

  private void addOrganisationForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    MultiMap form = ctx.request().formAttributes();
    JsonObject values = values(form, ORG_FIELDS);
    Future.succeededFuture().map(v -> MemberRoutes.organisation(Validator.ofForm(form)))
        .compose(org -> members.addOrganisation(RequestContext.currentUser(ctx), id, org, RequestContext.ip(ctx)))
        .onSuccess(added -> PageErrors.seeOther(ctx, "/projects/" + id + "/members?saved="
            + (added.getBoolean("existing") ? "organisationLinked" : "organisationAdded") + "#organisations"))
        .onFailure(e -> refuse(ctx, id, e, new JsonObject().put("orgForm", values),
            Map.of("kind", "members.org.kind", "name", "members.org.name", "nameEn", "members.org.nameEn",
                "businessNumber", "members.org.businessNumber", "regionCode", "members.org.regionCode", "address", "members.org.address"),
            Map.of("kind", "orgKind", "name", "orgName", "nameEn", "orgNameEn", "businessNumber", "orgBusinessNumber",
                "regionCode", "orgRegionCode", "address", "orgAddress")));
  }

  private void removeOrganisationForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    long orgId = Params.pathId(ctx, "orgId");
    members.removeOrganisation(RequestContext.currentUser(ctx), id, orgId, RequestContext.ip(ctx))
        .onSuccess(v -> PageErrors.seeOther(ctx, "/projects/" + id + "/members?saved=organisationRemoved#organisations"))
        .onFailure(e -> refuse(ctx, id, e, new JsonObject(), Map.of(), Map.of()));
  }

  private void membershipForm(RoutingContext ctx, boolean active) {
    long id = Params.pathId(ctx, "id");
    long userId = Params.pathId(ctx, "userId");
    CurrentUser me = RequestContext.currentUser(ctx);
    (active ? members.reactivate(me, id, userId, RequestContext.ip(ctx)) : members.deactivate(me, id, userId, RequestContext.ip(ctx)))
        .onSuccess(v -> PageErrors.seeOther(ctx, "/projects/" + id + "/members?saved=" + (active ? "reactivated" : "deactivated")
            + "#organisations"))
        .onFailure(e -> {
          JsonObject extra = new JsonObject();
          if (e instanceof ConflictException c && c.extensions().containsKey("bookings")) {
            extra.put("blockedBookings", c.extensions().getJsonArray("bookings"));
          }
          refuse(ctx, id, e, extra, Map.of(), Map.of());
        });
  }

  private void revokeForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    invitations.revoke(RequestContext.currentUser(ctx), Params.pathId(ctx, "invitationId"), RequestContext.ip(ctx))
        .onSuccess(inv -> PageErrors.seeOther(ctx, "/projects/" + inv.projectId() + "/members?saved=revoked#invitations"))
        .onFailure(e -> refuse(ctx, id, e, new JsonObject(), Map.of(), Map.of()));
  }

  private void resendForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    invitations.resend(RequestContext.currentUser(ctx), Params.pathId(ctx, "invitationId"), RequestContext.ip(ctx))
        .onSuccess(created -> showLink(ctx, created.invitation().projectId(), created, "members.saved.resent"))
        .onFailure(e -> refuse(ctx, id, e, new JsonObject(), Map.of(), Map.of()));
  }

  /** A refused form shows the page again with its messages; not-found and forbidden are the error page. */
  private void refuse(RoutingContext ctx, long id, Throwable e, JsonObject extra, Map<String, String> labels, Map<String, String> inputIds) {
    Throwable failure = PageErrors.contention(e);
    if (!(failure instanceof DomainException d) || failure instanceof NotFoundException || failure instanceof ForbiddenException) {
      ctx.fail(failure);
      return;
    }
    String lang = RequestContext.lang(ctx);
    extra.mergeIn(PageErrors.describe(views.messages(), lang, d, labels, inputIds));
    if (d instanceof ConflictException c && c.extensions().containsKey("records")) {
      // say what keeps the organisation in the project, kind by kind
      JsonArray errors = extra.getJsonArray("errors");
      c.extensions().getJsonObject("records").forEach(r -> errors.add(new JsonObject().put("field", "")
          .put("message", views.messages().get(lang, "members.records." + r.getKey(), r.getValue()))));
    }
    render(ctx, d.status(), id, extra).onFailure(ctx::fail);
  }

  private static JsonObject values(MultiMap form, List<String> fields) {
    JsonObject values = new JsonObject();
    for (String f : fields) {
      String v = form.get(f);
      values.put(f, v == null ? "" : v.trim());
    }
    return values;
  }

  // ---- the invitee's page

  private void invitePage(RoutingContext ctx) {
    String token = ctx.pathParam("token");
    invitations.preview(token)
        .compose(preview -> renderInvite(ctx, 200, preview, new JsonObject()))
        .onFailure(e -> inviteGone(ctx, e));
  }

  private Future<Void> renderInvite(RoutingContext ctx, int status, InvitationService.Preview preview, JsonObject extra) {
    String lang = RequestContext.lang(ctx);
    Invitation inv = preview.invitation();
    Map<String, Object> model = new HashMap<>();
    model.put("invitation", inv.toJson().put("expiresLocal", LocalTimes.dateTime(inv.expiresAt(), lang)));
    model.put("existingAccount", preview.existingAccount());
    model.put("action", InvitationService.acceptPath(ctx.pathParam("token")));
    model.put("name", extra.getString("name", inv.name()));
    model.put("passwordMin", InvitationService.PASSWORD_MIN);
    User signedIn = RequestContext.profile(ctx);
    model.put("signedInAsOther", signedIn != null && !signedIn.email().equals(inv.email()));
    model.put("errors", extra.getJsonArray("errors", new JsonArray()));
    model.put("fieldErrors", extra.getJsonObject("fieldErrors", new JsonObject()));
    return views.render(ctx, status, "invite-accept", model);
  }

  private void acceptForm(RoutingContext ctx) {
    String token = ctx.pathParam("token");
    MultiMap form = ctx.request().formAttributes();
    String name = form.get("name") == null ? "" : form.get("name").trim();
    Future.succeededFuture().map(v -> {
      Validator val = Validator.ofForm(form);
      String password = val.requiredPassword("password", 1, InvitationService.PASSWORD_MAX);
      val.optionalText("name", NewInvitation.NAME_MAX);
      String confirm = form.get("passwordConfirm");
      if (confirm != null && password != null && !confirm.equals(password)) {
        val.add("passwordConfirm", "validation.passwordMismatch", "passwordConfirm must repeat the password.");
      }
      val.throwIfInvalid();
      return password;
    }).compose(password -> invitations.accept(token, name, password, RequestContext.lang(ctx), RequestContext.ip(ctx)))
        .onSuccess(accepted -> {
          Authentication.setSession(ctx, auth.reissue(accepted.user()));
          PageErrors.seeOther(ctx, accepted.user().role().homePath() + "?joined=" + accepted.projectId());
        })
        .onFailure(e -> {
          if (e instanceof ValidationException v || e instanceof ConflictException) {
            DomainException d = (DomainException) e;
            JsonObject extra = PageErrors.describe(views.messages(), RequestContext.lang(ctx), d,
                Map.of("password", "invite.password", "passwordConfirm", "invite.passwordConfirm", "name", "invite.name"), Map.of());
            extra.put("name", name);
            invitations.preview(token).compose(preview -> renderInvite(ctx, d.status(), preview, extra)).onFailure(x -> inviteGone(ctx, x));
          } else {
            inviteGone(ctx, e);
          }
        });
  }

  /** Unknown links are 404, used, revoked and expired ones 410, each with a page that says what to do. */
  private void inviteGone(RoutingContext ctx, Throwable e) {
    if (!(e instanceof NotFoundException) && !(e instanceof GoneException)) {
      ctx.fail(e);
      return;
    }
    String key = e instanceof GoneException g ? g.messageKey() : "invite.unknown";
    Map<String, Object> model = new HashMap<>();
    model.put("messageKey", key);
    model.put("status", ((DomainException) e).status());
    views.render(ctx, ((DomainException) e).status(), "invite-gone", model).onFailure(ctx::fail);
  }

  /** Failures under /invite/ are logged without the path, which holds the token. */
  private void redactedFailure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status = failure instanceof io.vertx.ext.web.handler.HttpException http ? http.getStatusCode() : ctx.statusCode();
    if (failure instanceof DomainException || failure instanceof io.vertx.core.json.DecodeException || (status >= 400 && status < 500)) {
      ctx.next();
      return;
    }
    String id = java.util.UUID.randomUUID().toString();
    LOG.error("Unexpected failure {} on {} /invite/<token>", id, ctx.request().method(), ctx.failure());
    if (ctx.response().headWritten()) {
      ctx.request().connection().close();
      return;
    }
    views.render(ctx, 500, "error", Map.of("status", 500, "message", "Something went wrong on our side (error id " + id + "). Try again later.",
        "fieldErrors", new JsonArray())).onFailure(x -> {
          if (!ctx.response().headWritten()) {
            ctx.response().setStatusCode(500).end();
          }
        });
  }
}
