package kr.dure.resource;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import kr.dure.auth.Actor;
import kr.dure.auth.AuditLog;
import kr.dure.auth.CurrentUser;
import kr.dure.common.NotFoundException;
import kr.dure.common.UnprocessableException;
import kr.dure.common.ValidationException;
import kr.dure.project.ProjectAccess;
import kr.dure.project.ProjectRepository;
import kr.dure.project.ProjectService;
import kr.dure.project.ProjectSummary;

/** Resources of projects: members browse them, coordinators create, edit and deactivate them and keep their calendars. */
public final class ResourceService {

  private final Pool pool;
  private final ZoneId zone;
  private final ResourceRepository resources;
  private final ProjectRepository projects;
  private final ProjectService projectService;
  private final ProjectAccess access;
  private final AuditLog audit;

  public ResourceService(Pool pool, ZoneId zone, ResourceRepository resources, ProjectRepository projects,
      ProjectService projectService, ProjectAccess access, AuditLog audit) {
    this.pool = pool;
    this.zone = zone;
    this.resources = resources;
    this.projects = projects;
    this.projectService = projectService;
    this.access = access;
    this.audit = audit;
  }

  /** Resources of the projects the caller may see, optionally of one project and one kind. */
  public Future<List<Resource>> list(CurrentUser user, Long projectId, ResourceKind kind) {
    return list(user, projectId, kind, false);
  }

  /**
   * Like {@link #list(CurrentUser, Long, ResourceKind)}; {@code withInactive} adds deactivated
   * resources for the project's coordinators, who may reactivate them.
   */
  public Future<List<Resource>> list(CurrentUser user, Long projectId, ResourceKind kind, boolean withInactive) {
    if (withInactive && projectId != null) {
      return pool.withConnection(c -> access.requireCoordinator(c, user, projectId, "its resources"))
          .compose(m -> resources.listByProjects(pool, List.of(projectId), true))
          .map(list -> kind == null ? list : list.stream().filter(r -> r.kind() == kind).toList());
    }
    Future<List<Long>> projectIds = projectId != null
        ? pool.withConnection(c -> access.requireVisible(c, user, projectId, "Project " + projectId)).map(m -> List.of(projectId))
        : projectService.visibleTo(user).map(list -> list.stream().map(ProjectSummary::id).toList());
    return projectIds.compose(ids -> resources.listByProjects(pool, ids, false))
        .map(list -> kind == null ? list : list.stream().filter(r -> r.kind() == kind).toList());
  }

  public Future<Resource> get(CurrentUser user, long id) {
    return pool.withConnection(c -> visible(c, user, id));
  }

  private Future<Resource> visible(SqlConnection c, CurrentUser user, long id) {
    return resources.findById(c, id).compose(found -> found.isEmpty()
        ? Future.failedFuture(new NotFoundException("Resource " + id + " does not exist."))
        : access.requireVisible(c, user, found.get().projectId(), "Resource " + id).map(found.get()));
  }

  private Future<Resource> managed(SqlConnection c, CurrentUser user, long id) {
    return resources.findById(c, id).compose(found -> found.isEmpty()
        ? Future.failedFuture(new NotFoundException("Resource " + id + " does not exist."))
        : access.requireCoordinator(c, user, found.get().projectId(), "its resources").map(found.get()));
  }

  public Future<Resource> create(CurrentUser user, ResourceInput input, String ip) {
    return pool.withTransaction(tx -> access.requireCoordinator(tx, user, input.projectId(), "its resources")
        .compose(m -> resources.insert(tx, input))
        .compose(id -> audit.record(tx, Actor.of(user, ip), "resource.create", "resource", id,
            new JsonObject().put("projectId", input.projectId()).put("kind", input.kind().name()).put("name", input.nameKo())).map(id))
        .compose(id -> resources.findById(tx, id)).map(found -> found.orElseThrow()));
  }

  public Future<Resource> update(CurrentUser user, long id, ResourceInput input, String ip) {
    return pool.withTransaction(tx -> managed(tx, user, id).compose(existing -> {
      if (existing.kind() != input.kind() || existing.projectId() != input.projectId()) {
        return Future.failedFuture(ValidationException.of("kind", "validation.kindFixed",
            "A resource keeps its kind and project; create a new resource instead."));
      }
      // capacity may not drop below what future bookings already use (under the row lock bookings take)
      Future<Void> capacityOk = existing.kind() != ResourceKind.FACILITY || input.capacity() >= existing.capacity()
          ? Future.succeededFuture()
          : resources.lockById(tx, id).compose(l -> resources.peakFrom(tx, id, java.time.Instant.now())).compose(peak -> peak <= input.capacity()
              ? Future.<Void>succeededFuture()
              : Future.failedFuture(new kr.dure.common.ConflictException("conflict.capacityInUse",
                  "Future bookings already use " + peak + " units at once: the capacity cannot go below that.")));
      return capacityOk.compose(ok -> resources.update(tx, id, input))
          .compose(v -> audit.record(tx, Actor.of(user, ip), "resource.update", "resource", id,
              new JsonObject().put("before", existing.toJson()).put("after", input.rules().toJson())))
          .compose(v -> resources.findById(tx, id)).map(found -> found.orElseThrow());
    }));
  }

  /** Deactivated resources cannot be booked; their bookings stay as they are. */
  public Future<Resource> setActive(CurrentUser user, long id, boolean active, String ip) {
    return pool.withTransaction(tx -> managed(tx, user, id)
        .compose(r -> resources.setActive(tx, id, active))
        .compose(v -> audit.record(tx, Actor.of(user, ip), active ? "resource.activate" : "resource.deactivate", "resource", id,
            new JsonObject()))
        .compose(v -> resources.findById(tx, id)).map(found -> found.orElseThrow()));
  }

  /** Largest photo accepted. */
  public static final int PHOTO_LIMIT = 1024 * 1024;

  /**
   * Stores the resource's photo after checking that the bytes really are a JPEG, PNG or WebP
   * image of the declared type and at most 1 MiB.
   */
  public Future<Void> savePhoto(CurrentUser user, long id, String declaredType, io.vertx.core.buffer.Buffer bytes, String ip) {
    String type = imageType(bytes);
    if (bytes.length() == 0 || bytes.length() > PHOTO_LIMIT) {
      return Future.failedFuture(ValidationException.of("photo", "validation.photoSize", "The photo must be between 1 byte and 1 MiB."));
    }
    if (type == null || (declaredType != null && !declaredType.isBlank() && !declaredType.startsWith(type))) {
      return Future.failedFuture(ValidationException.of("photo", "validation.photoType", "The photo must be a JPEG, PNG or WebP image."));
    }
    return pool.withTransaction(tx -> managed(tx, user, id)
        .compose(r -> resources.savePhoto(tx, id, type, bytes, user.userId()))
        .compose(v -> audit.record(tx, Actor.of(user, ip), "resource.photo", "resource", id, new JsonObject().put("bytes", bytes.length()))));
  }

  public Future<ResourceRepository.Photo> photo(CurrentUser user, long id) {
    return pool.withConnection(c -> visible(c, user, id).compose(r -> resources.photo(c, id)))
        .map(found -> found.orElseThrow(() -> new NotFoundException("Resource " + id + " has no photo.")));
  }

  /** The image type the bytes start with, whatever the client claimed. */
  static String imageType(io.vertx.core.buffer.Buffer b) {
    if (b.length() >= 3 && (b.getByte(0) & 0xff) == 0xFF && (b.getByte(1) & 0xff) == 0xD8 && (b.getByte(2) & 0xff) == 0xFF) {
      return "image/jpeg";
    }
    if (b.length() >= 8 && b.getString(1, 4).equals("PNG") && (b.getByte(0) & 0xff) == 0x89) {
      return "image/png";
    }
    if (b.length() >= 12 && b.getString(0, 4).equals("RIFF") && b.getString(8, 12).equals("WEBP")) {
      return "image/webp";
    }
    return null;
  }

  public Future<List<Blackout>> blackouts(CurrentUser user, long id, Instant from, Instant to) {
    return pool.withConnection(c -> visible(c, user, id).compose(r -> resources.blackouts(c, id, from, to)));
  }

  public Future<Blackout> addBlackout(CurrentUser user, long id, Instant start, Instant end, String reason, String ip) {
    return pool.withTransaction(tx -> managed(tx, user, id)
        .compose(r -> resources.insertBlackout(tx, id, start, end, reason, user.userId()))
        .compose(bid -> audit.record(tx, Actor.of(user, ip), "resource.blackout.add", "resource", id,
            new JsonObject().put("blackoutId", bid).put("start", start.toString()).put("end", end.toString()).put("reason", reason))
            .map(new Blackout(bid, id, start, end, reason))));
  }

  public Future<Void> removeBlackout(CurrentUser user, long id, long blackoutId, String ip) {
    return pool.withTransaction(tx -> managed(tx, user, id)
        .compose(r -> resources.deleteBlackout(tx, id, blackoutId))
        .compose(deleted -> deleted
            ? audit.record(tx, Actor.of(user, ip), "resource.blackout.remove", "resource", id, new JsonObject().put("blackoutId", blackoutId))
            : Future.failedFuture(new NotFoundException("Blackout " + blackoutId + " of resource " + id + " does not exist."))));
  }

  public Future<List<JsonObject>> qualifications(CurrentUser user, long id) {
    return pool.withConnection(c -> managed(c, user, id).compose(r -> resources.qualifications(c, id)));
  }

  /** Records that a user of a member organisation was trained on the resource. */
  public Future<Long> recordQualification(CurrentUser user, long id, long userId, LocalDate from, LocalDate until, String note, String ip) {
    return pool.withTransaction(tx -> managed(tx, user, id).compose(r -> projects.isUserOfMember(tx, r.projectId(), userId)
        .compose(member -> member
            ? resources.insertQualification(tx, id, userId, from, until, note, user.userId())
            : Future.failedFuture(ValidationException.of("userId", "validation.notProjectUser",
                "userId " + userId + " is not a user of a member organisation of this project.")))
        .compose(qid -> audit.record(tx, Actor.of(user, ip), "resource.qualification", "resource", id,
            new JsonObject().put("userId", userId).put("validUntil", until.toString())).map(qid))));
  }

  public Future<List<Departure>> departures(CurrentUser user, long id, Instant from, Instant to) {
    return pool.withConnection(c -> visible(c, user, id).compose(r -> resources.departures(c, id, from, to)));
  }

  /**
   * Adds a weekly series of departures to a delivery run, e.g. every Tuesday and Friday 06:00,
   * booking cut-off the day before at 17:00. Departures that exist already are kept.
   */
  public Future<List<Departure>> addDepartures(CurrentUser user, long id, DepartureSeries series, String ip) {
    return pool.withTransaction(tx -> managed(tx, user, id).compose(r -> {
      if (r.kind() != ResourceKind.DELIVERY_RUN) {
        return Future.failedFuture(UnprocessableException.of("notARun", "rule.notARun", "Only delivery runs have departures."));
      }
      List<Instant> created = new ArrayList<>();
      Future<Void> chain = Future.succeededFuture();
      for (LocalDate day = series.from(); !day.isAfter(series.until()); day = day.plusDays(1)) {
        if (!series.weekdays().contains(day.getDayOfWeek().getValue())) {
          continue;
        }
        ZonedDateTime departs = day.atStartOfDay(zone).plusMinutes(series.departsMinute());
        ZonedDateTime cutoff = day.minusDays(series.cutoffDaysBefore()).atStartOfDay(zone).plusMinutes(series.cutoffMinute());
        if (cutoff.isAfter(departs)) {
          cutoff = departs;
        }
        Instant d = departs.toInstant();
        Instant cut = cutoff.toInstant();
        chain = chain.compose(v -> resources.insertDeparture(tx, id, d, d.plus(java.time.Duration.ofMinutes(series.durationMinutes())),
            cut, series.pallets(), series.kg()).map(added -> {
              added.ifPresent(x -> created.add(d));
              return (Void) null;
            }));
      }
      return chain
          .compose(v -> audit.record(tx, Actor.of(user, ip), "resource.departures", "resource", id,
              new JsonObject().put("added", created.size()).put("from", series.from().toString()).put("until", series.until().toString())))
          .compose(v -> resources.departures(tx, id, series.from().atStartOfDay(zone).toInstant(),
              series.until().plusDays(1).atStartOfDay(zone).toInstant()));
    }));
  }

}
