package kr.dure.web;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import kr.dure.Services;

/** The HTTP server; one instance per event loop, all sharing the services. */
public final class HttpVerticle extends VerticleBase {

  private final Services services;
  private final int port;
  private HttpServer server;

  public HttpVerticle(Services services, int port) {
    this.services = services;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    // a form field may hold a long text (a final report's summary: 20,000 characters, 180 KB URL-encoded), which
    // Vert.x's defaults (8 KB) refuse with a bare 400; the body limit (Routes.BODY_LIMIT) still caps the whole form
    server = vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(true)
        .setMaxFormAttributeSize((int) Routes.BODY_LIMIT).setMaxFormBufferedBytes((int) Routes.BODY_LIMIT)
        // a forged or padded token up to 16 KB still reaches the app and gets a proper 401 (the default is 8 KB,
        // where the connection is simply closed); larger headers are still refused by the server itself
        .setMaxHeaderSize(16 * 1024));
    return server.requestHandler(Routes.build(vertx, services)).listen(port);
  }

  /**
   * Stops accepting connections and closes each open one once its request in flight is answered (idle
   * keep-alive connections at once); after {@code graceSeconds} the rest are closed regardless.
   */
  public Future<Void> shutdown(long graceSeconds) {
    return server.shutdown(graceSeconds, java.util.concurrent.TimeUnit.SECONDS);
  }

  public int actualPort() {
    return server.actualPort();
  }
}
