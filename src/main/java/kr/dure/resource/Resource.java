package kr.dure.resource;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.List;

/** A shared resource of a project: a machine, a facility with units of capacity, or a delivery run. */
public record Resource(
    long id,
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
    boolean active,
    List<OpeningHours> openingHours,
    boolean hasPhoto,
    Long monthlyOperatingCost) {

  /** Without an operating cost (it is only for the cost-recovery report). */
  public Resource(long id, long projectId, ResourceKind kind, String nameKo, String nameEn, String descriptionKo,
      String descriptionEn, String location, int capacity, String unitLabelKo, String unitLabelEn, String route, long feeWon,
      FeeBasis feeBasis, ResourceRules rules, boolean active, List<OpeningHours> openingHours, boolean hasPhoto) {
    this(id, projectId, kind, nameKo, nameEn, descriptionKo, descriptionEn, location, capacity, unitLabelKo, unitLabelEn, route,
        feeWon, feeBasis, rules, active, openingHours, hasPhoto, null);
  }

  static Resource from(Row r, List<OpeningHours> hours) {
    return new Resource(r.getLong("id"), r.getLong("project_id"), ResourceKind.valueOf(r.getString("kind")),
        r.getString("name_ko"), r.getString("name_en"), r.getString("description_ko"), r.getString("description_en"),
        r.getString("location"), r.getInteger("capacity"), r.getString("unit_label_ko"), r.getString("unit_label_en"),
        r.getString("route"), r.getLong("fee_won"), FeeBasis.valueOf(r.getString("fee_basis")), ResourceRules.from(r),
        r.getBoolean("active"), List.copyOf(hours), Boolean.TRUE.equals(r.getBoolean("has_photo")),
        r.getLong("monthly_operating_cost"));
  }

  public JsonObject toJson() {
    JsonArray hours = new JsonArray();
    openingHours.forEach(h -> hours.add(h.toJson()));
    return new JsonObject()
        .put("id", id).put("projectId", projectId).put("kind", kind.name())
        .put("nameKo", nameKo).put("nameEn", nameEn).put("descriptionKo", descriptionKo).put("descriptionEn", descriptionEn)
        .put("location", location).put("capacity", capacity).put("unitLabelKo", unitLabelKo).put("unitLabelEn", unitLabelEn)
        .put("route", route).put("feeWon", feeWon).put("feeBasis", feeBasis.name())
        .put("rules", rules.toJson()).put("openingHours", hours).put("active", active)
        .put("photoUrl", hasPhoto ? "/resources/" + id + "/photo" : "")
        .put("monthlyOperatingCost", monthlyOperatingCost);
  }
}
