package kr.dure.resource;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import kr.dure.auth.Actor;
import kr.dure.auth.AuditLog;
import kr.dure.common.ConflictException;
import kr.dure.common.NotFoundException;
import kr.dure.db.SqlErrors;

/**
 * The public-holiday calendar resources close on: the shipped days plus the ones the ministry adds
 * (임시공휴일 announced later). Shipped days cannot be removed.
 */
public final class HolidayService {

  private static final String LIST = "SELECT day, name_ko, name_en, kind, source FROM holiday WHERE day BETWEEN $1 AND $2 ORDER BY day";
  private static final String INSERT = "INSERT INTO holiday (day, name_ko, name_en, kind, source) VALUES ($1, $2, $3, 'temporary', 'ministry')";
  private static final String DELETE = "DELETE FROM holiday WHERE day = $1 AND source = 'ministry'";

  private final Pool pool;
  private final AuditLog audit;

  public HolidayService(Pool pool, AuditLog audit) {
    this.pool = pool;
    this.audit = audit;
  }

  public Future<List<JsonObject>> list(LocalDate from, LocalDate to) {
    return pool.preparedQuery(LIST).execute(Tuple.of(from, to)).map(rows -> {
      List<JsonObject> list = new ArrayList<>();
      rows.forEach(r -> list.add(new JsonObject().put("day", r.getLocalDate("day").toString()).put("nameKo", r.getString("name_ko"))
          .put("nameEn", r.getString("name_en")).put("kind", r.getString("kind")).put("source", r.getString("source"))));
      return list;
    });
  }

  public Future<JsonObject> add(LocalDate day, String nameKo, String nameEn, Actor actor) {
    return pool.withTransaction(tx -> tx.preparedQuery(INSERT).execute(Tuple.of(day, nameKo, nameEn))
            .compose(v -> audit.record(tx, actor, "holiday.add", "holiday", day, new JsonObject().put("nameKo", nameKo))))
        .recover(e -> SqlErrors.isUniqueViolation(e, null)
            ? Future.failedFuture(new ConflictException("conflict.holidayExists", day + " is already a holiday."))
            : Future.failedFuture(e))
        .map(v -> new JsonObject().put("day", day.toString()).put("nameKo", nameKo).put("nameEn", nameEn)
            .put("kind", "temporary").put("source", "ministry"));
  }

  public Future<Void> remove(LocalDate day, Actor actor) {
    return pool.withTransaction(tx -> tx.preparedQuery(DELETE).execute(Tuple.of(day)).compose(rows -> rows.rowCount() == 1
        ? audit.record(tx, actor, "holiday.remove", "holiday", day, new JsonObject())
        : Future.failedFuture(new NotFoundException("There is no ministry-added holiday on " + day
            + " (shipped public holidays cannot be removed)."))));
  }

  // what the holidays page says about a new holiday: bookings already on that day stay (nothing cancels them)
  private static final String BOOKINGS_ON = """
      SELECT count(*) AS n FROM booking
       WHERE holds_slot AND starts_at < (($1::date + 1)::timestamp AT TIME ZONE 'Asia/Seoul') AND ends_at > ($1::date::timestamp AT TIME ZONE 'Asia/Seoul')
      """;

  /** how many bookings holding their time touch a day (Seoul time); adding a holiday does not cancel them. */
  public Future<Long> bookingsOn(LocalDate day) {
    return pool.preparedQuery(BOOKINGS_ON).execute(Tuple.of(day)).map(rows -> rows.iterator().next().getLong("n"));
  }
}
