package io.bluelinkmqtt.api;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * A complete upstream HTTP response, read within the size cap.
 *
 * @param status HTTP status code
 * @param headers response headers (case-insensitive)
 * @param body the whole body; never null
 */
public record UpstreamResponse(int status, MultiMap headers, Buffer body) {

  public String header(String name) {
    return headers.get(name);
  }

  @Override
  public String toString() {
    // never the body: it may hold tokens
    return "UpstreamResponse[status=" + status + ", bytes=" + body.length() + "]";
  }
}
