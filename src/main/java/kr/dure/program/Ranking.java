package kr.dure.program;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * The ranking of a call's applications: each complete review is the weighted average of its
 * criterion scores; an application's score is the mean of its complete reviews. Ties are broken
 * by the mean score on the heaviest criterion, then by the earlier submission, and said so.
 */
public final class Ranking {

  private Ranking() {
  }

  /** One ranked (or not yet rankable) application. */
  public record Entry(ApplicationRepository.Header application, Double score, Double heaviest, int completeReviews, int rank,
      String tieNote) {

    public JsonObject toJson() {
      return application.toJson().put("score", score == null ? null : Math.round(score * 100) / 100.0)
          .put("completeReviews", completeReviews).put("rank", rank == 0 ? null : rank).put("tieNote", tieNote);
    }
  }

  public static List<Entry> rank(List<CallRules.Criterion> criteria, List<ApplicationRepository.Header> applications,
      List<ReviewRepository.Score> scores) {
    double totalWeight = criteria.stream().mapToDouble(CallRules.Criterion::weight).sum();
    CallRules.Criterion heaviest = criteria.stream().max(Comparator.comparingDouble(CallRules.Criterion::weight)).orElse(null);
    Map<Long, Map<Long, Map<String, Double>>> byApp = new HashMap<>();
    for (ReviewRepository.Score s : scores) {
      byApp.computeIfAbsent(s.applicationId(), k -> new HashMap<>()).computeIfAbsent(s.reviewerId(), k -> new HashMap<>())
          .put(s.criterion(), s.score());
    }
    List<Entry> scored = new ArrayList<>();
    List<Entry> unscored = new ArrayList<>();
    for (ApplicationRepository.Header a : applications) {
      List<Double> reviews = new ArrayList<>();
      List<Double> heavy = new ArrayList<>();
      for (Map<String, Double> review : byApp.getOrDefault(a.id(), Map.of()).values()) {
        if (criteria.stream().allMatch(c -> review.containsKey(c.code()))) {
          reviews.add(criteria.stream().mapToDouble(c -> review.get(c.code()) * c.weight()).sum() / totalWeight);
          if (heaviest != null) {
            heavy.add(review.get(heaviest.code()));
          }
        }
      }
      if (reviews.isEmpty()) {
        unscored.add(new Entry(a, null, null, 0, 0, ""));
      } else {
        scored.add(new Entry(a, mean(reviews), mean(heavy), reviews.size(), 0, ""));
      }
    }
    Comparator<Entry> order = Comparator.comparing((Entry e) -> round(e.score())).reversed()
        .thenComparing(Comparator.comparing((Entry e) -> round(e.heaviest())).reversed())
        .thenComparing(e -> e.application().submittedAt() == null ? "" : e.application().submittedAt());
    scored.sort(order);
    List<Entry> ranked = new ArrayList<>();
    for (int i = 0; i < scored.size(); i++) {
      Entry e = scored.get(i);
      String note = "";
      Entry previous = i > 0 ? scored.get(i - 1) : null;
      Entry next = i + 1 < scored.size() ? scored.get(i + 1) : null;
      for (Entry other : new Entry[] {previous, next}) {
        if (other != null && round(other.score()) == round(e.score())) {
          boolean byHeaviest = round(other.heaviest()) != round(e.heaviest());
          note = "Tied with " + other.application().applicantName() + " at " + String.format(Locale.ROOT, "%.2f", e.score())
              + "; ordered by " + (byHeaviest && heaviest != null
                  ? "the score on the heaviest criterion (" + heaviest.nameEn() + ")"
                  : "the earlier submission") + ".";
          break;
        }
      }
      ranked.add(new Entry(e.application(), e.score(), e.heaviest(), e.completeReviews(), i + 1, note));
    }
    ranked.addAll(unscored);
    return ranked;
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
  }

  private static double round(Double value) {
    return value == null ? -1 : Math.round(value * 100) / 100.0;
  }
}
