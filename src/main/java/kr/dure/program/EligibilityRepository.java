package kr.dure.program;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** SQL for the eligibility data: region designations and the 연고산업 support history. */
public final class EligibilityRepository {

  private static final String DESIGNATIONS = """
      SELECT status, lower(valid_during) AS valid_from, upper(valid_during) - 1 AS valid_to, sido, sigungu
        FROM region_designation WHERE sgg_code = $1 ORDER BY lower(valid_during)
      """;
  private static final String SUPPORT_YEARS = "SELECT DISTINCT program_year FROM support_history WHERE sgg_code = $1 ORDER BY program_year";
  private static final String INSERT_SUPPORT = """
      INSERT INTO support_history (sgg_code, program_year, project_title, note) VALUES ($1, $2, $3, $4)
      ON CONFLICT ON CONSTRAINT support_history_unique DO NOTHING RETURNING id
      """;
  private static final String LIST_SUPPORT = """
      SELECT s.id, s.sgg_code, s.program_year, s.project_title, s.note,
             (SELECT r.sido || ' ' || r.sigungu FROM region_designation r WHERE r.sgg_code = s.sgg_code LIMIT 1) AS region
        FROM support_history s ORDER BY s.sgg_code, s.program_year
      """;

  // the ministry removes one support-history entry
  private static final String DELETE_SUPPORT = "DELETE FROM support_history WHERE id = $1 RETURNING sgg_code, program_year, project_title";

  /** removes one entry; null when there is none with that id. */
  public Future<io.vertx.core.json.JsonObject> deleteSupport(SqlClient sql, long id) {
    return sql.preparedQuery(DELETE_SUPPORT).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      var r = rows.iterator().next();
      return new io.vertx.core.json.JsonObject().put("sggCode", r.getString("sgg_code")).put("programYear", r.getInteger("program_year"))
          .put("projectTitle", r.getString("project_title"));
    });
  }

  /** The designations of a region, oldest first, and its name. */
  public record Region(String name, List<Eligibility.Designation> designations) {
  }

  public Future<Region> region(SqlClient sql, String sggCode) {
    return sql.preparedQuery(DESIGNATIONS).execute(Tuple.of(sggCode)).map(rows -> {
      List<Eligibility.Designation> list = new ArrayList<>();
      String name = null;
      for (var r : rows) {
        list.add(new Eligibility.Designation(r.getString("status"), r.getLocalDate("valid_from"), r.getLocalDate("valid_to")));
        name = r.getString("sido") + " " + r.getString("sigungu");
      }
      return new Region(name, list);
    });
  }

  public Future<List<Integer>> supportYears(SqlClient sql, String sggCode) {
    return sql.preparedQuery(SUPPORT_YEARS).execute(Tuple.of(sggCode)).map(rows -> {
      List<Integer> years = new ArrayList<>();
      rows.forEach(r -> years.add(r.getInteger("program_year")));
      return years;
    });
  }

  public Future<Boolean> insertSupport(SqlClient sql, String sggCode, int year, String title, String note) {
    return sql.preparedQuery(INSERT_SUPPORT).execute(Tuple.of(sggCode, year, title, note)).map(rows -> rows.size() == 1);
  }

  public Future<List<io.vertx.core.json.JsonObject>> listSupport(SqlClient sql) {
    return sql.query(LIST_SUPPORT).execute().map(rows -> {
      List<io.vertx.core.json.JsonObject> list = new ArrayList<>();
      rows.forEach(r -> list.add(new io.vertx.core.json.JsonObject().put("id", r.getLong("id")).put("sggCode", r.getString("sgg_code"))
          .put("region", r.getString("region")).put("programYear", r.getInteger("program_year"))
          .put("projectTitle", r.getString("project_title")).put("note", r.getString("note"))));
      return list;
    });
  }
}
