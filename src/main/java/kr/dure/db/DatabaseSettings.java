package kr.dure.db;

import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;

/**
 * Where the database is, in the two forms the app needs: Vert.x connect options for the pool and a
 * JDBC URL for Flyway.
 */
public record DatabaseSettings(PgConnectOptions connectOptions) {

  /** From a {@code postgres://} or {@code postgresql://} URI such as {@code DATABASE_URL}. */
  public static DatabaseSettings fromUri(String uri) {
    try {
      return new DatabaseSettings(PgConnectOptions.fromUri(uri));
    } catch (RuntimeException e) {
      // never echo the URI: it may carry a password
      throw new IllegalArgumentException("DATABASE_URL is not a valid postgresql://user:password@host:port/database URI", e);
    }
  }

  /** From the libpq variables {@code PGHOST}, {@code PGPORT}, {@code PGDATABASE}, {@code PGUSER}, {@code PGPASSWORD}. */
  public static DatabaseSettings fromPgEnvironment() {
    return new DatabaseSettings(PgConnectOptions.fromEnv());
  }

  public String jdbcUrl() {
    PgConnectOptions o = connectOptions;
    String url = "jdbc:postgresql://" + o.getHost() + ":" + o.getPort() + "/" + o.getDatabase();
    SslMode mode = o.getSslMode();
    if (mode != null && mode != SslMode.DISABLE) {
      url += "?sslmode=" + mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
    return url;
  }

  public String user() {
    return connectOptions.getUser();
  }

  public String password() {
    return connectOptions.getPassword();
  }
}
