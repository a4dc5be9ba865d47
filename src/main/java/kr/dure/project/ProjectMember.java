package kr.dure.project;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import kr.dure.auth.BusinessNumber;
import kr.dure.auth.OrganisationKind;

/** An organisation of a project's consortium. */
public record ProjectMember(long organisationId, OrganisationKind kind, String name, String businessNumber,
    String regionCode, String regionName, String memberRole) {

  static ProjectMember from(Row r) {
    return new ProjectMember(r.getLong("id"), OrganisationKind.valueOf(r.getString("kind")), r.getString("name"),
        r.getString("business_number"), r.getString("region_code"),
        r.getString("sido") == null ? null : r.getString("sido") + " " + r.getString("sigungu"), r.getString("member_role"));
  }

  /** Absent values are empty strings: a template would otherwise show the enclosing project's value of the same name. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("organisationId", organisationId).put("kind", kind.name()).put("kindKey", kind.labelKey())
        .put("name", name)
        .put("businessNumber", businessNumber == null ? "" : BusinessNumber.format(businessNumber))
        .put("regionCode", regionCode == null ? "" : regionCode)
        .put("regionName", regionName == null ? "" : regionName)
        .put("lead", "LEAD".equals(memberRole));
  }
}
