package kr.dure.program;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.List;

/** Programs and calls. Calls are public information, so every role may list them. */
public final class ProgramService {

  private final Pool pool;
  private final ProgramRepository programs;

  public ProgramService(Pool pool, ProgramRepository programs) {
    this.pool = pool;
    this.programs = programs;
  }

  public Future<List<io.vertx.core.json.JsonObject>> listPrograms() {
    return programs.listPrograms(pool);
  }

  public Future<List<ProgramRepository.CallSummary>> listCalls() {
    return programs.listCalls(pool);
  }
}
