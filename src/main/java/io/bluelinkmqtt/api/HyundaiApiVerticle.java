package io.bluelinkmqtt.api;

import io.bluelinkmqtt.api.eu.EuClientStack;
import io.bluelinkmqtt.api.eu.EuVehicleClient;
import io.bluelinkmqtt.state.SavedVehicleList;
import io.bluelinkmqtt.stewardship.Stewardship;
import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.bus.Replies;
import io.bluelinkmqtt.codec.Envelope;
import io.bluelinkmqtt.codec.VehicleJson;
import io.bluelinkmqtt.config.AppConfig.AccountConfig;
import io.bluelinkmqtt.config.AppConfig.ApiConfig;
import io.bluelinkmqtt.config.AppConfig.StewardshipConfig;
import io.bluelinkmqtt.config.Urls;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The car maker's cloud (EU CCAPI + CCI login) behind circuit breakers, a call budget and wake rules.
 *
 * <p>Consumes {@link Addresses#API_REFRESH} and {@link Addresses#API_DRAIN} ({@link RefreshEndpoint}) and
 * {@link Addresses#API_VEHICLES} ({@code {v}} → vehicle list). Publishes
 * {@link Addresses#VEHICLE_STATUS_UPDATED} after every successful refresh, a LAST_KNOWN answer included
 * (so {@code status/data_source} says what the outcome says) and {@link Addresses#API_BREAKER_CHANGED}
 * {@code {v, name, state}}.
 * Config: {@link AccountConfig}, {@link ApiConfig}; blocking work (token file, RSA) runs on the
 * worker executor "bluelink-api-worker".
 */
public class HyundaiApiVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HyundaiApiVerticle.class);
  /** Used by the four-argument constructor; the same as the config's default {@code command.minForceIntervalSeconds}. */
  public static final Duration DEFAULT_MIN_FORCE_INTERVAL = Duration.ofMinutes(15);

  private final AccountConfig account;
  private final ApiConfig api;
  private final StewardshipConfig stewardshipConfig;
  private final Duration minForceInterval;
  private final Clock clock;
  private CallBudget budget;
  private WakePolicy wakePolicy;
  private Stewardship stewardship;
  private ResilientCaller caller;
  private RefreshService refreshService;

  public HyundaiApiVerticle(AccountConfig account, ApiConfig api, StewardshipConfig stewardship, Clock clock) {
    this(account, api, stewardship, DEFAULT_MIN_FORCE_INTERVAL, clock);
  }

  /**
   * The production form: the verticle starts its own {@link Stewardship} (API budget, wake policy,
   * wake audit, persisted in {@code api.stateDir()}) so every call and every force passes it.
   */
  public HyundaiApiVerticle(AccountConfig account, ApiConfig api, StewardshipConfig stewardship,
                            Duration minForceInterval, Clock clock) {
    this.account = account;
    this.api = api;
    this.stewardshipConfig = stewardship;
    this.minForceInterval = minForceInterval;
    this.clock = clock;
  }

  /**
   * @param wakePolicy the rules every forced refresh passes; null for a {@link MinIntervalWakePolicy} of {@code minForceInterval}
   */
  public HyundaiApiVerticle(AccountConfig account, ApiConfig api, StewardshipConfig stewardship, Clock clock,
                            CallBudget budget, WakePolicy wakePolicy, Duration minForceInterval) {
    this.account = account;
    this.api = api;
    this.stewardshipConfig = null;
    this.minForceInterval = minForceInterval;
    this.clock = clock;
    this.budget = budget;
    this.wakePolicy = wakePolicy != null ? wakePolicy : new MinIntervalWakePolicy(minForceInterval, clock);
  }

  @Override
  public Future<?> start() {
    if (stewardshipConfig == null) {
      return wire(RefreshSafeguards.NONE);
    }
    return Stewardship.start(vertx, account.region(), stewardshipConfig, minForceInterval.toSeconds(), api.stateDir(),
            clock, EuVehicleClient.MAX_CALLS_PER_FORCE)
        .compose(started -> {
          stewardship = started;
          budget = started.callBudget();
          wakePolicy = started.wakePolicy();
          return wire(new RefreshSafeguards(Duration.ofSeconds(stewardshipConfig.minReadIntervalSeconds()),
              new SavedVehicleList(started.stateFile(SavedVehicleList.FILE), started.writeWatch())));
        });
  }

  private Future<?> wire(RefreshSafeguards safeguards) {
    EuClientStack stack = EuClientStack.build(vertx, account, api, clock, budget, wakePolicy, this::breakerChanged,
        safeguards);
    caller = stack.caller();
    refreshService = stack.refreshService();
    LOG.info("car cloud client ready: brand {}, ccapi {}", account.brand(), Urls.redact(stack.endpoints().ccapi()));
    return Future.all(new RefreshEndpoint(vertx, refreshService).register(),
        vertx.eventBus().<JsonObject>localConsumer(Addresses.API_VEHICLES, msg -> Replies.respond(msg, this::vehicles))
            .completion());
  }

  @Override
  public Future<?> stop() {
    if (caller != null) {
      caller.close();
    }
    return stewardship == null ? Future.succeededFuture() : stewardship.close();
  }

  private Future<JsonObject> vehicles(JsonObject body) {
    Replies.requireSchema(body);
    return refreshService.vehicles().map(VehicleJson::listToJson);
  }

  private void breakerChanged(String name, CircuitBreakerState state) {
    LOG.warn("circuit breaker {} is now {}", name, state);
    vertx.eventBus().publish(Addresses.API_BREAKER_CHANGED,
        Envelope.versioned().put("name", name).put("state", state.name().toLowerCase(Locale.ROOT)));
  }
}
