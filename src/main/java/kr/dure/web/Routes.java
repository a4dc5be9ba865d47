package kr.dure.web;

import io.vertx.core.Vertx;
import io.vertx.ext.web.AllowForwardHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CSRFHandler;
import io.vertx.ext.web.handler.StaticHandler;
import kr.dure.Services;
import kr.dure.auth.AuthRoutes;
import java.time.Clock;
import java.util.List;
import kr.dure.booking.BookingPages;
import kr.dure.booking.BookingRoutes;
import kr.dure.program.AgreementRoutes;
import kr.dure.program.ProgramPages;
import kr.dure.program.ProgramRoutes;
import kr.dure.program.RegionRoutes;
import kr.dure.project.CollaborationPages;
import kr.dure.project.CollaborationRoutes;
import kr.dure.project.DesignPages;
import kr.dure.project.ProjectRoutes;
import kr.dure.resource.HolidayRoutes;
import kr.dure.resource.ResourcePages;
import kr.dure.resource.ResourceRoutes;

/** Assembles the router: security headers, body limit, health, static files, the JSON API and the pages. */
public final class Routes {

  /** Larger bodies are refused with 413; uploads get their own limit when they arrive. */
  public static final long BODY_LIMIT = 1024 * 1024;
  /** The largest file a multipart form takes (application attachments and evidence: 10 MiB). */
  public static final long UPLOAD_LIMIT = 10L * 1024 * 1024;
  /** Last path segments of the page routes that take multipart uploads; add one here for a new upload form. */
  static final List<String> UPLOAD_SUFFIXES = List.of("photo", "attachments", "evidence", "deliverables", "import");
  private static final String CSRF_COOKIE = "dure_csrf";
  private static final long CSRF_LIFETIME_MS = 2 * 60 * 60 * 1000L;

  private Routes() {
  }

  public static Router build(Vertx vertx, Services services) {
    Router router = Router.router(vertx);
    if (services.config().trustProxy()) {
      router.allowForward(AllowForwardHeaders.X_FORWARD);
    }
    FailureHandler failures = new FailureHandler(services.views());
    router.route().handler(new SecurityHeaders());
    // multipart forms (pages only) post to paths ending in one of UPLOAD_SUFFIXES: only they save files
    // (into the data directory, removed when the request ends); each service checks its own size and type limits
    String uploads = "^/(?!api/).+/(" + String.join("|", UPLOAD_SUFFIXES) + ")$";
    // API routes that take a whole file as their raw body (up to 10 MiB) instead of JSON (1 MiB): spending evidence (PUT),
    // application attachments (POST), design deliverables (POST)
    String apiUploads = "^/api/v1/(spending/[0-9]+/evidence|applications/[0-9]+/attachments|design-requests/[^/]+/deliverables)$";
    router.route().pathRegex(apiUploads).handler(BodyHandler.create(false).setBodyLimit(UPLOAD_LIMIT + 64 * 1024));
    router.route().pathRegex("^(?!/(?!api/).+/(" + String.join("|", UPLOAD_SUFFIXES) + ")$)(?!" + apiUploads.substring(1) + ").*")
        .handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
    router.post().pathRegex(uploads).handler(BodyHandler.create(services.config().dataDir().resolve("uploads").toString())
        .setBodyLimit(UPLOAD_LIMIT + 64 * 1024).setDeleteUploadedFilesOnEnd(true));
    // NUL and lone surrogates in query parameters and form fields are refused (400) before any handler
    router.route().handler(new InputGuard());

    new HealthRoutes(services.pool()).mount(router);
    // metrics (issue 5): Prometheus text at /metrics, loopback or METRICS_TOKEN only
    if (services.metrics().registry() instanceof io.micrometer.prometheusmetrics.PrometheusMeterRegistry prometheus) {
      new MetricsRoutes(prometheus, services.config().metricsToken()).mount(router);
    }
    router.route("/static/*").handler(StaticHandler.create("web-assets/static").setMaxAgeSeconds(3600));

    Router api = Router.router(vertx);
    services.authRoutes().mountApi(api);
    new ProjectRoutes(services.projects(), services.authentication()).mountApi(api);
    new ResourceRoutes(services.resources(), services.bookings().availability(), services.authentication()).mountApi(api);
    new BookingRoutes(services.bookings(), services.authentication()).mountApi(api);
    new HolidayRoutes(services.holidays(), services.authentication()).mountApi(api);
    new ProgramRoutes(services.applications(), services.supportHistory(), services.reviews(), services.authentication(),
        services.attachments(), services.programs(), services.views().messages()).mountApi(api);
    new AgreementRoutes(services.agreements(), services.authentication()).mountApi(api);
    new CollaborationRoutes(services.collaboration(), services.authentication()).mountApi(api);
    new RegionRoutes(services.regions(), services.authentication()).mountApi(api);
    // notify
    new kr.dure.notify.NotificationRoutes(services.notificationService(), services.authentication()).mountApi(api);
    // people in projects: members, organisations, invitations
    new kr.dure.project.MemberRoutes(services.members(), services.invitations(), services.auth(), services.authentication()).mountApi(api);
    // monitoring: statements, fees, exports; calendar feeds
    kr.dure.monitoring.StatementsPages statementsPages = new kr.dure.monitoring.StatementsPages(services.authentication(),
        services.views(), services.statements());
    statementsPages.mountApi(api);
    kr.dure.notify.CalendarFeedRoutes calendarFeedRoutes = new kr.dure.notify.CalendarFeedRoutes(services.authentication(),
        services.views(), services.calendarFeeds());
    calendarFeedRoutes.mountApi(api);
    // monitoring (issue 5)
    new kr.dure.monitoring.MonitoringRoutes(services.monitoring(), services.authentication(), Clock.systemUTC(),
        services.views().messages()).mountApi(api); // messages for the table downloads
    // API contract: the OpenAPI document at /api/v1/openapi.yaml|json (public) and its page /api/docs
    ApiDocsRoutes apiDocs = new ApiDocsRoutes(services.authentication(), services.views());
    apiDocs.mountApi(api);
    router.route("/api/v1/*").subRouter(api);
    // the feed URL carries its own credential (the token) and is fetched by calendar apps without a session or CSRF token
    calendarFeedRoutes.mountFeed(router);

    // pages only: the API authenticates by header, so it needs no CSRF token; the live streams (GET only) must not
    // rotate the CSRF cookie under a page whose forms still carry the token they were rendered with; a page view
    // keeps a valid token (StableCsrfTokens), so a second tab does not break the forms of the first
    CSRFHandler csrf = CSRFHandler.create(vertx, services.csrfSecret())
        .setCookieName(CSRF_COOKIE)
        .setHeaderName(Views.CSRF_FIELD)
        .setTimeout(CSRF_LIFETIME_MS);
    router.route().pathRegex("^/(?!api/(?!docs$)|static/|health/|live/).*")
        .handler(new StableCsrfTokens(csrf, services.csrfSecret(), CSRF_COOKIE, Views.CSRF_FIELD, CSRF_LIFETIME_MS, CSRF_LIFETIME_MS / 4));
    services.authRoutes().mountPages(router);
    apiDocs.mountPages(router);
    new HomeRoutes(services.authentication(), services.views(), services.projects(), services.programs(),
        services.directory(), services.reviews()).mountPages(router);
    ResourcePages resourcePages = new ResourcePages(services.authentication(), services.views(), services.resources(),
        services.bookings().availability(), services.projects(), services.directory(), Clock.systemUTC());
    resourcePages.mountPages(router);
    new BookingPages(services.authentication(), services.views(), services.bookings(), services.resources(), resourcePages,
        services.projects(), Clock.systemUTC()).mountPages(router);
    new ProgramPages(services.authentication(), services.views(), services.applications(), services.programs(),
        services.reviews(), services.attachments(), Clock.systemUTC()).mountPages(router);
    // notify
    new kr.dure.notify.NotificationPages(services.authentication(), services.views(), services.notificationService()).mountPages(router);
    // project pages: the projects list and hub, agreement, spending with evidence, KPI reports
    new kr.dure.project.ProjectPages(services.authentication(), services.views(), services.projects(), services.agreements())
        .mountPages(router);
    new kr.dure.program.AgreementPages(services.authentication(), services.views(), services.projects(), services.agreements())
        .mountPages(router);
    // people in projects: the members page and the invitee's page
    new kr.dure.project.MemberPages(services.authentication(), services.views(), services.members(), services.invitations(),
        services.auth()).mountPages(router);
    // the ministry's call management (공고 관리)
    new kr.dure.program.CallAdminPages(services.authentication(), services.views(), services.applications(), services.programs())
        .mountPages(router);
    // monitoring and calendar feed pages
    statementsPages.mountPages(router);
    calendarFeedRoutes.mountPages(router);
    // live updates (issue 5): Server-Sent Events per project and per resource
    new kr.dure.notify.LiveRoutes(services.live(), services.liveHub(), services.authentication()).mount(router);
    // collaboration records (types ①–③), the final report and completion; the design agency's pages (its home /design too)
    CollaborationPages collaborationPages = new CollaborationPages(services.authentication(), services.views(), services.collaboration(),
        services.projects());
    collaborationPages.mountPages(router);
    new DesignPages(services.authentication(), services.views(), services.collaboration(), services.projects(), collaborationPages)
        .mountPages(router);
    // monitoring (issue 5): ministry dashboard with drill-down, coordinator monitoring
    new kr.dure.monitoring.MonitoringPages(services.authentication(), services.views(), services.monitoring(), Clock.systemUTC())
        .mountPages(router);
    // the ministry's reference data (기준 정보): regions, support history, holidays, CSV imports
    new kr.dure.program.ReferenceDataPages(services.authentication(), services.views(), services.regions(), services.supportHistory(),
        services.holidays()).mountPages(router);

    router.route().failureHandler(failures);
    router.errorHandler(404, failures);
    router.errorHandler(405, failures);
    return router;
  }
}
