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

  /** An amount in whole won, formatted per language when the message is written. */
  public record Won(long amount) {
  }

  /** A region status (DECLINING, WATCH), named per language when the message is written. */
  public record StatusName(String status) {
  }

  /**
   * One rule's verdict: a stable {@code rule} code, an English {@code message}, and the message key
   * with its arguments so pages and the API can say it in the reader's language.
   */
  public record Result(String rule, boolean passed, String message, String messageKey, List<Object> args) {
    public Result(String rule, boolean passed, String message) {
      this(rule, passed, message, "eligibility.msg." + rule, List.of());
    }

    public JsonObject toJson() {
      JsonArray a = new JsonArray();
      args.forEach(x -> a.add(argJson(x)));
      return new JsonObject().put("rule", rule).put("code", rule).put("passed", passed).put("message", message)
          .put("messageKey", messageKey).put("args", a);
    }

    private static Object argJson(Object x) {
      if (x instanceof Won w) {
        return new JsonObject().put("won", w.amount());
      }
      if (x instanceof StatusName s) {
        return new JsonObject().put("status", s.status());
      }
      if (x instanceof List<?> list) {
        JsonArray a = new JsonArray();
        list.forEach(y -> a.add(argJson(y)));
        return a;
      }
      return x == null ? "" : String.valueOf(x);
    }
  }

  private static Result result(String rule, boolean passed, String message, String variant, Object... args) {
    return new Result(rule, passed, message, "eligibility.msg." + rule + "." + variant, List.of(args));
  }

  public static List<Result> check(CallRules call, ApplicationDraft draft, Facts facts) {
    List<Result> results = new ArrayList<>();
    LocalDate callDate = call.opensOn();
    List<Designation> onCallDate = facts.designations().stream().filter(d -> d.validOn(callDate)).toList();
    boolean designated = onCallDate.stream().anyMatch(d -> call.eligibleStatuses().contains(d.status()));
    String region = facts.regionName() == null ? facts.regionCode() : facts.regionName();
    String date = callDate.toString();
    if (designated) {
      String status = onCallDate.stream().filter(d -> call.eligibleStatuses().contains(d.status())).findFirst().orElseThrow().status();
      results.add(result("region", true, region + " is a " + statusName(status) + " on the call date " + callDate + ".",
          "pass", region, new StatusName(status), date));
    } else if (!onCallDate.isEmpty()) {
      String status = onCallDate.get(0).status();
      results.add(result("region", false, region + " is a " + statusName(status) + " on the call date " + callDate
          + ", but this call takes only " + call.eligibleStatuses().stream().map(Eligibility::statusName).toList() + ".",
          "statusNotEligible", region, new StatusName(status), date,
          call.eligibleStatuses().stream().map(StatusName::new).toList()));
    } else if (!facts.designations().isEmpty()) {
      Designation last = facts.designations().get(facts.designations().size() - 1);
      String english = region + " was a " + statusName(last.status()) + " from " + last.from()
          + (last.to() == null ? "" : " to " + last.to()) + ", not on the call date " + callDate + ".";
      results.add(last.to() == null
          ? result("region", false, english, "lapsedOpen", region, new StatusName(last.status()), last.from().toString(), date)
          : result("region", false, english, "lapsed", region, new StatusName(last.status()), last.from().toString(),
              last.to().toString(), date));
    } else if (region == null) {
      results.add(result("region", false, "The applicant's area is not one of the 107 depopulation (watch) regions.", "unknown"));
    } else {
      results.add(result("region", false, region + " is not one of the 107 depopulation (watch) regions.", "none", region));
    }

    if (call.requireSupportHistory()) {
      List<Integer> years = facts.supportYears().stream().filter(y -> y <= callDate.getYear()).toList();
      results.add(years.isEmpty()
          ? result("supportHistory", false, "No 시군구연고산업육성사업 support is recorded for this local government.", "fail")
          : result("supportHistory", true, "시군구연고산업육성사업 support recorded for " + years + ".", "pass",
              String.join(", ", years.stream().map(String::valueOf).toList())));
    }

    long localSmes = draft.members().stream()
        .filter(m -> "SME".equals(m.kind()) && facts.regionCode() != null && facts.regionCode().equals(m.regionCode())).count();
    long otherSmes = draft.members().stream().filter(m -> "SME".equals(m.kind())).count() - localSmes;
    String place = region == null ? "" : region;
    results.add(result("localSmes", localSmes >= call.minLocalSmes(), localSmes + " SME(s) located in " + region
        + (otherSmes > 0 ? " (" + otherSmes + " from elsewhere do not count)" : "") + "; at least " + call.minLocalSmes() + " needed.",
        otherSmes > 0 ? "others" : "count", localSmes, place, call.minLocalSmes(), otherSmes));

    long national = draft.national();
    long local = draft.local();
    results.add(result("nationalCap", national <= call.nationalCapWon(),
        "National funds " + won(national) + " of at most " + won(call.nationalCapWon()) + ".",
        national <= call.nationalCapWon() ? "pass" : "fail", new Won(national), new Won(call.nationalCapWon())));
    results.add(result("localMinimum", local >= call.localMinWon(),
        "Local funds " + won(local) + " of at least " + won(call.localMinWon()) + ".",
        local >= call.localMinWon() ? "pass" : "fail", new Won(local), new Won(call.localMinWon())));
    results.add(result("totalCap", national + local <= call.totalCapWon(),
        "Total " + won(national + local) + " of at most " + won(call.totalCapWon()) + ".",
        national + local <= call.totalCapWon() ? "pass" : "fail", new Won(national + local), new Won(call.totalCapWon())));
    List<String> unknown = draft.budget().stream().map(ApplicationDraft.BudgetLine::categoryCode).filter(c -> !call.allows(c))
        .distinct().toList();
    results.add(unknown.isEmpty()
        ? result("categories", true, "All budget categories are allowed by the call.", "pass")
        : result("categories", false, "Budget categories not allowed by the call: " + String.join(", ", unknown) + ".", "fail",
            String.join(", ", unknown)));

    LocalDate today = facts.today();
    boolean open = !today.isBefore(call.opensOn()) && !today.isAfter(call.closesOn());
    results.add(open
        ? result("window", true, "The call takes applications until " + call.closesOn() + ".", "open", call.closesOn().toString())
        : result("window", false, "The call takes applications from " + call.opensOn() + " to " + call.closesOn() + "; today is "
            + today + ".", "closed", call.opensOn().toString(), call.closesOn().toString(), today.toString()));

    results.add(facts.otherActiveApplication()
        ? result("oneActive", false, "This local government already has an active application to this call.", "fail")
        : result("oneActive", true, "No other active application to this call.", "pass"));
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
