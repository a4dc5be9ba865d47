package kr.dure.program;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import kr.dure.auth.BusinessNumber;
import kr.dure.common.Validator;
import kr.dure.project.CollaborationType;

/**
 * The content of an application as the local government writes it. Incomplete is fine for a
 * draft; well-formedness is checked here, the program's rules by {@link Eligibility}.
 */
public record ApplicationDraft(
    String title,
    List<CollaborationType> collaborationTypes,
    String modelDescription,
    String resourcePlan,
    List<Member> members,
    List<BudgetLine> budget,
    List<Kpi> kpis) {

  /** A consortium member: an SME (with 사업자등록번호), a university or an innovation institution. */
  public record Member(String kind, String name, String businessNumber, String regionCode, String roleDescription, boolean lead) {
    public JsonObject toJson() {
      return new JsonObject().put("kind", kind).put("name", name).put("businessNumber", businessNumber == null ? "" : businessNumber)
          .put("regionCode", regionCode == null ? "" : regionCode).put("roleDescription", roleDescription).put("lead", lead);
    }
  }

  /** A budget amount for one category and one source (national or local funds). */
  public record BudgetLine(String categoryCode, String source, long amountWon) {
    public JsonObject toJson() {
      return new JsonObject().put("category", categoryCode).put("source", source).put("amountWon", amountWon);
    }
  }

  /** A KPI with its target. */
  public record Kpi(String name, String unit, double target) {
    public JsonObject toJson() {
      return new JsonObject().put("name", name).put("unit", unit).put("target", target);
    }
  }

  public long national() {
    return budget.stream().filter(b -> "NATIONAL".equals(b.source())).mapToLong(BudgetLine::amountWon).sum();
  }

  public long local() {
    return budget.stream().filter(b -> "LOCAL".equals(b.source())).mapToLong(BudgetLine::amountWon).sum();
  }

  public static ApplicationDraft fromJson(JsonObject json) {
    Validator v = Validator.of(json);
    String title = v.optionalText("title", 200);
    List<CollaborationType> types = new ArrayList<>();
    Object rawTypes = v.raw("collaborationTypes");
    if (rawTypes instanceof JsonArray array) {
      for (Object t : array) {
        try {
          CollaborationType type = CollaborationType.valueOf(String.valueOf(t));
          if (!types.contains(type)) {
            types.add(type);
          }
        } catch (IllegalArgumentException e) {
          v.add("collaborationTypes", "validation.choice",
              "collaborationTypes must list JOINT_BRAND, VALUE_CHAIN, LOCAL_SERVICE or SHARED_INFRASTRUCTURE.");
        }
      }
    } else if (rawTypes != null) {
      v.add("collaborationTypes", "validation.choice", "collaborationTypes must be a list.");
    }
    String model = v.optionalText("modelDescription", 20_000);
    String plan = v.optionalText("resourcePlan", 10_000);
    List<Member> members = members(v);
    List<BudgetLine> budget = budget(v);
    List<Kpi> kpis = kpis(v);
    v.throwIfInvalid();
    return new ApplicationDraft(title, types, model, plan, members, budget, kpis);
  }

  private static List<JsonObject> objects(Validator v, String field, int max) {
    Object raw = v.raw(field);
    List<JsonObject> list = new ArrayList<>();
    if (raw == null) {
      return list;
    }
    if (!(raw instanceof JsonArray array) || array.size() > max) {
      v.add(field, "validation.list", field + " must be a list of at most " + max + " objects.");
      return list;
    }
    for (int i = 0; i < array.size(); i++) {
      if (array.getValue(i) instanceof JsonObject o) {
        list.add(o);
      } else {
        v.add(field + "[" + i + "]", "validation.list", field + "[" + i + "] must be an object.");
      }
    }
    return list;
  }

  private static List<Member> members(Validator v) {
    List<Member> members = new ArrayList<>();
    List<JsonObject> raw = objects(v, "members", 100);
    for (int i = 0; i < raw.size(); i++) {
      String f = "members[" + i + "]";
      Validator m = Validator.of(raw.get(i));
      String kind = m.requiredText("kind", 30);
      String name = m.requiredText("name", 200);
      String number = m.optionalText("businessNumber", 20);
      String region = m.optionalText("regionCode", 5);
      String role = m.optionalText("roleDescription", 1000);
      boolean lead = m.bool("lead", false);
      if (kind != null && !List.of("SME", "UNIVERSITY", "INNOVATION_INSTITUTION").contains(kind)) {
        v.add(f + ".kind", "validation.choice", f + ".kind must be SME, UNIVERSITY or INNOVATION_INSTITUTION.");
      }
      String digits = null;
      if (!number.isEmpty()) {
        digits = BusinessNumber.normalize(number).orElse(null);
        if (digits == null) {
          v.add(f + ".businessNumber", "validation.businessNumber",
              f + ".businessNumber must be a 10-digit 사업자등록번호 with a correct check digit, such as 220-81-62517.");
        }
      } else if ("SME".equals(kind)) {
        v.add(f + ".businessNumber", "validation.required", f + ".businessNumber is required for an SME.");
      }
      if (!region.isEmpty() && !region.matches("[0-9]{5}")) {
        v.add(f + ".regionCode", "validation.regionCode", f + ".regionCode must be a 5-digit 시군구 code.");
      }
      if (m.hasErrors()) {
        m.copyInto(v, f);
        continue;
      }
      members.add(new Member(kind, name, digits, region.isEmpty() ? null : region, role, lead));
    }
    return members;
  }

  private static List<BudgetLine> budget(Validator v) {
    List<BudgetLine> lines = new ArrayList<>();
    List<JsonObject> raw = objects(v, "budget", 60);
    for (int i = 0; i < raw.size(); i++) {
      String f = "budget[" + i + "]";
      Validator b = Validator.of(raw.get(i));
      String category = b.requiredText("category", 40);
      String source = b.requiredText("source", 10);
      Long amount = b.requiredLong("amountWon", 0, 100_000_000_000L);
      if (source != null && !List.of("NATIONAL", "LOCAL").contains(source)) {
        v.add(f + ".source", "validation.choice", f + ".source must be NATIONAL or LOCAL.");
        continue;
      }
      if (b.hasErrors()) {
        b.copyInto(v, f);
        continue;
      }
      String key = category + "/" + source;
      if (lines.stream().anyMatch(l -> (l.categoryCode() + "/" + l.source()).equals(key))) {
        v.add(f, "validation.duplicate", f + " repeats " + key + ": give each category and source once.");
        continue;
      }
      lines.add(new BudgetLine(category, source, amount));
    }
    return lines;
  }

  private static List<Kpi> kpis(Validator v) {
    List<Kpi> kpis = new ArrayList<>();
    List<JsonObject> raw = objects(v, "kpis", 30);
    for (int i = 0; i < raw.size(); i++) {
      String f = "kpis[" + i + "]";
      Validator k = Validator.of(raw.get(i));
      String name = k.requiredText("name", 200);
      String unit = k.optionalText("unit", 30);
      Object target = raw.get(i).getValue("target");
      if (!(target instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 1e15 || Double.isNaN(n.doubleValue())) {
        v.add(f + ".target", "validation.number", f + ".target must be a number of 0 or more.");
        continue;
      }
      if (name == null) {
        v.add(f + ".name", "validation.required", f + ".name is required.");
        continue;
      }
      kpis.add(new Kpi(name, unit, ((Number) target).doubleValue()));
    }
    return kpis;
  }

  public JsonObject toJson() {
    JsonArray m = new JsonArray();
    members.forEach(x -> m.add(x.toJson()));
    JsonArray b = new JsonArray();
    budget.forEach(x -> b.add(x.toJson()));
    JsonArray k = new JsonArray();
    kpis.forEach(x -> k.add(x.toJson()));
    return new JsonObject().put("title", title)
        .put("collaborationTypes", new JsonArray(collaborationTypes.stream().map(Enum::name).toList()))
        .put("modelDescription", modelDescription).put("resourcePlan", resourcePlan)
        .put("members", m).put("budget", b).put("kpis", k)
        .put("nationalWon", national()).put("localWon", local()).put("totalWon", national() + local());
  }
}
