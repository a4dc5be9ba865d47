package kr.dure.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.hashing.HashingStrategy;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * PBKDF2-HMAC-SHA512 through Vert.x's hashing strategy, stored in PHC string form. The work runs on
 * worker threads: a hash takes tens of milliseconds on purpose.
 */
public final class PasswordHasher {

  /** OWASP's recommendation for PBKDF2-HMAC-SHA512 (2023). */
  static final int ITERATIONS = 210_000;
  private static final String ALGORITHM = "pbkdf2";

  private final Vertx vertx;
  private final HashingStrategy strategy = HashingStrategy.load();
  private final SecureRandom random = new SecureRandom();
  // verified against when the e-mail is unknown, so a wrong e-mail costs as much time as a wrong password;
  // computed on a worker thread at start-up (issue 6: a hash on the main thread added ~0.5–3 s of cold start)
  private final Future<String> decoy;

  public PasswordHasher(Vertx vertx) {
    this.vertx = vertx;
    this.decoy = vertx.executeBlocking(() -> hashNow("decoy-password-never-matches"), false);
  }

  public Future<String> hash(String password) {
    return vertx.executeBlocking(() -> hashNow(password), false);
  }

  public Future<Boolean> verify(String storedHash, String password) {
    Future<String> hash = storedHash == null ? decoy : Future.succeededFuture(storedHash);
    return hash.compose(h -> vertx.executeBlocking(() -> strategy.verify(h, password) && storedHash != null, false));
  }

  /** Blocking; for the command line and start-up code that is not on an event loop. */
  public String hashNow(String password) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return strategy.hash(ALGORITHM, Map.of("it", Integer.toString(ITERATIONS)),
        Base64.getEncoder().withoutPadding().encodeToString(salt), password);
  }
}
