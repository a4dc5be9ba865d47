package kr.dure.program;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;

/** What a call allows: its window, caps, budget categories and eligibility settings. Stored per call, never hard-coded. */
public record CallRules(
    long id,
    String titleKo,
    String titleEn,
    String descriptionKo,
    String descriptionEn,
    LocalDate opensOn,
    LocalDate closesOn,
    int projectsToSelect,
    long nationalCapWon,
    long localMinWon,
    long totalCapWon,
    int minLocalSmes,
    boolean requireSupportHistory,
    List<String> eligibleStatuses,
    String status,
    List<Category> categories,
    List<Criterion> criteria) {

  /** A budget category (비목) the call allows. */
  public record Category(String code, String nameKo, String nameEn) {
    public JsonObject toJson() {
      return new JsonObject().put("code", code).put("nameKo", nameKo).put("nameEn", nameEn);
    }
  }

  /** A review criterion and its weight. */
  public record Criterion(String code, String nameKo, String nameEn, double weight) {
    public JsonObject toJson() {
      return new JsonObject().put("code", code).put("nameKo", nameKo).put("nameEn", nameEn).put("weight", weight);
    }
  }

  public boolean allows(String categoryCode) {
    return categories.stream().anyMatch(c -> c.code().equals(categoryCode));
  }

  public JsonObject toJson() {
    JsonArray cats = new JsonArray();
    categories.forEach(c -> cats.add(c.toJson()));
    JsonArray crit = new JsonArray();
    criteria.forEach(c -> crit.add(c.toJson()));
    return new JsonObject().put("id", id).put("titleKo", titleKo).put("titleEn", titleEn)
        .put("descriptionKo", descriptionKo).put("descriptionEn", descriptionEn)
        .put("opensOn", opensOn.toString()).put("closesOn", closesOn.toString()).put("projectsToSelect", projectsToSelect)
        .put("nationalCapWon", nationalCapWon).put("localMinWon", localMinWon).put("totalCapWon", totalCapWon)
        .put("minLocalSmes", minLocalSmes).put("requireSupportHistory", requireSupportHistory)
        .put("eligibleStatuses", new JsonArray(eligibleStatuses)).put("status", status)
        .put("budgetCategories", cats).put("reviewCriteria", crit);
  }
}
