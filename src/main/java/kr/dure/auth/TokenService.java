package kr.dure.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import kr.dure.common.UnauthorizedException;

/** Issues and verifies the short-lived HS256 JWTs used by pages (in a cookie) and the API (Bearer). */
public final class TokenService {

  public static final Duration LIFETIME = Duration.ofMinutes(30);
  private static final String ISSUER = "dure";

  private final JWTAuth jwt;
  private final Clock clock;

  public TokenService(Vertx vertx, String secret, Clock clock) {
    this.clock = clock;
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))
        .setJWTOptions(new JWTOptions().setIssuer(ISSUER).setLeeway(5)));
  }

  /** A signed token for the user, valid for {@link #LIFETIME}. */
  public Issued issue(User user) {
    Instant now = clock.instant();
    Instant expires = now.plus(LIFETIME);
    JsonObject claims = new JsonObject()
        .put("sub", Long.toString(user.id()))
        .put("role", user.role().name())
        .put("org", user.organisationId())
        .put("email", user.email())
        .put("iat", now.getEpochSecond())
        .put("exp", expires.getEpochSecond());
    String token = jwt.generateToken(claims, new JWTOptions().setAlgorithm("HS256").setIssuer(ISSUER).setNoTimestamp(true));
    return new Issued(token, expires);
  }

  /** Verifies signature, algorithm, issuer and expiry; any failure is a 401. */
  public Future<CurrentUser> verify(String token) {
    if (token == null || token.isBlank()) {
      return Future.failedFuture(new UnauthorizedException("Sign in first: no token was sent."));
    }
    Future<io.vertx.ext.auth.User> verified;
    try {
      verified = jwt.authenticate(new TokenCredentials(token));
    } catch (RuntimeException e) {
      // auth-jwt throws (instead of failing the future) on some signed tokens, e.g. one without "exp"
      verified = Future.failedFuture(e);
    }
    return verified
        .map(user -> CurrentUser.fromClaims(user.attributes().getJsonObject("accessToken")))
        .recover(e -> Future.failedFuture(invalid()));
  }

  private static UnauthorizedException invalid() {
    return new UnauthorizedException("error.tokenInvalid", "The token is invalid or has expired: sign in again.");
  }

  /** A token and when it stops being valid. */
  public record Issued(String token, Instant expiresAt) {
  }
}
