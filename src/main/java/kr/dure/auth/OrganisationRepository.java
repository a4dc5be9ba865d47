package kr.dure.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for organisations. */
public final class OrganisationRepository {

  private static final String COLUMNS = "id, kind, name, name_en, business_number, region_code, address";
  private static final String INSERT = """
      INSERT INTO organisation (kind, name, name_en, business_number, region_code, address)
      VALUES ($1, $2, $3, $4, $5, $6)
      RETURNING id
      """;
  private static final String FIND_BY_ID = "SELECT " + COLUMNS + " FROM organisation WHERE id = $1";
  private static final String FIND_FIRST_OF_KIND = "SELECT " + COLUMNS + " FROM organisation WHERE kind = $1 ORDER BY id LIMIT 1";
  private static final String COUNT_BY_KIND = "SELECT kind, count(*) AS n FROM organisation GROUP BY kind";

  public Future<Long> insert(SqlClient sql, NewOrganisation org) {
    return sql.preparedQuery(INSERT)
        .execute(Tuple.of(org.kind().name(), org.name(), org.nameEn(), org.businessNumber(), org.regionCode(), org.address()))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<Optional<Organisation>> findById(SqlClient sql, long id) {
    return sql.preparedQuery(FIND_BY_ID).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Organisation.from(rows.iterator().next())));
  }

  public Future<Optional<Organisation>> findFirstOfKind(SqlClient sql, OrganisationKind kind) {
    return sql.preparedQuery(FIND_FIRST_OF_KIND).execute(Tuple.of(kind.name()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Organisation.from(rows.iterator().next())));
  }

  public Future<List<KindCount>> countByKind(SqlClient sql) {
    return sql.query(COUNT_BY_KIND).execute().map(rows -> {
      List<KindCount> counts = new ArrayList<>();
      rows.forEach(r -> counts.add(new KindCount(OrganisationKind.valueOf(r.getString("kind")), r.getLong("n"))));
      return counts;
    });
  }

  /** How many organisations of one kind exist. */
  public record KindCount(OrganisationKind kind, long count) {
  }
}
