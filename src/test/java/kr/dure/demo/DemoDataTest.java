package kr.dure.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import kr.dure.auth.BusinessNumber;
import kr.dure.auth.Role;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.Test;

class DemoDataTest {

  private final Pool pool = TestApp.get().app().pool();
  /** Other tests may select more projects into the shared database; these are the demo's. */
  private static final String DEMO_PROJECTS = "('P-2026-01', 'P-2026-02', 'P-2026-03')";

  private List<Row> rows(String sql) {
    List<Row> out = new ArrayList<>();
    pool.query(sql).execute().await().forEach(out::add);
    return out;
  }

  @Test
  void three_selected_projects_lie_in_three_different_eligible_regions() {
    List<Row> projects = rows("""
        SELECT p.code, p.region_code, lead.kind AS lead_kind, lead.region_code AS lead_region,
               EXISTS (SELECT 1 FROM region_designation r WHERE r.sgg_code = p.region_code
                        AND r.valid_during @> c.opens_on) AS eligible
          FROM project p JOIN grant_call c ON c.id = p.call_id JOIN organisation lead ON lead.id = p.lead_organisation_id
         WHERE p.code IN %s""".formatted(DEMO_PROJECTS));
    assertThat(projects).hasSize(3);
    assertThat(projects).extracting(r -> r.getString("region_code")).doesNotHaveDuplicates();
    assertThat(projects).allSatisfy(p -> {
      assertThat(p.getBoolean("eligible")).isTrue();
      assertThat(p.getString("lead_kind")).isEqualTo("LOCAL_GOV");
      assertThat(p.getString("lead_region")).isEqualTo(p.getString("region_code"));
    });
  }

  @Test
  void each_consortium_has_its_county_four_local_smes_with_valid_numbers_and_an_institution() {
    List<Row> consortia = rows("""
        SELECT p.code,
               count(*) FILTER (WHERE o.kind = 'LOCAL_GOV') AS counties,
               count(*) FILTER (WHERE o.kind = 'SME' AND o.region_code = p.region_code) AS local_smes,
               count(*) FILTER (WHERE o.kind = 'INNOVATION_INSTITUTION') AS institutions,
               array_agg(o.business_number) FILTER (WHERE o.kind = 'SME') AS numbers
          FROM project p JOIN project_organisation po ON po.project_id = p.id JOIN organisation o ON o.id = po.organisation_id
         WHERE p.code IN %s
         GROUP BY p.code""".formatted(DEMO_PROJECTS));
    assertThat(consortia).hasSize(3).allSatisfy(c -> {
      assertThat(c.getLong("counties")).isEqualTo(1);
      assertThat(c.getLong("local_smes")).isGreaterThanOrEqualTo(4);
      assertThat(c.getLong("institutions")).isEqualTo(1);
      assertThat(c.getArrayOfStrings("numbers")).allSatisfy(n -> assertThat(BusinessNumber.isValid(n)).isTrue());
    });
  }

  @Test
  void there_is_a_user_for_every_role_and_the_call_follows_the_announcement() {
    List<String> roles = rows("SELECT DISTINCT role FROM app_user").stream().map(r -> r.getString("role")).toList();
    assertThat(roles).containsExactlyInAnyOrder(java.util.Arrays.stream(Role.values()).map(Enum::name).toArray(String[]::new));
    Row call = rows("SELECT opens_on, projects_to_select, national_cap_won, local_min_won, total_cap_won FROM grant_call").get(0);
    assertThat(call.getLocalDate("opens_on")).hasToString("2026-05-29");
    assertThat(call.getInteger("projects_to_select")).isEqualTo(3);
    assertThat(call.getLong("national_cap_won")).isEqualTo(300_000_000L);
    assertThat(call.getLong("local_min_won")).isEqualTo(130_000_000L);
    assertThat(call.getLong("total_cap_won")).isEqualTo(430_000_000L);
  }

  @Test
  void loading_again_into_a_database_with_data_adds_nothing() {
    long before = rows("SELECT count(*) AS n FROM organisation").get(0).getLong("n");
    List<DemoData.Login> loaded = new DemoData(TestApp.get().app().services()).loadIfEmpty().await();
    assertThat(loaded).isEmpty();
    assertThat(rows("SELECT count(*) AS n FROM organisation").get(0).getLong("n")).isEqualTo(before);
  }
}
