package kr.dure.program;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import kr.dure.auth.Actor;
import kr.dure.auth.AuditLog;
import kr.dure.auth.CurrentUser;
import kr.dure.auth.Role;
import kr.dure.common.ConflictException;
import kr.dure.common.ForbiddenException;
import kr.dure.common.NotFoundException;
import kr.dure.common.ValidationException;

/**
 * Attachments of an application (PDF, HWP, HWPX, PNG, JPEG, checked by their bytes): the applicant
 * adds and removes them while the application is a DRAFT; the applicant, the ministry and the
 * reviewers assigned to it download them.
 */
public final class AttachmentService {

  /** Largest attachment (10 MiB, as the page upload limit). */
  public static final int SIZE_LIMIT = 10 * 1024 * 1024;
  /** Most attachments one application carries. */
  public static final int COUNT_LIMIT = 10;

  private final Pool pool;
  private final ApplicationRepository applications;
  private final AttachmentRepository attachments;
  private final ReviewRepository reviews;
  private final AuditLog audit;

  public AttachmentService(Pool pool, ApplicationRepository applications, AttachmentRepository attachments, ReviewRepository reviews,
      AuditLog audit) {
    this.pool = pool;
    this.applications = applications;
    this.attachments = attachments;
    this.reviews = reviews;
    this.audit = audit;
  }

  public Future<List<AttachmentRepository.Attachment>> list(CurrentUser user, long applicationId) {
    return pool.withConnection(c -> readable(c, user, applicationId).compose(h -> attachments.list(c, applicationId)));
  }

  public Future<AttachmentRepository.Content> download(CurrentUser user, long applicationId, long attachmentId) {
    return pool.withConnection(c -> readable(c, user, applicationId).compose(h -> attachments.content(c, applicationId, attachmentId)))
        .map(found -> found.orElseThrow(() -> new NotFoundException(
            "Attachment " + attachmentId + " of application " + applicationId + " does not exist.")));
  }

  /** Adds an attachment to a draft; refused by its bytes, its size, the count, or the application's state. */
  public Future<AttachmentRepository.Attachment> add(CurrentUser user, long applicationId, String filename, Buffer bytes, String ip) {
    if (bytes == null || bytes.length() == 0) {
      return Future.failedFuture(ValidationException.of("file", "validation.attachmentMissing", "Choose a file to attach."));
    }
    if (bytes.length() > SIZE_LIMIT) {
      return Future.failedFuture(ValidationException.of("file", "validation.attachmentSize", "An attachment may be at most 10 MiB."));
    }
    String type = AttachmentFiles.detect(bytes);
    if (type == null) {
      return Future.failedFuture(ValidationException.of("file", "validation.attachmentType",
          "An attachment must be a PDF, HWP, HWPX, PNG or JPEG file (checked by its content, not its name)."));
    }
    String name = AttachmentFiles.safeName(filename, type);
    return pool.withTransaction(tx -> writable(tx, user, applicationId)
        .compose(h -> attachments.count(tx, applicationId))
        .compose(n -> n >= COUNT_LIMIT
            ? Future.failedFuture(ValidationException.of("file", "validation.attachmentCount",
                "An application carries at most " + COUNT_LIMIT + " attachments: delete one first."))
            : attachments.insert(tx, applicationId, name, type, bytes, user.userId()))
        .compose(a -> audit.record(tx, Actor.of(user, ip), "application.attachment.add", "application", applicationId,
            new JsonObject().put("attachmentId", a.id()).put("filename", a.filename()).put("bytes", a.sizeBytes())).map(a)));
  }

  public Future<Void> delete(CurrentUser user, long applicationId, long attachmentId, String ip) {
    return pool.withTransaction(tx -> writable(tx, user, applicationId)
        .compose(h -> attachments.delete(tx, applicationId, attachmentId))
        .compose(deleted -> deleted
            ? audit.record(tx, Actor.of(user, ip), "application.attachment.delete", "application", applicationId,
                new JsonObject().put("attachmentId", attachmentId))
            : Future.failedFuture(new NotFoundException("Attachment " + attachmentId + " of application " + applicationId + " does not exist."))));
  }

  /** The applicant's organisation, the ministry, and reviewers assigned to this application; others get 403. */
  private Future<ApplicationRepository.Header> readable(SqlConnection c, CurrentUser user, long id) {
    return applications.find(c, id).compose(found -> {
      ApplicationRepository.Header h = found.orElse(null);
      if (h == null) {
        return Future.failedFuture(new NotFoundException("Application " + id + " does not exist."));
      }
      if (user.role() == Role.MINISTRY || h.applicantId() == user.organisationId()) {
        return Future.succeededFuture(h);
      }
      if (user.role() == Role.REVIEWER) {
        return reviews.isAssigned(c, id, user.userId()).compose(assigned -> assigned ? Future.succeededFuture(h)
            : Future.failedFuture(new ForbiddenException("Application " + id + " is not assigned to you.")));
      }
      return Future.failedFuture(new ForbiddenException("The attachments of application " + id + " are not yours to see."));
    });
  }

  /** Only the applicant local government changes attachments, and only while the application is a DRAFT. */
  private Future<ApplicationRepository.Header> writable(SqlConnection tx, CurrentUser user, long id) {
    return applications.lock(tx, id).compose(found -> {
      ApplicationRepository.Header h = found.orElse(null);
      if (h == null) {
        return Future.failedFuture(new NotFoundException("Application " + id + " does not exist."));
      }
      if (user.role() != Role.LOCAL_GOV || h.applicantId() != user.organisationId()) {
        return Future.failedFuture(new ForbiddenException("Only the applicant local government changes the attachments."));
      }
      if (!"DRAFT".equals(h.status())) {
        return Future.failedFuture(new ConflictException("conflict.attachmentsFrozen",
            "The application is " + h.status() + ": attachments are frozen once it is submitted.",
            new JsonObject().put("state", h.status())));
      }
      return Future.succeededFuture(h);
    });
  }
}
