package kr.dure.resource;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import kr.dure.common.Validator;

/** A resource as a coordinator creates or edits it; parses and validates itself, reporting every field error. */
public record ResourceInput(
    long projectId,
    ResourceKind kind,
    String nameKo,
    String nameEn,
    String descriptionKo,
    String descriptionEn,
    String location,
    int capacity,
    String unitLabelKo,
    String unitLabelEn,
    String route,
    long feeWon,
    FeeBasis feeBasis,
    ResourceRules rules,
    List<OpeningHours> openingHours,
    Long monthlyOperatingCost) {

  /** Without an operating cost (it is only for the cost-recovery report). */
  public ResourceInput(long projectId, ResourceKind kind, String nameKo, String nameEn, String descriptionKo, String descriptionEn,
      String location, int capacity, String unitLabelKo, String unitLabelEn, String route, long feeWon, FeeBasis feeBasis,
      ResourceRules rules, List<OpeningHours> openingHours) {
    this(projectId, kind, nameKo, nameEn, descriptionKo, descriptionEn, location, capacity, unitLabelKo, unitLabelEn, route, feeWon,
        feeBasis, rules, openingHours, null);
  }

  public static ResourceInput fromJson(JsonObject json) {
    Validator v = Validator.of(json);
    Long projectId = v.requiredLong("projectId", 1, Long.MAX_VALUE);
    ResourceKind kind = v.requiredEnum("kind", ResourceKind.class);
    String nameKo = v.requiredText("nameKo", 200);
    String nameEn = v.optionalText("nameEn", 200);
    String descriptionKo = v.optionalText("descriptionKo", 4000);
    String descriptionEn = v.optionalText("descriptionEn", 4000);
    String location = v.optionalText("location", 500);
    int capacity = v.intOr("capacity", 1, 100_000, 1);
    if (kind != null && kind != ResourceKind.FACILITY && capacity != 1) {
      v.add("capacity", "validation.capacityExclusive", "capacity must be 1 for " + kind + ": only facilities have units.");
    }
    String unitLabelKo = v.optionalText("unitLabelKo", 50);
    String unitLabelEn = v.optionalText("unitLabelEn", 50);
    String route = v.optionalText("route", 2000);
    Integer fee = v.optionalInt("feeWon", 0, 100_000_000);
    FeeBasis basis = v.enumOr("feeBasis", FeeBasis.class, FeeBasis.FREE);
    if (kind != null && basis == FeeBasis.PER_PALLET && kind != ResourceKind.DELIVERY_RUN) {
      v.add("feeBasis", "validation.feeBasis", "feeBasis PER_PALLET is only for delivery runs.");
    }
    if (kind == ResourceKind.DELIVERY_RUN && (basis == FeeBasis.PER_HOUR || basis == FeeBasis.PER_UNIT_DAY)) {
      v.add("feeBasis", "validation.feeBasis", "A delivery run is charged PER_PALLET or FREE.");
    }
    ResourceRules defaults = ResourceRules.defaults();
    Integer minMinutes = v.optionalInt("minMinutes", 1, 60 * 24 * 60);
    Integer maxMinutes = v.optionalInt("maxMinutes", 1, 60 * 24 * 60);
    if (minMinutes != null && maxMinutes != null && minMinutes > maxMinutes) {
      v.add("maxMinutes", "validation.minOverMax", "maxMinutes must not be less than minMinutes.");
    }
    ResourceRules rules = new ResourceRules(
        v.bool("closedOnHolidays", defaults.closedOnHolidays()),
        v.intOr("slotMinutes", 5, 1440, defaults.slotMinutes()),
        minMinutes,
        maxMinutes,
        v.intOr("minNoticeMinutes", 0, 60 * 24 * 60, defaults.minNoticeMinutes()),
        v.intOr("horizonDays", 1, 730, defaults.horizonDays()),
        v.intOr("bufferMinutes", 0, 1440, defaults.bufferMinutes()),
        v.bool("approvalRequired", false),
        v.bool("qualificationRequired", false),
        v.optionalInt("weeklyQuota", 1, 100_000),
        v.optionalInt("monthlyQuota", 1, 1_000_000),
        v.intOr("freeCancelHours", 0, 24 * 60, defaults.freeCancelHours()),
        v.intOr("lateCancelFeePercent", 0, 100, defaults.lateCancelFeePercent()),
        v.intOr("noShowFeePercent", 0, 100, defaults.noShowFeePercent()),
        v.intOr("checkInOpensMinutes", 0, 1440, defaults.checkInOpensMinutes()),
        v.optionalInt("noShowAfterMinutes", 1, 1440));
    List<OpeningHours> hours = openingHours(v);
    // monitoring: what the resource costs to run a month, for cost recovery; empty when unknown
    Integer operatingCost = v.optionalInt("monthlyOperatingCost", 0, 2_000_000_000);
    v.throwIfInvalid();
    return new ResourceInput(projectId, kind, nameKo, nameEn, descriptionKo, descriptionEn, location, capacity,
        unitLabelKo, unitLabelEn, route, fee == null ? 0 : fee, basis, rules, hours,
        operatingCost == null ? null : operatingCost.longValue());
  }

  /** The checkboxes of the editor form: an unticked box sends nothing, which means "no", not the default. */
  static final List<String> FORM_FLAGS = List.of("closedOnHolidays", "approvalRequired", "qualificationRequired");
  /** The editor form offers this many opening intervals per weekday. */
  public static final int FORM_INTERVALS_PER_DAY = 2;

  /**
   * Reads the editor form by turning it into the JSON the API takes, so both follow the same rules.
   * Text stays text (the validator parses whole numbers from text); checkboxes become booleans; the
   * opening-hour inputs {@code opens-<weekday>-<n>} and {@code closes-<weekday>-<n>} become the list.
   */
  public static ResourceInput fromForm(io.vertx.core.MultiMap form) {
    JsonObject json = new JsonObject();
    for (String name : form.names()) {
      if (!name.startsWith("opens-") && !name.startsWith("closes-") && !FORM_FLAGS.contains(name)) {
        json.put(name, form.get(name));
      }
    }
    for (String flag : FORM_FLAGS) {
      String value = form.get(flag);
      json.put(flag, value != null && !"false".equalsIgnoreCase(value.trim()) && !"off".equalsIgnoreCase(value.trim()));
    }
    json.put("openingHours", formOpeningHours(form));
    return fromJson(json);
  }

  /**
   * The opening intervals the form fills in, in weekday order; a row with both times empty is no
   * interval. A closing time of 00:00 means midnight at the end of the day (time inputs cannot say 24:00).
   */
  public static JsonArray formOpeningHours(io.vertx.core.MultiMap form) {
    JsonArray hours = new JsonArray();
    for (int day = 1; day <= 7; day++) {
      for (int n = 1; n <= FORM_INTERVALS_PER_DAY; n++) {
        String opens = clockInput(form.get("opens-" + day + "-" + n));
        String closes = clockInput(form.get("closes-" + day + "-" + n));
        if (opens == null && closes == null) {
          continue;
        }
        hours.add(new JsonObject().put("weekday", day).put("opens", opens).put("closes", "00:00".equals(closes) ? "24:00" : closes));
      }
    }
    return hours;
  }

  /** A time input's value as HH:MM (browsers may add seconds); null when empty. */
  private static String clockInput(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String value = raw.trim();
    return value.matches("\\d{2}:\\d{2}:00(\\.0+)?") ? value.substring(0, 5) : value;
  }

  private static List<OpeningHours> openingHours(Validator v) {
    Object raw = v.raw("openingHours");
    List<OpeningHours> hours = new ArrayList<>();
    if (raw == null) {
      return hours;
    }
    if (!(raw instanceof JsonArray array)) {
      v.add("openingHours", "validation.openingHours", "openingHours must be a list of {weekday, opens, closes}.");
      return hours;
    }
    for (int i = 0; i < array.size(); i++) {
      String field = "openingHours[" + i + "]";
      Object item = array.getValue(i);
      if (!(item instanceof JsonObject o)) {
        v.add(field, "validation.openingHours", field + " must be an object {weekday, opens, closes}.");
        continue;
      }
      Object weekday = o.getValue("weekday");
      Integer opens = minuteOfDay(o.getValue("opens"), false);
      Integer closes = minuteOfDay(o.getValue("closes"), true);
      if (!(weekday instanceof Integer d) || d < 1 || d > 7) {
        v.add(field + ".weekday", "validation.weekday", field + ".weekday must be 1 (Monday) to 7 (Sunday).");
      } else if (opens == null || closes == null) {
        v.add(field, "validation.clock", field + " needs opens and closes as HH:MM, e.g. 09:00 and 18:00 (24:00 for midnight).");
      } else if (closes <= opens) {
        v.add(field, "validation.clockOrder", field + ": closes must be after opens.");
      } else {
        hours.add(new OpeningHours(d, opens, closes));
      }
    }
    for (int i = 0; i < hours.size(); i++) {
      for (int j = i + 1; j < hours.size(); j++) {
        OpeningHours a = hours.get(i);
        OpeningHours b = hours.get(j);
        if (a.weekday() == b.weekday() && a.opensMinute() < b.closesMinute() && b.opensMinute() < a.closesMinute()) {
          v.add("openingHours", "validation.openingOverlap", "Opening hours of weekday " + a.weekday() + " overlap.");
        }
      }
    }
    return hours;
  }

  /** "HH:MM" to minutes after midnight; "24:00" only as a closing time. */
  static Integer minuteOfDay(Object raw, boolean closing) {
    if (!(raw instanceof String s) || !s.matches("\\d{2}:\\d{2}")) {
      return null;
    }
    int h = Integer.parseInt(s.substring(0, 2));
    int m = Integer.parseInt(s.substring(3));
    if (m > 59 || h > 24 || (h == 24 && (m != 0 || !closing))) {
      return null;
    }
    return h * 60 + m;
  }
}
