package kr.dure.monitoring;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.YearMonth;
import java.util.List;

/** A project's fees of a month: per member firm, and per resource against what the resource costs to run (cost recovery). */
public record ProjectFees(StatementsRepository.Project project, YearMonth month, List<FirmFees> firms,
    List<ResourceRecovery> resources) {

  public record FirmFees(long organisationId, String name, String nameEn, long bookings, long baseFee, long lateCancelFee,
      long noShowFee) {

    public long total() {
      return baseFee + lateCancelFee + noShowFee;
    }

    JsonObject toJson() {
      return new JsonObject().put("organisationId", organisationId).put("name", name).put("nameEn", nameEn)
          .put("bookings", bookings).put("baseFeeWon", baseFee).put("lateCancelFeeWon", lateCancelFee)
          .put("noShowFeeWon", noShowFee).put("totalWon", total());
    }
  }

  /** @param operatingCost the resource's monthly operating cost, null when nobody entered one */
  public record ResourceRecovery(long resourceId, String nameKo, String nameEn, String kind, Long operatingCost, long bookings,
      long charged) {

    /** Fees charged ÷ monthly operating cost, as a fraction; null without a cost to divide by. */
    public Double recovery() {
      return operatingCost == null || operatingCost == 0 ? null : (double) charged / operatingCost;
    }

    JsonObject toJson() {
      return new JsonObject().put("resourceId", resourceId).put("nameKo", nameKo).put("nameEn", nameEn).put("kind", kind)
          .put("bookings", bookings).put("chargedWon", charged).put("monthlyOperatingCostWon", operatingCost)
          .put("costRecovery", recovery());
    }
  }

  public long total() {
    return firms.stream().mapToLong(FirmFees::total).sum();
  }

  public JsonObject toJson() {
    JsonArray firmList = new JsonArray();
    firms.forEach(f -> firmList.add(f.toJson()));
    JsonArray resourceList = new JsonArray();
    resources.forEach(r -> resourceList.add(r.toJson()));
    return new JsonObject().put("project", project.toJson()).put("month", month.toString())
        .put("firms", firmList).put("resources", resourceList)
        .put("totals", new JsonObject()
            .put("baseFeeWon", firms.stream().mapToLong(FirmFees::baseFee).sum())
            .put("lateCancelFeeWon", firms.stream().mapToLong(FirmFees::lateCancelFee).sum())
            .put("noShowFeeWon", firms.stream().mapToLong(FirmFees::noShowFee).sum())
            .put("totalWon", total()));
  }
}
