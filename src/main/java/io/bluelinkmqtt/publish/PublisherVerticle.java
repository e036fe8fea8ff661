package io.bluelinkmqtt.publish;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** Vehicle data and outcomes → topics and payloads. (Being built in the MQTT-side work.) */
public class PublisherVerticle extends VerticleBase {

  public PublisherVerticle(String baseTopic) {
  }

  @Override
  public Future<?> start() {
    return Future.succeededFuture();
  }
}
