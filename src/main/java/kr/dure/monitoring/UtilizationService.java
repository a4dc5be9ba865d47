package kr.dure.monitoring;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.dure.auth.CurrentUser;
import kr.dure.common.ForbiddenException;
import kr.dure.common.NotFoundException;
import kr.dure.common.ValidationException;
import kr.dure.monitoring.UtilizationRepository.FirmUse;
import kr.dure.monitoring.UtilizationRepository.Flow;
import kr.dure.monitoring.UtilizationRepository.HeatCell;
import kr.dure.monitoring.UtilizationRepository.NoShow;
import kr.dure.monitoring.UtilizationRepository.ProjectFacts;
import kr.dure.monitoring.UtilizationRepository.ProjectRef;
import kr.dure.monitoring.UtilizationRepository.ResourceUse;
import kr.dure.monitoring.UtilizationRepository.SeriesPoint;
import kr.dure.project.ProjectAccess;
import kr.dure.resource.ResourceKind;

/**
 * Utilization, no-shows, fairness, budget and KPI progress and local circulation for the ministry's
 * dashboard and the coordinator's monitoring view. Reads only; every figure comes from the
 * aggregates of V17 and the program's records.
 */
public final class UtilizationService {

  /** Idle below this share of open time (or run capacity) unless the caller chooses another. */
  public static final int DEFAULT_IDLE_PERCENT = 20;

  private final Pool pool;
  private final UtilizationRepository repository;
  private final ProjectAccess access;

  public UtilizationService(Pool pool, UtilizationRepository repository, ProjectAccess access) {
    this.pool = pool;
    this.repository = repository;
    this.access = access;
  }

  /** Figures of a set of resources (a project, a kind, one resource). */
  public record Totals(long bookedUnitMinutes, long usedUnitMinutes, long capacityMinutes, long openMinutes, long bookedMinutes,
      long pallets, long palletCapacity, long kg, long kgCapacity, long bookings, long reachedStart, long noShows, long lateCancels) {

    public static Totals of(List<ResourceUse> rows) {
      long booked = 0, used = 0, capacity = 0, open = 0, bookedMinutes = 0, pallets = 0, palletCap = 0, kg = 0, kgCap = 0;
      long bookings = 0, reached = 0, noShows = 0, late = 0;
      for (ResourceUse r : rows) {
        if (r.run()) {
          pallets += r.pallets();
          palletCap += r.palletCapacity();
          kg += r.kg();
          kgCap += r.kgCapacity();
        } else if (r.active()) {
          booked += r.bookedUnitMinutes();
          used += r.usedUnitMinutes();
          capacity += r.capacityMinutes();
          open += r.openMinutes();
          bookedMinutes += r.bookedMinutes();
        }
        bookings += r.bookings();
        reached += r.reachedStart();
        noShows += r.noShows();
        late += r.lateCancels();
      }
      return new Totals(booked, used, capacity, open, bookedMinutes, pallets, palletCap, kg, kgCap, bookings, reached, noShows, late);
    }

    public Double bookedRate() {
      return ratio(bookedUnitMinutes, capacityMinutes);
    }

    public Double usedRate() {
      return ratio(usedUnitMinutes, capacityMinutes);
    }

    public Double palletRate() {
      return ratio(pallets, palletCapacity);
    }

    public Double kgRate() {
      return ratio(kg, kgCapacity);
    }

    public Double noShowRate() {
      return ratio(noShows, reachedStart);
    }

    public Double lateCancelRate() {
      return ratio(lateCancels, bookings);
    }
  }

  /** Local circulation: the three flows and the share of their sum with both sides in the region. */
  public record Circulation(long projectId, String regionCode, List<Flow> flows) {

    public long insideWon() {
      return flows.stream().mapToLong(Flow::insideWon).sum();
    }

    public long totalWon() {
      return flows.stream().mapToLong(Flow::totalWon).sum();
    }

    public Double rate() {
      return ratio(insideWon(), totalWon());
    }
  }

  /** One project's row on the ministry dashboard. */
  public record ProjectRow(ProjectFacts facts, Totals totals, Circulation circulation) {

    public Double budgetRate() {
      return ratio(facts.spentWon(), facts.agreedWon());
    }
  }

  public record Ministry(UtilizationPeriod period, int idlePercent, List<ProjectRow> projects, List<ResourceUse> resources,
      List<ResourceUse> idle) {
  }

  /** {@code activeFirms}: the firms that booked what is shown (the project's resources, or only those of the kind). */
  public record ProjectView(UtilizationPeriod period, int idlePercent, ProjectRow project, List<ResourceUse> resources,
      List<ResourceUse> idle, List<SeriesPoint> weeks, List<HeatCell> heatmap, long activeFirms) {
  }

  public record ResourceWeek(LocalDate monday, ResourceUse resource, ProjectFacts project, List<SeriesPoint> days,
      List<HeatCell> heatmap) {
  }

  /** A firm's share of the consortium's booked unit-hours against an equal share. */
  public record Fairness(FirmUse firm, Double share, double fairShare, String flag) {
  }

  public record Coordinator(List<ProjectRef> projects, ProjectRef chosen, UtilizationPeriod period, Totals totals,
      List<ResourceUse> resources, List<Fairness> fairness, List<NoShow> noShows, Circulation circulation) {
  }

  // ---- the ministry

  public Future<Ministry> ministry(UtilizationPeriod period, int idlePercent) {
    return current().compose(v -> ministryFigures(period, idlePercent));
  }

  private Future<Ministry> ministryFigures(UtilizationPeriod period, int idlePercent) {
    // three grouped queries over every project at once, side by side on the pool
    Future<List<ProjectFacts>> facts = repository.projects(pool, period.from(), period.to(), null);
    Future<List<ResourceUse>> resources = repository.resources(pool, period.from(), period.to(), null, null);
    Future<List<UtilizationRepository.ProjectFlow>> flows = repository.circulation(pool, null, period.from(), period.to());
    return Future.all(facts, resources, flows).map(v -> {
      List<ProjectRow> rows = new ArrayList<>();
      for (ProjectFacts p : facts.result()) {
        rows.add(new ProjectRow(p, Totals.of(resources.result().stream().filter(r -> r.projectId() == p.id()).toList()),
            circulation(p, flows.result())));
      }
      return new Ministry(period, idlePercent, rows, resources.result(), idle(resources.result(), idlePercent));
    });
  }

  /** One project's drill-down (a kind's when {@code kind} is set), after checking that {@code user} may monitor it. */
  public Future<ProjectView> project(CurrentUser user, long projectId, UtilizationPeriod period, int idlePercent, ResourceKind kind) {
    Future<List<ProjectFacts>> facts = requireMonitor(user, projectId).compose(ok -> current())
        .compose(ok -> repository.projects(pool, period.from(), period.to(), projectId));
    return facts.compose(list -> {
      if (list.isEmpty()) {
        return Future.failedFuture(new NotFoundException("Project " + projectId + " does not exist."));
      }
      ProjectFacts p = list.get(0);
      Future<List<ResourceUse>> resources = repository.resources(pool, period.from(), period.to(), projectId, null);
      Future<List<SeriesPoint>> weeks = repository.series(pool, period.from(), period.to(), projectId, null, false);
      Future<List<HeatCell>> heat = repository.heatmap(pool, period.from(), period.to(), projectId, null);
      Future<Circulation> circulation = circulation(p, period);
      Future<Long> firms = kind == null ? Future.succeededFuture(p.activeFirms())
          : repository.kindActiveFirms(pool, period.from(), period.to(), projectId, kind.name());
      return Future.all(resources, weeks, heat, circulation, firms).map(v -> {
        List<ResourceUse> all = resources.result();
        List<ResourceUse> shown = kind == null ? all : all.stream().filter(r -> r.kind().equals(kind.name())).toList();
        return new ProjectView(period, idlePercent, new ProjectRow(p, Totals.of(all), circulation.result()), shown,
            idle(shown, idlePercent), weeks.result(), heat.result(), firms.result());
      });
    });
  }

  /** One resource's week, after checking that {@code user} may monitor the resource's project. */
  public Future<ResourceWeek> resourceWeek(CurrentUser user, long resourceId, LocalDate monday) {
    LocalDate sunday = monday.plusDays(6);
    return repository.resource(pool, resourceId).compose(row -> {
      if (row == null) {
        return Future.failedFuture(new NotFoundException("Resource " + resourceId + " does not exist."));
      }
      return requireMonitor(user, row.getLong("project_id")).compose(ok -> current()).map(ok -> row);
    }).compose(row -> {
      long projectId = row.getLong("project_id");
      Future<List<ResourceUse>> use = repository.resources(pool, monday, sunday, projectId, resourceId);
      Future<List<ProjectFacts>> project = repository.projects(pool, monday, sunday, projectId);
      Future<List<SeriesPoint>> days = repository.series(pool, monday, sunday, projectId, resourceId, true);
      Future<List<HeatCell>> heat = repository.heatmap(pool, monday, sunday, projectId, resourceId);
      return Future.all(use, project, days, heat).compose(v -> use.result().isEmpty()
          ? Future.failedFuture(new NotFoundException("Resource " + resourceId + " is no longer offered and had no use that week."))
          : Future.succeededFuture(new ResourceWeek(monday, use.result().get(0), project.result().get(0), days.result(), heat.result())));
    });
  }

  // ---- coordinators (and the ministry, and the lead local government, through the API)

  /** The coordinator's view of one of their projects ({@code projectId} null: the first they coordinate). */
  public Future<Coordinator> coordinator(CurrentUser user, Long projectId, UtilizationPeriod period) {
    return repository.coordinated(pool, user.userId()).compose(mine -> {
      ProjectRef chosen = null;
      for (ProjectRef p : mine) {
        if (projectId == null ? chosen == null : p.id() == projectId) {
          chosen = p;
        }
      }
      if (chosen == null) {
        if (projectId != null) {
          return Future.failedFuture(new NotFoundException("Project " + projectId + " does not exist or you do not coordinate it."));
        }
        return Future.succeededFuture(new Coordinator(mine, null, period, null, List.of(), List.of(), List.of(), null));
      }
      ProjectRef p = chosen;
      return current().compose(v -> projectFigures(p.id(), period))
          .map(f -> new Coordinator(mine, p, period, f.totals, f.resources, f.fairness, f.noShows, f.circulation));
    });
  }

  /** The figures of the project monitoring API, after checking the caller may see them. */
  public Future<Coordinator> projectMonitoring(CurrentUser user, long projectId, UtilizationPeriod period) {
    return requireMonitor(user, projectId).compose(v -> current())
        .compose(v -> repository.projects(pool, period.from(), period.to(), projectId))
        .compose(list -> {
          ProjectFacts f = list.get(0);
          ProjectRef ref = new ProjectRef(f.id(), f.code(), f.titleKo(), f.titleEn());
          return projectFigures(projectId, period).map(x -> new Coordinator(List.of(ref), ref, period, x.totals, x.resources,
              x.fairness, x.noShows, x.circulation));
        });
  }

  public Future<Circulation> circulation(CurrentUser user, long projectId, UtilizationPeriod period) {
    return requireMonitor(user, projectId).compose(v -> current())
        .compose(v -> repository.projects(pool, period.from(), period.to(), projectId))
        .compose(list -> circulation(list.get(0), period));
  }

  /** The projects a county leads (its monitoring pages). */
  public Future<List<ProjectRef>> led(CurrentUser user) {
    return repository.led(pool, user.organisationId());
  }

  /** The ministry sees every project; a coordinator the projects they coordinate; a county the projects it leads. */
  public Future<Void> requireMonitor(CurrentUser user, long projectId) {
    String what = "Project " + projectId;
    return switch (user.role()) {
      case MINISTRY -> access.requireVisible(pool, user, projectId, what).mapEmpty();
      case COORDINATOR, LOCAL_GOV -> access.requireManager(pool, user, projectId, "the monitoring of this project").mapEmpty();
      default -> Future.failedFuture(new ForbiddenException("Monitoring is for the ministry, coordinators and the lead local government."));
    };
  }

  /** Brings the aggregates up to date: the figures of a read include every booking committed before it. */
  private Future<Void> current() {
    return repository.foldQueuedChanges(pool);
  }

  private record Figures(Totals totals, List<ResourceUse> resources, List<Fairness> fairness, List<NoShow> noShows,
      Circulation circulation) {
  }

  private Future<Figures> projectFigures(long projectId, UtilizationPeriod period) {
    Future<List<ResourceUse>> resources = repository.resources(pool, period.from(), period.to(), projectId, null);
    Future<List<FirmUse>> firms = repository.firmUse(pool, projectId, period.from(), period.to());
    Future<List<NoShow>> noShows = repository.noShows(pool, projectId, period.from(), period.to());
    Future<List<ProjectFacts>> facts = repository.projects(pool, period.from(), period.to(), projectId);
    return Future.all(resources, firms, noShows, facts)
        .compose(v -> circulation(facts.result().get(0), period))
        .map(c -> new Figures(Totals.of(resources.result()), resources.result(), fairness(firms.result()), noShows.result(), c));
  }

  private Future<Circulation> circulation(ProjectFacts p, UtilizationPeriod period) {
    return repository.circulation(pool, p.id(), period.from(), period.to()).map(flows -> circulation(p, flows));
  }

  private static Circulation circulation(ProjectFacts p, List<UtilizationRepository.ProjectFlow> flows) {
    Map<String, Flow> byType = new LinkedHashMap<>();
    List.of("FEES", "TRADES", "SERVICES").forEach(t -> byType.put(t, new Flow(t, 0, 0)));
    flows.stream().filter(f -> f.projectId() == p.id()).forEach(f -> byType.put(f.flow().type(), f.flow()));
    return new Circulation(p.id(), p.regionCode(), List.copyOf(byType.values()));
  }

  // ---- rules

  /**
   * Each firm's share of the booked unit-hours of equipment and facilities against an equal share
   * (1 ÷ the consortium's member firms): flagged HIGH above twice it, LOW below half of it.
   */
  static List<Fairness> fairness(List<FirmUse> firms) {
    long members = firms.stream().filter(FirmUse::member).count();
    long total = firms.stream().mapToLong(FirmUse::unitMinutes).sum();
    double fair = members == 0 ? 0 : 1.0 / members;
    List<Fairness> result = new ArrayList<>();
    for (FirmUse f : firms) {
      Double share = ratio(f.unitMinutes(), total);
      String flag = "OK";
      if (share != null && fair > 0) {
        if (share > 2 * fair) {
          flag = "HIGH";
        } else if (share < 0.5 * fair) {
          flag = "LOW";
        }
      } else if (share == null) {
        flag = "NONE";
      }
      result.add(new Fairness(f, share, fair, flag));
    }
    return result;
  }

  /** Equipment and facilities booked below the threshold share of their open time, runs below it of their pallet capacity. */
  static List<ResourceUse> idle(List<ResourceUse> resources, int percent) {
    double limit = percent / 100.0;
    return resources.stream().filter(ResourceUse::active).filter(r -> {
      Double rate = r.run() ? ratio(r.pallets(), r.palletCapacity()) : ratio(r.bookedUnitMinutes(), r.capacityMinutes());
      return rate != null && rate < limit;
    }).toList();
  }

  /** The idle threshold parameter in percent (0–100), default 20. */
  public static int idlePercent(String raw) {
    if (raw == null || raw.isBlank()) {
      return DEFAULT_IDLE_PERCENT;
    }
    try {
      int value = Integer.parseInt(raw.trim());
      if (value >= 0 && value <= 100) {
        return value;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw ValidationException.of("idle", "validation.idlePercent", "idle must be a whole percentage from 0 to 100, not '" + raw + "'.");
  }

  static Double ratio(long part, long whole) {
    return whole <= 0 ? null : (double) part / whole;
  }
}
