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
    server = vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(true)
        // h3: one form field may be long Korean text (a 1,000-character reason is 9 KB URL-encoded; the default is 8 KB);
        // the body limit (Routes.BODY_LIMIT) still bounds the whole form
        .setMaxFormAttributeSize((int) Routes.BODY_LIMIT)
        // h11: a forged or padded token up to 16 KB still reaches the app and gets a proper 401 (the default is 8 KB,
        // where the connection is simply closed); larger headers are still refused by the server itself
        .setMaxHeaderSize(16 * 1024));
    return server.requestHandler(Routes.build(vertx, services)).listen(port);
  }

  public int actualPort() {
    return server.actualPort();
  }
}
