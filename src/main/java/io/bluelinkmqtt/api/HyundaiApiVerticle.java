package io.bluelinkmqtt.api;

import io.bluelinkmqtt.config.AppConfig.AccountConfig;
import io.bluelinkmqtt.config.AppConfig.ApiConfig;
import io.bluelinkmqtt.config.AppConfig.StewardshipConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;

/** The car maker's HTTP protocol behind a circuit breaker. (Being built in the EU-client work.) */
public class HyundaiApiVerticle extends VerticleBase {

  public HyundaiApiVerticle(AccountConfig account, ApiConfig api, StewardshipConfig stewardship, Clock clock) {
  }

  @Override
  public Future<?> start() {
    return Future.succeededFuture();
  }
}
