package kr.dure.project;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import kr.dure.auth.AuthService;
import kr.dure.auth.NewOrganisation;
import kr.dure.auth.OrganisationKind;
import kr.dure.common.ValidationException;
import kr.dure.common.Validator;
import kr.dure.web.Access;
import kr.dure.web.Authentication;
import kr.dure.web.Params;
import kr.dure.web.RequestContext;

/** JSON API of a project's people: members, member organisations, invitations and accepting one. */
public final class MemberRoutes {

  private final MemberService members;
  private final InvitationService invitations;
  private final AuthService auth;
  private final Authentication authentication;

  public MemberRoutes(MemberService members, InvitationService invitations, AuthService auth, Authentication authentication) {
    this.members = members;
    this.invitations = invitations;
    this.auth = auth;
    this.authentication = authentication;
  }

  public void mountApi(Router api) {
    // accepting needs no sign-in: the link's token is the credential
    api.post("/invitations/accept").handler(this::accept);
    for (String path : new String[] {"/projects/:id/members", "/projects/:id/members/*", "/projects/:id/organisations",
        "/projects/:id/organisations/*", "/projects/:id/invitations", "/invitations/:id/revoke", "/invitations/:id/resend"}) {
      api.route(path).handler(authentication.api()).handler(Access.anyRole());
    }
    api.get("/projects/:id/members").respond(ctx -> members.view(RequestContext.currentUser(ctx), Params.pathId(ctx, "id")));
    api.post("/projects/:id/members/:userId/deactivate").handler(ctx -> noContent(ctx, members.deactivate(RequestContext.currentUser(ctx),
        Params.pathId(ctx, "id"), Params.pathId(ctx, "userId"), RequestContext.ip(ctx))));
    api.post("/projects/:id/members/:userId/reactivate").handler(ctx -> noContent(ctx, members.reactivate(RequestContext.currentUser(ctx),
        Params.pathId(ctx, "id"), Params.pathId(ctx, "userId"), RequestContext.ip(ctx))));
    api.post("/projects/:id/organisations").handler(this::addOrganisation);
    api.delete("/projects/:id/organisations/:orgId").handler(ctx -> noContent(ctx, members.removeOrganisation(
        RequestContext.currentUser(ctx), Params.pathId(ctx, "id"), Params.pathId(ctx, "orgId"), RequestContext.ip(ctx))));
    api.post("/projects/:id/invitations").handler(this::invite);
    api.get("/projects/:id/invitations").respond(ctx -> invitations.list(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"))
        .map(list -> {
          JsonArray out = new JsonArray();
          list.forEach(i -> out.add(i.toJson()));
          return out;
        }));
    api.post("/invitations/:id/revoke").respond(ctx -> invitations.revoke(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"),
        RequestContext.ip(ctx)).map(Invitation::toJson));
    api.post("/invitations/:id/resend").respond(ctx -> invitations.resend(RequestContext.currentUser(ctx), Params.pathId(ctx, "id"),
        RequestContext.ip(ctx)).map(c -> created(ctx, c)));
  }

  private void addOrganisation(RoutingContext ctx) {
    long projectId = Params.pathId(ctx, "id");
    NewOrganisation org = organisation(Validator.of(RequestContext.jsonBody(ctx)));
    members.addOrganisation(RequestContext.currentUser(ctx), projectId, org, RequestContext.ip(ctx))
        .onSuccess(json -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(json.encode()))
        .onFailure(ctx::fail);
  }

  private void invite(RoutingContext ctx) {
    long projectId = Params.pathId(ctx, "id");
    NewInvitation in = NewInvitation.fromJson(RequestContext.jsonBody(ctx));
    invitations.create(RequestContext.currentUser(ctx), projectId, in, RequestContext.ip(ctx))
        .onSuccess(c -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(created(ctx, c).encode()))
        .onFailure(ctx::fail);
  }

  /** The link is in this answer only: the server keeps its hash, not the link. */
  private static JsonObject created(RoutingContext ctx, InvitationService.Created c) {
    return c.invitation().toJson().put("token", c.token()).put("acceptUrl", baseUrl(ctx) + InvitationService.acceptPath(c.token()));
  }

  private void accept(RoutingContext ctx) {
    Validator v = Validator.of(RequestContext.jsonBody(ctx));
    String token = v.requiredText("token", 100);
    String password = v.requiredPassword("password", 1, InvitationService.PASSWORD_MAX);
    String name = v.optionalText("name", NewInvitation.NAME_MAX);
    v.throwIfInvalid();
    invitations.accept(token, name, password, "ko", RequestContext.ip(ctx))
        .onSuccess(accepted -> {
          var issued = auth.reissue(accepted.user());
          ctx.json(new JsonObject().put("tokenType", "Bearer").put("token", issued.token())
              .put("expiresAt", issued.expiresAt().toString()).put("user", accepted.user().toJson())
              .put("projectId", accepted.projectId()).put("existingAccount", accepted.existingAccount()));
        })
        .onFailure(ctx::fail);
  }

  /**
   * An organisation to add to a consortium: an SME (with a valid 사업자등록번호 and the 5-digit
   * 시군구 code of its address), a university or an innovation institution.
   */
  public static NewOrganisation organisation(Validator v) {
    OrganisationKind kind = v.requiredEnum("kind", OrganisationKind.class);
    if (kind != null && !MemberService.ADDABLE_KINDS.contains(kind)) {
      v.add("kind", "validation.choice", "kind must be one of " + MemberService.ADDABLE_KINDS + ".");
      kind = null;
    }
    String name = v.requiredText("name", 200);
    String nameEn = v.optionalText("nameEn", 200);
    String businessNumber = v.optionalText("businessNumber", 20);
    String regionCode = v.optionalText("regionCode", 5);
    String address = v.optionalText("address", 300);
    if (kind == OrganisationKind.SME && regionCode.isEmpty()) {
      v.add("regionCode", "validation.required", "regionCode (the 5-digit 시군구 code of the firm's address) is required for an SME.");
    }
    if (kind == OrganisationKind.SME && businessNumber.isEmpty()) {
      v.add("businessNumber", "validation.required", "businessNumber is required for an SME.");
    }
    NewOrganisation org = null;
    try {
      org = new NewOrganisation(kind == null ? OrganisationKind.SME : kind, name == null ? "-" : name, nameEn.isEmpty() ? null : nameEn,
          businessNumber.isEmpty() ? null : businessNumber, regionCode.isEmpty() ? null : regionCode, address.isEmpty() ? null : address);
    } catch (ValidationException e) {
      // the record checks the business number and region code; report them with the rest
      e.errors().stream().filter(fe -> !fe.message().startsWith("businessNumber is required"))
          .forEach(fe -> v.add(fe.field(), fe.code(), fe.message()));
    }
    v.throwIfInvalid();
    return org;
  }

  static String baseUrl(RoutingContext ctx) {
    return (RequestContext.secure(ctx) ? "https" : "http") + "://" + ctx.request().authority();
  }

  private static void noContent(RoutingContext ctx, Future<Void> done) {
    done.onSuccess(x -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }
}
