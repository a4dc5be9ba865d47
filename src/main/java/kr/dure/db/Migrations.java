package kr.dure.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the forward-only SQL migrations shipped in the jar ({@code migrations/} in the repository). */
public final class Migrations {

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {
  }

  /** Blocking: call it from a worker or the main thread, never an event loop. */
  public static MigrateResult migrate(DatabaseSettings settings) {
    Flyway flyway = Flyway.configure()
        .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
        .locations("classpath:db/migration")
        .validateMigrationNaming(true)
        .load();
    MigrateResult result = flyway.migrate();
    LOG.info("Database schema at version {} ({} migrations applied now)",
        result.targetSchemaVersion == null ? flyway.info().current().getVersion() : result.targetSchemaVersion,
        result.migrationsExecuted);
    return result;
  }
}
