package kr.dure.resource;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/**
 * The booking rules of one resource; a null limit means "no such rule".
 *
 * @param weeklyQuota per firm and ISO week: hours (unit-hours for facilities) or pallets (runs)
 */
public record ResourceRules(
    boolean closedOnHolidays,
    int slotMinutes,
    Integer minMinutes,
    Integer maxMinutes,
    int minNoticeMinutes,
    int horizonDays,
    int bufferMinutes,
    boolean approvalRequired,
    boolean qualificationRequired,
    Integer weeklyQuota,
    Integer monthlyQuota,
    int freeCancelHours,
    int lateCancelFeePercent,
    int noShowFeePercent,
    int checkInOpensMinutes,
    Integer noShowAfterMinutes) {

  /** No rules beyond the defaults: 30-minute steps, 90-day horizon, 24-hour free cancellation. */
  public static ResourceRules defaults() {
    return new ResourceRules(true, 30, null, null, 0, 90, 0, false, false, null, null, 24, 50, 100, 15, null);
  }

  static ResourceRules from(Row r) {
    return new ResourceRules(
        r.getBoolean("closed_on_holidays"), r.getInteger("slot_minutes"), r.getInteger("min_minutes"), r.getInteger("max_minutes"),
        r.getInteger("min_notice_minutes"), r.getInteger("horizon_days"), r.getInteger("buffer_minutes"),
        r.getBoolean("approval_required"), r.getBoolean("qualification_required"),
        r.getInteger("weekly_quota"), r.getInteger("monthly_quota"), r.getInteger("free_cancel_hours"),
        r.getInteger("late_cancel_fee_percent"), r.getInteger("no_show_fee_percent"),
        r.getInteger("check_in_opens_minutes"), r.getInteger("no_show_after_minutes"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("closedOnHolidays", closedOnHolidays).put("slotMinutes", slotMinutes)
        .put("minMinutes", minMinutes).put("maxMinutes", maxMinutes)
        .put("minNoticeMinutes", minNoticeMinutes).put("horizonDays", horizonDays).put("bufferMinutes", bufferMinutes)
        .put("approvalRequired", approvalRequired).put("qualificationRequired", qualificationRequired)
        .put("weeklyQuota", weeklyQuota).put("monthlyQuota", monthlyQuota)
        .put("freeCancelHours", freeCancelHours).put("lateCancelFeePercent", lateCancelFeePercent)
        .put("noShowFeePercent", noShowFeePercent).put("checkInOpensMinutes", checkInOpensMinutes)
        .put("noShowAfterMinutes", noShowAfterMinutes);
  }
}
