package kr.dure.monitoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.dure.common.ValidationException;
import kr.dure.monitoring.UtilizationService.Coordinator;
import kr.dure.monitoring.UtilizationService.Ministry;
import kr.dure.monitoring.UtilizationService.ProjectView;
import kr.dure.monitoring.UtilizationService.ResourceWeek;

/**
 * The tables of each monitoring page by their export name ({@code ?table=}): the page, its CSV and
 * XLSX downloads and the API's downloads all take their table from here, so they cannot disagree.
 * File names are an ASCII stem with the scope and the period, e.g.
 * {@code resources-P-2026-01-2026-10-01_2026-12-31.csv}.
 */
public final class MonitoringTables {

  public static final List<String> DASHBOARD = List.of("projects", "idle");
  public static final List<String> PROJECT = List.of("overview", "kinds", "resources", "weeks", "heatmap", "idle", "circulation");
  public static final List<String> KIND = List.of("resources", "idle");
  public static final List<String> RESOURCE_WEEK = List.of("days", "heatmap");
  public static final List<String> COORDINATOR = List.of("resources", "fairness", "no-shows", "circulation");

  private MonitoringTables() {
  }

  /**
   * The {@code table} parameter checked against the page's tables before anything is read: required
   * with a download format, refused (400) when the page has no such table.
   */
  public static String requested(String raw, ExportFormat format, List<String> names) {
    String name = raw == null || raw.isBlank() ? null : raw.trim();
    if (name == null) {
      if (format != ExportFormat.HTML) {
        throw ValidationException.of("table", "validation.exportTable", "table is required with format: one of " + names + ".");
      }
      return null;
    }
    if (!names.contains(name)) {
      throw ValidationException.of("table", "validation.exportTable",
          "table must be one of " + names + ", not '" + (name.length() > 40 ? name.substring(0, 40) + "…" : name) + "'.");
    }
    return name;
  }

  static String stem(String table, String scope, UtilizationPeriod period) {
    String stem = table + (scope == null ? "" : "-" + scope) + "-" + period.from() + "_" + period.to();
    return stem.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  public static Map<String, ReportTable> dashboard(DashboardTables t, Ministry m) {
    Map<String, ReportTable> tables = new LinkedHashMap<>();
    tables.put("projects", t.projects(m.projects(), stem("projects", null, m.period())));
    tables.put("idle", t.resources(m.idle(), stem("idle-resources", null, m.period()), "monitoring.table.idle"));
    return tables;
  }

  /** A project's page ({@code kind} null) or a kind's page of it. */
  public static Map<String, ReportTable> project(DashboardTables t, ProjectView v, String kind) {
    String code = v.project().facts().code();
    String scope = kind == null ? code : code + "-" + kind;
    Map<String, ReportTable> tables = new LinkedHashMap<>();
    if (kind == null) {
      tables.put("overview", t.projects(List.of(v.project()), stem("overview", code, v.period())));
      tables.put("kinds", t.kinds(v.resources(), stem("kinds", code, v.period())));
    }
    tables.put("resources", t.resources(v.resources(), stem("resources", scope, v.period()), "monitoring.table.resources"));
    if (kind == null) {
      tables.put("weeks", t.series(v.weeks(), false, stem("weeks", code, v.period())));
      tables.put("heatmap", t.heatmap(v.heatmap(), stem("heatmap", code, v.period())));
    }
    tables.put("idle", t.resources(v.idle(), stem("idle", scope, v.period()), "monitoring.table.idle"));
    if (kind == null) {
      tables.put("circulation", t.circulation(v.project().circulation(), stem("circulation", code, v.period())));
    }
    return tables;
  }

  public static Map<String, ReportTable> resourceWeek(DashboardTables t, ResourceWeek w) {
    UtilizationPeriod week = new UtilizationPeriod("week", w.monday(), w.monday().plusDays(6));
    String scope = "resource-" + w.resource().id();
    Map<String, ReportTable> tables = new LinkedHashMap<>();
    tables.put("days", t.series(w.days(), true, stem("days", scope, week)));
    tables.put("heatmap", t.heatmap(w.heatmap(), stem("heatmap", scope, week)));
    return tables;
  }

  /** The coordinator's page and the project monitoring API. */
  public static Map<String, ReportTable> coordinator(DashboardTables t, Coordinator c) {
    String code = c.chosen().code();
    Map<String, ReportTable> tables = new LinkedHashMap<>();
    tables.put("resources", t.resources(c.resources(), stem("resources", code, c.period()), "monitoring.table.resources"));
    tables.put("fairness", t.fairness(c.fairness(), stem("fairness", code, c.period())));
    tables.put("no-shows", t.noShows(c.noShows(), stem("no-shows", code, c.period())));
    tables.put("circulation", t.circulation(c.circulation(), stem("circulation", code, c.period())));
    return tables;
  }
}
