package kr.dure.program;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** SQL for programs and their calls. The program issue grows this into applications and reviews. */
public final class ProgramRepository {

  private static final String COUNT_PROGRAMS = "SELECT count(*) AS n FROM program";
  private static final String INSERT_PROGRAM = """
      INSERT INTO program (code, title_ko, title_en, description_ko, description_en, year)
      VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
      """;
  private static final String INSERT_CALL = """
      INSERT INTO grant_call (program_id, title_ko, title_en, opens_on, closes_on, projects_to_select,
                              national_cap_won, local_min_won, total_cap_won, status)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id
      """;
  private static final String LIST_CALLS = """
      SELECT c.id, c.title_ko, c.title_en, c.opens_on, c.closes_on, c.projects_to_select,
             c.national_cap_won, c.local_min_won, c.total_cap_won, c.status,
             p.title_ko AS program_title_ko, p.title_en AS program_title_en,
             (SELECT count(*) FROM project j WHERE j.call_id = c.id) AS selected
        FROM grant_call c
        JOIN program p ON p.id = c.program_id
       ORDER BY c.opens_on DESC, c.id DESC
      """;

  private static final String LIST_PROGRAMS = "SELECT id, code, title_ko, title_en, year FROM program ORDER BY year DESC, id DESC";

  /** Programs, newest first, for the ministry's call form. */
  public Future<List<JsonObject>> listPrograms(SqlClient sql) {
    return sql.query(LIST_PROGRAMS).execute().map(rows -> {
      List<JsonObject> list = new ArrayList<>();
      rows.forEach(r -> list.add(new JsonObject().put("id", r.getLong("id")).put("code", r.getString("code"))
          .put("titleKo", r.getString("title_ko")).put("titleEn", r.getString("title_en")).put("year", r.getInteger("year"))));
      return list;
    });
  }

  /** A call as listed on home pages. */
  public record CallSummary(long id, String titleKo, String titleEn, String programTitleKo, String programTitleEn,
      LocalDate opensOn, LocalDate closesOn, int projectsToSelect, long selected,
      long nationalCapWon, long localMinWon, long totalCapWon, String status) {

    static CallSummary from(Row r) {
      return new CallSummary(r.getLong("id"), r.getString("title_ko"), r.getString("title_en"),
          r.getString("program_title_ko"), r.getString("program_title_en"),
          r.getLocalDate("opens_on"), r.getLocalDate("closes_on"), r.getInteger("projects_to_select"), r.getLong("selected"),
          r.getLong("national_cap_won"), r.getLong("local_min_won"), r.getLong("total_cap_won"), r.getString("status"));
    }

    public JsonObject toJson() {
      return new JsonObject()
          .put("id", id).put("titleKo", titleKo).put("titleEn", titleEn)
          .put("programTitleKo", programTitleKo).put("programTitleEn", programTitleEn)
          .put("opensOn", opensOn.toString()).put("closesOn", closesOn.toString())
          .put("projectsToSelect", projectsToSelect).put("selected", selected)
          .put("nationalCapWon", nationalCapWon).put("localMinWon", localMinWon).put("totalCapWon", totalCapWon)
          .put("status", status).put("statusKey", "callStatus." + status);
    }
  }

  /** A call to create. */
  public record NewCall(long programId, String titleKo, String titleEn, LocalDate opensOn, LocalDate closesOn,
      int projectsToSelect, long nationalCapWon, long localMinWon, long totalCapWon, String status) {
  }

  public Future<Long> countPrograms(SqlClient sql) {
    return sql.query(COUNT_PROGRAMS).execute().map(rows -> rows.iterator().next().getLong("n"));
  }

  public Future<Long> insertProgram(SqlClient sql, String code, String titleKo, String titleEn,
      String descriptionKo, String descriptionEn, int year) {
    return sql.preparedQuery(INSERT_PROGRAM).execute(Tuple.of(code, titleKo, titleEn, descriptionKo, descriptionEn, year))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<Long> insertCall(SqlClient sql, NewCall call) {
    return sql.preparedQuery(INSERT_CALL).execute(Tuple.from(List.of(call.programId(), call.titleKo(), call.titleEn(),
            call.opensOn(), call.closesOn(), call.projectsToSelect(), call.nationalCapWon(), call.localMinWon(),
            call.totalCapWon(), call.status())))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<List<CallSummary>> listCalls(SqlClient sql) {
    return sql.query(LIST_CALLS).execute().map(rows -> {
      List<CallSummary> calls = new ArrayList<>();
      rows.forEach(r -> calls.add(CallSummary.from(r)));
      return calls;
    });
  }
}
