package kr.dure.program;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import kr.dure.common.Validator;

/** A call as the ministry creates it; budget categories and review criteria default to the usual ones. */
public record CallInput(long programId, String titleKo, String titleEn, String descriptionKo, String descriptionEn,
    LocalDate opensOn, LocalDate closesOn, int projectsToSelect, long nationalCapWon, long localMinWon, long totalCapWon,
    int minLocalSmes, boolean requireSupportHistory, List<String> eligibleStatuses, List<CallRules.Category> categories,
    List<CallRules.Criterion> criteria) {

  public static CallInput fromJson(JsonObject json) {
    Validator v = Validator.of(json);
    Long programId = v.requiredLong("programId", 1, Long.MAX_VALUE);
    String titleKo = v.requiredText("titleKo", 300);
    String titleEn = v.optionalText("titleEn", 300);
    String descriptionKo = v.optionalText("descriptionKo", 20_000);
    String descriptionEn = v.optionalText("descriptionEn", 20_000);
    LocalDate opens = v.requiredDate("opensOn");
    LocalDate closes = v.requiredDate("closesOn");
    if (opens != null && closes != null && closes.isBefore(opens)) {
      v.add("closesOn", "validation.endAfterStart", "closesOn must not be before opensOn.");
    }
    int select = v.intOr("projectsToSelect", 1, 100, 3);
    Long national = v.requiredLong("nationalCapWon", 1, 100_000_000_000L);
    Long local = v.requiredLong("localMinWon", 0, 100_000_000_000L);
    Long total = v.requiredLong("totalCapWon", 1, 200_000_000_000L);
    if (national != null && local != null && total != null && national + local > total) {
      v.add("totalCapWon", "validation.totalCap", "totalCapWon must be at least nationalCapWon + localMinWon.");
    }
    int minSmes = v.intOr("minLocalSmes", 0, 100, 3);
    boolean history = v.bool("requireSupportHistory", true);
    List<String> statuses = new ArrayList<>(List.of("DECLINING", "WATCH"));
    if (v.raw("eligibleStatuses") instanceof JsonArray a) {
      statuses.clear();
      for (Object s : a) {
        if ("DECLINING".equals(s) || "WATCH".equals(s)) {
          statuses.add((String) s);
        } else {
          v.add("eligibleStatuses", "validation.choice", "eligibleStatuses may list DECLINING and WATCH.");
        }
      }
    }
    List<CallRules.Category> categories = new ArrayList<>();
    if (v.raw("budgetCategories") instanceof JsonArray a) {
      for (Object o : a) {
        if (o instanceof JsonObject c && c.getValue("code") instanceof String code && code.matches("[A-Z][A-Z_]{1,39}")
            && c.getValue("nameKo") instanceof String nameKo && !nameKo.isBlank()) {
          categories.add(new CallRules.Category(code, nameKo, c.getString("nameEn", nameKo)));
        } else {
          v.add("budgetCategories", "validation.category", "Each budget category needs a code (A–Z and _) and a nameKo.");
          break;
        }
      }
    }
    v.throwIfInvalid();
    return new CallInput(programId, titleKo, titleEn.isEmpty() ? titleKo : titleEn, descriptionKo, descriptionEn, opens, closes,
        select, national, local, total, minSmes, history, statuses, categories, List.of());
  }

}
