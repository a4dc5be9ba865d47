package kr.dure.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import kr.dure.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the e-mail outbox through SMTP, on a timer, on every app instance at once if need be: a run
 * claims due rows (marked SENDING with a lease, committed before anything is sent), sends them,
 * and marks each SENT, or due again later with exponential backoff, or FAILED after the last
 * attempt. A sender that dies mid-run leaves its rows to be claimed again when their lease ends.
 */
public final class OutboxSender {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
  static final long PERIOD_MS = 5_000;
  static final int BATCH = 20;
  /** Waits after the 1st, 2nd, … failed attempt; after the last one the row is FAILED. */
  static final List<Duration> BACKOFF = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30),
      Duration.ofHours(2), Duration.ofHours(6));
  static final int MAX_ATTEMPTS = BACKOFF.size() + 1;
  static final Duration LEASE = Duration.ofMinutes(5);
  static final Duration MAX_AGE = Duration.ofDays(2);

  private final Vertx vertx;
  private final Pool pool;
  private final OutboxRepository outbox;
  private final String from;
  private final Clock clock;
  private final MailClient mail;
  private long timer = -1;
  private boolean running;

  public OutboxSender(Vertx vertx, Pool pool, OutboxRepository outbox, Config.Smtp smtp, Clock clock) {
    this.vertx = vertx;
    this.pool = pool;
    this.outbox = outbox;
    this.from = smtp.from();
    this.clock = clock;
    this.mail = MailClient.create(vertx, mailConfig(smtp));
  }

  static MailConfig mailConfig(Config.Smtp smtp) {
    MailConfig config = new MailConfig()
        .setHostname(smtp.host())
        .setPort(smtp.port())
        .setStarttls(smtp.startTls().map(required -> required ? StartTLSOptions.REQUIRED : StartTLSOptions.DISABLED)
            .orElse(StartTLSOptions.OPTIONAL))
        // a new connection per mail: a pooled one may have died with a restarted server
        .setKeepAlive(false);
    config.setConnectTimeout(10_000);
    if (smtp.username().isPresent()) {
      config.setLogin(LoginOption.REQUIRED).setUsername(smtp.username().get()).setPassword(smtp.password().orElse(""));
    } else {
      config.setLogin(LoginOption.DISABLED);
    }
    return config;
  }

  public void start() {
    timer = vertx.setPeriodic(PERIOD_MS, PERIOD_MS, id -> {
      if (running) {
        return;
      }
      running = true;
      runOnce()
          .onSuccess(n -> {
            if (n > 0) {
              LOG.info("E-mail outbox: {} sent", n);
            }
          })
          .onFailure(e -> LOG.warn("E-mail outbox run failed; it runs again in {} s", PERIOD_MS / 1000, e))
          .onComplete(ar -> running = false);
    });
  }

  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return mail.close();
  }

  /** One run: claims due rows and sends them; the number sent. */
  public Future<Integer> runOnce() {
    Instant now = clock.instant();
    return outbox.expire(pool, now.minus(MAX_AGE), MAX_AGE.toHours())
        .compose(x -> outbox.claim(pool, now, now.plus(LEASE), BATCH))
        .compose(claimed -> {
          Future<Integer> chain = Future.succeededFuture(0);
          for (OutboxRepository.Claimed row : claimed) {
            chain = chain.compose(sent -> send(row).map(ok -> ok ? sent + 1 : sent));
          }
          return chain;
        });
  }

  private Future<Boolean> send(OutboxRepository.Claimed row) {
    MailMessage message = new MailMessage().setFrom(from).setTo(row.recipient()).setSubject(row.subject()).setText(row.text());
    if (row.html() != null) {
      message.setHtml(row.html());
    }
    return mail.sendMail(message).transform(ar -> {
      if (ar.succeeded()) {
        return outbox.markSent(pool, row.id(), clock.instant());
      }
      String error = describe(ar.cause());
      if (row.attempts() >= MAX_ATTEMPTS) {
        LOG.warn("E-mail {} failed {} times; giving up: {}", row.id(), row.attempts(), error);
        return outbox.markFailed(pool, row.id(), error).map(false);
      }
      Duration wait = BACKOFF.get(Math.min(row.attempts(), BACKOFF.size()) - 1);
      LOG.info("E-mail {} not sent (attempt {}), next try in {}: {}", row.id(), row.attempts(), wait, error);
      return outbox.retryAt(pool, row.id(), clock.instant().plus(wait), error).map(false);
    });
  }

  private static String describe(Throwable e) {
    String text = e.getClass().getSimpleName() + ": " + e.getMessage();
    return text.length() > 1000 ? text.substring(0, 1000) : text;
  }
}
