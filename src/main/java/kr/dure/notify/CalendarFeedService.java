package kr.dure.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import kr.dure.auth.Actor;
import kr.dure.auth.AuditLog;
import kr.dure.auth.CurrentUser;
import kr.dure.auth.Role;
import kr.dure.common.ForbiddenException;
import kr.dure.common.NotFoundException;
import kr.dure.common.ValidationException;
import kr.dure.project.ProjectAccess;
import kr.dure.resource.ResourceRepository;

/**
 * Calendar feeds at secret URLs: creating one (the token is 256 random bits, shown once, kept only
 * as its SHA-256), listing and revoking one's own, and answering a calendar app's fetch. A firm's
 * subscriber to a resource sees other firms' bookings only as "busy"; a coordinator of the resource's
 * project sees who booked. Access is checked again at every fetch, so a feed stops showing what its
 * owner may no longer see.
 */
public final class CalendarFeedService {

  /** How far back and ahead a feed reaches. */
  static final Duration BACK = Duration.ofDays(90);
  static final Duration AHEAD = Duration.ofDays(400);
  /** A user keeps at most this many working feeds. */
  static final int MAX_ACTIVE = 20;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Pool pool;
  private final Clock clock;
  private final CalendarFeedRepository repository;
  private final ProjectAccess projectAccess;
  private final ResourceRepository resources;
  private final AuditLog audit;

  public CalendarFeedService(Pool pool, Clock clock, CalendarFeedRepository repository, ProjectAccess projectAccess,
      ResourceRepository resources, AuditLog audit) {
    this.pool = pool;
    this.clock = clock;
    this.repository = repository;
    this.projectAccess = projectAccess;
    this.resources = resources;
    this.audit = audit;
  }

  /** A new feed and its secret token, which is never stored and cannot be shown again. */
  public record Created(CalendarFeed feed, String token) {
    public String path() {
      return "/feeds/" + token + ".ics";
    }
  }

  public static boolean mayHaveFeeds(Role role) {
    return role == Role.FIRM || role == Role.COORDINATOR;
  }

  public Future<Created> create(CurrentUser user, String rawName, String rawScope, Long resourceId, Actor actor) {
    if (!mayHaveFeeds(user.role())) {
      return Future.failedFuture(new ForbiddenException("Calendar feeds are for firms and coordinators."));
    }
    List<ValidationException.FieldError> errors = new ArrayList<>();
    String name = rawName == null ? "" : rawName.strip();
    if (name.isEmpty() || name.length() > 100) {
      errors.add(new ValidationException.FieldError("name", "validation.feedName", "name must be 1 to 100 characters."));
    }
    CalendarFeed.Scope scope = null;
    try {
      scope = rawScope == null ? null : CalendarFeed.Scope.valueOf(rawScope.strip().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      // reported below
    }
    if (scope == null) {
      errors.add(new ValidationException.FieldError("scope", "validation.feedScope", "scope must be USER, ORGANISATION or RESOURCE."));
    } else if (scope == CalendarFeed.Scope.ORGANISATION && user.role() != Role.FIRM) {
      errors.add(new ValidationException.FieldError("scope", "validation.feedScope", "Only firm users subscribe to their firm's bookings."));
    } else if (scope == CalendarFeed.Scope.RESOURCE && (resourceId == null || resourceId <= 0)) {
      errors.add(new ValidationException.FieldError("resourceId", "validation.feedResource", "Choose the resource of the feed."));
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(new ValidationException(errors));
    }
    CalendarFeed.Scope chosen = scope;
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    return pool.withTransaction(tx -> {
      Future<Void> allowed = chosen != CalendarFeed.Scope.RESOURCE
          ? Future.succeededFuture()
          : resources.findById(tx, resourceId).compose(r -> r.isEmpty()
              ? Future.failedFuture(new NotFoundException("Resource " + resourceId + " does not exist."))
              : projectAccess.requireVisible(tx, user, r.get().projectId(), "Resource " + resourceId).mapEmpty());
      return allowed
          .compose(v -> tx.preparedQuery("SELECT count(*) FROM calendar_feed WHERE user_id = $1 AND revoked_at IS NULL")
              .execute(io.vertx.sqlclient.Tuple.of(user.userId())))
          .compose(rows -> rows.iterator().next().getLong(0) >= MAX_ACTIVE
              ? Future.failedFuture(new kr.dure.common.ConflictException("You have " + MAX_ACTIVE
                  + " working calendar feeds already (state: limit reached); revoke one first."))
              : repository.insert(tx, user.userId(), sha256(token), name, chosen,
                  chosen == CalendarFeed.Scope.ORGANISATION ? user.organisationId() : null,
                  chosen == CalendarFeed.Scope.RESOURCE ? resourceId : null))
          .compose(id -> audit.record(tx, actor, "calendarFeed.create", "calendar_feed", id,
                  new JsonObject().put("scope", chosen.name()).put("resourceId", resourceId).put("name", name))
              .compose(v -> repository.findMine(tx, id, user.userId())))
          .map(feed -> new Created(feed.orElseThrow(), token));
    });
  }

  public Future<List<CalendarFeed>> mine(CurrentUser user) {
    return repository.listMine(pool, user.userId());
  }

  /** Revokes one's own feed; its URL answers 404 from then on. Revoking twice, or another's feed, is not found. */
  public Future<Void> revoke(CurrentUser user, long id, Actor actor) {
    return pool.withTransaction(tx -> repository.revoke(tx, id, user.userId()).compose(done -> done
        ? audit.record(tx, actor, "calendarFeed.revoke", "calendar_feed", id, new JsonObject())
        : Future.failedFuture(new NotFoundException("Calendar feed " + id + " does not exist or is already revoked."))));
  }

  public Future<List<JsonObject>> resourcesFor(CurrentUser user) {
    return repository.visibleResources(pool, user.userId(), user.organisationId());
  }

  /** The iCalendar text of a feed, or empty when the token is unknown, revoked, or its owner may no longer see it. */
  public Future<Optional<String>> render(String token, java.util.function.BiFunction<String, String, String> text) {
    return repository.findByToken(pool, sha256(token)).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(Optional.empty());
      }
      CalendarFeedRepository.Owned owned = found.get();
      CalendarFeed feed = owned.feed();
      Instant now = clock.instant();
      Future<Optional<Boolean>> detailed = switch (feed.scope()) {
        case USER -> Future.succeededFuture(Optional.of(true));
        // a firm user moved to another organisation no longer sees the old one's bookings
        case ORGANISATION -> Future.succeededFuture(owned.ownerOrganisationId() == feed.organisationId()
            ? Optional.of(true) : Optional.empty());
        case RESOURCE -> repository.resourceAccess(pool, feed.resourceId(), feed.userId(), owned.ownerOrganisationId())
            .map(a -> a.filter(CalendarFeedRepository.ResourceAccess::member)
                .map(access -> access.coordinator() && Role.COORDINATOR.name().equals(owned.ownerRole())));
      };
      return detailed.compose(full -> {
        if (full.isEmpty()) {
          return Future.succeededFuture(Optional.<String>empty());
        }
        Long userId = feed.scope() == CalendarFeed.Scope.USER ? feed.userId() : null;
        return repository.bookings(pool, userId, feed.organisationId(), feed.resourceId(), now.minus(BACK), now.plus(AHEAD))
            .compose(bookings -> repository.touch(pool, feed.id()).map(bookings))
            .map(bookings -> {
              String lang = owned.ownerLocale();
              List<CalendarFeedWriter.Event> events = new ArrayList<>();
              for (CalendarFeedRepository.FeedBooking b : bookings) {
                boolean details = full.get() || feed.scope() != CalendarFeed.Scope.RESOURCE
                    || b.organisationId() == owned.ownerOrganisationId();
                // the booking firm's name matters only on a resource's feed (a coordinator's); a firm knows its own bookings
                events.add(event(b, details, feed.scope() == CalendarFeed.Scope.RESOURCE && details, lang, text));
              }
              return Optional.of(CalendarFeedWriter.write(feed.name(), events, now));
            });
      });
    });
  }

  private static CalendarFeedWriter.Event event(CalendarFeedRepository.FeedBooking b, boolean details, boolean showFirm, String lang,
      java.util.function.BiFunction<String, String, String> text) {
    String resource = "en".equals(lang) && b.resourceNameEn() != null && !b.resourceNameEn().isBlank()
        ? b.resourceNameEn() : b.resourceNameKo();
    boolean cancelled = List.of("CANCELLED", "REJECTED", "EXPIRED").contains(b.status());
    String summary;
    String description = null;
    if (details) {
      summary = resource + (showFirm ? " — " + b.organisation() : "");
      description = text.apply(lang, "bookingStatus." + b.status())
          + (b.purpose() == null || b.purpose().isBlank() ? "" : "\n" + b.purpose());
    } else {
      // another firm's booking of a shared resource: only that the time is taken
      summary = resource + " — " + text.apply(lang, "feeds.busy");
    }
    // grows with every change of the booking (RFC 5545 3.8.7.4): seconds between creation and the last update
    int sequence = (int) Math.max(0, Math.min(Integer.MAX_VALUE, b.updatedAt().getEpochSecond() - b.createdAt().getEpochSecond()));
    return new CalendarFeedWriter.Event("booking-" + b.id() + "@dure", b.startsAt(), b.endsAt(), summary,
        b.location(), description, cancelled, "REQUESTED".equals(b.status()), sequence, b.updatedAt(),
        b.createdAt());
  }

  static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Clock clock() {
    return clock;
  }
}
