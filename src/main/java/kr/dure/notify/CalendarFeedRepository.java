package kr.dure.notify;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL of calendar feeds and of the bookings a feed carries. */
public final class CalendarFeedRepository {

  private static final String FEED_COLUMNS = """
      f.id, f.user_id, f.name, f.scope, f.organisation_id, f.resource_id, r.name_ko AS resource_name_ko,
      r.name_en AS resource_name_en, f.created_at, f.revoked_at, f.last_used_at
      """;
  private static final String INSERT = """
      INSERT INTO calendar_feed (user_id, token_sha256, name, scope, organisation_id, resource_id)
      VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
      """;
  private static final String LIST_MINE = "SELECT " + FEED_COLUMNS + """
        FROM calendar_feed f LEFT JOIN resource r ON r.id = f.resource_id
       WHERE f.user_id = $1
       ORDER BY f.revoked_at IS NOT NULL, f.created_at DESC, f.id DESC
      """;
  private static final String FIND_MINE = "SELECT " + FEED_COLUMNS + """
        FROM calendar_feed f LEFT JOIN resource r ON r.id = f.resource_id
       WHERE f.id = $1 AND f.user_id = $2
      """;
  // a feed works while it is not revoked and its owner's account is active
  private static final String FIND_BY_TOKEN = "SELECT " + FEED_COLUMNS + """
             , u.organisation_id AS owner_organisation_id, u.role AS owner_role, u.locale AS owner_locale
        FROM calendar_feed f
        JOIN app_user u ON u.id = f.user_id AND u.active
        LEFT JOIN resource r ON r.id = f.resource_id
       WHERE f.token_sha256 = $1 AND f.revoked_at IS NULL
      """;
  private static final String REVOKE = """
      UPDATE calendar_feed SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id
      """;
  // at most one write per feed every five minutes, however often calendar apps poll
  private static final String TOUCH = """
      UPDATE calendar_feed SET last_used_at = now()
       WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '5 minutes')
      """;
  private static final String VISIBLE_RESOURCES = """
      SELECT r.id, r.name_ko, r.name_en, p.code AS project_code FROM resource r JOIN project p ON p.id = r.project_id
       WHERE r.active
         AND (EXISTS (SELECT 1 FROM project_organisation po WHERE po.project_id = r.project_id AND po.organisation_id = $2)
              OR EXISTS (SELECT 1 FROM project_user pu WHERE pu.project_id = r.project_id AND pu.user_id = $1))
       ORDER BY p.code, r.kind, r.name_ko
      """;
  // the same rule as ProjectAccess.requireVisible, plus whether the user coordinates the resource's project
  private static final String RESOURCE_ACCESS = """
      SELECT r.project_id,
             EXISTS (SELECT 1 FROM project_organisation po WHERE po.project_id = r.project_id AND po.organisation_id = $3)
               OR EXISTS (SELECT 1 FROM project_user pu WHERE pu.project_id = r.project_id AND pu.user_id = $2) AS member,
             EXISTS (SELECT 1 FROM project_user pu WHERE pu.project_id = r.project_id AND pu.user_id = $2
                       AND pu.project_role = 'COORDINATOR') AS coordinator
        FROM resource r WHERE r.id = $1
      """;
  /** Bookings of the feed's window; $1..$3 select by user, organisation or resource (the others null). */
  private static final String BOOKINGS = """
      SELECT b.id, b.organisation_id, b.starts_at, b.ends_at, b.status, b.units, b.pallets, b.kg, b.purpose,
             b.created_at, b.updated_at, r.name_ko, r.name_en, r.location, o.name AS organisation
        FROM booking b
        JOIN resource r ON r.id = b.resource_id
        JOIN organisation o ON o.id = b.organisation_id
       WHERE ($1::bigint IS NULL OR b.user_id = $1)
         AND ($2::bigint IS NULL OR b.organisation_id = $2)
         AND ($3::bigint IS NULL OR b.resource_id = $3)
         AND b.starts_at < $5 AND b.ends_at > $4
         AND b.status <> 'HELD'
       ORDER BY b.starts_at, b.id
       LIMIT 5000
      """;

  /** A feed found by its token, with what the feed needs to know about its owner now. */
  public record Owned(CalendarFeed feed, long ownerOrganisationId, String ownerRole, String ownerLocale) {
  }

  /** A booking as a feed shows it. */
  public record FeedBooking(long id, long organisationId, Instant startsAt, Instant endsAt, String status, int units,
      int pallets, int kg, String purpose, Instant createdAt, Instant updatedAt, String resourceNameKo, String resourceNameEn,
      String location, String organisation) {

    static FeedBooking from(Row r) {
      return new FeedBooking(r.getLong("id"), r.getLong("organisation_id"), r.getOffsetDateTime("starts_at").toInstant(),
          r.getOffsetDateTime("ends_at").toInstant(), r.getString("status"), r.getInteger("units"), r.getInteger("pallets"),
          r.getInteger("kg"), r.getString("purpose"), r.getOffsetDateTime("created_at").toInstant(),
          r.getOffsetDateTime("updated_at").toInstant(), r.getString("name_ko"), r.getString("name_en"), r.getString("location"),
          r.getString("organisation"));
    }
  }

  public record ResourceAccess(boolean member, boolean coordinator) {
  }

  public Future<Long> insert(SqlClient sql, long userId, byte[] tokenHash, String name, CalendarFeed.Scope scope,
      Long organisationId, Long resourceId) {
    return sql.preparedQuery(INSERT).execute(Tuple.of(userId, Buffer.buffer(tokenHash), name, scope.name(), organisationId, resourceId))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<List<CalendarFeed>> listMine(SqlClient sql, long userId) {
    return sql.preparedQuery(LIST_MINE).execute(Tuple.of(userId)).map(rows -> {
      List<CalendarFeed> list = new ArrayList<>();
      rows.forEach(r -> list.add(CalendarFeed.from(r)));
      return list;
    });
  }

  public Future<Optional<CalendarFeed>> findMine(SqlClient sql, long id, long userId) {
    return sql.preparedQuery(FIND_MINE).execute(Tuple.of(id, userId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(CalendarFeed.from(rows.iterator().next())));
  }

  public Future<Optional<Owned>> findByToken(SqlClient sql, byte[] tokenHash) {
    return sql.preparedQuery(FIND_BY_TOKEN).execute(Tuple.of(Buffer.buffer(tokenHash))).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new Owned(CalendarFeed.from(r), r.getLong("owner_organisation_id"), r.getString("owner_role"),
          r.getString("owner_locale")));
    });
  }

  public Future<Boolean> revoke(SqlClient sql, long id, long userId) {
    return sql.preparedQuery(REVOKE).execute(Tuple.of(id, userId)).map(rows -> rows.size() > 0);
  }

  public Future<Void> touch(SqlClient sql, long id) {
    return sql.preparedQuery(TOUCH).execute(Tuple.of(id)).mapEmpty();
  }

  public Future<List<JsonObject>> visibleResources(SqlClient sql, long userId, long organisationId) {
    return sql.preparedQuery(VISIBLE_RESOURCES).execute(Tuple.of(userId, organisationId)).map(rows -> {
      List<JsonObject> list = new ArrayList<>();
      rows.forEach(r -> list.add(new JsonObject().put("id", r.getLong("id")).put("nameKo", r.getString("name_ko"))
          .put("nameEn", r.getString("name_en")).put("projectCode", r.getString("project_code"))));
      return list;
    });
  }

  public Future<Optional<ResourceAccess>> resourceAccess(SqlClient sql, long resourceId, long userId, long organisationId) {
    return sql.preparedQuery(RESOURCE_ACCESS).execute(Tuple.of(resourceId, userId, organisationId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new ResourceAccess(r.getBoolean("member"), r.getBoolean("coordinator")));
    });
  }

  public Future<List<FeedBooking>> bookings(SqlClient sql, Long userId, Long organisationId, Long resourceId, Instant from,
      Instant to) {
    return sql.preparedQuery(BOOKINGS)
        .execute(Tuple.of(userId, organisationId, resourceId, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)))
        .map(rows -> {
          List<FeedBooking> list = new ArrayList<>();
          rows.forEach(r -> list.add(FeedBooking.from(r)));
          return list;
        });
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
