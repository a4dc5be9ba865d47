package kr.dure.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default PostgreSQL: a real server from Maven Central binaries, its data kept under the data
 * directory. As root (CI), the library runs PostgreSQL in a user namespace, since it refuses root.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  public static final String DATABASE = "postgres";
  public static final String USER = "postgres";

  private final Path directory;
  private final int port;
  private EmbeddedPostgres postgres;

  private EmbeddedDatabase(Path directory, EmbeddedPostgres postgres) {
    this.directory = directory;
    this.port = postgres.getPort();
    this.postgres = postgres;
  }

  /** Starts (creating on first use) the database kept in {@code directory}; blocks until it accepts connections. */
  public static EmbeddedDatabase start(Path directory) throws IOException {
    Files.createDirectories(directory);
    stopOrphanedServer(directory);
    EmbeddedPostgres.Builder builder = builder(directory);
    try {
      EmbeddedPostgres postgres = builder.start();
      LOG.info("Embedded PostgreSQL on port {} with data in {}", postgres.getPort(), directory);
      return new EmbeddedDatabase(directory, postgres);
    } catch (IllegalStateException e) {
      if (String.valueOf(e.getMessage()).startsWith("could not lock")) {
        throw new IllegalStateException("The data directory " + directory
            + " is in use by another Dure process. Stop it, or set DURE_DATA_DIR to another directory.", e);
      }
      throw e;
    }
  }

  private static EmbeddedPostgres.Builder builder(Path directory) {
    return EmbeddedPostgres.builder()
        .setDataDirectory(directory)
        .setCleanDataDirectory(false)
        .setRegisterShutdownHook(false)
        .setPGStartupWait(Duration.ofSeconds(60))
        // the library turns durable commits off for tests; this is the system of record
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("max_connections", "200")
        .setServerConfig("listen_addresses", "localhost")
        .setServerConfig("timezone", "UTC");
  }

  /**
   * Stops the server (a fast shutdown: sessions are ended, uncommitted work rolled back), leaving the
   * data in place; {@link #startAgain} brings it back. For the reliability tests of a database outage.
   */
  public synchronized void stopServer() throws IOException {
    postgres.close();
    LOG.info("Embedded PostgreSQL on port {} stopped", port);
  }

  /** Starts the server again on the same data directory and port, after {@link #stopServer}. */
  public synchronized void startAgain() throws IOException {
    postgres = builder(directory).setPort(port).start();
    LOG.info("Embedded PostgreSQL on port {} started again", port);
  }

  /**
   * A Dure killed without its shutdown (SIGKILL, power loss of the JVM only) leaves its PostgreSQL
   * running on the data directory, and a new start would wait for it in vain. When no live Dure
   * holds the directory's lock, such a server is an orphan: ask it to shut down.
   */
  private static void stopOrphanedServer(Path directory) throws IOException {
    Path pidFile = directory.resolve("postmaster.pid");
    Path lockFile = directory.resolve("epg-lock");
    if (!Files.exists(pidFile) || !Files.exists(lockFile)) {
      return;
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
         FileLock lock = channel.tryLock()) {
      if (lock == null) {
        return;
      }
      long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
      ProcessHandle.of(pid)
          .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
          .ifPresent(orphan -> {
            LOG.warn("Stopping PostgreSQL {} left running by an earlier Dure on {}", pid, directory);
            orphan.destroy();
            try {
              orphan.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
              throw new IllegalStateException("PostgreSQL " + pid + " on " + directory + " did not stop: stop it, then start again.", e);
            }
          });
    } catch (OverlappingFileLockException | NumberFormatException | IndexOutOfBoundsException e) {
      // held by this JVM, or a pid file being written: leave it to the library
    }
  }

  public int port() {
    return port;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
  }

  /** A {@code postgresql://} URI for the Vert.x client. */
  public String uri() {
    return "postgresql://" + USER + "@localhost:" + port() + "/" + DATABASE;
  }

  @Override
  public synchronized void close() throws IOException {
    postgres.close();
  }
}
