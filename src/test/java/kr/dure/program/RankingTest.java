package kr.dure.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RankingTest {

  private static final List<CallRules.Criterion> CRITERIA = List.of(
      new CallRules.Criterion("MODEL", "모델", "Model", 60), new CallRules.Criterion("BRAND", "브랜드", "Branding", 40));

  private static ApplicationRepository.Header app(long id, String name, String submitted) {
    return new ApplicationRepository.Header(id, 1, id, name, "52750", "UNDER_REVIEW", "t", List.of(), "", "", submitted, submitted);
  }

  private static ReviewRepository.Score s(long app, long reviewer, String criterion, double score) {
    return new ReviewRepository.Score(app, reviewer, criterion, score);
  }

  @Test
  void weighted_averages_of_complete_reviews_rank_and_incomplete_ones_do_not_count() {
    var ranking = Ranking.rank(CRITERIA, List.of(app(1, "가", "2026-06-01T00:00:00Z"), app(2, "나", "2026-06-02T00:00:00Z"),
        app(3, "다", "2026-06-03T00:00:00Z")), List.of(
        s(1, 10, "MODEL", 80), s(1, 10, "BRAND", 70),
        s(2, 10, "MODEL", 90), s(2, 10, "BRAND", 90), s(2, 11, "MODEL", 50),
        s(3, 10, "MODEL", 100)));
    assertThat(ranking).extracting(e -> e.application().id()).containsExactly(2L, 1L, 3L);
    assertThat(ranking.get(0).score()).isEqualTo(90.0);
    assertThat(ranking.get(0).completeReviews()).isEqualTo(1);
    assertThat(ranking.get(1).score()).isEqualTo(76.0);
    assertThat(ranking.get(2).score()).isNull();
    assertThat(ranking.get(2).rank()).isZero();
  }

  @Test
  void ties_are_broken_by_the_heaviest_criterion_then_by_earlier_submission_and_explained() {
    var byCriterion = Ranking.rank(CRITERIA, List.of(app(1, "가", "2026-06-01T00:00:00Z"), app(2, "나", "2026-06-02T00:00:00Z")), List.of(
        s(1, 10, "MODEL", 70), s(1, 10, "BRAND", 85), s(2, 10, "MODEL", 80), s(2, 10, "BRAND", 70)));
    assertThat(byCriterion).extracting(e -> e.application().id()).containsExactly(2L, 1L);
    assertThat(byCriterion.get(0).tieNote()).contains("Tied with 가").contains("heaviest criterion (Model)");
    var bySubmission = Ranking.rank(CRITERIA, List.of(app(1, "가", "2026-06-03T00:00:00Z"), app(2, "나", "2026-06-02T00:00:00Z")), List.of(
        s(1, 10, "MODEL", 80), s(1, 10, "BRAND", 80), s(2, 10, "MODEL", 80), s(2, 10, "BRAND", 80)));
    assertThat(bySubmission).extracting(e -> e.application().id()).containsExactly(2L, 1L);
    assertThat(bySubmission.get(1).tieNote()).contains("earlier submission");
  }
}
