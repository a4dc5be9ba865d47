package kr.dure.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import kr.dure.common.ConflictException;
import kr.dure.common.TooManyRequestsException;
import kr.dure.common.UnauthorizedException;
import kr.dure.db.SqlErrors;

/** Sign-in with throttling, token issue and verification, and user creation. */
public final class AuthService {

  private final Pool pool;
  private final UserRepository users;
  private final LoginThrottle throttle;
  private final AuditLog audit;
  private final PasswordHasher hasher;
  private final TokenService tokens;
  private final Clock clock;

  public AuthService(Pool pool, UserRepository users, LoginThrottle throttle, AuditLog audit,
      PasswordHasher hasher, TokenService tokens, Clock clock) {
    this.pool = pool;
    this.users = users;
    this.throttle = throttle;
    this.audit = audit;
    this.hasher = hasher;
    this.tokens = tokens;
    this.clock = clock;
  }

  /** The outcome of a successful sign-in. */
  public record SignedIn(User user, TokenService.Issued token) {
  }

  /**
   * Checks the password unless the account or the address is locked; failures count towards a
   * lock, success clears the account's count. Every attempt is audited.
   */
  public Future<SignedIn> login(Credentials credentials, String ip) {
    String accountKey = LoginThrottle.accountKey(credentials.email());
    String addressKey = LoginThrottle.addressKey(ip);
    Instant now = clock.instant();
    return throttle.lockedUntil(pool, List.of(accountKey, addressKey), now)
        .compose(locked -> {
          if (locked.isPresent()) {
            return audit.record(pool, Actor.anonymous(credentials.email(), ip), "auth.login.locked", "user", null, new JsonObject())
                .compose(v -> Future.failedFuture(locked(locked.get())));
          }
          return users.findByEmail(pool, credentials.email())
              .compose(found -> hasher.verify(found.map(UserRepository.WithHash::passwordHash).orElse(null), credentials.password())
                  .compose(ok -> ok && found.get().user().active()
                      ? succeed(found.get().user(), accountKey, ip)
                      : fail(credentials.email(), found.map(f -> f.user().id()), accountKey, addressKey, ip, now)));
        });
  }

  /**
   * Verifies a token from a cookie or an Authorization header, then checks it against the user as
   * stored now: a user switched off, or whose role or organisation changed, since the token was
   * issued is refused at once (401), so nobody keeps rights the token no longer describes.
   */
  public Future<CurrentUser> authenticate(String token) {
    return authenticateUser(token).map(Authenticated::current);
  }

  /** A verified token and the stored user it still describes. */
  public record Authenticated(CurrentUser current, User user) {
  }

  /** {@link #authenticate}, also giving the stored user (one look-up by primary key per request). */
  public Future<Authenticated> authenticateUser(String token) {
    return tokens.verify(token)
        .compose(current -> users.findById(pool, current.userId())
            .compose(found -> found.filter(u -> u.active() && u.role() == current.role() && u.organisationId() == current.organisationId())
                .map(u -> Future.succeededFuture(new Authenticated(current, u)))
                .orElseGet(() -> Future.failedFuture(new UnauthorizedException("error.tokenInvalid",
                    "The token no longer matches your account (switched off, or its role changed): sign in again.")))));
  }

  public TokenService.Issued reissue(User user) {
    return tokens.issue(user);
  }

  public Future<Optional<User>> findUser(long id) {
    return users.findById(pool, id);
  }

  /** Creates a user with a hashed password; a taken e-mail is a 409. */
  public Future<Long> createUser(NewUser user, Actor actor) {
    return hasher.hash(user.password())
        .compose(hash -> pool.withTransaction(tx -> users.insert(tx, user, hash)
            .compose(id -> audit.record(tx, actor, "user.create", "user", id,
                    new JsonObject().put("email", user.email()).put("role", user.role().name())
                        .put("organisationId", user.organisationId()))
                .map(id))))
        .recover(e -> SqlErrors.isUniqueViolation(e, "app_user_email_unique")
            ? Future.failedFuture(new ConflictException("error.emailTaken", "A user with the e-mail " + user.email() + " already exists."))
            : Future.failedFuture(e));
  }

  public Future<Void> recordLogout(CurrentUser user, String ip) {
    return audit.record(pool, Actor.of(user, ip), "auth.logout", "user", user.userId(), new JsonObject());
  }

  public Future<Void> changeLocale(CurrentUser user, String locale, String ip) {
    return pool.withTransaction(tx -> users.updateLocale(tx, user.userId(), locale)
        .compose(v -> audit.record(tx, Actor.of(user, ip), "user.locale", "user", user.userId(), new JsonObject().put("locale", locale))));
  }

  private Future<SignedIn> succeed(User user, String accountKey, String ip) {
    return pool.withTransaction(tx -> throttle.reset(tx, accountKey)
            .compose(v -> audit.record(tx, new Actor(user.id(), user.email(), ip), "auth.login", "user", user.id(), new JsonObject())))
        .map(v -> new SignedIn(user, tokens.issue(user)));
  }

  private Future<SignedIn> fail(String email, Optional<Long> userId, String accountKey, String addressKey, String ip, Instant now) {
    return pool.withTransaction(tx -> throttle.recordFailure(tx, accountKey, LoginThrottle.ACCOUNT_LIMIT, now)
        .compose(accountLeft -> throttle.recordFailure(tx, addressKey, LoginThrottle.ADDRESS_LIMIT, now)
            .compose(addressLeft -> audit.record(tx, new Actor(userId.orElse(null), email, ip), "auth.login.failed", "user",
                    userId.orElse(null), new JsonObject().put("attemptsLeft", Math.min(accountLeft, addressLeft)))
                .map(Math.min(accountLeft, addressLeft)))))
        .compose(left -> Future.failedFuture(left == 0
            ? locked(now.plus(LoginThrottle.LOCK))
            : new UnauthorizedException("error.badCredentials",
                "The e-mail or password is wrong. " + left + " more failed attempts lock sign-in for "
                    + LoginThrottle.LOCK.toMinutes() + " minutes.")));
  }

  private static TooManyRequestsException locked(Instant until) {
    return new TooManyRequestsException("error.loginLocked",
        "Too many failed sign-ins: sign-in is locked until " + until + ". Wait, then try again, or ask your administrator.", until);
  }
}
