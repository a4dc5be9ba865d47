package kr.dure.project;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.LocalDate;
import java.util.ArrayList;
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
  private final java.time.Clock clock;

  public CollaborationService(Pool pool, CollaborationRepository records, ProjectRepository projects, ProjectAccess access,
      Notifier notifications, AuditLog audit, java.time.Clock clock) {
    this.clock = clock;
    this.pool = pool;
    this.records = records;
    this.projects = projects;
    this.access = access;
    this.notifications = notifications;
    this.audit = audit;
  }

  /** Today in Korea: trades and usage may not be dated after it. */
  public LocalDate today() {
    return LocalDate.now(clock.withZone(kr.dure.common.Zones.SEOUL));
  }

  /** Everything recorded for a project: brands, design requests, trades and services. */
  public Future<JsonObject> overview(CurrentUser user, long projectId) {
    return pool.withConnection(c -> visibleRecords(c, user, projectId).compose(v -> records.brands(c, projectId)
        .compose(brands -> records.designRequests(c, projectId).compose(design -> records.trades(c, projectId)
            .compose(trades -> records.services(c, projectId).map(services -> new JsonObject().put("projectId", projectId)
                .put("brands", brands).put("designRequests", design).put("trades", trades).put("services", services)))))));
  }

  /** The joint brands of a project with their design-support requests, comments and deliverable files. */
  public Future<JsonObject> brandRecords(CurrentUser user, long projectId) {
    return pool.withConnection(c -> visible(c, user, projectId).compose(v -> records.brands(c, projectId)
        .compose(brands -> records.designRequests(c, projectId).compose(design -> withThreads(c, design)
            .map(full -> new JsonObject().put("projectId", projectId).put("brands", brands).put("designRequests", full))))));
  }

  /** The trades of a period (either end may be null), one page of rows with the totals of the whole period. */
  public Future<JsonObject> tradeRecords(CurrentUser user, long projectId, LocalDate from, LocalDate to, int limit, int offset) {
    return pool.withConnection(c -> visibleRecords(c, user, projectId).compose(v -> records.tradesBetween(c, projectId, from, to, limit, offset)
        .compose(rows -> records.tradePairs(c, projectId, from, to).compose(pairs -> records.tradeMonths(c, projectId, from, to)
            .map(months -> new JsonObject().put("trades", rows).put("pairs", pairs).put("months", months))))));
  }

  public Future<JsonArray> services(CurrentUser user, long projectId) {
    return pool.withConnection(c -> visibleRecords(c, user, projectId).compose(v -> records.services(c, projectId)));
  }

  public Future<Long> createBrand(CurrentUser user, long projectId, String name, String description, List<Long> members, String ip) {
    return pool.withTransaction(tx -> writable(tx, user, projectId, "its joint brands")
        .compose(m -> requireMembers(tx, projectId, members, "memberOrganisationIds"))
        .compose(v -> records.insertBrand(tx, projectId, name, description, members))
        .compose(id -> audit.record(tx, Actor.of(user, ip), "brand.create", "project", projectId, new JsonObject().put("brandId", id)
            .put("name", name)).map(id)))
        .recover(e -> brandExists(e, name));
  }

  /** Renames or re-describes a brand and adds member firms to it. */
  public Future<Void> updateBrand(CurrentUser user, long brandId, String name, String description, List<Long> newMembers, String ip) {
    return pool.withTransaction(tx -> brandProject(tx, brandId).compose(projectId -> writable(tx, user, projectId, "its joint brands")
        .compose(m -> requireMembers(tx, projectId, newMembers, "memberOrganisationIds"))
        .compose(v -> records.updateBrand(tx, brandId, name, description))
        .compose(v -> records.addBrandMembers(tx, brandId, newMembers))
        .compose(v -> audit.record(tx, Actor.of(user, ip), "brand.update", "project", projectId, new JsonObject().put("brandId", brandId)
            .put("name", name).put("addedMembers", new JsonArray(newMembers))))))
        .recover(e -> brandExists(e, name));
  }

  public Future<Long> addProduct(CurrentUser user, long brandId, long organisationId, String name, Long priceWon, String status, String ip) {
    return pool.withTransaction(tx -> brandProject(tx, brandId).compose(projectId -> writable(tx, user, projectId, "its joint brands")
        .compose(m -> requireMembers(tx, projectId, List.of(organisationId), "organisationId"))
        .compose(v -> records.insertProduct(tx, brandId, organisationId, name, priceWon, status))
        .compose(id -> audit.record(tx, Actor.of(user, ip), "brand.product", "project", projectId,
            new JsonObject().put("brandId", brandId).put("productId", id).put("status", status)).map(id))));
  }

  public Future<Void> setProductStatus(CurrentUser user, long productId, String status, String ip) {
    return pool.withTransaction(tx -> records.productBrand(tx, productId).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(new NotFoundException("Product " + productId + " does not exist."));
      }
      long projectId = found.get().getLong("projectId");
      return writable(tx, user, projectId, "its joint brands")
          .compose(m -> records.updateProductStatus(tx, productId, status))
          .compose(v -> audit.record(tx, Actor.of(user, ip), "brand.product.status", "project", projectId,
              new JsonObject().put("productId", productId).put("status", status)));
    }));
  }

  /** Asks the design agency (KCDF) for co-brand, design or content support. */
  public Future<Long> requestDesign(CurrentUser user, long projectId, CollaborationInput.Design input, String ip) {
    Long brandId = input.brandId();
    return pool.withTransaction(tx -> writable(tx, user, projectId, "its design-support requests")
        .compose(m -> brandId == null ? Future.succeededFuture() : records.brandProject(tx, brandId).compose(p -> p.isPresent() && p.get() == projectId
            ? Future.succeededFuture() : Future.failedFuture(ValidationException.of("brandId", "validation.brand",
                "brandId " + brandId + " is not a brand of this project."))))
        .compose(v -> records.insertDesignRequest(tx, projectId, brandId, input.title(), input.description(), user.userId(), input.kind(),
            input.dueOn()))
        .compose(id -> records.designAgencyUsers(tx)
            .compose(agency -> notifications.notifyAll(tx, agency, "design.requested",
                new JsonObject().put("requestId", id).put("title", input.title()), "/design/requests/" + id))
            .compose(v -> audit.record(tx, Actor.of(user, ip), "design.request", "project", projectId, new JsonObject().put("requestId", id)
                .put("kind", input.kind())))
            .map(id)));
  }

  /** Every design-support request, for the design agency. */
  public Future<JsonArray> designQueue(CurrentUser user) {
    return designQueue(user, null);
  }

  /** The design agency's queue, optionally of one status, those still to do first. */
  public Future<JsonArray> designQueue(CurrentUser user, String status) {
    if (user.role() != Role.DESIGN_AGENCY && user.role() != Role.MINISTRY) {
      return Future.failedFuture(new ForbiddenException("The design agency's queue is for the design agency and the ministry."));
    }
    return records.designRequestsByStatus(pool, status);
  }

  /** One design request with its comments and files: for the agency, the ministry and the project's people. */
  public Future<JsonObject> designRequest(CurrentUser user, long requestId) {
    return pool.withConnection(c -> records.designRequest(c, requestId).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(new NotFoundException("Design request " + requestId + " does not exist."));
      }
      JsonObject request = found.get();
      return visible(c, user, request.getLong("projectId"))
          .compose(v -> withThreads(c, new JsonArray().add(request)))
          .map(list -> list.getJsonObject(0));
    })).recover(e -> e instanceof NotFoundException ? Future.failedFuture(
        new NotFoundException("Design request " + requestId + " does not exist or belongs to a project you are not part of.")) : Future.failedFuture(e));
  }

  /**
   * The design agency moves a request on with a comment: REQUESTED → RECEIVED → IN_PROGRESS → DELIVERED →
   * CLOSED, DECLINED (with its reason) from any open state, and back to IN_PROGRESS when a delivery needs rework.
   */
  public Future<Void> answerDesign(CurrentUser user, long requestId, CollaborationInput.Answer answer, String ip) {
    if (user.role() != Role.DESIGN_AGENCY) {
      return Future.failedFuture(new ForbiddenException("Only the design agency answers design-support requests."));
    }
    String status = answer.status();
    return pool.withTransaction(tx -> records.lockDesignRequest(tx, requestId).compose(found -> {
      JsonObject request = found.orElse(null);
      if (request == null) {
        return Future.failedFuture(new NotFoundException("Design request " + requestId + " does not exist."));
      }
      String from = request.getString("status");
      if (!nextDesignStates(from).contains(status)) {
        return Future.failedFuture(new ConflictException("conflict.designTransition", "The design request is " + from + ": it cannot move to "
            + status + (nextDesignStates(from).isEmpty() ? "." : " (next: " + String.join(", ", nextDesignStates(from)) + ").")));
      }
      long projectId = request.getLong("projectId");
      return open(tx, projectId)
          .compose(v -> records.answerDesignRequest(tx, requestId, status, answer.comment(), answer.deliverables(), user.userId()))
          .compose(v -> records.insertComment(tx, requestId, status, answer.comment(), user.userId()))
          .compose(v -> projects.coordinatorIds(tx, projectId))
          .compose(ids -> notifications.notifyAll(tx, ids, "design.answered", new JsonObject().put("requestId", requestId).put("status", status),
              "/projects/" + projectId + "/brand#design-" + requestId))
          .compose(v -> audit.record(tx, Actor.of(user, ip), "design.answer", "project", projectId,
              new JsonObject().put("requestId", requestId).put("from", from).put("status", status)));
    }));
  }

  /** The states a request in {@code from} may move to. */
  public static List<String> nextDesignStates(String from) {
    return switch (from) {
      case "REQUESTED" -> List.of("RECEIVED", "IN_PROGRESS", "DELIVERED", "DECLINED");
      case "RECEIVED" -> List.of("IN_PROGRESS", "DELIVERED", "DECLINED");
      case "IN_PROGRESS" -> List.of("IN_PROGRESS", "DELIVERED", "DECLINED");
      case "DELIVERED" -> List.of("DELIVERED", "IN_PROGRESS", "CLOSED");
      default -> List.of();
    };
  }

  /** The design agency attaches a deliverable file (PDF, PNG or JPEG by its first bytes, at most 10 MiB). */
  public Future<Long> addDeliverable(CurrentUser user, long requestId, String filename, Buffer bytes, String ip) {
    if (user.role() != Role.DESIGN_AGENCY) {
      return Future.failedFuture(new ForbiddenException("Only the design agency uploads deliverables."));
    }
    if (bytes == null || bytes.length() == 0 || bytes.length() > DELIVERABLE_LIMIT) {
      return Future.failedFuture(ValidationException.of("file", "validation.fileSize", "The file must be between 1 byte and 10 MiB."));
    }
    String type = deliverableType(bytes);
    if (type == null) {
      return Future.failedFuture(ValidationException.of("file", "validation.deliverableType",
          "The file must be a PDF, PNG or JPEG (checked by its content, not its name)."));
    }
    String name = safeFilename(filename, type);
    return pool.withTransaction(tx -> records.lockDesignRequest(tx, requestId).compose(found -> {
      JsonObject request = found.orElse(null);
      if (request == null) {
        return Future.failedFuture(new NotFoundException("Design request " + requestId + " does not exist."));
      }
      String status = request.getString("status");
      if ("CLOSED".equals(status) || "DECLINED".equals(status)) {
        return Future.failedFuture(new ConflictException("conflict.designState", "The design request is " + status + ": it takes no more files."));
      }
      long projectId = request.getLong("projectId");
      return open(tx, projectId)
          .compose(v -> records.insertDeliverable(tx, requestId, name, type, bytes, user.userId()))
          .compose(id -> audit.record(tx, Actor.of(user, ip), "design.deliverable", "project", projectId,
              new JsonObject().put("requestId", requestId).put("fileId", id).put("filename", name).put("bytes", bytes.length())).map(id));
    }));
  }

  /** A deliverable file, for the agency, the ministry and the people of the request's project. */
  public Future<CollaborationRepository.Deliverable> deliverable(CurrentUser user, long requestId, long fileId) {
    return pool.withConnection(c -> records.deliverable(c, requestId, fileId).compose(found -> found.isEmpty()
        ? Future.failedFuture(new NotFoundException("File " + fileId + " of design request " + requestId + " does not exist."))
        : visible(c, user, found.get().projectId()).map(found.get())));
  }

  static final int DELIVERABLE_LIMIT = 10 * 1024 * 1024;

  /** The file type the bytes start with, whatever the client claimed: PDF, PNG or JPEG; SVG and anything else are refused. */
  static String deliverableType(Buffer b) {
    String detected = kr.dure.program.AttachmentFiles.detect(b);
    return detected != null && detected.matches("application/pdf|image/png|image/jpeg") ? detected : null;
  }

  /** The client's name as {@link kr.dure.common.FileNames#safe} cleans it, at most 200 characters before the extension. */
  static String safeFilename(String raw, String type) {
    return kr.dure.common.FileNames.safe(raw, switch (type) {
      case "application/pdf" -> "pdf";
      case "image/png" -> "png";
      default -> "jpg";
    }, "deliverable", 200);
  }

  /** A value-chain trade between two member organisations. */
  public Future<Long> recordTrade(CurrentUser user, long projectId, CollaborationInput.Trade t, String ip) {
    return pool.withTransaction(tx -> writable(tx, user, projectId, "its value-chain trades")
        .compose(m -> requireMembers(tx, projectId, List.of(t.sellerId()), "sellerId"))
        .compose(m -> requireMembers(tx, projectId, List.of(t.buyerId()), "buyerId"))
        .compose(v -> records.insertTrade(tx, projectId, t.sellerId(), t.buyerId(), t.item(), t.quantity(), t.unit(), t.amountWon(),
            t.tradedOn(), user.userId()))
        .compose(id -> audit.record(tx, Actor.of(user, ip), "trade.record", "project", projectId,
            new JsonObject().put("tradeId", id).put("amountWon", t.amountWon())).map(id)));
  }

  public Future<Long> addService(CurrentUser user, long projectId, CollaborationInput.Service s, String ip) {
    return pool.withTransaction(tx -> writable(tx, user, projectId, "its local services")
        .compose(m -> s.providerOrganisationId() == null ? Future.succeededFuture()
            : requireMembers(tx, projectId, List.of(s.providerOrganisationId()), "providerOrganisationId"))
        .compose(m -> records.insertService(tx, projectId, s.name(), s.category(), s.provider(), s.providerOrganisationId(), s.description(),
            s.priceWon()))
        .compose(id -> audit.record(tx, Actor.of(user, ip), "service.add", "project", projectId, new JsonObject().put("serviceId", id)).map(id)));
  }

  /** Records a month's usage of a service; recording the same month again replaces it. */
  public Future<Void> recordUsage(CurrentUser user, long serviceId, CollaborationInput.Usage u, String ip) {
    return pool.withTransaction(tx -> records.serviceProject(tx, serviceId).compose(project -> {
      if (project.isEmpty()) {
        return Future.failedFuture(new NotFoundException("Service " + serviceId + " does not exist."));
      }
      return writable(tx, user, project.get(), "its local services")
          .compose(m -> records.upsertUsage(tx, serviceId, u.period(), u.uses(), u.amountWon()))
          .compose(v -> audit.record(tx, Actor.of(user, ip), "service.usage", "project", project.get(),
              new JsonObject().put("serviceId", serviceId).put("period", u.period()).put("uses", u.uses()).put("amountWon", u.amountWon())));
    }));
  }

  /** The project's final report, or an empty draft when none was saved; with the project's status. */
  public Future<JsonObject> finalReport(CurrentUser user, long projectId) {
    return pool.withConnection(c -> access.requireVisible(c, user, projectId, "Project " + projectId)
        .compose(m -> records.finalReport(c, projectId))
        .compose(found -> projects.lead(c, projectId).map(lead -> found.orElse(new JsonObject().put("summary", "").put("kpiOutcomes", "")
                .put("lessons", "").put("status", "NONE").put("returnNote", ""))
            .put("projectStatus", lead.map(l -> l.getString("status")).orElse("")))));
  }

  /** The lead local government saves its final report as a draft; a submitted report waits for the ministry. */
  public Future<Void> saveFinalReport(CurrentUser user, long projectId, CollaborationInput.Report r, String ip) {
    return pool.withTransaction(tx -> lead(tx, user, projectId).compose(v -> open(tx, projectId))
        .compose(v -> records.lockFinalReport(tx, projectId))
        .compose(found -> found.isPresent() && "SUBMITTED".equals(found.get().getString("status"))
            ? Future.failedFuture(new ConflictException("conflict.reportSubmitted",
                "The final report is SUBMITTED: it can change only after the ministry returns it."))
            : records.saveFinalReport(tx, projectId, r.summary(), r.kpiOutcomes(), r.lessons(), user.userId()))
        .compose(v -> audit.record(tx, Actor.of(user, ip), "finalReport.save", "project", projectId, new JsonObject())));
  }

  /** The lead submits the saved report to the ministry; a running (ACTIVE) project only, with its summary written. */
  public Future<Void> submitFinalReport(CurrentUser user, long projectId, String ip) {
    return pool.withTransaction(tx -> lead(tx, user, projectId).compose(v -> active(tx, projectId, "submitted"))
        .compose(v -> records.lockFinalReport(tx, projectId))
        .compose(found -> {
          if (found.isEmpty() || found.get().getString("summary").isBlank()) {
            return Future.failedFuture(ValidationException.of("summary", "validation.reportSummary",
                "Write and save the summary of results before submitting the final report."));
          }
          if (!"DRAFT".equals(found.get().getString("status"))) {
            return Future.failedFuture(new ConflictException("conflict.reportSubmitted", "The final report is already SUBMITTED."));
          }
          return records.setFinalReportStatus(tx, projectId, "SUBMITTED", "", user.userId());
        })
        .compose(v -> records.ministryUsers(tx))
        .compose(ids -> notifications.notifyAll(tx, ids, "finalReport.submitted", new JsonObject().put("projectId", projectId),
            "/projects/" + projectId + "/completion"))
        .compose(v -> audit.record(tx, Actor.of(user, ip), "finalReport.submit", "project", projectId, new JsonObject())));
  }

  /** The ministry sends a submitted report back to the lead with what to change. */
  public Future<Void> returnFinalReport(CurrentUser user, long projectId, String note, String ip) {
    if (user.role() != Role.MINISTRY) {
      return Future.failedFuture(new ForbiddenException("Only the ministry returns a final report."));
    }
    return pool.withTransaction(tx -> access.requireVisible(tx, user, projectId, "Project " + projectId)
        .compose(m -> open(tx, projectId))
        .compose(v -> records.lockFinalReport(tx, projectId))
        .compose(found -> found.isPresent() && "SUBMITTED".equals(found.get().getString("status"))
            ? records.setFinalReportStatus(tx, projectId, "DRAFT", note, user.userId())
            : Future.failedFuture(new ConflictException("conflict.reportNotSubmitted",
                "The final report is " + found.map(f -> f.getString("status")).orElse("not written") + ": only a SUBMITTED report is returned.")))
        .compose(v -> audit.record(tx, Actor.of(user, ip), "finalReport.return", "project", projectId, new JsonObject().put("note", note))));
  }

  /** The ministry completes a running (ACTIVE) project once its lead has submitted the final report; the records are then read-only. */
  public Future<Void> complete(CurrentUser user, long projectId, String ip) {
    if (user.role() != Role.MINISTRY) {
      return Future.failedFuture(new ForbiddenException("The ministry completes a project, after its lead submits the final report."));
    }
    // the project row is locked first: a shared lock here would deadlock two completions at the final UPDATE
    return pool.withTransaction(tx -> access.requireVisible(tx, user, projectId, "Project " + projectId)
        .compose(m -> records.projectStatusLocked(tx, projectId))
        .compose(status -> "ACTIVE".equals(status.orElse("")) ? Future.<Void>succeededFuture()
            : Future.failedFuture(new ConflictException("conflict.projectState",
                "The project is " + status.orElse("unknown") + ": only an ACTIVE project can be completed.")))
        .compose(v -> records.lockFinalReport(tx, projectId))
        .compose(found -> {
          if (found.isEmpty() || !"SUBMITTED".equals(found.get().getString("status"))) {
            return Future.failedFuture(new ConflictException("conflict.reportNotSubmitted", "The final report is "
                + found.map(f -> f.getString("status")).orElse("not written") + ": the lead submits it before the project is completed."));
          }
          return records.finalReport(tx, projectId);
        })
        .compose(report -> records.complete(tx, projectId, reportText(report.orElseThrow()), user.userId()))
        .compose(done -> done ? projects.coordinatorIds(tx, projectId) : Future.failedFuture(new ConflictException("conflict.projectState",
            "The project changed state meanwhile: only an ACTIVE project can be completed.")))
        .compose(ids -> notifications.notifyAll(tx, ids, "project.completed", new JsonObject().put("projectId", projectId),
            "/projects/" + projectId + "/completion"))
        .compose(v -> audit.record(tx, Actor.of(user, ip), "project.complete", "project", projectId, new JsonObject())));
  }

  private static String reportText(JsonObject r) {
    return r.getString("summary") + "\n\n[KPI]\n" + r.getString("kpiOutcomes") + "\n\n[Lessons]\n" + r.getString("lessons");
  }

  /** Adds each request's comments and files. */
  private Future<JsonArray> withThreads(SqlConnection c, JsonArray requests) {
    List<Long> ids = new ArrayList<>();
    requests.forEach(o -> ids.add(((JsonObject) o).getLong("id")));
    return records.comments(c, ids).compose(comments -> records.deliverables(c, ids).map(files -> {
      JsonArray out = new JsonArray();
      for (Object o : requests) {
        JsonObject r = ((JsonObject) o).copy();
        long id = r.getLong("id");
        r.put("comments", filter(comments, id)).put("files", filter(files, id));
        out.add(r);
      }
      return out;
    }));
  }

  private static JsonArray filter(JsonArray rows, long requestId) {
    JsonArray out = new JsonArray();
    rows.forEach(o -> {
      if (((JsonObject) o).getLong("requestId") == requestId) {
        out.add(o);
      }
    });
    return out;
  }

  private Future<Long> brandProject(SqlConnection tx, long brandId) {
    return records.brandProject(tx, brandId).compose(p -> p.isPresent() ? Future.succeededFuture(p.get())
        : Future.failedFuture(new NotFoundException("Brand " + brandId + " does not exist.")));
  }

  private static <T> Future<T> brandExists(Throwable e, String name) {
    return SqlErrors.isUniqueViolation(e, "joint_brand_name_unique")
        ? Future.failedFuture(new ConflictException("conflict.brandExists", "The project already has a brand named " + name + "."))
        : Future.failedFuture(e);
  }

  /** The caller manages the project's records, and the project is not completed. */
  private Future<Void> writable(SqlConnection tx, CurrentUser user, long projectId, String what) {
    return access.requireManager(tx, user, projectId, what).compose(m -> open(tx, projectId));
  }

  /** A completed project's records are read-only; the shared lock keeps the completion from slipping in before this write commits. */
  private Future<Void> open(SqlConnection tx, long projectId) {
    return records.projectStatusShared(tx, projectId).compose(status -> "COMPLETED".equals(status.orElse(""))
        ? Future.failedFuture(new ConflictException("conflict.projectCompleted",
            "The project is COMPLETED: its records are read-only."))
        : Future.succeededFuture());
  }

  private Future<Void> active(SqlConnection tx, long projectId, String what) {
    return records.projectStatusShared(tx, projectId).compose(status -> "ACTIVE".equals(status.orElse(""))
        ? Future.succeededFuture()
        : Future.failedFuture(new ConflictException("conflict.projectState",
            "The project is " + status.orElse("unknown") + ": only an ACTIVE project can be " + what + ".")));
  }

  /** The official of the project's lead local government. */
  private Future<Void> lead(SqlConnection tx, CurrentUser user, long projectId) {
    return access.requireManager(tx, user, projectId, "its final report").compose(m -> user.role() == Role.LOCAL_GOV
        ? Future.succeededFuture()
        : Future.failedFuture(new ForbiddenException("The lead local government writes and submits the final report.")));
  }

  /** Brands and design requests: the design agency serves every project, everyone else their own. */
  private Future<Void> visible(SqlConnection c, CurrentUser user, long projectId) {
    if (user.role() == Role.DESIGN_AGENCY) {
      return Future.succeededFuture();
    }
    return access.requireVisible(c, user, projectId, "Project " + projectId).mapEmpty();
  }

  /**
   * Every record of a project, trades and shared services included: its own people and the ministry.
   * The design agency is not a member of any project, so it gets the same 404 as any outsider.
   */
  private Future<Void> visibleRecords(SqlConnection c, CurrentUser user, long projectId) {
    return access.requireVisible(c, user, projectId, "Project " + projectId).mapEmpty();
  }

  private Future<Void> requireMembers(SqlConnection tx, long projectId, List<Long> organisations, String field) {
    Future<Void> chain = Future.succeededFuture();
    for (Long org : organisations) {
      chain = chain.compose(v -> projects.isMemberOrganisation(tx, projectId, org).compose(member -> member
          ? Future.succeededFuture()
          : Future.failedFuture(ValidationException.of(field, "validation.notMember",
              "Organisation " + org + " is not a member of this project's consortium."))));
    }
    return chain;
  }
}
