package io.bluelinkmqtt.mqtt;

import io.bluelinkmqtt.BridgeInfo;
import io.bluelinkmqtt.config.AppConfig.HomeAssistantConfig;
import io.bluelinkmqtt.config.AppConfig.MqttConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** Broker connection, subscriptions and publishing. (Being built in the MQTT-side work.) */
public class MqttBridgeVerticle extends VerticleBase {

  private final MqttConfig config;

  public MqttBridgeVerticle(MqttConfig config, HomeAssistantConfig homeAssistant, BridgeInfo info) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    return Future.succeededFuture(config);
  }
}
