package kr.dure.project;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import kr.dure.auth.CurrentUser;
import kr.dure.auth.Role;
import kr.dure.common.DomainException;
import kr.dure.common.ForbiddenException;
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

/**
 * The pages of a project's collaboration records: ① the joint brand with its products and
 * design-support requests, ② value-chain trades, ③ local services, and the final report with the
 * ministry's completion. Everyone who sees the project reads them; its coordinators and lead local
 * government write them (the lead alone writes the final report), until the project is completed.
 * Every form answers with a 303, or shows the page again with the reasons next to the fields.
 */
public final class CollaborationPages {

  static final int TRADES_PER_PAGE = 50;
  private static final List<String> SAVED = List.of("brand", "brandUpdated", "product", "productStatus", "design", "trade", "service", "usage",
      "report", "submitted", "returned", "completed");

  private final Authentication authentication;
  private final Views views;
  private final CollaborationService records;
  private final ProjectService projects;

  public CollaborationPages(Authentication authentication, Views views, CollaborationService records, ProjectService projects) {
    this.authentication = authentication;
    this.views = views;
    this.records = records;
    this.projects = projects;
  }

  public void mountPages(Router router) {
    // each route signs in on its own: other features mount pages under /projects/:id too
    signedIn(router.get("/projects/:id/brand")).handler(ctx -> brandPage(ctx, 200, new JsonObject()));
    signedIn(router.post("/projects/:id/brand")).handler(this::createBrandForm);
    signedIn(router.post("/projects/:id/brand/:brandId/edit")).handler(this::updateBrandForm);
    signedIn(router.post("/projects/:id/brand/:brandId/products")).handler(this::productForm);
    signedIn(router.post("/projects/:id/brand/products/:productId/status")).handler(this::productStatusForm);
    signedIn(router.post("/projects/:id/brand/design")).handler(this::designForm);
    signedIn(router.get("/projects/:id/brand/design/:requestId/files/:fileId")).handler(this::download);

    signedIn(router.get("/projects/:id/trades")).handler(ctx -> tradesPage(ctx, 200, new JsonObject()));
    signedIn(router.post("/projects/:id/trades")).handler(this::tradeForm);

    signedIn(router.get("/projects/:id/services")).handler(ctx -> servicesPage(ctx, 200, new JsonObject()));
    signedIn(router.post("/projects/:id/services")).handler(this::serviceForm);
    signedIn(router.post("/projects/:id/services/usage")).handler(this::usageForm);

    signedIn(router.get("/projects/:id/completion")).handler(ctx -> completionPage(ctx, 200, new JsonObject()));
    signedIn(router.post("/projects/:id/completion/report")).handler(this::reportForm);
    signedIn(router.get("/projects/:id/completion/submit")).handler(ctx -> confirmPage(ctx, "submit"));
    signedIn(router.post("/projects/:id/completion/submit")).handler(this::submitForm);
    signedIn(router.post("/projects/:id/completion/return")).handler(this::returnForm);
    signedIn(router.get("/projects/:id/completion/complete")).handler(ctx -> confirmPage(ctx, "complete"));
    signedIn(router.post("/projects/:id/completion/complete")).handler(this::completeForm);
  }

  private io.vertx.ext.web.Route signedIn(io.vertx.ext.web.Route route) {
    return route.handler(authentication.page()).handler(Access.anyRole());
  }

  // ---- the project as the pages need it

  /** The visible project with its consortium, and what the caller may do on its records. */
  private Future<JsonObject> project(RoutingContext ctx) {
    long id = Params.pathId(ctx, "id");
    CurrentUser me = RequestContext.currentUser(ctx);
    return projects.visibleWithMembers(me).map(list -> {
      JsonObject p = null;
      for (Object o : list) {
        if (((JsonObject) o).getLong("id") == id) {
          p = ((JsonObject) o).copy();
        }
      }
      if (p == null) {
        throw new NotFoundException("Project " + id + " does not exist or belongs to a project you are not part of.");
      }
      boolean lead = false;
      JsonArray firms = new JsonArray();
      JsonArray members = new JsonArray();
      for (Object o : p.getJsonArray("members")) {
        JsonObject m = (JsonObject) o;
        lead |= m.getBoolean("lead") && me.role() == Role.LOCAL_GOV && m.getLong("organisationId") == me.organisationId();
        members.add(new JsonObject().put("id", m.getLong("organisationId")).put("name", m.getString("name")));
        if ("SME".equals(m.getString("kind"))) {
          firms.add(new JsonObject().put("id", m.getLong("organisationId")).put("name", m.getString("name")));
        }
      }
      boolean completed = "COMPLETED".equals(p.getString("status"));
      boolean manager = me.role() == Role.COORDINATOR || lead;
      return new JsonObject().put("project", p).put("firms", firms).put("members", members).put("isLead", lead)
          .put("isMinistry", me.role() == Role.MINISTRY).put("completed", completed)
          .put("canManage", manager && !completed).put("readOnlyReason", completed ? "collab.readOnly.completed"
              : manager ? "" : "collab.readOnly.role");
    });
  }

  private Map<String, Object> model(RoutingContext ctx, JsonObject context, JsonObject state) {
    Map<String, Object> model = new HashMap<>();
    context.forEach(e -> model.put(e.getKey(), e.getValue()));
    JsonObject p = context.getJsonObject("project");
    model.put("backHref", "/projects/" + p.getLong("id"));
    model.put("errors", state.getJsonArray("errors", new JsonArray()));
    String saved = ctx.request().getParam("saved");
    if (saved != null && SAVED.contains(saved)) {
      model.put("success", views.messages().get(RequestContext.lang(ctx), "collab.saved." + saved));
    }
    return model;
  }

  // ---- ① joint brand

  private void brandPage(RoutingContext ctx, int status, JsonObject state) {
    String lang = RequestContext.lang(ctx);
    CurrentUser me = RequestContext.currentUser(ctx);
    project(ctx).compose(context -> records.brandRecords(me, context.getJsonObject("project").getLong("id")).compose(data -> {
      long projectId = context.getJsonObject("project").getLong("id");
      Map<String, Object> model = model(ctx, context, state);
      JsonArray firms = context.getJsonArray("firms");
      JsonArray brands = new JsonArray();
      for (Object o : data.getJsonArray("brands")) {
        JsonObject b = ((JsonObject) o).copy();
        long brandId = b.getLong("id");
        List<Long> in = new ArrayList<>();
        b.getJsonArray("members").forEach(m -> in.add(((JsonObject) m).getLong("organisationId")));
        JsonArray others = new JsonArray();
        firms.forEach(f -> {
          if (!in.contains(((JsonObject) f).getLong("id"))) {
            others.add(((JsonObject) f).copy());
          }
        });
        JsonArray products = new JsonArray();
        b.getJsonArray("products").forEach(x -> {
          JsonObject pr = ((JsonObject) x).copy();
          pr.put("statusKey", "productStatus." + pr.getString("status"))
              .put("statusOptions", options(CollaborationInput.PRODUCT_STATES, "productStatus.", pr.getString("status")));
          products.add(pr);
        });
        b.put("products", products).put("otherFirms", others).put("ids", new JsonObject().put("productName", "product" + brandId + "Name")
            .put("productPriceWon", "product" + brandId + "PriceWon").put("editName", "edit" + brandId + "Name")
            .put("editDescription", "edit" + brandId + "Description"));
        JsonObject edit = state.getString("target", "").equals("edit" + brandId) ? state.getJsonObject("values")
            : new JsonObject().put("name", b.getString("name")).put("description", b.getString("description"));
        b.put("editForm", edit).put("editErrors", forTarget(state, "edit" + brandId));
        JsonObject product = state.getString("target", "").equals("product" + brandId) ? state.getJsonObject("values")
            : new JsonObject().put("status", "ON_SALE");
        b.put("productForm", product).put("productErrors", forTarget(state, "product" + brandId))
            .put("firmOptions", idOptions(firms, product.getString("organisationId", "")))
            .put("productStatusOptions", options(CollaborationInput.PRODUCT_STATES, "productStatus.", product.getString("status", "ON_SALE")));
        brands.add(b);
      }
      model.put("brands", brands);
      JsonArray design = new JsonArray();
      data.getJsonArray("designRequests").forEach(o -> design.add(designView((JsonObject) o, lang,
          f -> "/projects/" + projectId + "/brand/design/" + f.getLong("requestId") + "/files/" + f.getLong("id"))));
      model.put("designRequests", design);
      JsonObject brandForm = "brand".equals(state.getString("target")) ? state.getJsonObject("values") : new JsonObject();
      model.put("brandForm", brandForm);
      model.put("brandErrors", forTarget(state, "brand"));
      JsonArray chosen = brandForm.getJsonArray("members", new JsonArray());
      JsonArray memberChecks = new JsonArray();
      firms.forEach(f -> memberChecks.add(((JsonObject) f).copy().put("checked", chosen.contains(String.valueOf(((JsonObject) f).getLong("id"))))));
      model.put("memberChecks", memberChecks);
      JsonObject designForm = "design".equals(state.getString("target")) ? state.getJsonObject("values") : new JsonObject();
      model.put("designForm", designForm);
      model.put("designErrors", forTarget(state, "design"));
      model.put("kindOptions", options(CollaborationInput.DESIGN_KINDS, "designKind.", designForm.getString("kind", "BRAND_IDENTITY")));
      JsonArray brandOptions = new JsonArray();
      data.getJsonArray("brands").forEach(o -> brandOptions.add(new JsonObject().put("id", ((JsonObject) o).getLong("id"))
          .put("name", ((JsonObject) o).getString("name"))
          .put("selected", String.valueOf(((JsonObject) o).getLong("id")).equals(designForm.getString("brandId")))));
      model.put("brandOptions", brandOptions);
      model.put("today", records.today().toString());
      model.put("navBrand", true);
      return views.render(ctx, status, "collab-brand", model);
    })).onFailure(ctx::fail);
  }

  /** A design request as the pages show it: labels, dates in words, comments and files with their links. */
  static JsonObject designView(JsonObject r, String lang, Function<JsonObject, String> fileHref) {
    JsonObject d = r.copy();
    d.put("statusKey", "designStatus." + d.getString("status")).put("kindKey", "designKind." + d.getString("kind"))
        .put("created", LocalTimes.dateTime(Instant.parse(d.getString("createdAt")), lang))
        .put("updated", LocalTimes.dateTime(Instant.parse(d.getString("updatedAt")), lang))
        .put("due", d.getString("dueOn") == null ? "" : LocalTimes.date(LocalDate.parse(d.getString("dueOn")), lang))
        .put("brandName", d.getString("brandName") == null ? "" : d.getString("brandName"));
    JsonArray comments = new JsonArray();
    d.getJsonArray("comments", new JsonArray()).forEach(o -> {
      JsonObject c = ((JsonObject) o).copy();
      c.put("statusKey", "designStatus." + c.getString("status")).put("when", LocalTimes.dateTime(Instant.parse(c.getString("at")), lang));
      comments.add(c);
    });
    JsonArray files = new JsonArray();
    d.getJsonArray("files", new JsonArray()).forEach(o -> {
      JsonObject f = ((JsonObject) o).copy();
      f.put("href", fileHref.apply(f)).put("size", size(f.getInteger("sizeBytes")))
          .put("when", LocalTimes.dateTime(Instant.parse(f.getString("uploadedAt")), lang));
      files.add(f);
    });
    return d.put("comments", comments).put("files", files);
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
  }

  private void createBrandForm(RoutingContext ctx) {
    long projectId = Params.pathId(ctx, "id");
    MultiMap form = ctx.request().formAttributes();
    JsonObject values = values(form, "name", "description").put("members", new JsonArray(form.getAll("members")));
    Future.succeededFuture().map(x -> {
      Validator v = CollaborationInput.form(form);
      List<Long> members = CollaborationInput.ids(v, "members", form.getAll("members"));
      return CollaborationInput.brand(v, members);
    }).compose(b -> records.createBrand(RequestContext.currentUser(ctx), projectId, b.name(), b.description(), b.members(), RequestContext.ip(ctx)))
        .onSuccess(id -> PageErrors.seeOther(ctx, "/projects/" + projectId + "/brand?saved=brand#brand-" + id))
        .onFailure(e -> refuse(ctx, e, "brand", "brand", List.of("name", "description", "members"),
            Map.of("memberOrganisationIds", "members"), values, this::brandPage));
  }

  private void updateBrandForm(RoutingContext ctx) {
    long projectId = Params.pathId(ctx, "id");
    long brandId = Params.pathId(ctx, "brandId");
    MultiMap form = ctx.request().formAttributes();
    JsonObject values = values(form, "name", "description");
    Future.succeededFuture().map(x -> {
      Validator v = CollaborationInput.form(form);
      List<Long> members = CollaborationInput.ids(v, "addMembers", form.getAll("addMembers"));
      return CollaborationInput.brand(v, members);
    }).compose(b -> records.updateBrand(RequestContext.currentUser(ctx), brandId, b.name(), b.description(), b.members(), RequestContext.ip(ctx)))
        .onSuccess(v -> PageErrors.seeOther(ctx, "/projects/" + projectId + "/brand?saved=brandUpdated#brand-" + brandId))
        .onFailure(e -> refuse(ctx, e, "edit" + brandId, "edit" + brandId, List.of("name", "description", "addMembers"),
            Map.of("memberOrganisationIds", "addMembers"), values, this::brandPage));
  }

  private void productForm(RoutingContext ctx) {
    long projectId = Params.pathId(ctx, "id");
    long brandId = Params.pathId(ctx, "brandId");
    MultiMap form = ctx.request().formAttributes();
    JsonObject values = values(form, "organisationId", "name", "priceWon", "status");
    Future.succeededFuture().map(x -> CollaborationInput.product(CollaborationInput.form(form)))
        .compose(p -> records.addProduct(RequestContext.currentUser(ctx), brandId, p.organisationId(), p.name(), p.priceWon(), p.status(),
            RequestContext.ip(ctx)))
        .onSuccess(id -> PageErrors.seeOther(ctx, "/projects/" + projectId + "/brand?saved=product#brand-" + brandId))
        .onFailure(e -> refuse(ctx, e, "product" + brandId, "product" + brandId, List.of("organisationId", "name", "priceWon", "status"),
            Map.of(), values, this::brandPage));
  }

  private void productStatusForm(RoutingContext ctx) {
    long projectId = Params.pathId(ctx, "id");
    long productId = Params.pathId(ctx, "productId");
    MultiMap form = ctx.request().formAttributes();
    Future.succeededFuture().map(x -> CollaborationInput.productStatus(CollaborationInput.form(form)))
        .compose(s -> records.setProductStatus(RequestContext.currentUser(ctx), productId, s, RequestContext.ip(ctx)))
        .onSuccess(v -> PageErrors.seeOther(ctx, "/projects/" + projectId + "/brand?saved=productStatus#product-" + productId))
        .onFailure(e -> refuse(ctx, e, "", "productStatus", List.of(), Map.of(), new JsonObject(), this::brandPage));
  }

  private void designForm(RoutingContext ctx) {
    long projectId = Params.pathId(ctx, "id");
    MultiMap form = ctx.request().formAttributes();
    JsonObject values = values(form, "kind", "title", "description", "dueOn", "brandId");
    Future.succeededFuture().map(x -> CollaborationInput.design(CollaborationInput.form(form), records.today()))
        .compose(d -> records.requestDesign(RequestContext.currentUser(ctx), projectId, d, RequestContext.ip(ctx)))
        .onSuccess(id -> PageErrors.seeOther(ctx, "/projects/" + projectId + "/brand?saved=design#design-" + id))
        .onFailure(e -> refuse(ctx, e, "design", "design", List.of("kind", "title", "description", "dueOn", "brandId"), Map.of(), values,
            this::brandPage));
  }

  private void download(RoutingContext ctx) {
    long projectId = Params.pathId(ctx, "id");
    records.deliverable(RequestContext.currentUser(ctx), Params.pathId(ctx, "requestId"), Params.pathId(ctx, "fileId"))
        .onSuccess(f -> {
          if (f.projectId() != projectId) {
            ctx.fail(new NotFoundException("The file is not one of this project's."));
          } else {
            CollaborationRoutes.sendFile(ctx, f);
          }
        })
        .onFailure(ctx::fail);
  }

  // ---- ② value-chain trades

  private void tradesPage(RoutingContext ctx, int status, JsonObject state) {
    CurrentUser me = RequestContext.currentUser(ctx);
    Validator filter = Validator.of(new JsonObject().put("from", ctx.request().getParam("from")).put("to", ctx.request().getParam("to"))
        .put("page", ctx.request().getParam("page")));
    LocalDate from = filter.optionalDate("from");
    LocalDate to = filter.optionalDate("to");
    int page = filter.intOr("page", 1, 100_000, 1);
    if (from != null && to != null && to.isBefore(from)) {
      filter.add("to", "validation.endAfterStart", "to must not be before from.");
    }
    filter.throwIfInvalid();
    project(ctx).compose(context -> records.tradeRecords(me, context.getJsonObject("project").getLong("id"), from, to,
        TRADES_PER_PAGE + 1, (page - 1) * TRADES_PER_PAGE).compose(data -> {
          long projectId = context.getJsonObject("project").getLong("id");
          Map<String, Object> model = model(ctx, context, state);
          JsonArray rows = data.getJsonArray("trades");
          boolean more = rows.size() > TRADES_PER_PAGE;
          JsonArray shown = new JsonArray(new ArrayList<>(rows.getList().subList(0, Math.min(rows.size(), TRADES_PER_PAGE))));
          model.put("trades", shown);
          model.put("pairs", data.getJsonArray("pairs"));
          model.put("months", data.getJsonArray("months"));
          long total = 0;
          long count = 0;
          for (Object o : data.getJsonArray("months")) {
            total += ((JsonObject) o).getLong("amountWon");
            count += ((JsonObject) o).getLong("trades");
          }
          model.put("totalWon", total);
          model.put("tradeCount", count);
          String query = "/projects/" + projectId + "/trades?from=" + (from == null ? "" : from) + "&to=" + (to == null ? "" : to) + "&page=";
          model.put("filter", new JsonObject().put("from", from == null ? "" : from.toString()).put("to", to == null ? "" : to.toString())
              .put("active", from != null || to != null));
          model.put("prevHref", page > 1 ? query + (page - 1) : "");
          model.put("nextHref", more ? query + (page + 1) : "");
          model.put("page", page);
          JsonObject values = "trade".equals(state.getString("target")) ? state.getJsonObject("values")
              : new JsonObject().put("tradedOn", records.today().toString());
          model.put("tradeForm", values);
          model.put("tradeErrors", forTarget(state, "trade"));
          model.put("sellerOptions", idOptions(context.getJsonArray("members"), values.getString("sellerId", "")));
          model.put("buyerOptions", idOptions(context.getJsonArray("members"), values.getString("buyerId", "")));
          model.put("today", records.today().toString());
          model.put("navTrades", true);
          return views.render(ctx, status, "collab-trades", model);
        })).onFailure(ctx::fail);
  }

  private void tradeForm(RoutingContext ctx) {
    long projectId = Params.pathId(ctx, "id");
    MultiMap form = ctx.request().formAttributes();
    JsonObject values = values(form, "sellerId", "buyerId", "item", "quantity", "unit", "amountWon", "tradedOn");
    Future.succeededFuture().map(x -> CollaborationInput.trade(CollaborationInput.form(form), records.today()))
        .compose(t -> records.recordTrade(RequestContext.currentUser(ctx), projectId, t, RequestContext.ip(ctx)))
        .onSuccess(id -> PageErrors.seeOther(ctx, "/projects/" + projectId + "/trades?saved=trade"))
        .onFailure(e -> refuse(ctx, e, "trade", "trade", List.of("sellerId", "buyerId", "item", "quantity", "unit", "amountWon", "tradedOn"),
            Map.of(), values, this::tradesPage));
  }

  // ---- ③ local services

  private void servicesPage(RoutingContext ctx, int status, JsonObject state) {
    CurrentUser me = RequestContext.currentUser(ctx);
    project(ctx).compose(context -> records.services(me, context.getJsonObject("project").getLong("id")).compose(list -> {
      Map<String, Object> model = model(ctx, context, state);
      JsonArray services = new JsonArray();
      Map<String, long[]> byMonth = new LinkedHashMap<>();
      JsonArray usage = new JsonArray();
      for (Object o : list) {
        JsonObject s = ((JsonObject) o).copy();
        s.put("categoryKey", "serviceCategory." + s.getString("category"));
        for (Object u : s.getJsonArray("usage")) {
          JsonObject row = (JsonObject) u;
          long[] t = byMonth.computeIfAbsent(row.getString("period"), k -> new long[2]);
          t[0] += row.getLong("uses");
          t[1] += row.getLong("amountWon");
          usage.add(new JsonObject().put("period", row.getString("period")).put("service", s.getString("name"))
              .put("uses", row.getLong("uses")).put("amountWon", row.getLong("amountWon")));
        }
        services.add(s);
      }
      JsonArray months = new JsonArray();
      byMonth.entrySet().stream().sorted(Map.Entry.<String, long[]>comparingByKey().reversed())
          .forEach(e -> months.add(new JsonObject().put("period", e.getKey()).put("uses", e.getValue()[0]).put("amountWon", e.getValue()[1])));
      List<Object> sortedUsage = new ArrayList<>(usage.getList());
      sortedUsage.sort((a, b) -> ((JsonObject) b).getString("period").compareTo(((JsonObject) a).getString("period")));
      model.put("services", services);
      model.put("months", months);
      model.put("usageRows", new JsonArray(sortedUsage));
      JsonObject serviceForm = "service".equals(state.getString("target")) ? state.getJsonObject("values") : new JsonObject();
      model.put("serviceForm", serviceForm);
      model.put("serviceErrors", forTarget(state, "service"));
      model.put("categoryOptions", options(CollaborationInput.SERVICE_CATEGORIES, "serviceCategory.", serviceForm.getString("category", "")));
      model.put("providerOptions", idOptions(context.getJsonArray("members"), serviceForm.getString("providerOrganisationId", "")));
      JsonObject usageForm = "usage".equals(state.getString("target")) ? state.getJsonObject("values")
          : new JsonObject().put("period", records.today().toString().substring(0, 7));
      model.put("usageForm", usageForm);
      model.put("usageErrors", forTarget(state, "usage"));
      JsonArray serviceOptions = new JsonArray();
      list.forEach(o -> serviceOptions.add(new JsonObject().put("id", ((JsonObject) o).getLong("id")).put("name", ((JsonObject) o).getString("name"))
          .put("selected", String.valueOf(((JsonObject) o).getLong("id")).equals(usageForm.getString("serviceId")))));
      model.put("serviceOptions", serviceOptions);
      model.put("thisMonth", records.today().toString().substring(0, 7));
      model.put("navServices", true);
      return views.render(ctx, status, "collab-services", model);
    })).onFailure(ctx::fail);
  }

  private void serviceForm(RoutingContext ctx) {
    long projectId = Params.pathId(ctx, "id");
    MultiMap form = ctx.request().formAttributes();
    JsonObject values = values(form, "name", "category", "provider", "providerOrganisationId", "description", "priceWon");
    Future.succeededFuture().map(x -> CollaborationInput.service(CollaborationInput.form(form)))
        .compose(s -> records.addService(RequestContext.currentUser(ctx), projectId, s, RequestContext.ip(ctx)))
        .onSuccess(id -> PageErrors.seeOther(ctx, "/projects/" + projectId + "/services?saved=service#service-" + id))
        .onFailure(e -> refuse(ctx, e, "service", "service",
            List.of("name", "category", "provider", "providerOrganisationId", "description", "priceWon"), Map.of(), values, this::servicesPage));
  }

  private void usageForm(RoutingContext ctx) {
    long projectId = Params.pathId(ctx, "id");
    MultiMap form = ctx.request().formAttributes();
    JsonObject values = values(form, "serviceId", "period", "uses", "amountWon");
    Future.succeededFuture().map(x -> {
      Validator v = CollaborationInput.form(form);
      Long serviceId = v.requiredLong("serviceId", 1, Long.MAX_VALUE);
      return new Object[] {serviceId, CollaborationInput.usage(v, records.today())};
    }).compose(p -> serviceOfProject(ctx, projectId, (Long) p[0]).compose(v ->
            records.recordUsage(RequestContext.currentUser(ctx), (Long) p[0], (CollaborationInput.Usage) p[1], RequestContext.ip(ctx))))
        .onSuccess(v -> PageErrors.seeOther(ctx, "/projects/" + projectId + "/services?saved=usage#usage"))
        .onFailure(e -> refuse(ctx, e, "usage", "usage", List.of("serviceId", "period", "uses", "amountWon"), Map.of(), values,
            this::servicesPage));
  }

  /** The usage form names a service; one of another project is refused as a field error, not written. */
  private Future<Void> serviceOfProject(RoutingContext ctx, long projectId, long serviceId) {
    return records.services(RequestContext.currentUser(ctx), projectId).compose(list -> list.stream()
        .anyMatch(o -> ((JsonObject) o).getLong("id") == serviceId)
        ? Future.succeededFuture()
        : Future.failedFuture(ValidationException.of("serviceId", "validation.service", "serviceId is not a service of this project.")));
  }

  // ---- final report and completion

  private void completionPage(RoutingContext ctx, int status, JsonObject state) {
    String lang = RequestContext.lang(ctx);
    CurrentUser me = RequestContext.currentUser(ctx);
    project(ctx).compose(context -> records.finalReport(me, context.getJsonObject("project").getLong("id")).compose(report -> {
      Map<String, Object> model = model(ctx, context, state);
      String reportStatus = report.getString("status");
      boolean active = "ACTIVE".equals(report.getString("projectStatus"));
      boolean lead = context.getBoolean("isLead");
      boolean ministry = context.getBoolean("isMinistry");
      model.put("report", report.copy().put("statusKey", "reportStatus." + reportStatus)
          .put("updated", report.getString("updatedAt") == null ? "" : LocalTimes.dateTime(Instant.parse(report.getString("updatedAt")), lang))
          .put("submitted", report.getString("submittedAt") == null ? ""
              : LocalTimes.dateTime(Instant.parse(report.getString("submittedAt")), lang)));
      boolean editable = lead && !context.getBoolean("completed") && !"SUBMITTED".equals(reportStatus);
      model.put("canEdit", editable);
      model.put("canSubmit", editable && active && !"NONE".equals(reportStatus) && !report.getString("summary").isBlank());
      model.put("canReturn", ministry && "SUBMITTED".equals(reportStatus) && !context.getBoolean("completed"));
      model.put("canComplete", ministry && "SUBMITTED".equals(reportStatus) && active);
      model.put("waitingForReport", ministry && active && !"SUBMITTED".equals(reportStatus));
      JsonObject values = "report".equals(state.getString("target")) ? state.getJsonObject("values")
          : new JsonObject().put("summary", report.getString("summary")).put("kpiOutcomes", report.getString("kpiOutcomes"))
              .put("lessons", report.getString("lessons"));
      model.put("reportForm", values);
      model.put("reportErrors", forTarget(state, "report"));
      model.put("returnForm", "return".equals(state.getString("target")) ? state.getJsonObject("values") : new JsonObject());
      model.put("returnErrors", forTarget(state, "return"));
      model.put("navCompletion", true);
      return views.render(ctx, status, "collab-completion", model);
    })).onFailure(ctx::fail);
  }

  private void reportForm(RoutingContext ctx) {
    long projectId = Params.pathId(ctx, "id");
    MultiMap form = ctx.request().formAttributes();
    JsonObject values = values(form, "summary", "kpiOutcomes", "lessons");
    boolean submit = "submit".equals(form.get("action"));
    Future.succeededFuture().map(x -> CollaborationInput.report(CollaborationInput.form(form)))
        .compose(r -> records.saveFinalReport(RequestContext.currentUser(ctx), projectId, r, RequestContext.ip(ctx)))
        .onSuccess(v -> PageErrors.seeOther(ctx, "/projects/" + projectId + (submit ? "/completion/submit" : "/completion?saved=report")))
        .onFailure(e -> refuse(ctx, e, "report", "report", List.of("summary", "kpiOutcomes", "lessons"), Map.of(), values,
            this::completionPage));
  }

  /** The confirm step before an irreversible action: the lead's submission or the ministry's completion. */
  private void confirmPage(RoutingContext ctx, String action) {
    CurrentUser me = RequestContext.currentUser(ctx);
    project(ctx).compose(context -> records.finalReport(me, context.getJsonObject("project").getLong("id")).compose(report -> {
      Map<String, Object> model = model(ctx, context, new JsonObject());
      boolean allowed = "submit".equals(action) ? context.getBoolean("isLead") : context.getBoolean("isMinistry");
      if (!allowed) {
        return Future.failedFuture(new ForbiddenException("submit".equals(action)
            ? "The lead local government submits the final report." : "The ministry completes a project."));
      }
      model.put("report", report);
      model.put("action", action);
      model.put("isSubmit", "submit".equals(action));
      return views.render(ctx, "collab-confirm", model);
    })).onFailure(ctx::fail);
  }

  private void submitForm(RoutingContext ctx) {
    long projectId = Params.pathId(ctx, "id");
    records.submitFinalReport(RequestContext.currentUser(ctx), projectId, RequestContext.ip(ctx))
        .onSuccess(v -> PageErrors.seeOther(ctx, "/projects/" + projectId + "/completion?saved=submitted"))
        .onFailure(e -> refuse(ctx, e, "report", "report", List.of("summary"), Map.of(), null, this::completionPage));
  }

  private void returnForm(RoutingContext ctx) {
    long projectId = Params.pathId(ctx, "id");
    MultiMap form = ctx.request().formAttributes();
    JsonObject values = values(form, "note");
    Future.succeededFuture().map(x -> {
      Validator v = CollaborationInput.form(form);
      String note = v.requiredText("note", 4000);
      v.throwIfInvalid();
      return note;
    }).compose(note -> records.returnFinalReport(RequestContext.currentUser(ctx), projectId, note, RequestContext.ip(ctx)))
        .onSuccess(v -> PageErrors.seeOther(ctx, "/projects/" + projectId + "/completion?saved=returned"))
        .onFailure(e -> refuse(ctx, e, "return", "return", List.of("note"), Map.of(), values, this::completionPage));
  }

  private void completeForm(RoutingContext ctx) {
    long projectId = Params.pathId(ctx, "id");
    records.complete(RequestContext.currentUser(ctx), projectId, RequestContext.ip(ctx))
        .onSuccess(v -> PageErrors.seeOther(ctx, "/projects/" + projectId + "/completion?saved=completed"))
        .onFailure(e -> refuse(ctx, e, "", "complete", List.of(), Map.of(), null, this::completionPage));
  }

  // ---- refused forms

  /** How a page renders itself again with a refused form's state. */
  @FunctionalInterface
  interface Page {
    void render(RoutingContext ctx, int status, JsonObject state);
  }

  /**
   * Shows the page again with the reasons: the summary at the top, each field's message next to its
   * input ({@code prefix} + the field's capitalised name), the values as sent. A missing or hidden
   * project or row is the error page.
   */
  void refuse(RoutingContext ctx, Throwable e, String target, String prefix, List<String> fields, Map<String, String> aliases,
      JsonObject values, Page page) {
    Throwable failure = PageErrors.contention(e);
    if (!(failure instanceof DomainException d) || failure instanceof NotFoundException || failure instanceof ForbiddenException) {
      ctx.fail(failure);
      return;
    }
    String lang = RequestContext.lang(ctx);
    Map<String, String> labels = new HashMap<>();
    Map<String, String> ids = new HashMap<>();
    for (String f : fields) {
      labels.put(f, "collab.field." + f);
      ids.put(f, inputId(prefix, f));
    }
    aliases.forEach((from, to) -> {
      labels.put(from, "collab.field." + to);
      ids.put(from, inputId(prefix, to));
    });
    JsonObject described = PageErrors.describe(views.messages(), lang, d, labels, ids);
    JsonObject byField = new JsonObject();
    JsonObject byInput = described.getJsonObject("fieldErrors");
    for (String f : fields) {
      if (byInput.containsKey(inputId(prefix, f))) {
        byField.put(f, byInput.getString(inputId(prefix, f)));
      }
    }
    page.render(ctx, d.status(), new JsonObject().put("errors", described.getJsonArray("errors")).put("target", target)
        .put("fieldErrors", byField).put("values", values == null ? new JsonObject() : values));
  }

  private static String inputId(String prefix, String field) {
    return prefix + Character.toUpperCase(field.charAt(0)) + field.substring(1);
  }

  private static JsonObject forTarget(JsonObject state, String target) {
    return target.equals(state.getString("target")) ? state.getJsonObject("fieldErrors", new JsonObject()) : new JsonObject();
  }

  private static JsonObject values(MultiMap form, String... fields) {
    JsonObject values = new JsonObject();
    for (String f : fields) {
      String v = form.get(f);
      values.put(f, v == null ? "" : v.length() > 20_000 ? v.substring(0, 20_000) : v);
    }
    return values;
  }

  static JsonArray options(List<String> values, String keyPrefix, String selected) {
    JsonArray out = new JsonArray();
    for (String v : values) {
      out.add(new JsonObject().put("value", v).put("labelKey", keyPrefix + v).put("selected", v.equals(selected)));
    }
    return out;
  }

  private static JsonArray idOptions(JsonArray items, String selected) {
    JsonArray out = new JsonArray();
    items.forEach(o -> out.add(((JsonObject) o).copy().put("selected", String.valueOf(((JsonObject) o).getLong("id")).equals(selected))));
    return out;
  }
}
