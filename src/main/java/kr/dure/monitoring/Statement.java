package kr.dure.monitoring;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/** A firm's monthly statement: every booking that started in the month, with what each is charged, and the month's totals. */
public record Statement(StatementsRepository.Organisation organisation, YearMonth month, LocalDate issuedOn,
    List<StatementsRepository.Project> projects, List<Line> lines) {

  /** One booking on the statement; the three charges are exclusive (a booking has at most one of them). */
  public record Line(long bookingId, long resourceId, String resourceNameKo, String resourceNameEn, String resourceKind,
      String projectCode, String bookedBy, Instant startsAt, Instant endsAt, String status, boolean lateCancel,
      int units, int pallets, int kg, long baseFee, long lateCancelFee, long noShowFee) {

    static Line from(Row r) {
      return new Line(r.getLong("id"), r.getLong("resource_id"), r.getString("name_ko"), r.getString("name_en"),
          r.getString("kind"), r.getString("project_code"), r.getString("user_name"),
          r.getOffsetDateTime("starts_at").toInstant(), r.getOffsetDateTime("ends_at").toInstant(), r.getString("status"),
          r.getBoolean("late_cancel"), r.getInteger("units"), r.getInteger("pallets"), r.getInteger("kg"),
          r.getLong("base_fee"), r.getLong("late_cancel_fee"), r.getLong("no_show_fee"));
    }

    public long total() {
      return baseFee + lateCancelFee + noShowFee;
    }

    public JsonObject toJson() {
      return new JsonObject().put("bookingId", bookingId).put("resourceId", resourceId)
          .put("resourceNameKo", resourceNameKo).put("resourceNameEn", resourceNameEn).put("resourceKind", resourceKind)
          .put("projectCode", projectCode).put("bookedBy", bookedBy)
          .put("startsAt", startsAt.toString()).put("endsAt", endsAt.toString()).put("status", status)
          .put("lateCancel", lateCancel).put("units", units).put("pallets", pallets).put("kg", kg)
          .put("baseFeeWon", baseFee).put("lateCancelFeeWon", lateCancelFee).put("noShowFeeWon", noShowFee)
          .put("totalWon", total());
    }
  }

  public long baseTotal() {
    return lines.stream().mapToLong(Line::baseFee).sum();
  }

  public long lateCancelTotal() {
    return lines.stream().mapToLong(Line::lateCancelFee).sum();
  }

  public long noShowTotal() {
    return lines.stream().mapToLong(Line::noShowFee).sum();
  }

  public long total() {
    return baseTotal() + lateCancelTotal() + noShowTotal();
  }

  public JsonObject toJson() {
    JsonArray items = new JsonArray();
    lines.forEach(l -> items.add(l.toJson()));
    JsonArray projectList = new JsonArray();
    projects.forEach(p -> projectList.add(p.toJson()));
    return new JsonObject().put("organisation", organisation.toJson()).put("month", month.toString())
        .put("issuedOn", issuedOn.toString()).put("projects", projectList).put("lines", items)
        .put("totals", new JsonObject().put("bookings", lines.size()).put("baseFeeWon", baseTotal())
            .put("lateCancelFeeWon", lateCancelTotal()).put("noShowFeeWon", noShowTotal()).put("totalWon", total()));
  }
}
