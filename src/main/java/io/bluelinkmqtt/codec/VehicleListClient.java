package io.bluelinkmqtt.codec;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.domain.Vehicle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of {@code bluelink.api.vehicles} for other verticles: asks until the API answers
 * (the account may still be logging in), with a delay that doubles up to a cap. Entries that cannot
 * be read are skipped, so one odd vehicle never hides the others.
 */
public final class VehicleListClient {

  private static final Logger LOG = LoggerFactory.getLogger(VehicleListClient.class);

  private final Vertx vertx;
  private final String askedBy;
  private final long sendTimeoutMs;
  private final long firstRetryMs;
  private final long maxRetryMs;
  private long retryTimer = -1;
  private boolean cancelled;
  private Promise<List<Vehicle>> waiting;

  /** @param askedBy who asks, for the log line when the list is not available yet */
  public VehicleListClient(Vertx vertx, String askedBy, long sendTimeoutMs, long firstRetryMs, long maxRetryMs) {
    this.vertx = vertx;
    this.askedBy = askedBy;
    this.sendTimeoutMs = sendTimeoutMs;
    this.firstRetryMs = firstRetryMs;
    this.maxRetryMs = maxRetryMs;
  }

  /** Completes with the first list the API answers; stays pending after {@link #cancel()}. */
  public Future<List<Vehicle>> fetch() {
    Promise<List<Vehicle>> result = Promise.promise();
    waiting = result;
    attempt(firstRetryMs, result);
    return result.future();
  }

  /** Asks again now instead of at the next retry (the login the list waited for went through). */
  public void retryNow() {
    Promise<List<Vehicle>> result = waiting;
    if (cancelled || result == null || result.future().isComplete() || retryTimer < 0) {
      return;
    }
    if (vertx.cancelTimer(retryTimer)) {
      retryTimer = -1;
      attempt(firstRetryMs, result);
    }
  }

  public void cancel() {
    cancelled = true;
    vertx.cancelTimer(retryTimer);
  }

  private void attempt(long nextDelayMs, Promise<List<Vehicle>> result) {
    vertx.eventBus().<JsonObject>request(Addresses.API_VEHICLES, Envelope.versioned(),
            new DeliveryOptions().setSendTimeout(sendTimeoutMs))
        .onSuccess(reply -> result.tryComplete(readable(reply.body())))
        .onFailure(err -> {
          if (cancelled) {
            return;
          }
          LOG.warn("{}: vehicle list not available ({}); asking again in {} ms", askedBy, err.getMessage(), nextDelayMs);
          retryTimer = vertx.setTimer(Math.max(1, nextDelayMs), t -> {
            retryTimer = -1;
            attempt(Math.min(nextDelayMs * 2, maxRetryMs), result);
          });
        });
  }

  private static List<Vehicle> readable(JsonObject body) {
    JsonArray entries = body == null ? new JsonArray() : body.getJsonArray("vehicles", new JsonArray());
    List<Vehicle> vehicles = new ArrayList<>();
    for (Object entry : entries) {
      try {
        vehicles.add(VehicleJson.fromJson((JsonObject) entry));
      } catch (RuntimeException e) {
        LOG.warn("vehicle entry ignored: {}", e.getClass().getSimpleName());
      }
    }
    return vehicles;
  }
}
