package kr.dure.bench;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import kr.dure.db.EmbeddedDatabase;

/**
 * What the triggers on {@code booking} cost the raw-SQL floor of {@link BookingBench}: the same guarded
 * INSERT with the triggers as they are, without the usage trigger, and without the live-change trigger
 * too. Since V18 both only append a row to a queue (folded in and relayed by jobs); before, they
 * updated the aggregate rows and called pg_notify in the booking's transaction (README, Benchmarks).
 * Run by hand on a seeded bench directory (the probe's rows are deleted after):
 * {@code java -cp <test classpath> kr.dure.bench.FloorProbe target/bench/data}
 */
public final class FloorProbe {

  private FloorProbe() {
  }

  public static void main(String[] args) throws Exception {
    try (EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(args.length > 0 ? args[0] : "target/bench/data").resolve("postgres"))) {
      Vertx vertx = Vertx.vertx();
      Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(16))
          .connectingTo(PgConnectOptions.fromUri(db.uri()).setCachePreparedStatements(true).setPipeliningLimit(16)).using(vertx).build();
      List<BenchSeed.Res> equipment = BenchSeed.resources(pool).stream().filter(r -> r.kind().equals("EQUIPMENT")).toList();
      BenchSeed.Firm firm = BenchSeed.firms(pool).get(0);
      // far-future slots nobody else uses: every insert succeeds
      AtomicLong n = new AtomicLong();
      String[] tag = {"floor-probe-counted"};
      Instant base = Instant.parse("2030-01-01T00:00:00Z");
      String insert = "INSERT INTO booking (resource_id, resource_kind, organisation_id, user_id, starts_at, ends_at, blocked_until, units,"
          + " status, purpose, fee_won) VALUES ($1, 'EQUIPMENT', $2, $3, $4, $5, $5, 1, 'CONFIRMED', $6, 5000)"
          + " ON CONFLICT DO NOTHING RETURNING id";
      java.util.function.IntFunction<io.vertx.core.Future<Integer>> op = i -> {
        long k = n.getAndIncrement();
        BenchSeed.Res r = equipment.get((int) (k % equipment.size()));
        Instant s = base.plusSeconds(3600L * (k / equipment.size()));
        return pool.preparedQuery(insert).execute(Tuple.of(r.id(), firm.organisationId(), firm.userId(), s.atOffset(ZoneOffset.UTC),
            s.plusSeconds(3000).atOffset(ZoneOffset.UTC), tag[0])).map(rows -> rows.rowCount() == 1 ? 201 : 409);
      };
      int total = Integer.getInteger("bench.creates", 3000);
      try {
        for (int clients : new int[] {8, 32}) {
          System.out.println(Load.run("INSERT, all triggers", clients, total, op));
        }
        pool.query("ALTER TABLE booking DISABLE TRIGGER booking_usage_track").execute().await();
        tag[0] = "floor-probe-uncounted";
        for (int clients : new int[] {8, 32}) {
          System.out.println(Load.run("INSERT, no usage trigger", clients, total, op));
        }
        pool.query("ALTER TABLE booking DISABLE TRIGGER booking_notify_change").execute().await();
        for (int clients : new int[] {8, 32}) {
          System.out.println(Load.run("INSERT, no triggers", clients, total, op));
        }
      } finally {
        pool.query("ALTER TABLE booking DISABLE TRIGGER booking_usage_track").execute().await();
        pool.query("ALTER TABLE booking DISABLE TRIGGER booking_notify_change").execute().await();
        // rows the usage trigger never counted go without it; the others with it, so the aggregate stays exact
        pool.query("DELETE FROM booking WHERE purpose = 'floor-probe-uncounted'").execute().await();
        pool.query("ALTER TABLE booking ENABLE TRIGGER booking_usage_track").execute().await();
        pool.query("DELETE FROM booking WHERE purpose = 'floor-probe-counted'").execute().await();
        pool.query("ALTER TABLE booking ENABLE TRIGGER booking_notify_change").execute().await();
        pool.close().await();
        vertx.close().await();
      }
    }
  }
}
