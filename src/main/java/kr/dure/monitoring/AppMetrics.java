package kr.dure.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The application's own Prometheus meters, beside the HTTP, pool and JVM ones Vert.x records:
 * bookings created, booking conflicts, waitlist promotions, background job runs and failures, and
 * the open live-update streams. Counts are per instance; Prometheus sums them.
 */
public final class AppMetrics {

  private final MeterRegistry registry;
  private final Counter bookingsCreated;
  private final Counter bookingConflicts;
  private final Counter waitlistPromotions;

  public AppMetrics(MeterRegistry registry) {
    this.registry = registry;
    registry.config().meterFilter(MeterFilter.replaceTagValues("route", AppMetrics::routeTemplate));
    this.bookingsCreated = Counter.builder("dure.bookings").description("Bookings created (each occurrence of a series counts)")
        .register(registry);
    this.bookingConflicts = Counter.builder("dure.booking.conflicts").description("Booking requests refused with 409 Conflict")
        .register(registry);
    this.waitlistPromotions = Counter.builder("dure.waitlist.promotions").description("Waitlist entries offered a freed slot")
        .register(registry);
  }

  /**
   * The route label of an HTTP metric as a path template. Vert.x Web reports every route a request
   * passed, joined by {@code >}: the body-handler and CSRF regexes, the {@code /api/v1/} mount, the
   * authentication route, the endpoint. Kept: the mount and the endpoint's template
   * ({@code /api/v1/bookings/:id}); never the raw path, so ids never become label values.
   */
  public static String routeTemplate(String reported) {
    if (reported == null || reported.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    for (String part : reported.split(">")) {
      if (part.startsWith("/") && part.chars().noneMatch(c -> "^$()*?|[]\\".indexOf(c) >= 0) && !parts.contains(part)) {
        parts.add(part);
      }
    }
    if (parts.isEmpty()) {
      return "none";
    }
    String mount = parts.size() > 1 && parts.get(0).endsWith("/") ? parts.remove(0) : "";
    String endpoint = parts.stream().filter(p -> !p.endsWith("/")).reduce((a, b) -> b).orElse(parts.get(parts.size() - 1));
    return mount.isEmpty() ? endpoint : mount.substring(0, mount.length() - 1) + endpoint;
  }

  /** Meters that go nowhere: for tools and tests that build services without metrics. */
  public static AppMetrics none() {
    return new AppMetrics(new CompositeMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void bookingsCreated(int count) {
    bookingsCreated.increment(count);
  }

  public void bookingConflict() {
    bookingConflicts.increment();
  }

  public void waitlistPromotion() {
    waitlistPromotions.increment();
  }

  /** One run of a background job ({@code no-show-release}, {@code hold-expiry}, …), failed or not. */
  public void jobRun(String job, boolean failed) {
    Counter.builder("dure.job.runs").description("Background job runs").tag("job", job).register(registry).increment();
    // registered on the first run, so a job that never failed shows 0 rather than no series
    Counter failures = Counter.builder("dure.job.failures").description("Background job runs that failed").tag("job", job)
        .register(registry);
    if (failed) {
      failures.increment();
    }
  }

  /** Reports the number of open live-update streams of this instance. */
  public void liveClients(Supplier<Number> count) {
    Gauge.builder("dure.live.clients", count).description("Open live-update (SSE) streams on this instance").register(registry);
  }
}
