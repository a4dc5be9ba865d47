package kr.dure.project;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.Arrays;
import java.util.List;

/** A project as lists show it. */
public record ProjectSummary(long id, String code, String titleKo, String titleEn, String regionCode, String sido,
    String sigungu, List<CollaborationType> collaborationTypes, String status, long nationalFundsWon, long localFundsWon,
    String leadName, long memberCount) {

  static ProjectSummary from(Row r) {
    return new ProjectSummary(r.getLong("id"), r.getString("code"), r.getString("title_ko"), r.getString("title_en"),
        r.getString("region_code"), r.getString("sido"), r.getString("sigungu"),
        Arrays.stream(r.getArrayOfStrings("collaboration_types")).map(CollaborationType::valueOf).toList(),
        r.getString("status"), r.getLong("national_funds_won"), r.getLong("local_funds_won"),
        r.getString("lead_name"), r.getLong("member_count"));
  }

  public JsonObject toJson() {
    JsonArray types = new JsonArray();
    collaborationTypes.forEach(t -> types.add(new JsonObject().put("code", t.name()).put("labelKey", t.labelKey())));
    return new JsonObject()
        .put("id", id).put("code", code).put("titleKo", titleKo).put("titleEn", titleEn)
        .put("regionCode", regionCode).put("region", sido == null ? regionCode : sido + " " + sigungu)
        .put("collaborationTypes", types).put("status", status).put("statusKey", "projectStatus." + status)
        .put("nationalFundsWon", nationalFundsWon).put("localFundsWon", localFundsWon)
        .put("totalFundsWon", nationalFundsWon + localFundsWon)
        .put("leadName", leadName).put("memberCount", memberCount);
  }
}
