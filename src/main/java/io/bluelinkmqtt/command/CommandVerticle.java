package io.bluelinkmqtt.command;

import io.bluelinkmqtt.config.AppConfig.CommandConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;

/** Parses, validates, throttles, coalesces and queues commands. (Being built in the MQTT-side work.) */
public class CommandVerticle extends VerticleBase {

  public CommandVerticle(CommandConfig config, String baseTopic, Clock clock) {
  }

  @Override
  public Future<?> start() {
    return Future.succeededFuture();
  }
}
