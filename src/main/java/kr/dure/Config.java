package kr.dure;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Settings read from the environment once at start-up.
 *
 * @param databaseUrl {@code DATABASE_URL}, or empty to use the {@code PG*} variables or, when
 *     {@code PGHOST} is unset too, the embedded PostgreSQL
 * @param httpPort {@code HTTP_PORT}, 8080 by default; 0 picks a free port
 * @param dataDir {@code DURE_DATA_DIR}: the embedded database and the generated JWT secret
 * @param jwtSecret {@code DURE_JWT_SECRET}, or empty to generate one into the data directory
 * @param demo {@code DURE_DEMO}: load demo data into an empty database
 * @param trustProxy {@code DURE_TRUST_PROXY}: take the client address and scheme from X-Forwarded-* headers
 *     (only behind a load balancer that sets them)
 * @param metricsToken {@code METRICS_TOKEN}: the bearer token {@code /metrics} asks for; without it
 *     {@code /metrics} answers only requests from this machine
 */
public record Config(
    Optional<String> databaseUrl,
    boolean usePgEnvironment,
    int httpPort,
    Path dataDir,
    Optional<String> jwtSecret,
    boolean demo,
    boolean trustProxy,
    Optional<String> metricsToken) {

  /** Settings without a metrics token. */
  public Config(Optional<String> databaseUrl, boolean usePgEnvironment, int httpPort, Path dataDir, Optional<String> jwtSecret,
      boolean demo, boolean trustProxy) {
    this(databaseUrl, usePgEnvironment, httpPort, dataDir, jwtSecret, demo, trustProxy, Optional.empty());
  }

  public static Config fromEnv(Map<String, String> env) {
    Optional<String> url = nonBlank(env.get("DATABASE_URL"));
    boolean pgEnv = url.isEmpty() && nonBlank(env.get("PGHOST")).isPresent();
    boolean embedded = url.isEmpty() && !pgEnv;
    int port = parsePort(env.getOrDefault("HTTP_PORT", "8080"));
    Path dataDir = Path.of(nonBlank(env.get("DURE_DATA_DIR")).orElse("./data")).toAbsolutePath().normalize();
    boolean demo = nonBlank(env.get("DURE_DEMO")).map(v -> parseBoolean("DURE_DEMO", v)).orElse(embedded);
    boolean trustProxy = nonBlank(env.get("DURE_TRUST_PROXY")).map(v -> parseBoolean("DURE_TRUST_PROXY", v)).orElse(false);
    return new Config(url, pgEnv, port, dataDir, nonBlank(env.get("DURE_JWT_SECRET")), demo, trustProxy,
        nonBlank(env.get("METRICS_TOKEN")));
  }

  /** True when no external database is configured, so the embedded PostgreSQL runs. */
  public boolean embeddedDatabase() {
    return databaseUrl.isEmpty() && !usePgEnvironment;
  }

  public Config withHttpPort(int port) {
    return new Config(databaseUrl, usePgEnvironment, port, dataDir, jwtSecret, demo, trustProxy, metricsToken);
  }

  public Config withDatabaseUrl(String url) {
    return new Config(Optional.of(url), false, httpPort, dataDir, jwtSecret, demo, trustProxy, metricsToken);
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  private static int parsePort(String value) {
    try {
      int port = Integer.parseInt(value.trim());
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("HTTP_PORT must be a port number from 0 to 65535, not '" + value + "'");
    }
  }

  private static boolean parseBoolean(String name, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw new IllegalArgumentException(name + " must be true or false, not '" + value + "'");
    };
  }
}
