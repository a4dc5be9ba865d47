package kr.dure.program;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import kr.dure.common.Validator;

/**
 * A call as the ministry creates or edits it. On create, budget categories and review criteria not
 * given default to the usual ones; on update, lists not given stay as they are.
 */
public record CallInput(long programId, String titleKo, String titleEn, String descriptionKo, String descriptionEn,
    LocalDate opensOn, LocalDate closesOn, int projectsToSelect, long nationalCapWon, long localMinWon, long totalCapWon,
    int minLocalSmes, boolean requireSupportHistory, List<String> eligibleStatuses, List<CallRules.Category> categories,
    List<CallRules.Criterion> criteria) {

  public static CallInput fromJson(JsonObject json) {
    return fromJson(json, false);
  }

  /** Parses a call; {@code update}: the program is not asked for (a call stays in its program). */
  public static CallInput fromJson(JsonObject json, boolean update) {
    Validator v = Validator.of(json == null ? new JsonObject() : json);
    Long programId = update ? Long.valueOf(0) : v.requiredLong("programId", 1, Long.MAX_VALUE);
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
        if (("DECLINING".equals(s) || "WATCH".equals(s)) && !statuses.contains(s)) {
          statuses.add((String) s);
        } else if (!statuses.contains(s)) {
          v.add("eligibleStatuses", "validation.choice", "eligibleStatuses may list DECLINING and WATCH.");
        }
      }
      if (statuses.isEmpty() && a.isEmpty()) {
        v.add("eligibleStatuses", "validation.eligibleStatuses", "eligibleStatuses must list DECLINING, WATCH or both.");
      }
    } else if (v.raw("eligibleStatuses") != null) {
      v.add("eligibleStatuses", "validation.choice", "eligibleStatuses may list DECLINING and WATCH.");
    }
    List<CallRules.Category> categories = categories(v);
    List<CallRules.Criterion> criteria = criteria(v);
    v.throwIfInvalid();
    return new CallInput(programId, titleKo, titleEn.isEmpty() ? titleKo : titleEn, descriptionKo, descriptionEn, opens, closes,
        select, national, local, total, minSmes, history, statuses, categories, criteria);
  }

  private static List<CallRules.Category> categories(Validator v) {
    List<CallRules.Category> categories = new ArrayList<>();
    Object raw = v.raw("budgetCategories");
    if (raw == null) {
      return categories;
    }
    if (!(raw instanceof JsonArray a) || a.isEmpty() || a.size() > 30) {
      v.add("budgetCategories", "validation.categories", "budgetCategories must list from 1 to 30 categories.");
      return categories;
    }
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < a.size(); i++) {
      if (a.getValue(i) instanceof JsonObject c && c.getValue("code") instanceof String code && code.matches("[A-Z][A-Z_]{1,39}")
          && c.getValue("nameKo") instanceof String nameKo && !nameKo.isBlank() && nameKo.length() <= 100
          && (c.getValue("nameEn") == null || c.getValue("nameEn") instanceof String en && en.length() <= 100)) {
        if (!codes.add(code)) {
          v.add("budgetCategories[" + i + "].code", "validation.duplicateCode", "budgetCategories[" + i + "].code " + code + " is repeated.");
          continue;
        }
        String en = c.getString("nameEn", "");
        categories.add(new CallRules.Category(code, nameKo.strip(), en.isBlank() ? nameKo.strip() : en.strip()));
      } else {
        v.add("budgetCategories[" + i + "]", "validation.category", "Each budget category needs a code (A–Z and _) and a nameKo.");
      }
    }
    return categories;
  }

  private static List<CallRules.Criterion> criteria(Validator v) {
    List<CallRules.Criterion> criteria = new ArrayList<>();
    Object raw = v.raw("reviewCriteria");
    if (raw == null) {
      return criteria;
    }
    if (!(raw instanceof JsonArray a) || a.isEmpty() || a.size() > 20) {
      v.add("reviewCriteria", "validation.criteria", "reviewCriteria must list from 1 to 20 criteria.");
      return criteria;
    }
    Set<String> codes = new HashSet<>();
    double sum = 0;
    boolean complete = true;
    for (int i = 0; i < a.size(); i++) {
      String f = "reviewCriteria[" + i + "]";
      if (!(a.getValue(i) instanceof JsonObject c) || !(c.getValue("code") instanceof String code) || !code.matches("[A-Z][A-Z_]{1,39}")
          || !(c.getValue("nameKo") instanceof String nameKo) || nameKo.isBlank() || nameKo.length() > 200
          || c.getValue("nameEn") != null && !(c.getValue("nameEn") instanceof String en && en.length() <= 200)) {
        v.add(f, "validation.criterion", f + " needs a code (A–Z and _) and a nameKo.");
        complete = false;
        continue;
      }
      if (!(c.getValue("weight") instanceof Number w) || Double.isNaN(w.doubleValue()) || w.doubleValue() <= 0 || w.doubleValue() > 100
          || Math.rint(w.doubleValue() * 100) != w.doubleValue() * 100) {
        v.add(f + ".weight", "validation.weight", f + ".weight must be a number above 0 and at most 100 (two decimals).");
        complete = false;
        continue;
      }
      if (!codes.add(code)) {
        v.add(f + ".code", "validation.duplicateCode", f + ".code " + code + " is repeated.");
        complete = false;
        continue;
      }
      sum += w.doubleValue();
      String en = c.getString("nameEn", "");
      criteria.add(new CallRules.Criterion(code, nameKo.strip(), en.isBlank() ? nameKo.strip() : en.strip(), w.doubleValue()));
    }
    if (complete && Math.abs(sum - 100) > 0.001) {
      v.add("reviewCriteria", "validation.weightsSum", "The weights of reviewCriteria must add up to 100 (now " + sum + ").");
    }
    return criteria;
  }

  public JsonObject toJson() {
    JsonArray cats = new JsonArray();
    categories.forEach(c -> cats.add(c.toJson()));
    JsonArray crit = new JsonArray();
    criteria.forEach(c -> crit.add(c.toJson()));
    return new JsonObject().put("titleKo", titleKo).put("titleEn", titleEn).put("descriptionKo", descriptionKo)
        .put("descriptionEn", descriptionEn).put("opensOn", opensOn.toString()).put("closesOn", closesOn.toString())
        .put("projectsToSelect", projectsToSelect).put("nationalCapWon", nationalCapWon).put("localMinWon", localMinWon)
        .put("totalCapWon", totalCapWon).put("minLocalSmes", minLocalSmes).put("requireSupportHistory", requireSupportHistory)
        .put("eligibleStatuses", new JsonArray(eligibleStatuses)).put("budgetCategories", cats).put("reviewCriteria", crit);
  }
}
