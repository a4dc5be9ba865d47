package kr.dure.program;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;
import kr.dure.auth.Actor;
import kr.dure.auth.AuditLog;

/** The ministry's record of which 시군구 received 시군구연고산업육성사업 support, by year. */
public final class SupportHistoryService {

  private final Pool pool;
  private final EligibilityRepository eligibility;
  private final AuditLog audit;

  public SupportHistoryService(Pool pool, EligibilityRepository eligibility, AuditLog audit) {
    this.pool = pool;
    this.eligibility = eligibility;
    this.audit = audit;
  }

  public Future<List<JsonObject>> list() {
    return eligibility.listSupport(pool);
  }

  /** Adds a year of support; false when it was recorded already. */
  public Future<Boolean> add(String sggCode, int year, String title, String note, Actor actor) {
    return pool.withTransaction(tx -> eligibility.insertSupport(tx, sggCode, year, title, note)
        .compose(added -> !added ? Future.succeededFuture(false)
            : audit.record(tx, actor, "supportHistory.add", "region", sggCode,
                new JsonObject().put("programYear", year).put("projectTitle", title)).map(true)));
  }

  /** removes one entry (404 when there is none). */
  public Future<Void> remove(long id, Actor actor) {
    return pool.withTransaction(tx -> eligibility.deleteSupport(tx, id).compose(row -> row == null
        ? Future.failedFuture(new kr.dure.common.NotFoundException("There is no support-history entry " + id + "."))
        : audit.record(tx, actor, "supportHistory.remove", "region", row.getString("sggCode"), row)));
  }
}
