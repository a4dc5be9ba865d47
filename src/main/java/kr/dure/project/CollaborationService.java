package kr.dure.project;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.LocalDate;
import java.util.List;
import kr.dure.auth.Actor;
import kr.dure.auth.AuditLog;
import kr.dure.auth.CurrentUser;
import kr.dure.auth.Role;
import kr.dure.common.ConflictException;
import kr.dure.common.ForbiddenException;
import kr.dure.common.NotFoundException;
import kr.dure.common.ValidationException;
import kr.dure.db.SqlErrors;
import kr.dure.notify.Notifier;

/**
 * The records of collaboration types ①–③ and the project's completion. The lead local government
 * and the coordinators keep them; members and the ministry read them; the design agency answers
 * design-support requests.
 */
public final class CollaborationService {

  private final Pool pool;
  private final CollaborationRepository records;
  private final ProjectRepository projects;
  private final ProjectAccess access;
  private final Notifier notifications;
  private final AuditLog audit;

  public CollaborationService(Pool pool, CollaborationRepository records, ProjectRepository projects, ProjectAccess access,
      Notifier notifications, AuditLog audit) {
    this.pool = pool;
    this.records = records;
    this.projects = projects;
    this.access = access;
    this.notifications = notifications;
    this.audit = audit;
  }

  /** Everything recorded for a project: brands, design requests, trades and services. */
  public Future<JsonObject> overview(CurrentUser user, long projectId) {
    return pool.withConnection(c -> visible(c, user, projectId).compose(v -> records.brands(c, projectId)
        .compose(brands -> records.designRequests(c, projectId).compose(design -> records.trades(c, projectId)
            .compose(trades -> records.services(c, projectId).map(services -> new JsonObject().put("projectId", projectId)
                .put("brands", brands).put("designRequests", design).put("trades", trades).put("services", services)))))));
  }

  public Future<Long> createBrand(CurrentUser user, long projectId, String name, String description, List<Long> members, String ip) {
    return pool.withTransaction(tx -> access.requireManager(tx, user, projectId, "its joint brands")
        .compose(m -> requireMembers(tx, projectId, members))
        .compose(v -> records.insertBrand(tx, projectId, name, description, members))
        .compose(id -> audit.record(tx, Actor.of(user, ip), "brand.create", "project", projectId, new JsonObject().put("brandId", id)
            .put("name", name)).map(id)))
        .recover(e -> SqlErrors.isUniqueViolation(e, "joint_brand_name_unique")
            ? Future.failedFuture(new ConflictException("conflict.brandExists", "The project already has a brand named " + name + "."))
            : Future.failedFuture(e));
  }

  public Future<Long> addProduct(CurrentUser user, long brandId, long organisationId, String name, Long priceWon, String ip) {
    return pool.withTransaction(tx -> records.brandProject(tx, brandId).compose(project -> {
      if (project.isEmpty()) {
        return Future.failedFuture(new NotFoundException("Brand " + brandId + " does not exist."));
      }
      long projectId = project.get();
      return access.requireManager(tx, user, projectId, "its joint brands")
          .compose(m -> requireMembers(tx, projectId, List.of(organisationId)))
          .compose(v -> records.insertProduct(tx, brandId, organisationId, name, priceWon))
          .compose(id -> audit.record(tx, Actor.of(user, ip), "brand.product", "project", projectId,
              new JsonObject().put("brandId", brandId).put("productId", id)).map(id));
    }));
  }

  /** Asks the design agency (KCDF) for co-brand, design or content support. */
  public Future<Long> requestDesign(CurrentUser user, long projectId, Long brandId, String title, String description, String ip) {
    return pool.withTransaction(tx -> access.requireManager(tx, user, projectId, "its design-support requests")
        .compose(m -> brandId == null ? Future.succeededFuture() : records.brandProject(tx, brandId).compose(p -> p.isPresent() && p.get() == projectId
            ? Future.succeededFuture() : Future.failedFuture(ValidationException.of("brandId", "validation.brand",
                "brandId " + brandId + " is not a brand of this project."))))
        .compose(v -> records.insertDesignRequest(tx, projectId, brandId, title, description, user.userId()))
        .compose(id -> records.designAgencyUsers(tx)
            .compose(agency -> notifications.notifyAll(tx, agency, "design.requested",
                new JsonObject().put("requestId", id).put("title", title), "/design"))
            .compose(v -> audit.record(tx, Actor.of(user, ip), "design.request", "project", projectId, new JsonObject().put("requestId", id)))
            .map(id)));
  }

  /** Every design-support request, for the design agency. */
  public Future<JsonArray> designQueue(CurrentUser user) {
    if (user.role() != Role.DESIGN_AGENCY && user.role() != Role.MINISTRY) {
      return Future.failedFuture(new ForbiddenException("The design agency's queue is for the design agency and the ministry."));
    }
    return records.designRequests(pool, null);
  }

  /** The design agency moves a request on (IN_PROGRESS, DELIVERED, CLOSED) with its answer and deliverables. */
  public Future<Void> answerDesign(CurrentUser user, long requestId, String status, String answer, String deliverables, String ip) {
    if (user.role() != Role.DESIGN_AGENCY) {
      return Future.failedFuture(new ForbiddenException("Only the design agency answers design-support requests."));
    }
    return pool.withTransaction(tx -> records.lockDesignRequest(tx, requestId).compose(found -> {
      JsonObject request = found.orElse(null);
      if (request == null) {
        return Future.failedFuture(new NotFoundException("Design request " + requestId + " does not exist."));
      }
      if ("CLOSED".equals(request.getString("status"))) {
        return Future.failedFuture(new ConflictException("conflict.designState", "The design request is CLOSED."));
      }
      long projectId = request.getLong("projectId");
      return records.answerDesignRequest(tx, requestId, status, answer, deliverables, user.userId())
          .compose(v -> projects.coordinatorIds(tx, projectId))
          .compose(ids -> notifications.notifyAll(tx, ids, "design.answered", new JsonObject().put("requestId", requestId).put("status", status),
              "/coordinator"))
          .compose(v -> audit.record(tx, Actor.of(user, ip), "design.answer", "project", projectId,
              new JsonObject().put("requestId", requestId).put("status", status)));
    }));
  }

  /** A value-chain trade between two member organisations. */
  public Future<Long> recordTrade(CurrentUser user, long projectId, long seller, long buyer, String item, double quantity, String unit,
      long amountWon, LocalDate day, String ip) {
    return pool.withTransaction(tx -> access.requireManager(tx, user, projectId, "its value-chain trades")
        .compose(m -> requireMembers(tx, projectId, List.of(seller, buyer)))
        .compose(v -> records.insertTrade(tx, projectId, seller, buyer, item, quantity, unit, amountWon, day, user.userId()))
        .compose(id -> audit.record(tx, Actor.of(user, ip), "trade.record", "project", projectId,
            new JsonObject().put("tradeId", id).put("amountWon", amountWon)).map(id)));
  }

  public Future<Long> addService(CurrentUser user, long projectId, String name, String category, String provider, Long providerOrg,
      String description, String ip) {
    return pool.withTransaction(tx -> access.requireManager(tx, user, projectId, "its local services")
        .compose(m -> records.insertService(tx, projectId, name, category, provider, providerOrg, description))
        .compose(id -> audit.record(tx, Actor.of(user, ip), "service.add", "project", projectId, new JsonObject().put("serviceId", id)).map(id)));
  }

  public Future<Void> recordUsage(CurrentUser user, long serviceId, String period, int uses, long amountWon, String ip) {
    return pool.withTransaction(tx -> records.serviceProject(tx, serviceId).compose(project -> {
      if (project.isEmpty()) {
        return Future.failedFuture(new NotFoundException("Service " + serviceId + " does not exist."));
      }
      return access.requireManager(tx, user, project.get(), "its local services")
          .compose(m -> records.upsertUsage(tx, serviceId, period, uses, amountWon))
          .compose(v -> audit.record(tx, Actor.of(user, ip), "service.usage", "project", project.get(),
              new JsonObject().put("serviceId", serviceId).put("period", period).put("uses", uses)));
    }));
  }

  /** The lead completes a running project with its final report. */
  public Future<Void> complete(CurrentUser user, long projectId, String finalReport, String ip) {
    return pool.withTransaction(tx -> access.requireManager(tx, user, projectId, "its completion").compose(m -> {
      if (user.role() != Role.LOCAL_GOV) {
        return Future.failedFuture(new ForbiddenException("The lead local government completes the project."));
      }
      return records.complete(tx, projectId, finalReport).compose(done -> done
          ? audit.record(tx, Actor.of(user, ip), "project.complete", "project", projectId, new JsonObject())
          : projects.lead(tx, projectId).compose(p -> Future.failedFuture(new ConflictException("conflict.projectState",
              "The project is " + p.map(x -> x.getString("status")).orElse("unknown") + ": only an ACTIVE project can be completed."))));
    }));
  }

  private Future<Void> visible(SqlConnection c, CurrentUser user, long projectId) {
    if (user.role() == Role.DESIGN_AGENCY) {
      return Future.succeededFuture();
    }
    return access.requireVisible(c, user, projectId, "Project " + projectId).mapEmpty();
  }

  private Future<Void> requireMembers(SqlConnection tx, long projectId, List<Long> organisations) {
    Future<Void> chain = Future.succeededFuture();
    for (Long org : organisations) {
      chain = chain.compose(v -> projects.isMemberOrganisation(tx, projectId, org).compose(member -> member
          ? Future.succeededFuture()
          : Future.failedFuture(ValidationException.of("organisationId", "validation.notMember",
              "Organisation " + org + " is not a member of this project's consortium."))));
    }
    return chain;
  }
}
