package kr.dure.project;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.List;
import kr.dure.common.ValidationException;
import kr.dure.common.Validator;
import kr.dure.web.Access;
import kr.dure.web.Authentication;
import kr.dure.web.Params;
import kr.dure.web.RequestContext;

/** JSON API of the collaboration records (brands, design requests and their files, trades, services), the final report and completion. */
public final class CollaborationRoutes {

  private final CollaborationService records;
  private final Authentication authentication;

  public CollaborationRoutes(CollaborationService records, Authentication authentication) {
    this.records = records;
    this.authentication = authentication;
  }

  public void mountApi(Router api) {
    for (String path : new String[] {"/projects/:id/records", "/projects/:id/brands", "/projects/:id/design-requests", "/projects/:id/trades",
        "/projects/:id/services", "/projects/:id/complete", "/projects/:id/final-report*", "/brands/*", "/products/*", "/design-requests*",
        "/services/*"}) {
      api.route(path).handler(authentication.api()).handler(Access.anyRole());
    }
    api.get("/projects/:id/records").respond(ctx -> records.overview(RequestContext.currentUser(ctx), Params.pathId(ctx, "id")));
    api.post("/projects/:id/brands").handler(this::createBrand);
    api.put("/brands/:id").handler(this::updateBrand);
    api.post("/brands/:id/products").handler(this::addProduct);
    api.post("/products/:id/status").handler(this::productStatus);
    api.post("/projects/:id/design-requests").handler(this::requestDesign);
    api.get("/design-requests").respond(this::designQueue);
    api.get("/design-requests/:id").respond(ctx -> records.designRequest(RequestContext.currentUser(ctx), Params.pathId(ctx, "id")));
    api.post("/design-requests/:id/answer").handler(this::answerDesign);
    api.post("/design-requests/:id/deliverables").handler(this::uploadDeliverable);
    api.get("/design-requests/:id/deliverables/:fileId").handler(ctx -> records.deliverable(RequestContext.currentUser(ctx),
            Params.pathId(ctx, "id"), Params.pathId(ctx, "fileId"))
        .onSuccess(f -> sendFile(ctx, f)).onFailure(ctx::fail));
    api.get("/projects/:id/trades").respond(this::trades);
    api.post("/projects/:id/trades").handler(this::recordTrade);
    api.get("/projects/:id/services").respond(ctx -> records.services(RequestContext.currentUser(ctx), Params.pathId(ctx, "id")));
    api.post("/projects/:id/services").handler(this::addService);
    api.post("/services/:id/usage").handler(this::recordUsage);
    api.get("/projects/:id/final-report").respond(ctx -> records.finalReport(RequestContext.currentUser(ctx), Params.pathId(ctx, "id")));
    api.put("/projects/:id/final-report").handler(ctx -> noContent(ctx, records.saveFinalReport(RequestContext.currentUser(ctx),
        Params.pathId(ctx, "id"), CollaborationInput.report(CollaborationInput.json(RequestContext.jsonBody(ctx))), RequestContext.ip(ctx))));
    api.post("/projects/:id/final-report/submit").handler(ctx -> noContent(ctx, records.submitFinalReport(RequestContext.currentUser(ctx),
        Params.pathId(ctx, "id"), RequestContext.ip(ctx))));
    api.post("/projects/:id/final-report/return").handler(this::returnReport);
    api.post("/projects/:id/complete").handler(ctx -> noContent(ctx, records.complete(RequestContext.currentUser(ctx),
        Params.pathId(ctx, "id"), RequestContext.ip(ctx))));
  }

  private void createBrand(RoutingContext ctx) {
    long projectId = Params.pathId(ctx, "id");
    Validator v = CollaborationInput.json(RequestContext.jsonBody(ctx));
    List<Long> members = CollaborationInput.ids(v, "memberOrganisationIds", v.raw("memberOrganisationIds"));
    CollaborationInput.Brand b = CollaborationInput.brand(v, members);
    created(ctx, records.createBrand(RequestContext.currentUser(ctx), projectId, b.name(), b.description(), b.members(), RequestContext.ip(ctx)));
  }

  private void updateBrand(RoutingContext ctx) {
    long brandId = Params.pathId(ctx, "id");
    Validator v = CollaborationInput.json(RequestContext.jsonBody(ctx));
    List<Long> members = CollaborationInput.ids(v, "addMemberOrganisationIds", v.raw("addMemberOrganisationIds"));
    CollaborationInput.Brand b = CollaborationInput.brand(v, members);
    noContent(ctx, records.updateBrand(RequestContext.currentUser(ctx), brandId, b.name(), b.description(), b.members(), RequestContext.ip(ctx)));
  }

  private void addProduct(RoutingContext ctx) {
    long brandId = Params.pathId(ctx, "id");
    CollaborationInput.Product p = CollaborationInput.product(CollaborationInput.json(RequestContext.jsonBody(ctx)));
    created(ctx, records.addProduct(RequestContext.currentUser(ctx), brandId, p.organisationId(), p.name(), p.priceWon(), p.status(),
        RequestContext.ip(ctx)));
  }

  private void productStatus(RoutingContext ctx) {
    long productId = Params.pathId(ctx, "id");
    String status = CollaborationInput.productStatus(CollaborationInput.json(RequestContext.jsonBody(ctx)));
    noContent(ctx, records.setProductStatus(RequestContext.currentUser(ctx), productId, status, RequestContext.ip(ctx)));
  }

  private void requestDesign(RoutingContext ctx) {
    long projectId = Params.pathId(ctx, "id");
    CollaborationInput.Design d = CollaborationInput.design(CollaborationInput.json(RequestContext.jsonBody(ctx)), records.today());
    created(ctx, records.requestDesign(RequestContext.currentUser(ctx), projectId, d, RequestContext.ip(ctx)));
  }

  private Future<JsonArray> designQueue(RoutingContext ctx) {
    String status = ctx.request().getParam("status");
    if (status != null && !status.isBlank() && !CollaborationInput.DESIGN_STATES.contains(status.trim())) {
      throw ValidationException.of("status", "validation.choice", "status must be one of " + CollaborationInput.DESIGN_STATES + ".");
    }
    return records.designQueue(RequestContext.currentUser(ctx), status == null || status.isBlank() ? null : status.trim());
  }

  private void answerDesign(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    CollaborationInput.Answer a = CollaborationInput.answer(CollaborationInput.json(RequestContext.jsonBody(ctx)));
    noContent(ctx, records.answerDesign(RequestContext.currentUser(ctx), id, a, RequestContext.ip(ctx)));
  }

  /** The raw file is the body; its name comes in the {@code filename} query parameter. */
  private void uploadDeliverable(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    String filename = ctx.request().getParam("filename");
    if (filename == null || filename.isBlank() || filename.length() > 200) {
      throw ValidationException.of("filename", "validation.required", "filename (query parameter, at most 200 characters) is required.");
    }
    Buffer body = ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
    records.addDeliverable(RequestContext.currentUser(ctx), id, filename, body, RequestContext.ip(ctx))
        .onSuccess(fileId -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .putHeader("Location", "/api/v1/design-requests/" + id + "/deliverables/" + fileId)
            .end(new JsonObject().put("id", fileId).encode()))
        .onFailure(ctx::fail);
  }

  private Future<JsonObject> trades(RoutingContext ctx) {
    long projectId = Params.pathId(ctx, "id");
    Validator v = Validator.of(new JsonObject().put("from", ctx.request().getParam("from")).put("to", ctx.request().getParam("to")));
    LocalDate from = v.optionalDate("from");
    LocalDate to = v.optionalDate("to");
    v.throwIfInvalid();
    return records.tradeRecords(RequestContext.currentUser(ctx), projectId, from, to, 1000, 0);
  }

  private void recordTrade(RoutingContext ctx) {
    long projectId = Params.pathId(ctx, "id");
    CollaborationInput.Trade t = CollaborationInput.trade(CollaborationInput.json(RequestContext.jsonBody(ctx)), records.today());
    created(ctx, records.recordTrade(RequestContext.currentUser(ctx), projectId, t, RequestContext.ip(ctx)));
  }

  private void addService(RoutingContext ctx) {
    long projectId = Params.pathId(ctx, "id");
    CollaborationInput.Service s = CollaborationInput.service(CollaborationInput.json(RequestContext.jsonBody(ctx)));
    created(ctx, records.addService(RequestContext.currentUser(ctx), projectId, s, RequestContext.ip(ctx)));
  }

  private void recordUsage(RoutingContext ctx) {
    long serviceId = Params.pathId(ctx, "id");
    CollaborationInput.Usage u = CollaborationInput.usage(CollaborationInput.json(RequestContext.jsonBody(ctx)), records.today());
    noContent(ctx, records.recordUsage(RequestContext.currentUser(ctx), serviceId, u, RequestContext.ip(ctx)));
  }

  private void returnReport(RoutingContext ctx) {
    long projectId = Params.pathId(ctx, "id");
    Validator v = CollaborationInput.json(RequestContext.jsonBody(ctx));
    String note = v.requiredText("note", 4000);
    v.throwIfInvalid();
    noContent(ctx, records.returnFinalReport(RequestContext.currentUser(ctx), projectId, note, RequestContext.ip(ctx)));
  }

  /**
   * Sends a deliverable as a download: never rendered inline (a PDF or image from outside stays a file),
   * its name in an ASCII fallback and the RFC 5987 UTF-8 form.
   */
  public static void sendFile(RoutingContext ctx, CollaborationRepository.Deliverable f) {
    ctx.response().putHeader("Content-Type", f.contentType())
        .putHeader("Content-Disposition", kr.dure.common.FileNames.contentDisposition(f.filename()))
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Cache-Control", "private, no-store")
        .end(f.bytes());
  }

  private static void created(RoutingContext ctx, Future<Long> id) {
    id.onSuccess(x -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("id", x).encode()))
        .onFailure(ctx::fail);
  }

  private static void noContent(RoutingContext ctx, Future<Void> done) {
    done.onSuccess(x -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }
}
