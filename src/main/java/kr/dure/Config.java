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
 * @param smtp the mail server for notification e-mails ({@code SMTP_*}), or empty: e-mails then wait in
 *     the outbox unsent
 * @param publicUrl {@code DURE_PUBLIC_URL}, the address users reach the app at, for links in e-mails
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
    Optional<Smtp> smtp,
    Optional<String> publicUrl,
    Optional<String> metricsToken) {

  /** The settings without mail (as before the notify issue). */
  public Config(Optional<String> databaseUrl, boolean usePgEnvironment, int httpPort, Path dataDir, Optional<String> jwtSecret,
      boolean demo, boolean trustProxy) {
    this(databaseUrl, usePgEnvironment, httpPort, dataDir, jwtSecret, demo, trustProxy, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * The SMTP server e-mails go out through. {@code startTls}: true requires STARTTLS, false never
   * uses it, empty uses it when the server offers it. The password never appears in {@link #toString}.
   */
  public record Smtp(String host, int port, Optional<String> username, Optional<String> password, String from,
      Optional<Boolean> startTls) {

    @Override
    public String toString() {
      return "Smtp[host=" + host + ", port=" + port + ", username=" + username.orElse("") + ", password="
          + (password.isPresent() ? "****" : "") + ", from=" + from + ", startTls=" + startTls.map(String::valueOf).orElse("optional") + "]";
    }
  }

  public static Config fromEnv(Map<String, String> env) {
    Optional<String> url = nonBlank(env.get("DATABASE_URL"));
    boolean pgEnv = url.isEmpty() && nonBlank(env.get("PGHOST")).isPresent();
    boolean embedded = url.isEmpty() && !pgEnv;
    int port = parsePort(env.getOrDefault("HTTP_PORT", "8080"));
    Path dataDir = Path.of(nonBlank(env.get("DURE_DATA_DIR")).orElse("./data")).toAbsolutePath().normalize();
    boolean demo = nonBlank(env.get("DURE_DEMO")).map(v -> parseBoolean("DURE_DEMO", v)).orElse(embedded);
    boolean trustProxy = nonBlank(env.get("DURE_TRUST_PROXY")).map(v -> parseBoolean("DURE_TRUST_PROXY", v)).orElse(false);
    return new Config(url, pgEnv, port, dataDir, nonBlank(env.get("DURE_JWT_SECRET")), demo, trustProxy, smtp(env),
        nonBlank(env.get("DURE_PUBLIC_URL")).map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u),
        nonBlank(env.get("METRICS_TOKEN")));
  }

  /** SMTP_HOST turns e-mail on; SMTP_FROM is then required, SMTP_PORT is 587 unless set. */
  private static Optional<Smtp> smtp(Map<String, String> env) {
    Optional<String> host = nonBlank(env.get("SMTP_HOST"));
    if (host.isEmpty()) {
      return Optional.empty();
    }
    int port = nonBlank(env.get("SMTP_PORT")).map(v -> parsePort("SMTP_PORT", v)).orElse(587);
    if (port == 0) {
      throw new IllegalArgumentException("SMTP_PORT must be a port number from 1 to 65535, not '0'");
    }
    String from = nonBlank(env.get("SMTP_FROM")).orElseThrow(() ->
        new IllegalArgumentException("SMTP_FROM must be set (the sender address, e.g. noreply@dure.example.kr) when SMTP_HOST is"));
    if (!from.contains("@")) {
      throw new IllegalArgumentException("SMTP_FROM must be an e-mail address, not '" + from + "'");
    }
    Optional<Boolean> startTls = nonBlank(env.get("SMTP_STARTTLS")).map(v -> parseBoolean("SMTP_STARTTLS", v));
    // the password is taken as given (no trimming) and never echoed in an error
    Optional<String> password = Optional.ofNullable(env.get("SMTP_PASSWORD")).filter(v -> !v.isEmpty());
    return Optional.of(new Smtp(host.get(), port, nonBlank(env.get("SMTP_USERNAME")), password, from, startTls));
  }

  public Config withSmtp(Smtp settings) {
    return new Config(databaseUrl, usePgEnvironment, httpPort, dataDir, jwtSecret, demo, trustProxy, Optional.ofNullable(settings), publicUrl, metricsToken);
  }

  /** True when no external database is configured, so the embedded PostgreSQL runs. */
  public boolean embeddedDatabase() {
    return databaseUrl.isEmpty() && !usePgEnvironment;
  }

  public Config withHttpPort(int port) {
    return new Config(databaseUrl, usePgEnvironment, port, dataDir, jwtSecret, demo, trustProxy, smtp, publicUrl, metricsToken);
  }

  public Config withDatabaseUrl(String url) {
    return new Config(Optional.of(url), false, httpPort, dataDir, jwtSecret, demo, trustProxy, smtp, publicUrl, metricsToken);
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  private static int parsePort(String value) {
    return parsePort("HTTP_PORT", value);
  }

  private static int parsePort(String name, String value) {
    try {
      int port = Integer.parseInt(value.trim());
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a port number from 0 to 65535, not '" + value + "'");
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
