package io.bluelinkmqtt.api.eu;

import io.bluelinkmqtt.api.ApiErrors;
import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.api.CallContext;
import io.bluelinkmqtt.api.CallKind;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;

/**
 * The PIN's control token (bluelink-protocol.md §2.1.6): {@code PUT /api/v1/user/pin?token=} with
 * {@code {"deviceId","pin"}} → {@code {"controlToken","expiresTime"}}; kept until {@code expiresTime} (less a
 * margin) and renewed single-flight: actions asking at once share one PIN call. An answer without a control token,
 * or a refusal of the PIN call itself, is {@link Kind#WRONG_PIN}, never retried. The token never leaves this class
 * but in the control headers. Confined to one event loop.
 */
final class EuControlToken {

  static final String PIN_PATH = "/api/v1/user/pin?token=";
  /** Renew this long before the cloud's expiry, so a token never expires between our check and its use. */
  private static final long MARGIN_SECONDS = 30;

  private final EuVehicleClient client;
  private final Clock clock;
  private String token;
  private Instant expiresAt = Instant.MIN;
  private Future<String> pending;

  EuControlToken(EuVehicleClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  Future<String> get(String pin, CallContext context) {
    if (token != null && clock.instant().isBefore(expiresAt)) {
      return Future.succeededFuture(token);
    }
    if (pending == null) {
      pending = exchange(pin, context).andThen(ar -> pending = null);
    }
    return pending;
  }

  /** The cloud refused the cached token before its time: forget it and fetch a new one (single-flight too). */
  Future<String> renew(String pin, CallContext context) {
    if (pending == null) {
      token = null;
      expiresAt = Instant.MIN;
    }
    return get(pin, context);
  }

  private Future<String> exchange(String pin, CallContext context) {
    return client.call(CallKind.CONTROL_TOKEN, HttpMethod.PUT, PIN_PATH,
            session -> new JsonObject().put("deviceId", session.deviceId()).put("pin", pin), false, context, null, null)
        .recover(err -> {
          ApiException failure = ApiErrors.from(err);
          // the cloud answers a wrong PIN with an error envelope; a transport or session problem stays what it is
          return Future.failedFuture(failure.kind() == Kind.OTHER ? wrongPin() : failure);
        })
        .compose(json -> {
          Object value = json.getValue("controlToken");
          if (!(value instanceof String issued) || issued.isEmpty()) {
            return Future.failedFuture(wrongPin());
          }
          long ttl = json.getValue("expiresTime") instanceof Number n ? n.longValue() : 0;
          token = issued;
          expiresAt = clock.instant().plusSeconds(Math.max(0, ttl - MARGIN_SECONDS));
          return Future.succeededFuture(issued);
        });
  }

  private static ApiException wrongPin() {
    return new ApiException(Kind.WRONG_PIN, "the cloud refused the PIN");
  }
}
