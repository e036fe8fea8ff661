package io.bluelinkmqtt.sim;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Carries out the response-replacing faults: it writes what a broken upstream would (a status, a
 * truncated or huge body, a dribble, nothing at all, a connection cut mid-body). Timers, never
 * sleeps.
 */
final class FaultResponder {

  private static final String TRUNCATED_JSON =
      "{\"retCode\":\"S\",\"resCode\":\"0000\",\"resMsg\":{\"vehicleStatusInfo\":{\"vehicleStatus\":{\"time\":\"2026";

  private final Vertx vertx;

  FaultResponder(Vertx vertx) {
    this.vertx = vertx;
  }

  void respond(RoutingContext ctx, Fault fault) {
    HttpServerResponse response = ctx.response();
    switch (fault.type()) {
      case HANG -> {
        // Intentionally no answer; the connection stays open until the client gives up.
      }
      case DRIBBLE -> dribble(response, Math.max(1, fault.millis()));
      case HTTP_STATUS -> response.setStatusCode(fault.httpStatus()).end(fault.body() == null ? "" : fault.body());
      case MALFORMED_JSON -> response.setStatusCode(200).putHeader("Content-Type", SimResponses.JSON)
          .end(TRUNCATED_JSON);
      case HUGE_BODY -> response.setStatusCode(200).putHeader("Content-Type", SimResponses.JSON)
          .end(hugeJson(fault.amount()));
      case RES_CODE -> SimResponses.json(ctx, fault.httpStatus(), SimResponses.failure(fault.resCode()));
      case TOKEN_EXPIRED -> SimResponses.json(ctx, fault.httpStatus(), SimResponses.tokenExpired());
      case RETRY_AFTER -> response.setStatusCode(429).putHeader("Retry-After", Long.toString(fault.amount()))
          .putHeader("Content-Type", SimResponses.JSON)
          .end(new JsonObject().put("error", "Too Many Requests").encode());
      case RESET_MID_BODY -> resetMidBody(ctx);
      default -> throw new IllegalArgumentException("not a response fault: " + fault.type());
    }
  }

  /** Chunked 200 that never ends: one byte per interval until the client closes the connection. */
  private void dribble(HttpServerResponse response, long interval) {
    response.setStatusCode(200).setChunked(true).putHeader("Content-Type", SimResponses.JSON);
    response.write("{");
    long timer = vertx.setPeriodic(interval, id -> {
      if (!response.closed()) {
        response.write(" ");
      }
    });
    response.closeHandler(v -> vertx.cancelTimer(timer));
  }

  /** Promises a 2 KiB body, sends part of it, then closes the TCP connection. */
  private static void resetMidBody(RoutingContext ctx) {
    String full = hugeJson(2048).toString();
    ctx.response().setStatusCode(200).putHeader("Content-Type", SimResponses.JSON)
        .putHeader("Content-Length", Integer.toString(full.length()))
        .write(full.substring(0, full.length() / 3))
        .onComplete(done -> ctx.request().connection().close());
  }

  /** A valid success envelope padded to {@code bytes} (at least the envelope itself). */
  static Buffer hugeJson(long bytes) {
    String head = "{\"retCode\":\"S\",\"resCode\":\"0000\",\"resMsg\":{\"padding\":\"";
    String tail = "\"},\"msgId\":\"00000000-0000-0000-0000-000000000000\"}";
    int padding = (int) Math.max(0, bytes - head.length() - tail.length());
    Buffer buffer = Buffer.buffer(head.length() + padding + tail.length()).appendString(head);
    byte[] chunk = "x".repeat(8192).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (int left = padding; left > 0; left -= chunk.length) {
      buffer.appendBytes(chunk, 0, Math.min(left, chunk.length));
    }
    return buffer.appendString(tail);
  }
}
