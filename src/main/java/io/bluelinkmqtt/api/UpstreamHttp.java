package io.bluelinkmqtt.api;

import io.bluelinkmqtt.api.ApiException.Kind;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * One HTTP exchange with the car cloud, bounded three ways (reliability.md §2.3): a connect
 * timeout, an idle timeout (no byte for that long) and a <em>total</em> deadline that resets the
 * request, so a hanging or dribbling server cannot hold a pooled connection; plus a cap on the
 * response size that aborts the request as soon as it is exceeded.
 *
 * <p>Built on the core {@link HttpClient} rather than the Web Client because only the core request
 * can be reset and its body counted while it streams in; the Web Client offers neither.
 */
public final class UpstreamHttp {

  private final Vertx vertx;
  private final HttpClient client;
  private final long deadlineMs;
  private final long idleTimeoutMs;
  private final long connectTimeoutMs;
  private final int maxResponseBytes;
  private final ClockSkew clockSkew;

  /** @param clockSkew sees the {@code Date} header of every response */
  public UpstreamHttp(Vertx vertx, HttpClient client, long deadlineMs, long idleTimeoutMs, long connectTimeoutMs,
                      int maxResponseBytes, ClockSkew clockSkew) {
    this.vertx = vertx;
    this.client = client;
    this.deadlineMs = deadlineMs;
    this.idleTimeoutMs = idleTimeoutMs;
    this.connectTimeoutMs = connectTimeoutMs;
    this.maxResponseBytes = maxResponseBytes;
    this.clockSkew = clockSkew;
  }

  /**
   * Sends one request; never follows redirects.
   *
   * @param body the request body, or null for none (a POST without body sends Content-Length: 0)
   * @return the complete response, or a failed future with an {@link ApiException} (TIMEOUT, NETWORK, BAD_RESPONSE)
   */
  public Future<UpstreamResponse> send(HttpMethod method, String absoluteUrl, MultiMap headers, Buffer body) {
    Promise<UpstreamResponse> result = Promise.promise();
    Exchange exchange = new Exchange(result);
    long timer = vertx.setTimer(deadlineMs, id -> exchange.abort(
        new ApiException(Kind.TIMEOUT, "no complete answer within " + deadlineMs + " ms")));
    RequestOptions options = new RequestOptions()
        .setMethod(method)
        .setAbsoluteURI(absoluteUrl)
        .setHeaders(headers)
        .setFollowRedirects(false)
        .setIdleTimeout(idleTimeoutMs)
        .setConnectTimeout(connectTimeoutMs);
    client.request(options)
        .compose(request -> exchange.started(request) ? send(request, body) : Future.failedFuture("aborted"))
        .onSuccess(exchange::read)
        .onFailure(exchange::fail);
    return result.future().onComplete(ar -> vertx.cancelTimer(timer));
  }

  private static Future<HttpClientResponse> send(HttpClientRequest request, Buffer body) {
    if (body == null) {
      boolean needsLength = request.getMethod() == HttpMethod.POST || request.getMethod() == HttpMethod.PUT;
      return needsLength ? request.putHeader("Content-Length", "0").send() : request.send();
    }
    return request.send(body);
  }

  /** The state of one exchange: the request to reset on abort, and the body read so far. */
  private final class Exchange {
    private final Promise<UpstreamResponse> result;
    private HttpClientRequest request;
    private Buffer received;

    Exchange(Promise<UpstreamResponse> result) {
      this.result = result;
    }

    /** @return false when the deadline already passed (the request is reset at once) */
    boolean started(HttpClientRequest request) {
      this.request = request;
      if (result.future().isComplete()) {
        request.reset();
        return false;
      }
      return true;
    }

    void read(HttpClientResponse response) {
      clockSkew.observe(response.getHeader("Date"));
      String length = response.getHeader("Content-Length");
      if (length != null && parseLong(length) > maxResponseBytes) {
        abort(tooLarge());
        return;
      }
      received = Buffer.buffer();
      response.handler(chunk -> {
        if (received.length() + chunk.length() > maxResponseBytes) {
          abort(tooLarge());
        } else {
          received.appendBuffer(chunk);
        }
      });
      response.exceptionHandler(this::fail);
      response.endHandler(v -> result.tryComplete(
          new UpstreamResponse(response.statusCode(), response.headers(), received)));
    }

    void fail(Throwable error) {
      if (result.tryFail(ApiErrors.from(error)) && request != null) {
        request.reset();
      }
    }

    /** Fails the exchange and resets the request: on HTTP/1 that closes the connection, so nothing leaks. */
    void abort(ApiException error) {
      if (result.tryFail(error) && request != null) {
        request.reset(0, error);
      }
    }

    private ApiException tooLarge() {
      return new ApiException(Kind.BAD_RESPONSE, "response larger than " + maxResponseBytes + " bytes");
    }
  }

  private static long parseLong(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
