package kr.dure.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import kr.dure.project.CollaborationType;
import org.junit.jupiter.api.Test;

/** Every eligibility rule with a passing and a failing case. */
class EligibilityTest {

  private static final LocalDate OPENS = LocalDate.of(2026, 5, 29);
  private static final String IMSIL = "52750";

  private static CallRules call(LocalDate opens, LocalDate closes) {
    return new CallRules(1, "공고", "Call", "", "", opens, closes, 3, 300_000_000L, 130_000_000L, 430_000_000L, 3, true,
        List.of("DECLINING", "WATCH"), "OPEN",
        List.of(new CallRules.Category("PERSONNEL", "인건비", "Personnel"), new CallRules.Category("MATERIALS", "재료비", "Materials")),
        List.of());
  }

  private static ApplicationDraft draft(int localSmes, String otherRegion, long national, long local, String category) {
    List<ApplicationDraft.Member> members = new ArrayList<>();
    String[] numbers = {"4188100122", "4188100234", "4188600340", "4188100457"};
    for (int i = 0; i < localSmes; i++) {
      members.add(new ApplicationDraft.Member("SME", "기업" + i, numbers[i], IMSIL, "", false));
    }
    if (otherRegion != null) {
      members.add(new ApplicationDraft.Member("SME", "외지기업", "2208162517", otherRegion, "", false));
    }
    members.add(new ApplicationDraft.Member("INNOVATION_INSTITUTION", "전북테크노파크", null, null, "", false));
    return new ApplicationDraft("임실 치즈 두레", List.of(CollaborationType.VALUE_CHAIN), "", "", members,
        List.of(new ApplicationDraft.BudgetLine(category, "NATIONAL", national), new ApplicationDraft.BudgetLine("PERSONNEL", "LOCAL", local)),
        List.of());
  }

  private static Eligibility.Facts facts(String region, List<Eligibility.Designation> designations, List<Integer> years, LocalDate today) {
    return new Eligibility.Facts(region, "전북특별자치도 임실군", designations, years, false, today);
  }

  private static final List<Eligibility.Designation> DECLINING = List.of(new Eligibility.Designation("DECLINING", LocalDate.of(2021, 10, 19), null));

  private static Eligibility.Result rule(List<Eligibility.Result> results, String name) {
    return results.stream().filter(r -> r.rule().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void a_complete_application_from_an_eligible_county_passes_every_rule() {
    var results = Eligibility.check(call(OPENS, OPENS.plusDays(14)), draft(4, null, 300_000_000L, 130_000_000L, "MATERIALS"),
        facts(IMSIL, DECLINING, List.of(2022), OPENS.plusDays(3)));
    assertThat(results).allSatisfy(r -> assertThat(r.passed()).as(r.rule() + ": " + r.message()).isTrue());
    assertThat(Eligibility.eligible(results)).isTrue();
  }

  @Test
  void a_region_outside_the_107_fails() {
    var r = rule(Eligibility.check(call(OPENS, OPENS.plusDays(14)), draft(4, null, 1, 130_000_000L, "MATERIALS"),
        new Eligibility.Facts("11110", null, List.of(), List.of(2022), false, OPENS)), "region");
    assertThat(r.passed()).isFalse();
    assertThat(r.message()).contains("not one of the 107");
  }

  @Test
  void a_watch_region_fails_for_a_call_dated_after_its_designation_expired() {
    var watch = List.of(new Eligibility.Designation("WATCH", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 10, 19)));
    LocalDate lateCall = LocalDate.of(2026, 11, 2);
    var before = rule(Eligibility.check(call(OPENS, OPENS.plusDays(14)), draft(4, null, 1, 130_000_000L, "MATERIALS"),
        facts("26110", watch, List.of(2022), OPENS)), "region");
    var after = rule(Eligibility.check(call(lateCall, lateCall.plusDays(14)), draft(4, null, 1, 130_000_000L, "MATERIALS"),
        facts("26110", watch, List.of(2022), lateCall)), "region");
    assertThat(before.passed()).isTrue();
    assertThat(after.passed()).isFalse();
    assertThat(after.message()).contains("2026-10-19").contains("not on the call date");
  }

  @Test
  void two_local_smes_fail_and_an_sme_from_another_region_does_not_count() {
    var two = rule(Eligibility.check(call(OPENS, OPENS.plusDays(14)), draft(2, "47730", 1, 130_000_000L, "MATERIALS"),
        facts(IMSIL, DECLINING, List.of(2022), OPENS)), "localSmes");
    assertThat(two.passed()).isFalse();
    assertThat(two.message()).contains("2 SME(s)").contains("1 from elsewhere do not count").contains("at least 3");
    assertThat(rule(Eligibility.check(call(OPENS, OPENS.plusDays(14)), draft(3, "47730", 1, 130_000_000L, "MATERIALS"),
        facts(IMSIL, DECLINING, List.of(2022), OPENS)), "localSmes").passed()).isTrue();
  }

  @Test
  void the_funding_caps_are_exact_to_the_won() {
    CallRules c = call(OPENS, OPENS.plusDays(14));
    var over = Eligibility.check(c, draft(4, null, 300_000_001L, 130_000_000L, "MATERIALS"), facts(IMSIL, DECLINING, List.of(2022), OPENS));
    assertThat(rule(over, "nationalCap").passed()).isFalse();
    assertThat(rule(over, "nationalCap").message()).contains("300,000,001");
    assertThat(rule(over, "totalCap").passed()).isFalse();
    var under = Eligibility.check(c, draft(4, null, 300_000_000L, 129_999_999L, "MATERIALS"), facts(IMSIL, DECLINING, List.of(2022), OPENS));
    assertThat(rule(under, "localMinimum").passed()).isFalse();
    assertThat(rule(under, "nationalCap").passed()).isTrue();
  }

  @Test
  void a_budget_category_the_call_does_not_allow_fails() {
    var r = rule(Eligibility.check(call(OPENS, OPENS.plusDays(14)), draft(4, null, 1, 130_000_000L, "TRAVEL"),
        facts(IMSIL, DECLINING, List.of(2022), OPENS)), "categories");
    assertThat(r.passed()).isFalse();
    assertThat(r.message()).contains("TRAVEL");
  }

  @Test
  void missing_support_history_fails_and_later_years_do_not_count() {
    var none = rule(Eligibility.check(call(OPENS, OPENS.plusDays(14)), draft(4, null, 1, 130_000_000L, "MATERIALS"),
        facts(IMSIL, DECLINING, List.of(), OPENS)), "supportHistory");
    var later = rule(Eligibility.check(call(OPENS, OPENS.plusDays(14)), draft(4, null, 1, 130_000_000L, "MATERIALS"),
        facts(IMSIL, DECLINING, List.of(2027), OPENS)), "supportHistory");
    assertThat(none.passed()).isFalse();
    assertThat(none.message()).contains("No 시군구연고산업육성사업 support");
    assertThat(later.passed()).isFalse();
  }

  @Test
  void outside_the_window_fails() {
    CallRules c = call(OPENS, OPENS.plusDays(14));
    var after = rule(Eligibility.check(c, draft(4, null, 1, 130_000_000L, "MATERIALS"),
        facts(IMSIL, DECLINING, List.of(2022), OPENS.plusDays(15))), "window");
    var onLastDay = rule(Eligibility.check(c, draft(4, null, 1, 130_000_000L, "MATERIALS"),
        facts(IMSIL, DECLINING, List.of(2022), OPENS.plusDays(14))), "window");
    assertThat(after.passed()).isFalse();
    assertThat(after.message()).contains("2026-06-12");
    assertThat(onLastDay.passed()).isTrue();
  }

  @Test
  void every_reason_reads_in_korean_and_english_with_won_and_region_status_filled_in() {
    kr.dure.web.Messages messages = new kr.dure.web.Messages();
    CallRules decliningOnly = new CallRules(1, "공고", "Call", "", "", OPENS, OPENS.plusDays(14), 3, 300_000_000L, 130_000_000L,
        430_000_000L, 3, true, List.of("DECLINING"), "OPEN", List.of(new CallRules.Category("MATERIALS", "재료비", "Materials")), List.of());
    var results = Eligibility.check(decliningOnly, draft(2, "11110", 300_000_001L, 100_000_000L, "TRAVEL"),
        facts(IMSIL, List.of(new Eligibility.Designation("WATCH", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 10, 19))),
            List.of(2021, 2022), OPENS.plusDays(20)));
    var ko = kr.dure.program.EligibilityText.localize(messages, "ko", new io.vertx.core.json.JsonObject()
        .put("eligible", false).put("rules", Eligibility.toJson(results)));
    var en = kr.dure.program.EligibilityText.localize(messages, "en", new io.vertx.core.json.JsonObject()
        .put("eligible", false).put("rules", Eligibility.toJson(results)));
    java.util.function.BiFunction<io.vertx.core.json.JsonObject, String, String> text = (e, code) -> e.getJsonArray("rules").stream()
        .map(o -> (io.vertx.core.json.JsonObject) o).filter(r -> code.equals(r.getString("code"))).findFirst().orElseThrow()
        .getString("message");
    assertThat(text.apply(ko, "region"))
        .isEqualTo("전북특별자치도 임실군은(는) 공고일(2026-05-29) 기준 인구감소관심지역이지만, 이 공고는 인구감소지역만 신청할 수 있습니다.");
    assertThat(text.apply(en, "region")).isEqualTo(
        "전북특별자치도 임실군 is a depopulation-watch region on the call date (2026-05-29), but this call takes only depopulation region.");
    assertThat(text.apply(ko, "supportHistory")).isEqualTo("시군구연고산업육성사업 지원 이력이 있습니다(2021, 2022년).");
    assertThat(text.apply(ko, "nationalCap")).isEqualTo("국비 300,000,001원이(가) 한도 300,000,000원을(를) 넘습니다.");
    assertThat(text.apply(en, "totalCap")).isEqualTo("Total KRW 400,000,001, within the cap of KRW 430,000,000.");
    assertThat(text.apply(ko, "categories")).isEqualTo("공고에서 허용하지 않는 비목이 있습니다: TRAVEL, PERSONNEL");
    assertThat(text.apply(ko, "window")).isEqualTo("접수 기간은 2026-05-29부터 2026-06-12까지이며, 오늘은 2026-06-18입니다.");
    assertThat(text.apply(en, "localSmes")).isEqualTo("2 SME(s) located in 전북특별자치도 임실군 (1 from elsewhere do not count); at least 3 needed.");
    // every message key a rule can produce exists in both languages
    assertThat(ko.getJsonArray("rules").stream().map(o -> ((io.vertx.core.json.JsonObject) o).getString("message")))
        .noneMatch(m -> m.startsWith("eligibility.msg."));
  }
}
