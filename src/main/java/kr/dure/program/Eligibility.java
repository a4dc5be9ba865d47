package kr.dure.program;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The automatic eligibility check of an application against its call: every rule with a verdict
 * and a reason, so the form can show them as the applicant types and the submit can enforce them.
 */
public final class Eligibility {

  private Eligibility() {
  }

  /** A region designation valid over [from, to] (to null: open-ended). */
  public record Designation(String status, LocalDate from, LocalDate to) {
    boolean validOn(LocalDate day) {
      return !day.isBefore(from) && (to == null || !day.isAfter(to));
    }
  }

  /** What the check knows about the applicant beyond the application itself. */
  public record Facts(String regionCode, String regionName, List<Designation> designations, List<Integer> supportYears,
      boolean otherActiveApplication, LocalDate today) {
  }

  /** One rule's verdict. */
  public record Result(String rule, boolean passed, String message) {
    public JsonObject toJson() {
      return new JsonObject().put("rule", rule).put("passed", passed).put("message", message);
    }
  }

  public static List<Result> check(CallRules call, ApplicationDraft draft, Facts facts) {
    List<Result> results = new ArrayList<>();
    LocalDate callDate = call.opensOn();
    List<Designation> onCallDate = facts.designations().stream().filter(d -> d.validOn(callDate)).toList();
    boolean designated = onCallDate.stream().anyMatch(d -> call.eligibleStatuses().contains(d.status()));
    String region = facts.regionName() == null ? facts.regionCode() : facts.regionName();
    if (designated) {
      results.add(new Result("region", true, region + " is a " + statusName(onCallDate.get(0).status()) + " on the call date " + callDate + "."));
    } else if (!facts.designations().isEmpty()) {
      Designation last = facts.designations().get(facts.designations().size() - 1);
      results.add(new Result("region", false, region + " was a " + statusName(last.status()) + " from " + last.from()
          + (last.to() == null ? "" : " to " + last.to()) + ", not on the call date " + callDate + "."));
    } else {
      results.add(new Result("region", false, (region == null ? "The applicant's area" : region)
          + " is not one of the 107 depopulation (watch) regions."));
    }

    if (call.requireSupportHistory()) {
      List<Integer> years = facts.supportYears().stream().filter(y -> y <= callDate.getYear()).toList();
      results.add(years.isEmpty()
          ? new Result("supportHistory", false, "No 시군구연고산업육성사업 support is recorded for this local government.")
          : new Result("supportHistory", true, "시군구연고산업육성사업 support recorded for " + years + "."));
    }

    long localSmes = draft.members().stream()
        .filter(m -> "SME".equals(m.kind()) && facts.regionCode() != null && facts.regionCode().equals(m.regionCode())).count();
    long otherSmes = draft.members().stream().filter(m -> "SME".equals(m.kind())).count() - localSmes;
    results.add(new Result("localSmes", localSmes >= call.minLocalSmes(), localSmes + " SME(s) located in " + region
        + (otherSmes > 0 ? " (" + otherSmes + " from elsewhere do not count)" : "") + "; at least " + call.minLocalSmes() + " needed."));

    long national = draft.national();
    long local = draft.local();
    results.add(new Result("nationalCap", national <= call.nationalCapWon(),
        "National funds " + won(national) + " of at most " + won(call.nationalCapWon()) + "."));
    results.add(new Result("localMinimum", local >= call.localMinWon(),
        "Local funds " + won(local) + " of at least " + won(call.localMinWon()) + "."));
    results.add(new Result("totalCap", national + local <= call.totalCapWon(),
        "Total " + won(national + local) + " of at most " + won(call.totalCapWon()) + "."));
    List<String> unknown = draft.budget().stream().map(ApplicationDraft.BudgetLine::categoryCode).filter(c -> !call.allows(c))
        .distinct().toList();
    results.add(new Result("categories", unknown.isEmpty(), unknown.isEmpty()
        ? "All budget categories are allowed by the call."
        : "Budget categories not allowed by the call: " + String.join(", ", unknown) + "."));

    LocalDate today = facts.today();
    boolean open = !today.isBefore(call.opensOn()) && !today.isAfter(call.closesOn());
    results.add(new Result("window", open, open
        ? "The call takes applications until " + call.closesOn() + "."
        : "The call takes applications from " + call.opensOn() + " to " + call.closesOn() + "; today is " + today + "."));

    results.add(new Result("oneActive", !facts.otherActiveApplication(), facts.otherActiveApplication()
        ? "This local government already has an active application to this call."
        : "No other active application to this call."));
    return results;
  }

  public static boolean eligible(List<Result> results) {
    return results.stream().allMatch(Result::passed);
  }

  public static JsonArray toJson(List<Result> results) {
    JsonArray out = new JsonArray();
    results.forEach(r -> out.add(r.toJson()));
    return out;
  }

  private static String statusName(String status) {
    return "DECLINING".equals(status) ? "depopulation region (인구감소지역)" : "depopulation-watch region (인구감소관심지역)";
  }

  static String won(long amount) {
    return String.format(Locale.ROOT, "%,d won", amount);
  }
}
