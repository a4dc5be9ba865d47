package kr.dure.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import kr.dure.Application;
import kr.dure.Config;
import kr.dure.auth.CurrentUser;
import kr.dure.auth.OrganisationKind;
import kr.dure.auth.Role;
import kr.dure.auth.TokenService;
import kr.dure.auth.User;
import kr.dure.booking.BookingRequest;
import kr.dure.common.DomainException;
import kr.dure.common.Zones;
import kr.dure.db.EmbeddedDatabase;

/**
 * The benchmark harness (issue 6): not a test, run by {@code mvn -Pbench verify} (see the README's
 * "Benchmarks" section). It starts PostgreSQL (embedded in {@code bench.dir}, or {@code DATABASE_URL}),
 * seeds the data set once ({@link BenchSeed}), then runs the scenarios {@code bench.repeat} times and
 * reports medians:
 *
 * <ol>
 *   <li>booking create over HTTP (JWT, JSON, all rules on) at 8 and 32 clients, against the app as a
 *       separate process ({@code java -jar target/dure.jar}), random resources and slots;</li>
 *   <li>the same through the in-process {@code BookingService} (an app in this JVM on the same database);</li>
 *   <li>the raw-SQL floor: the bare guarded INSERT (and the run-capacity UPDATE) through the PG client;</li>
 *   <li>a contention burst: 500 clients at once on 20 slots;</li>
 *   <li>availability of one resource's week, and a project's schedule board for a day;</li>
 *   <li>the ministry dashboard for the current quarter;</li>
 *   <li>cold start of the app on the existing data directory until {@code /health/ready}.</li>
 * </ol>
 *
 * Peak RSS is the app process's {@code VmHWM}. Results go to {@code target/bench/results.json} and
 * {@code results.md}.
 */
public final class BookingBench {

  static final String SECRET = "bench-secret-0123456789-0123456789-0123456789";

  private final long bookings = Long.getLong("bench.bookings", 1_000_000);
  private final int repeat = Integer.getInteger("bench.repeat", 3);
  private final int creates = Integer.getInteger("bench.creates", 3000);
  private final int reads = Integer.getInteger("bench.reads", 2000);
  private final int warmup = Integer.getInteger("bench.warmup", 20000);
  private final int burstClients = Integer.getInteger("bench.burst", 500);
  private final Path dir = Path.of(System.getProperty("bench.dir", "target/bench/data")).toAbsolutePath();
  private final Path jar = Path.of(System.getProperty("bench.jar", "target/dure.jar")).toAbsolutePath();
  private final Path out = Path.of(System.getProperty("bench.out", "target/bench")).toAbsolutePath();
  private final List<String> appJvm = List.of(System.getProperty("bench.appJvm", "-Xmx256m -XX:+UseSerialGC").trim().split("\\s+"));
  private final Optional<String> databaseUrl = Optional.ofNullable(System.getenv("DATABASE_URL")).filter(s -> !s.isBlank());

  // a new seed each invocation: a fixed one would replay the slots an earlier run on the same data already took
  private final SplittableRandom random = new SplittableRandom(Long.getLong("bench.seed", System.nanoTime()));
  private EmbeddedDatabase embedded;
  private String dbUrl;
  private Application app;
  private Vertx clientVertx;
  private TokenService tokens;
  private List<BenchSeed.Firm> firms;
  private Map<Long, List<BenchSeed.Firm>> firmsByProject;
  private List<BenchSeed.Res> bookable;
  private List<BenchSeed.Res> equipment;
  private List<BenchSeed.Person> coordinators;
  private BenchSeed.Person ministry;
  private List<LocalDate> days;
  private List<LocalDate> burstDays;
  private final Map<Long, String> tokenOf = new HashMap<>();
  private final Map<Long, CurrentUser> userOf = new HashMap<>();

  public static void main(String[] args) throws Exception {
    int code = 0;
    try {
      new BookingBench().run();
    } catch (Throwable e) {
      e.printStackTrace();
      code = 1;
    }
    System.exit(code);
  }

  private void run() throws Exception {
    Files.createDirectories(dir);
    Files.createDirectories(out);
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: build it first (mvn -Pbench verify does)");
    }
    if (databaseUrl.isPresent()) {
      dbUrl = databaseUrl.get();
    } else {
      embedded = EmbeddedDatabase.start(dir.resolve("postgres"));
      dbUrl = embedded.uri();
    }
    app = Application.start(new Config(Optional.of(dbUrl), false, 0, dir, Optional.of(SECRET), false, false));
    Pool pool = app.pool();
    if (!BenchSeed.seeded(pool)) {
      BenchSeed.load(pool, bookings);
    }
    long total = BenchSeed.count(pool, "SELECT count(*) FROM booking");
    System.err.printf("data: %,d bookings in the database%n", total);
    prepare(pool);
    clientVertx = Vertx.vertx();

    List<Map<String, Object>> runs = new ArrayList<>();
    for (int r = 0; r < repeat; r++) {
      System.err.printf("%n=== run %d of %d ===%n", r + 1, repeat);
      runs.add(oneRun(r));
    }
    // cold start needs the database free of this JVM's hold (the embedded one is restarted by the app)
    app.stop();
    app = null;
    if (embedded != null) {
      embedded.close();
      embedded = null;
    }
    List<Double> cold = new ArrayList<>();
    for (int r = 0; r < repeat; r++) {
      cold.add(coldStart());
      System.err.printf("cold start %d: %.2f s%n", r + 1, cold.get(r));
    }
    clientVertx.close().await();
    report(total, runs, cold);
  }

  private void prepare(Pool pool) {
    tokens = new TokenService(app.vertx(), SECRET, Clock.systemUTC());
    firms = BenchSeed.firms(pool);
    firmsByProject = firms.stream().collect(Collectors.groupingBy(BenchSeed.Firm::projectId));
    List<BenchSeed.Res> all = BenchSeed.resources(pool);
    bookable = all.stream().filter(r -> !r.kind().equals("DELIVERY_RUN")).toList();
    equipment = all.stream().filter(r -> r.kind().equals("EQUIPMENT")).toList();
    coordinators = BenchSeed.coordinators(pool);
    ministry = BenchSeed.ministry(pool);
    List<Long> ids = new ArrayList<>();
    pool.query("SELECT d.id FROM delivery_departure d JOIN resource r ON r.id = d.resource_id WHERE r.name_en LIKE 'Bench %' AND d.departs_at > now()")
        .execute().await().forEach(r -> ids.add(r.getLong(0)));
    departures = ids.stream().mapToLong(Long::longValue).toArray();
    LocalDate today = LocalDate.now(Zones.SEOUL);
    List<LocalDate> work = BenchSeed.workdays(pool, today.plusDays(2), today.plusDays(360));
    // a few days are kept for the bursts, so their 20 slots are surely free
    burstDays = new ArrayList<>();
    days = new ArrayList<>();
    for (int i = 0; i < work.size(); i++) {
      (i % 25 == 7 ? burstDays : days).add(work.get(i));
    }
  }

  /** A fresh token for each user (tokens live 30 minutes: minted again each run), as the app's TokenService issues them. */
  private void mintTokens() {
    tokenOf.clear();
    userOf.clear();
    for (BenchSeed.Firm f : firms) {
      mint(f.userId(), f.email(), Role.FIRM, f.organisationId(), OrganisationKind.SME);
    }
    for (BenchSeed.Person c : coordinators) {
      mint(c.userId(), c.email(), Role.COORDINATOR, c.organisationId(), OrganisationKind.LOCAL_GOV);
    }
    mint(ministry.userId(), ministry.email(), Role.MINISTRY, ministry.organisationId(), OrganisationKind.MINISTRY);
  }

  private void mint(long id, String email, Role role, long org, OrganisationKind kind) {
    TokenService.Issued issued = tokens.issue(new User(id, email, "bench", role, org, "bench", kind, "ko", true));
    tokenOf.put(id, issued.token());
    userOf.put(id, new CurrentUser(id, role, org, email, issued.expiresAt()));
  }

  // ---- one repetition of scenarios 1–6

  private Map<String, Object> oneRun(int run) throws Exception {
    mintTokens();
    Map<String, Object> m = new LinkedHashMap<>();
    AppProcess proc = AppProcess.start(jar, appJvm, dbUrl, dir.resolve("app-" + run), freePort());
    try {
      WebClient http = WebClient.create(clientVertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(proc.port)
          .setKeepAlive(true).setFollowRedirects(false), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(64));
      // warm-up (JIT, pools, caches) of every path, not recorded: the app is a new process each run, and
      // its JIT compilers still took 43 % of its CPU over a run after 6,000 (async-profiler; README)
      Load.run("warm-up http", 8, warmup, i -> httpCreate(http));
      Load.run("warm-up in-process", 8, warmup, i -> serviceCreate());
      Load.run("warm-up raw", 8, warmup, i -> rawInsert());

      for (int clients : new int[] {8, 32}) {
        Load.Result h = report(Load.run("1 create HTTP", clients, creates, i -> httpCreate(http)));
        Load.Result s = report(Load.run("2 create in-process", clients, creates, i -> serviceCreate()));
        Load.Result q = report(Load.run("3 raw guarded INSERT", clients, creates, i -> rawInsert()));
        m.put("createHttp" + clients, h);
        m.put("createInProcess" + clients, s);
        m.put("rawInsert" + clients, q);
        System.err.printf(Locale.ROOT, "   ratios at %d clients: HTTP/in-process %.2f, in-process/raw %.2f%n", clients,
            h.throughput() / s.throughput(), s.throughput() / q.throughput());
      }
      m.put("rawUpdate8", report(Load.run("3 raw capacity UPDATE", 8, creates, i -> rawUpdate())));

      // 4: contention burst: burstClients at once on 20 slots of 20 equipment
      // the first kept day whose 20 slots are all free (an earlier invocation on the same data may have taken some)
      List<BenchSeed.Res> slots = equipment.subList(0, 20);
      Long[] slotIds = slots.stream().map(BenchSeed.Res::id).toArray(Long[]::new);
      Instant start = null;
      for (LocalDate day : burstDays) {
        Instant s = day.atTime(LocalTime.of(10, 0)).atZone(Zones.SEOUL).toInstant();
        long taken = app.pool().preparedQuery("SELECT count(*) FROM booking WHERE resource_id = ANY($1) AND holds_slot"
                + " AND tstzrange(starts_at, blocked_until) && tstzrange($2, $3)")
            .execute(Tuple.of(slotIds, s.atOffset(java.time.ZoneOffset.UTC), s.plus(Duration.ofHours(1)).atOffset(java.time.ZoneOffset.UTC)))
            .await().iterator().next().getLong(0);
        if (taken == 0) {
          start = s;
          break;
        }
      }
      if (start == null) {
        throw new IllegalStateException("no free burst day left in " + dir + ": use a new bench.dir");
      }
      WebClient burstClient = WebClient.create(clientVertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(proc.port)
          .setKeepAlive(false).setFollowRedirects(false), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(burstClients)
          .setMaxWaitQueueSize(-1));
      List<JsonObject> bodies = new ArrayList<>();
      List<String> burstTokens = new ArrayList<>();
      for (int i = 0; i < burstClients; i++) {
        BenchSeed.Res res = slots.get(i % 20);
        BenchSeed.Firm firm = pick(firmsByProject.get(res.projectId()));
        bodies.add(bookingBody(res.id(), start, start.plus(Duration.ofHours(1)), 1));
        burstTokens.add(tokenOf.get(firm.userId()));
      }
      Load.Result burst = report(Load.burst("4 burst 500 on 20 slots", burstClients, i -> burstClient.post("/api/v1/bookings")
          .putHeader("Authorization", "Bearer " + burstTokens.get(i)).sendJsonObject(bodies.get(i)).map(HttpResponse::statusCode)));
      long held = app.pool().preparedQuery("SELECT count(*) FROM booking WHERE resource_id = ANY($1) AND starts_at = $2 AND holds_slot")
          .execute(Tuple.of(slotIds, start.atOffset(java.time.ZoneOffset.UTC)))
          .await().iterator().next().getLong(0);
      m.put("burst", burst);
      m.put("burstWinnersInDatabase", held);
      burstClient.close();

      // 5: availability of one resource's week; the schedule board of a project's day
      LocalDate monday = LocalDate.now(Zones.SEOUL).plusWeeks(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      Instant weekFrom = monday.atStartOfDay(Zones.SEOUL).toInstant();
      Instant weekTo = monday.plusDays(7).atStartOfDay(Zones.SEOUL).toInstant();
      Load.run("warm-up availability", 8, Math.max(10000, reads), i -> availability(http, weekFrom, weekTo));
      m.put("availability", report(Load.run("5 availability week", 8, reads, i -> availability(http, weekFrom, weekTo))));
      LocalDate boardDay = days.get(3);
      Load.run("warm-up board", 4, 40, i -> board(http, boardDay));
      m.put("board", report(Load.run("5 board of a day", 4, Math.max(40, reads / 10), i -> board(http, boardDay))));

      // 6: ministry dashboard for the current quarter, one request at a time
      Load.run("warm-up dashboard", 1, 3, i -> dashboard(http));
      m.put("dashboard", report(Load.run("6 ministry dashboard", 1, 15, i -> dashboard(http))));

      m.put("appPeakRssMb", proc.peakRssMb());
      System.err.printf("app peak RSS (VmHWM) %.0f MB%n", proc.peakRssMb());
      http.close();
    } finally {
      proc.stop();
    }
    return m;
  }

  private static Load.Result report(Load.Result r) {
    System.err.println(r);
    return r;
  }

  // ---- operations

  private Future<Integer> httpCreate(WebClient http) {
    Slot s = randomSlot();
    return http.post("/api/v1/bookings").putHeader("Authorization", "Bearer " + tokenOf.get(s.firm.userId()))
        .sendJsonObject(bookingBody(s.res.id(), s.start, s.end, 1)).map(HttpResponse::statusCode);
  }

  private Future<Integer> serviceCreate() {
    Slot s = randomSlot();
    BookingRequest request = BookingRequest.fromJson(bookingBody(s.res.id(), s.start, s.end, 1));
    return app.services().bookings().create(userOf.get(s.firm.userId()), request, null, null, "127.0.0.1")
        .map(BookingService_Created_status())
        .recover(e -> Future.succeededFuture(e instanceof DomainException d ? d.status() : 500));
  }

  private static Function<kr.dure.booking.BookingService.Created, Integer> BookingService_Created_status() {
    return kr.dure.booking.BookingService.Created::status;
  }

  private static final String RAW_INSERT = """
      INSERT INTO booking (resource_id, resource_kind, departure_id, organisation_id, user_id, starts_at, ends_at,
                           blocked_until, units, pallets, kg, status, hold_expires_at, series_id, purpose, fee_won)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
      ON CONFLICT DO NOTHING
      RETURNING id
      """;

  private static final String RAW_UPDATE = """
      UPDATE delivery_departure SET booked_pallets = booked_pallets + $2, booked_kg = booked_kg + $3
       WHERE id = $1 AND NOT cancelled AND booked_pallets + $2 <= pallet_capacity AND booked_kg + $3 <= kg_capacity
      RETURNING pallet_capacity - booked_pallets AS pallets_left, kg_capacity - booked_kg AS kg_left
      """;

  /** The statement the exclusion constraint guards, alone: one durable autocommit per booking. */
  private Future<Integer> rawInsert() {
    BenchSeed.Res res = equipment.get(rnd(equipment.size()));
    Slot s = slotOn(res);
    Tuple t = Tuple.tuple().addLong(res.id()).addString("EQUIPMENT").addValue(null).addLong(s.firm.organisationId())
        .addLong(s.firm.userId()).addOffsetDateTime(s.start.atOffset(java.time.ZoneOffset.UTC))
        .addOffsetDateTime(s.end.atOffset(java.time.ZoneOffset.UTC))
        .addOffsetDateTime(s.end.plus(Duration.ofMinutes(15)).atOffset(java.time.ZoneOffset.UTC))
        .addInteger(1).addInteger(0).addInteger(0).addString("CONFIRMED").addValue(null).addValue(null).addString("")
        .addLong(5000L);
    return app.pool().preparedQuery(RAW_INSERT).execute(t).map(rows -> rows.rowCount() == 1 ? 201 : 409);
  }

  private long[] departures;

  private Future<Integer> rawUpdate() {
    long id = departures[rnd(departures.length)];
    return app.pool().preparedQuery(RAW_UPDATE).execute(Tuple.of(id, 1, 100)).map(rows -> rows.rowCount() == 1 ? 200 : 409);
  }

  private Future<Integer> availability(WebClient http, Instant from, Instant to) {
    BenchSeed.Res res = bookable.get(rnd(bookable.size()));
    BenchSeed.Firm firm = pick(firmsByProject.get(res.projectId()));
    return http.get("/api/v1/resources/" + res.id() + "/availability").addQueryParam("from", from.toString())
        .addQueryParam("to", to.toString()).putHeader("Authorization", "Bearer " + tokenOf.get(firm.userId()))
        .send().map(HttpResponse::statusCode);
  }

  private Future<Integer> board(WebClient http, LocalDate day) {
    BenchSeed.Person c = coordinators.get(rnd(coordinators.size()));
    return http.get("/coordinator/board?project=" + c.projectId() + "&date=" + day)
        .putHeader("Cookie", "dure_session=" + tokenOf.get(c.userId())).send().map(HttpResponse::statusCode);
  }

  private Future<Integer> dashboard(WebClient http) {
    return http.get("/api/v1/monitoring/projects?period=quarter").putHeader("Authorization", "Bearer " + tokenOf.get(ministry.userId()))
        .send().map(HttpResponse::statusCode);
  }

  private record Slot(BenchSeed.Res res, BenchSeed.Firm firm, Instant start, Instant end) {
  }

  /** A random bookable resource, a firm of its project, a working day, a start on the half hour 08:00–17:30, 30–120 minutes. */
  private synchronized Slot randomSlot() {
    return slotOn(bookable.get(rnd(bookable.size())));
  }

  private synchronized Slot slotOn(BenchSeed.Res res) {
    BenchSeed.Firm firm = pick(firmsByProject.get(res.projectId()));
    LocalDate day = days.get(rnd(days.size()));
    Instant start = day.atTime(LocalTime.of(8, 0).plusMinutes(30L * rnd(20))).atZone(Zones.SEOUL).toInstant();
    Instant end = start.plus(Duration.ofMinutes(30L * (1 + rnd(4))));
    return new Slot(res, firm, start, end);
  }

  private synchronized int rnd(int bound) {
    return random.nextInt(bound);
  }

  private synchronized <T> T pick(List<T> list) {
    return list.get(rnd(list.size()));
  }

  private static JsonObject bookingBody(long resourceId, Instant start, Instant end, int units) {
    return new JsonObject().put("resourceId", resourceId).put("start", start.toString()).put("end", end.toString()).put("units", units);
  }

  // ---- 7: cold start

  private double coldStart() throws Exception {
    Path data = databaseUrl.isPresent() ? dir.resolve("cold") : dir;
    AppProcess proc = AppProcess.launch(jar, appJvm, databaseUrl.orElse(null), data, freePort());
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
      HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + proc.port + "/health/ready"))
          .timeout(Duration.ofSeconds(2)).build();
      long deadline = proc.startedNanos + TimeUnit.SECONDS.toNanos(120);
      while (System.nanoTime() < deadline) {
        if (!proc.process.isAlive()) {
          throw new IllegalStateException("the app exited during cold start; see " + proc.log);
        }
        try {
          if (client.send(ready, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return (System.nanoTime() - proc.startedNanos) / 1e9;
          }
        } catch (IOException e) {
          // not listening yet
        }
        Thread.sleep(20);
      }
      throw new IllegalStateException("not ready within 120 s; see " + proc.log);
    } finally {
      proc.stop();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  // ---- results

  private void report(long total, List<Map<String, Object>> runs, List<Double> cold) throws IOException {
    JsonObject json = new JsonObject()
        .put("when", Instant.now().toString())
        .put("machine", machine())
        .put("bookingsInDatabase", total)
        .put("seedBookingsRequested", bookings)
        .put("repeat", repeat)
        .put("createsPerRun", creates)
        .put("appJvm", String.join(" ", appJvm));
    JsonArray runArray = new JsonArray();
    for (Map<String, Object> m : runs) {
      JsonObject o = new JsonObject();
      m.forEach((k, v) -> o.put(k, v instanceof Load.Result r ? r.toJson() : v));
      runArray.add(o);
    }
    json.put("runs", runArray).put("coldStartSeconds", new JsonArray(new ArrayList<>(cold)));

    List<String[]> rows = new ArrayList<>();
    JsonObject medians = new JsonObject();
    for (int c : new int[] {8, 32}) {
      rows.add(row(medians, "1 create over HTTP, " + c + " clients", runs, "createHttp" + c));
      rows.add(row(medians, "2 create in-process, " + c + " clients", runs, "createInProcess" + c));
      rows.add(row(medians, "3 raw guarded INSERT, " + c + " clients", runs, "rawInsert" + c));
    }
    rows.add(row(medians, "3 raw capacity UPDATE, 8 clients", runs, "rawUpdate8"));
    rows.add(row(medians, "4 burst: " + burstClients + " clients on 20 slots", runs, "burst"));
    rows.add(row(medians, "5 availability of a week, 8 clients", runs, "availability"));
    rows.add(row(medians, "5 schedule board of a day, 4 clients", runs, "board"));
    rows.add(row(medians, "6 ministry dashboard, a quarter", runs, "dashboard"));

    double http8 = median(runs, "createHttp8", Load.Result::throughput);
    double http32 = median(runs, "createHttp32", Load.Result::throughput);
    double svc8 = median(runs, "createInProcess8", Load.Result::throughput);
    double svc32 = median(runs, "createInProcess32", Load.Result::throughput);
    double raw8 = median(runs, "rawInsert8", Load.Result::throughput);
    double raw32 = median(runs, "rawInsert32", Load.Result::throughput);
    double winners = median(runs, "burst", r -> (double) r.count(201));
    double burstP99 = median(runs, "burst", r -> r.ms(99));
    double burst5xx = runs.stream().mapToLong(m -> ((Load.Result) m.get("burst")).fiveHundreds()).max().orElse(0);
    double availP99 = median(runs, "availability", r -> r.ms(99));
    double dashP50 = median(runs, "dashboard", r -> r.ms(50));
    double coldMedian = medianOf(cold);
    double rss = runs.stream().mapToDouble(m -> (Double) m.get("appPeakRssMb")).max().orElse(0);
    long dbWinners = runs.stream().mapToLong(m -> (Long) m.get("burstWinnersInDatabase")).max().orElse(0);

    List<String[]> targets = new ArrayList<>();
    targets.add(target("HTTP ÷ in-process create, 8 clients", http8 / svc8, "≥ 0.8", http8 / svc8 >= 0.8, "%.2f"));
    targets.add(target("HTTP ÷ in-process create, 32 clients", http32 / svc32, "≥ 0.8", http32 / svc32 >= 0.8, "%.2f"));
    targets.add(target("in-process ÷ raw-SQL floor, 8 clients", svc8 / raw8, "≥ 0.5", svc8 / raw8 >= 0.5, "%.2f"));
    targets.add(target("in-process ÷ raw-SQL floor, 32 clients", svc32 / raw32, "≥ 0.5", svc32 / raw32 >= 0.5, "%.2f"));
    targets.add(target("burst winners (median; database: " + dbWinners + " max)", winners, "= 20", winners == 20, "%.0f"));
    targets.add(target("burst p99 (ms)", burstP99, "< 500", burstP99 < 500, "%.0f"));
    targets.add(target("burst 5xx (worst run)", burst5xx, "= 0", burst5xx == 0, "%.0f"));
    targets.add(target("availability read p99 (ms)", availP99, "< 10", availP99 < 10, "%.1f"));
    targets.add(target("ministry dashboard p50 (ms)", dashP50, "< 300", dashP50 < 300, "%.0f"));
    targets.add(target("cold start to /health/ready (s)", coldMedian, "< 8", coldMedian < 8, "%.2f"));
    targets.add(target("app peak RSS (MB, worst run)", rss, "< 400", rss < 400, "%.0f"));
    JsonArray t = new JsonArray();
    for (String[] r : targets) {
      t.add(new JsonObject().put("target", r[0]).put("measured", r[1]).put("goal", r[2]).put("met", r[3].equals("met")));
    }
    json.put("medians", medians).put("targets", t);
    Files.writeString(out.resolve("results.json"), json.encodePrettily());

    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "Measured %s on %s; %,d bookings in the database; medians of %d runs (%d creates per run and level).%n%n",
        json.getString("when").substring(0, 16).replace('T', ' ') + " UTC", json.getString("machine"), total, repeat, creates));
    md.append("| Scenario | Throughput (/s) | p50 (ms) | p95 (ms) | p99 (ms) | Statuses (run 1) |\n|---|---:|---:|---:|---:|---|\n");
    for (String[] r : rows) {
      md.append("| ").append(String.join(" | ", r)).append(" |\n");
    }
    md.append(String.format(Locale.ROOT, "| 7 cold start to /health/ready | | %.2f s | | | |%n%n", coldMedian));
    md.append("| Target | Measured | Goal | |\n|---|---:|---|---|\n");
    for (String[] r : targets) {
      md.append("| ").append(String.join(" | ", r)).append(" |\n");
    }
    Files.writeString(out.resolve("results.md"), md.toString());
    System.out.println();
    System.out.println(md);
    System.out.printf(Locale.ROOT, "ratios: HTTP ÷ in-process %.2f (8) %.2f (32); in-process ÷ raw SQL %.2f (8) %.2f (32)%n",
        http8 / svc8, http32 / svc32, svc8 / raw8, svc32 / raw32);
    System.out.println("written: " + out.resolve("results.json") + " and " + out.resolve("results.md"));
  }

  private static String[] target(String name, double value, String goal, boolean met, String format) {
    return new String[] {name, String.format(Locale.ROOT, format, value), goal, met ? "met" : "**missed**"};
  }

  private static String[] row(JsonObject medians, String label, List<Map<String, Object>> runs, String key) {
    double tp = median(runs, key, Load.Result::throughput);
    double p50 = median(runs, key, r -> r.ms(50));
    double p95 = median(runs, key, r -> r.ms(95));
    double p99 = median(runs, key, r -> r.ms(99));
    medians.put(key, new JsonObject().put("throughputPerSecond", tp).put("p50Ms", p50).put("p95Ms", p95).put("p99Ms", p99));
    Load.Result first = (Load.Result) runs.get(0).get(key);
    String statuses = new java.util.TreeMap<>(first.statuses()).entrySet().stream().map(e -> e.getKey() + "×" + e.getValue())
        .collect(Collectors.joining(" "));
    return new String[] {label, String.format(Locale.ROOT, "%.0f", tp), String.format(Locale.ROOT, "%.1f", p50),
        String.format(Locale.ROOT, "%.1f", p95), String.format(Locale.ROOT, "%.1f", p99), statuses};
  }

  private static double median(List<Map<String, Object>> runs, String key, Function<Load.Result, Double> f) {
    return medianOf(runs.stream().map(m -> f.apply((Load.Result) m.get(key))).toList());
  }

  static double medianOf(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String machine() {
    String cpu = "?";
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
    } catch (IOException e) {
      // not Linux
    }
    return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), Java " + System.getProperty("java.version");
  }

  /** The app as a separate process: {@code java -jar target/dure.jar}, its output in a log file. */
  static final class AppProcess {
    final Process process;
    final int port;
    final long startedNanos;
    final Path log;

    private AppProcess(Process process, int port, long startedNanos, Path log) {
      this.process = process;
      this.port = port;
      this.startedNanos = startedNanos;
      this.log = log;
    }

    static AppProcess launch(Path jar, List<String> jvm, String databaseUrl, Path dataDir, int port) throws IOException {
      Files.createDirectories(dataDir);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvm.stream().filter(s -> !s.isBlank()).toList());
      command.add("-jar");
      command.add(jar.toString());
      ProcessBuilder pb = new ProcessBuilder(command);
      Map<String, String> env = pb.environment();
      env.keySet().removeIf(k -> k.startsWith("PG") || k.equals("DATABASE_URL") || k.startsWith("SMTP_"));
      if (databaseUrl != null) {
        env.put("DATABASE_URL", databaseUrl);
      }
      env.put("HTTP_PORT", String.valueOf(port));
      env.put("DURE_DATA_DIR", dataDir.toString());
      env.put("DURE_JWT_SECRET", SECRET);
      env.put("DURE_DEMO", "false");
      Path log = dataDir.resolve("app.log");
      pb.redirectErrorStream(true).redirectOutput(log.toFile());
      long t0 = System.nanoTime();
      return new AppProcess(pb.start(), port, t0, log);
    }

    /** Launches and waits for readiness. */
    static AppProcess start(Path jar, List<String> jvm, String databaseUrl, Path dataDir, int port) throws Exception {
      AppProcess p = launch(jar, jvm, databaseUrl, dataDir, port);
      HttpClient client = HttpClient.newHttpClient();
      HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health/ready")).build();
      for (int i = 0; i < 1200; i++) {
        if (!p.process.isAlive()) {
          throw new IllegalStateException("the app exited; see " + p.log);
        }
        try {
          if (client.send(ready, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return p;
          }
        } catch (IOException e) {
          // starting
        }
        Thread.sleep(100);
      }
      p.stop();
      throw new IllegalStateException("the app did not get ready; see " + p.log);
    }

    /** VmHWM: the most resident memory the process has had since it started. */
    double peakRssMb() {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
          if (line.startsWith("VmHWM:")) {
            return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
          }
        }
      } catch (IOException e) {
        // not Linux
      }
      return Double.NaN;
    }

    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
