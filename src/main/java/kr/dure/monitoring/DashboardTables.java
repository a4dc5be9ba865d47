package kr.dure.monitoring;

import java.time.DayOfWeek;
import java.time.OffsetDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import kr.dure.common.Zones;
import kr.dure.monitoring.ReportTable.Column;
import kr.dure.monitoring.ReportTable.Type;
import kr.dure.monitoring.UtilizationRepository.Flow;
import kr.dure.monitoring.UtilizationRepository.HeatCell;
import kr.dure.monitoring.UtilizationRepository.NoShow;
import kr.dure.monitoring.UtilizationRepository.ResourceUse;
import kr.dure.monitoring.UtilizationRepository.SeriesPoint;
import kr.dure.monitoring.UtilizationService.Circulation;
import kr.dure.monitoring.UtilizationService.Fairness;
import kr.dure.monitoring.UtilizationService.ProjectRow;
import kr.dure.monitoring.UtilizationService.Totals;
import kr.dure.web.Messages;

/**
 * Every table the monitoring pages show, as {@link ReportTable}s (the same model the CSV and XLSX
 * exports read). Text cells are written in the page's language.
 */
public final class DashboardTables {

  private final Messages messages;
  private final String lang;

  public DashboardTables(Messages messages, String lang) {
    this.messages = messages;
    this.lang = lang;
  }

  private static Column col(String key, Type type) {
    return new Column("monitoring.col." + key, type);
  }

  private String text(String key) {
    return messages.get(lang, key);
  }

  private String name(String ko, String en) {
    return "en".equals(lang) && en != null && !en.isBlank() ? en : ko;
  }

  private static Double hours(long minutes) {
    return Math.round(minutes / 6.0) / 10.0;
  }

  public ReportTable projects(List<ProjectRow> projects, String stem) {
    List<List<Object>> rows = new ArrayList<>();
    for (ProjectRow p : projects) {
      Totals t = p.totals();
      rows.add(Arrays.asList(p.facts().code() + " " + name(p.facts().titleKo(), p.facts().titleEn()), t.bookedRate(), t.usedRate(),
          t.palletRate(), t.noShowRate(), t.lateCancelRate(), p.facts().activeFirms(), p.budgetRate(), p.facts().kpiProgress(),
          p.circulation().rate()));
    }
    return new ReportTable(stem, "monitoring.table.projects", List.of(col("project", Type.TEXT), col("bookedRate", Type.PERCENT),
        col("usedRate", Type.PERCENT), col("palletRate", Type.PERCENT), col("noShowRate", Type.PERCENT),
        col("lateCancelRate", Type.PERCENT), col("activeFirms", Type.INTEGER), col("budgetRate", Type.PERCENT),
        col("kpiProgress", Type.PERCENT), col("circulationRate", Type.PERCENT)), rows);
  }

  public ReportTable kinds(List<ResourceUse> resources, String stem) {
    List<List<Object>> rows = new ArrayList<>();
    for (String kind : List.of("EQUIPMENT", "FACILITY", "DELIVERY_RUN")) {
      List<ResourceUse> mine = resources.stream().filter(r -> r.kind().equals(kind)).toList();
      Totals t = Totals.of(mine);
      boolean run = "DELIVERY_RUN".equals(kind);
      rows.add(Arrays.asList(text("resourceKind." + kind), (long) mine.size(), run ? t.palletRate() : t.bookedRate(),
          run ? t.kgRate() : t.usedRate(), t.bookings(), t.noShowRate(), t.lateCancelRate()));
    }
    return new ReportTable(stem, "monitoring.table.kinds", List.of(col("kind", Type.TEXT), col("resources", Type.INTEGER),
        col("bookedOrPallets", Type.PERCENT), col("usedOrKg", Type.PERCENT), col("bookings", Type.INTEGER),
        col("noShowRate", Type.PERCENT), col("lateCancelRate", Type.PERCENT)), rows);
  }

  public ReportTable resources(List<ResourceUse> resources, String stem, String titleKey) {
    List<List<Object>> rows = new ArrayList<>();
    for (ResourceUse r : resources) {
      boolean run = r.run();
      rows.add(Arrays.asList(name(r.nameKo(), r.nameEn()), text("resourceKind." + r.kind()), (long) r.capacity(),
          run ? null : hours(r.openMinutes()), run ? null : hours(r.bookedUnitMinutes()),
          run ? null : UtilizationService.ratio(r.bookedUnitMinutes(), r.capacityMinutes()),
          run ? null : UtilizationService.ratio(r.usedUnitMinutes(), r.capacityMinutes()),
          run ? UtilizationService.ratio(r.pallets(), r.palletCapacity()) : null,
          run ? UtilizationService.ratio(r.kg(), r.kgCapacity()) : null,
          r.bookings(), r.noShows(), r.firms()));
    }
    return new ReportTable(stem, titleKey, List.of(col("resource", Type.TEXT), col("kind", Type.TEXT),
        col("capacity", Type.INTEGER), col("openHours", Type.DECIMAL), col("bookedUnitHours", Type.DECIMAL),
        col("bookedRate", Type.PERCENT), col("usedRate", Type.PERCENT), col("palletRate", Type.PERCENT),
        col("kgRate", Type.PERCENT), col("bookings", Type.INTEGER), col("noShows", Type.INTEGER),
        col("activeFirms", Type.INTEGER)), rows);
  }

  /** Time utilization per week (or per day when {@code daily}). */
  public ReportTable series(List<SeriesPoint> points, boolean daily, String stem) {
    List<List<Object>> rows = new ArrayList<>();
    for (SeriesPoint p : points) {
      rows.add(Arrays.asList(p.bucket(), hours(p.capacityMinutes()), hours(p.bookedUnitMinutes()),
          UtilizationService.ratio(p.bookedUnitMinutes(), p.capacityMinutes()),
          UtilizationService.ratio(p.usedUnitMinutes(), p.capacityMinutes()), p.bookings(), p.noShows()));
    }
    return new ReportTable(stem, daily ? "monitoring.table.days" : "monitoring.table.weeks",
        List.of(col(daily ? "day" : "week", Type.DATE), col("capacityUnitHours", Type.DECIMAL),
            col("bookedUnitHours", Type.DECIMAL), col("bookedRate", Type.PERCENT), col("usedRate", Type.PERCENT),
            col("bookings", Type.INTEGER), col("noShows", Type.INTEGER)), rows);
  }

  /** Booked hours by weekday (rows) and hour of day (columns). */
  public ReportTable heatmap(List<HeatCell> cells, String stem) {
    double[][] grid = new double[7][24];
    cells.forEach(c -> grid[c.weekday() - 1][c.hour()] += c.bookedMinutes());
    List<Column> columns = new ArrayList<>();
    columns.add(col("weekday", Type.TEXT));
    for (int h = 0; h < 24; h++) {
      columns.add(new Column("monitoring.hour." + h, Type.DECIMAL));
    }
    Locale locale = "en".equals(lang) ? Locale.ENGLISH : Locale.KOREAN;
    List<List<Object>> rows = new ArrayList<>();
    for (int d = 0; d < 7; d++) {
      List<Object> row = new ArrayList<>();
      row.add(DayOfWeek.of(d + 1).getDisplayName(TextStyle.SHORT, locale));
      for (int h = 0; h < 24; h++) {
        row.add(Math.round(grid[d][h] / 6.0) / 10.0);
      }
      rows.add(row);
    }
    return new ReportTable(stem, "monitoring.table.heatmap", columns, rows);
  }

  public ReportTable circulation(Circulation c, String stem) {
    List<List<Object>> rows = new ArrayList<>();
    for (Flow f : c.flows()) {
      rows.add(Arrays.asList(text("monitoring.flow." + f.type()), f.insideWon(), f.totalWon(),
          UtilizationService.ratio(f.insideWon(), f.totalWon())));
    }
    rows.add(Arrays.asList(text("monitoring.flow.ALL"), c.insideWon(), c.totalWon(), c.rate()));
    return new ReportTable(stem, "monitoring.table.circulation", List.of(col("flow", Type.TEXT), col("insideWon", Type.MONEY),
        col("totalWon", Type.MONEY), col("insideShare", Type.PERCENT)), rows);
  }

  public ReportTable fairness(List<Fairness> fairness, String stem) {
    List<List<Object>> rows = new ArrayList<>();
    for (Fairness f : fairness) {
      Double ratio = f.share() == null || f.fairShare() <= 0 ? null : f.share() / f.fairShare();
      rows.add(Arrays.asList(name(f.firm().name(), f.firm().nameEn()), hours(f.firm().unitMinutes()), f.firm().pallets(),
          f.share(), f.fairShare() <= 0 ? null : f.fairShare(), ratio == null ? null : Math.round(ratio * 100) / 100.0,
          text("monitoring.flag." + f.flag())));
    }
    return new ReportTable(stem, "monitoring.table.fairness", List.of(col("firm", Type.TEXT), col("bookedUnitHours", Type.DECIMAL),
        col("pallets", Type.INTEGER), col("share", Type.PERCENT), col("fairShare", Type.PERCENT), col("shareRatio", Type.DECIMAL),
        col("flag", Type.TEXT)), rows);
  }

  public ReportTable noShows(List<NoShow> noShows, String stem) {
    List<List<Object>> rows = new ArrayList<>();
    for (NoShow n : noShows) {
      rows.add(Arrays.asList(name(n.firm(), n.firmEn()), name(n.resourceKo(), n.resourceEn()), seoul(n.startsAt()), n.feeWon()));
    }
    return new ReportTable(stem, "monitoring.table.noShows", List.of(col("firm", Type.TEXT), col("resource", Type.TEXT),
        col("startsAt", Type.DATETIME), col("charge", Type.MONEY)), rows);
  }

  private static OffsetDateTime seoul(OffsetDateTime t) {
    return t.atZoneSameInstant(Zones.SEOUL).toOffsetDateTime();
  }
}
