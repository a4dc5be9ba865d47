package kr.dure.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** A ministry, local government, firm, university, institution or design agency. */
public record Organisation(
    long id, OrganisationKind kind, String name, String nameEn, String businessNumber, String regionCode, String address) {

  static Organisation from(Row row) {
    return new Organisation(
        row.getLong("id"),
        OrganisationKind.valueOf(row.getString("kind")),
        row.getString("name"),
        row.getString("name_en"),
        row.getString("business_number"),
        row.getString("region_code"),
        row.getString("address"));
  }

  public String businessNumberFormatted() {
    return businessNumber == null ? null : BusinessNumber.format(businessNumber);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("kind", kind.name())
        .put("name", name)
        .put("nameEn", nameEn)
        .put("businessNumber", businessNumber)
        .put("regionCode", regionCode)
        .put("address", address);
  }
}
