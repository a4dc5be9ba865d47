package kr.dure.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import kr.dure.support.TestApp;
import org.junit.jupiter.api.Test;

class ReferenceDataTest {

  private final Pool pool = TestApp.get().app().pool();

  private Row one(String sql) {
    return pool.query(sql).execute().await().iterator().next();
  }

  @Test
  void the_107_eligible_regions_are_shipped_89_declining_and_18_watch() {
    // the shipped rows (other tests add designations of their own)
    Row counts = one("""
        SELECT count(*) FILTER (WHERE status = 'DECLINING') AS declining,
               count(*) FILTER (WHERE status = 'WATCH') AS watch,
               count(DISTINCT sgg_code) AS codes
          FROM region_designation WHERE legal_basis IN ('행정안전부 고시 제2021-66호', '행정안전부 고시 제2025-78호')""");
    assertThat(counts.getLong("declining")).isEqualTo(89);
    assertThat(counts.getLong("watch")).isEqualTo(18);
    assertThat(counts.getLong("codes")).isEqualTo(107);
  }

  @Test
  void designations_are_versioned_by_date_so_a_call_date_decides_eligibility() {
    // 인구감소관심지역 were designated for 2026-01-01 to 2026-10-19 only
    Row watch = one("""
        SELECT count(*) FILTER (WHERE valid_during @> DATE '2026-05-29') AS on_call_date,
               count(*) FILTER (WHERE valid_during @> DATE '2026-11-01') AS after_expiry
          FROM region_designation WHERE status = 'WATCH' AND legal_basis = '행정안전부 고시 제2025-78호'""");
    assertThat(watch.getLong("on_call_date")).isEqualTo(18);
    assertThat(watch.getLong("after_expiry")).isZero();
    Row gunwi = one("SELECT sido, previous_code FROM region_designation WHERE sgg_code = '27720'");
    assertThat(gunwi.getString("sido")).isEqualTo("대구광역시");
    assertThat(gunwi.getString("previous_code")).isEqualTo("47720");
  }

  @Test
  void two_designations_of_one_region_may_not_overlap_in_time() {
    assertThatThrownBy(() -> pool.query("""
        INSERT INTO region_designation (sgg_code, sido, sigungu, status, valid_during, legal_basis)
        VALUES ('52750', '전북특별자치도', '임실군', 'WATCH', '[2026-01-01,2026-12-31]', 'test')""").execute().await())
        .hasMessageContaining("region_designation_no_overlap");
  }

  @Test
  void the_korean_public_holidays_of_2026_and_2027_are_shipped() {
    Row holidays = one("""
        SELECT count(*) AS n,
               bool_or(day = DATE '2026-06-03' AND kind = 'election') AS election_day,
               bool_or(day = DATE '2026-09-25') AS chuseok
          FROM holiday""");
    assertThat(holidays.getLong("n")).isEqualTo(46);
    assertThat(holidays.getBoolean("election_day")).isTrue();
    assertThat(holidays.getBoolean("chuseok")).isTrue();
  }
}
