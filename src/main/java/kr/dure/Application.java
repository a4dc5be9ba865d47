package kr.dure;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import kr.dure.booking.BookingJobs;
import kr.dure.db.DatabaseSettings;
import kr.dure.db.DrainJob;
import kr.dure.db.EmbeddedDatabase;
import kr.dure.db.Migrations;
import kr.dure.demo.DemoData;
import kr.dure.notify.OutboxSender;
import kr.dure.notify.ReminderJob;
import kr.dure.monitoring.AppMetrics;
import kr.dure.notify.LiveListener;
import kr.dure.web.HttpVerticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Dure: database (embedded or external), migrated schema, Vert.x, pool and HTTP server.
 * {@link #start} blocks until the server listens; {@link #stop} shuts down in reverse order.
 */
public final class Application implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Application.class);

  private final EmbeddedDatabase embedded;
  private final DatabaseSettings databaseSettings;
  private final Vertx vertx;
  private final Pool pool;
  private final Services services;
  private final int port;
  private final List<DemoData.Login> demoLogins;
  private final LiveListener liveListener;
  private final List<HttpVerticle> servers;
  private final Jobs jobs;
  /** Set by the first {@link #stop}: a second one (the shutdown hook after an explicit stop) does nothing. */
  private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();

  /** How long a stop waits for requests in flight to finish before it closes their connections. */
  static final long SHUTDOWN_GRACE_SECONDS = 20;

  static final int USAGE_FOLD_BATCH = 20_000;
  static final long USAGE_FOLD_PERIOD_MS = 2_000;
  static final int LIVE_RELAY_BATCH = 1_000;
  /** How late a booking change reaches the open pages at most, plus the database's round trip. */
  static final long LIVE_RELAY_PERIOD_MS = 100;

  /** The timers of background work, stopped before the pool closes. */
  private record Jobs(BookingJobs bookings, ReminderJob reminders, OutboxSender outbox, DrainJob usageFold, DrainJob liveRelay) {

    void stop() {
      bookings.stop();
      reminders.stop();
      usageFold.stop();
      liveRelay.stop();
      if (outbox != null) {
        outbox.stop();
      }
    }
  }

  private Application(Infrastructure infra, int port, List<DemoData.Login> demoLogins, LiveListener liveListener,
      List<HttpVerticle> servers, Jobs jobs) {
    this(infra.embedded(), infra.settings(), infra.vertx(), infra.pool(), infra.services(), port, demoLogins, liveListener,
        servers, jobs);
  }

  private Application(EmbeddedDatabase embedded, DatabaseSettings databaseSettings, Vertx vertx, Pool pool, Services services,
      int port, List<DemoData.Login> demoLogins, LiveListener liveListener, List<HttpVerticle> servers, Jobs jobs) {
    this.embedded = embedded;
    this.databaseSettings = databaseSettings;
    this.vertx = vertx;
    this.pool = pool;
    this.services = services;
    this.port = port;
    this.demoLogins = demoLogins;
    this.liveListener = liveListener;
    this.servers = servers;
    this.jobs = jobs;
  }

  /** The database side only (for the admin command): started, migrated, with a pool. */
  record Infrastructure(EmbeddedDatabase embedded, DatabaseSettings settings, Vertx vertx, Pool pool, Services services)
      implements AutoCloseable {

    static Infrastructure open(Config config) throws Exception {
      EmbeddedDatabase embedded = null;
      DatabaseSettings settings;
      if (config.embeddedDatabase()) {
        embedded = EmbeddedDatabase.start(config.dataDir().resolve("postgres"));
        settings = DatabaseSettings.fromUri(embedded.uri());
      } else if (config.databaseUrl().isPresent()) {
        settings = DatabaseSettings.fromUri(config.databaseUrl().get());
      } else {
        settings = DatabaseSettings.fromPgEnvironment();
      }
      try {
        Migrations.migrate(settings);
        AppMetrics metrics = new AppMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        Vertx vertx = Vertx.builder()
            .with(new VertxOptions().setMetricsOptions(metricsOptions()))
            .withMetrics(new MicrometerMetricsFactory(metrics.registry()))
            .build();
        Pool pool = PgBuilder.pool()
            // a request waits at most 10 s for a free connection, then answers 503 with Retry-After (not 30 s)
            .with(new PoolOptions().setMaxSize(16).setShared(false).setName("dure")
                .setConnectionTimeout(10).setConnectionTimeoutUnit(TimeUnit.SECONDS))
            // a database host that does not answer is given up after 5 s (not 60); keep-alive notices dead peers
            .with(new io.vertx.core.net.NetClientOptions().setConnectTimeout(5_000).setTcpKeepAlive(true))
            .connectingTo(settings.connectOptions().setCachePreparedStatements(true).setPipeliningLimit(16))
            .using(vertx)
            .build();
        Services services = new Services(vertx, pool, config, Secrets.jwtSecret(config), Clock.systemUTC(), metrics);
        return new Infrastructure(embedded, settings, vertx, pool, services);
      } catch (Exception | Error e) {
        if (embedded != null) {
          embedded.close();
        }
        throw e;
      }
    }

    /**
     * Vert.x metrics into this application's own registry (a unique registry name, so two apps in one
     * JVM never share one). HTTP requests are labelled by route template, never by raw path: ids in
     * paths would make a new time series per booking.
     */
    private static MicrometerMetricsOptions metricsOptions() {
      return new MicrometerMetricsOptions()
          .setEnabled(true)
          .setJvmMetricsEnabled(true)
          .setRegistryName("dure-" + UUID.randomUUID())
          .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME));
    }

    @Override
    public void close() throws Exception {
      pool.close().await(10, TimeUnit.SECONDS);
      vertx.close().await(10, TimeUnit.SECONDS);
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  public static Application start(Config config) throws Exception {
    Infrastructure infra = Infrastructure.open(config);
    try {
      List<DemoData.Login> logins = config.demo()
          ? new DemoData(infra.services()).loadIfEmpty().await(120, TimeUnit.SECONDS)
          : List.of();
      List<HttpVerticle> servers = new java.util.concurrent.CopyOnWriteArrayList<>();
      int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
      infra.vertx().deployVerticle(() -> {
            HttpVerticle verticle = new HttpVerticle(infra.services(), config.httpPort());
            servers.add(verticle);
            return verticle;
          }, new DeploymentOptions().setInstances(config.httpPort() == 0 ? 1 : instances))
          .await(30, TimeUnit.SECONDS);
      BookingJobs bookingJobs = new BookingJobs(infra.vertx(), infra.services().bookings().waitlist(), infra.services().metrics());
      bookingJobs.start();
      Jobs jobs = startNotifyJobs(config, infra, bookingJobs);
      // live updates: this instance's LISTEN connection feeds its SSE streams
      LiveListener live = new LiveListener(infra.vertx(), infra.settings().connectOptions(), infra.services().liveHub());
      live.start().await(30, TimeUnit.SECONDS);
      infra.services().liveHub().start();
      return new Application(infra, servers.get(0).actualPort(), logins, live, List.copyOf(servers), jobs);
    } catch (Exception | Error e) {
      infra.close();
      throw e;
    }
  }

  /**
   * notify: booking reminders always; the e-mail sender only with SMTP configured. Without it,
   * e-mails stay PENDING in the outbox (and are dropped after two days unsent).
   */
  private static Jobs startNotifyJobs(Config config, Infrastructure infra, BookingJobs bookingJobs) {
    Services s = infra.services();
    ReminderJob reminders = new ReminderJob(infra.vertx(), infra.pool(), s.reminders(), s.notifier(), Clock.systemUTC());
    reminders.start();
    OutboxSender sender = null;
    if (config.smtp().isPresent()) {
      sender = new OutboxSender(infra.vertx(), infra.pool(), s.outbox(), config.smtp().get(), Clock.systemUTC());
      sender.start();
      LOG.info("E-mail: sending through {}:{}", config.smtp().get().host(), config.smtp().get().port());
    } else {
      LOG.info("E-mail: SMTP_HOST is not set, so e-mails wait unsent in the outbox");
    }
    // booking changes queued by the triggers (V18): usage into the dashboards' aggregates (every read
    // folds the rest first), live changes out to every instance's LISTEN connection
    DrainJob usageFold = new DrainJob(infra.vertx(), infra.pool(), "usage-fold", "booking_usage_fold", USAGE_FOLD_BATCH,
        USAGE_FOLD_PERIOD_MS, s.metrics()).start();
    DrainJob liveRelay = new DrainJob(infra.vertx(), infra.pool(), "live-relay", "booking_change_relay", LIVE_RELAY_BATCH,
        LIVE_RELAY_PERIOD_MS, s.metrics()).start();
    return new Jobs(bookingJobs, reminders, sender, usageFold, liveRelay);
  }

  public int port() {
    return port;
  }

  /** Where the database is (for tools and tests that need a second connection). */
  public DatabaseSettings databaseSettings() {
    return databaseSettings;
  }

  public Services services() {
    return services;
  }

  /** The embedded PostgreSQL, when this app runs one (the reliability tests stop and start it). */
  public java.util.Optional<EmbeddedDatabase> embeddedDatabase() {
    return java.util.Optional.ofNullable(embedded);
  }

  public Pool pool() {
    return pool;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The demo logins loaded by this start; empty when none were loaded now. */
  public List<DemoData.Login> demoLogins() {
    return demoLogins;
  }

  /** The LISTEN connection of live updates (tests terminate it to see it come back). */
  public LiveListener liveListener() {
    return liveListener;
  }

  /**
   * Stops gracefully (what SIGTERM runs): the HTTP servers stop accepting connections and the requests
   * in flight finish (up to {@value #SHUTDOWN_GRACE_SECONDS} s), then the background jobs stop, then
   * the pool closes, then the embedded database.
   */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    try {
      // open event streams would hold the server: end them (browsers reconnect elsewhere), stop listening
      services.liveHub().close();
      liveListener.stop().await(10, TimeUnit.SECONDS);
      // reliability (issue 6): drain before anything the requests need is closed
      long started = System.nanoTime();
      Future.join(servers.stream().map(s -> s.shutdown(SHUTDOWN_GRACE_SECONDS)).toList())
          .await(SHUTDOWN_GRACE_SECONDS + 5, TimeUnit.SECONDS);
      LOG.info("HTTP server drained in {} ms", (System.nanoTime() - started) / 1_000_000);
      jobs.stop();
      for (String id : vertx.deploymentIDs()) {
        vertx.undeploy(id).await(30, TimeUnit.SECONDS);
      }
      pool.close().await(10, TimeUnit.SECONDS);
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("Vert.x did not close cleanly", e);
    }
    if (embedded != null) {
      try {
        embedded.close();
      } catch (Exception e) {
        LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
      }
    }
    LOG.info("Dure stopped");
  }

  @Override
  public void close() {
    stop();
  }
}
