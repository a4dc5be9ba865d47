package kr.dure.project;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kr.dure.auth.CurrentUser;
import kr.dure.auth.Role;
import kr.dure.common.ValidationException;
import kr.dure.web.Access;
import kr.dure.web.Authentication;
import kr.dure.web.PageErrors;
import kr.dure.web.Params;
import kr.dure.web.RequestContext;
import kr.dure.web.Views;

/**
 * The design agency's (KCDF) pages: its home lists every project's design-support requests by
 * status; a request's page takes the agency's answer (status and comment) and its deliverable files.
 */
public final class DesignPages {

  private final Authentication authentication;
  private final Views views;
  private final CollaborationService records;
  private final ProjectService projects;
  private final CollaborationPages pages;

  public DesignPages(Authentication authentication, Views views, CollaborationService records, ProjectService projects,
      CollaborationPages pages) {
    this.authentication = authentication;
    this.views = views;
    this.records = records;
    this.projects = projects;
    this.pages = pages;
  }

  public void mountPages(Router router) {
    router.get(Role.DESIGN_AGENCY.homePath()).handler(authentication.page()).handler(Access.roles(Role.DESIGN_AGENCY)).handler(this::homePage);
    router.route("/design/requests/*").handler(authentication.page()).handler(Access.roles(Role.DESIGN_AGENCY));
    router.get("/design/requests/:id").handler(ctx -> requestPage(ctx, 200, new JsonObject()));
    router.post("/design/requests/:id").handler(this::answerForm);
    router.post("/design/requests/:id/deliverables").handler(this::uploadForm);
    router.get("/design/requests/:id/files/:fileId").handler(ctx -> records.deliverable(RequestContext.currentUser(ctx),
            Params.pathId(ctx, "id"), Params.pathId(ctx, "fileId"))
        .onSuccess(f -> CollaborationRoutes.sendFile(ctx, f)).onFailure(ctx::fail));
  }

  private void homePage(RoutingContext ctx) {
    CurrentUser me = RequestContext.currentUser(ctx);
    String lang = RequestContext.lang(ctx);
    String raw = ctx.request().getParam("status");
    String status = raw == null || raw.isBlank() ? null : raw.trim();
    if (status != null && !CollaborationInput.DESIGN_STATES.contains(status)) {
      throw ValidationException.of("status", "validation.choice", "status must be one of " + CollaborationInput.DESIGN_STATES + ".");
    }
    Future<JsonArray> all = records.designQueue(me, null);
    Future<JsonArray> visible = projects.visibleWithMembers(me);
    Future.all(all, visible).compose(x -> {
      Map<String, Integer> counts = new HashMap<>();
      JsonArray rows = new JsonArray();
      for (Object o : all.result()) {
        JsonObject r = (JsonObject) o;
        counts.merge(r.getString("status"), 1, Integer::sum);
        if (status == null || status.equals(r.getString("status"))) {
          rows.add(CollaborationPages.designView(r, lang, f -> "").put("href", "/design/requests/" + r.getLong("id")).put("showProject", true));
        }
      }
      JsonArray filters = new JsonArray().add(new JsonObject().put("href", "/design").put("labelKey", "design.filter.all")
          .put("count", all.result().size()).put("current", status == null));
      for (String s : CollaborationInput.DESIGN_STATES) {
        filters.add(new JsonObject().put("href", "/design?status=" + s).put("labelKey", "designStatus." + s)
            .put("count", counts.getOrDefault(s, 0)).put("current", s.equals(status)));
      }
      Map<String, Object> model = new HashMap<>();
      model.put("requests", rows);
      model.put("filters", filters);
      model.put("statusLabel", views.messages().get(lang, status == null ? "design.filter.all" : "designStatus." + status));
      model.put("shownCount", rows.size());
      model.put("projects", visible.result());
      return views.render(ctx, "home-design", model);
    }).onFailure(ctx::fail);
  }

  private void requestPage(RoutingContext ctx, int status, JsonObject state) {
    long id = Params.pathId(ctx, "id");
    String lang = RequestContext.lang(ctx);
    records.designRequest(RequestContext.currentUser(ctx), id).compose(r -> {
      JsonObject request = CollaborationPages.designView(r, lang, f -> "/design/requests/" + id + "/files/" + f.getLong("id"))
          .put("showProject", true);
      Map<String, Object> model = new HashMap<>();
      model.put("request", request);
      List<String> next = CollaborationService.nextDesignStates(r.getString("status"));
      boolean completed = "COMPLETED".equals(r.getString("projectStatus"));
      boolean open = !next.isEmpty() && !completed;
      model.put("canAnswer", open);
      model.put("canUpload", open && !"CLOSED".equals(r.getString("status")) && !"DECLINED".equals(r.getString("status")));
      model.put("completed", completed);
      JsonObject values = "answer".equals(state.getString("target")) ? state.getJsonObject("values") : new JsonObject();
      model.put("answerForm", values);
      model.put("answerErrors", "answer".equals(state.getString("target")) ? state.getJsonObject("fieldErrors") : new JsonObject());
      model.put("uploadErrors", "upload".equals(state.getString("target")) ? state.getJsonObject("fieldErrors") : new JsonObject());
      model.put("statusOptions", CollaborationPages.options(next, "designStatus.", values.getString("status", next.isEmpty() ? "" : next.get(0))));
      model.put("errors", state.getJsonArray("errors", new JsonArray()));
      String saved = ctx.request().getParam("saved");
      if ("answer".equals(saved) || "file".equals(saved)) {
        model.put("success", views.messages().get(lang, "design.saved." + saved));
      }
      return views.render(ctx, status, "design-request", model);
    }).onFailure(ctx::fail);
  }

  private void answerForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    MultiMap form = ctx.request().formAttributes();
    JsonObject values = new JsonObject().put("status", nz(form.get("status"))).put("answer", nz(form.get("answer")));
    Future.succeededFuture().map(x -> CollaborationInput.answer(CollaborationInput.form(form)))
        .compose(a -> records.answerDesign(RequestContext.currentUser(ctx), id, a, RequestContext.ip(ctx)))
        .onSuccess(v -> PageErrors.seeOther(ctx, "/design/requests/" + id + "?saved=answer"))
        .onFailure(e -> pages.refuse(ctx, e, "answer", "answer", List.of("status", "answer"), Map.of(), values,
            (c, s, st) -> requestPage(c, s, st)));
  }

  /** The deliverable upload (multipart, field {@code file}); the service checks its size and its first bytes. */
  private void uploadForm(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    FileUpload upload = ctx.fileUploads().stream().filter(f -> "file".equals(f.name())).findFirst().orElse(null);
    if (upload == null || upload.size() == 0) {
      pages.refuse(ctx, ValidationException.of("file", "validation.fileMissing", "Choose a file to upload."), "upload", "upload",
          List.of("file"), Map.of(), null, (c, s, st) -> requestPage(c, s, st));
      return;
    }
    if (upload.size() > CollaborationService.DELIVERABLE_LIMIT) {
      pages.refuse(ctx, ValidationException.of("file", "validation.fileSize", "The file must be at most 10 MiB."), "upload", "upload",
          List.of("file"), Map.of(), null, (c, s, st) -> requestPage(c, s, st));
      return;
    }
    ctx.vertx().fileSystem().readFile(upload.uploadedFileName())
        .compose(bytes -> records.addDeliverable(RequestContext.currentUser(ctx), id, upload.fileName(), bytes, RequestContext.ip(ctx)))
        .onSuccess(fileId -> PageErrors.seeOther(ctx, "/design/requests/" + id + "?saved=file#files"))
        .onFailure(e -> pages.refuse(ctx, e, "upload", "upload", List.of("file"), Map.of(), null, (c, s, st) -> requestPage(c, s, st)));
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
