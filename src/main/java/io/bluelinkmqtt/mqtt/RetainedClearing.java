package io.bluelinkmqtt.mqtt;

import io.bluelinkmqtt.publish.Topics;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The farewell of a bridge that must leave nothing behind (demo mode on a borrowed broker): an empty retained
 * payload on every retained topic of this run, then on {@code bridge/state} once those are acknowledged, so the
 * bridge reads online while anything of it is left. QoS 1 throughout, so the broker confirms each removal.
 */
final class RetainedClearing {

  /**
   * Bound of each of the two waits for acknowledgements (DISCONNECT follows either way): with Command's 5 s grace
   * the whole stop stays within Main's 9 s.
   */
  static final long ACK_TIMEOUT_MS = 1_500;
  private static final Logger LOG = LoggerFactory.getLogger(RetainedClearing.class);

  private RetainedClearing() {
  }

  static Future<?> clearAll(BrokerConnection broker, RetainedState retained, Topics topics) {
    Set<String> toClear = new LinkedHashSet<>();
    retained.entries().forEach(entry -> toClear.add(entry.topic()));
    toClear.add(topics.bridgeInfo());
    toClear.remove(topics.bridgeState());
    LOG.info("removing the {} retained topics of this run before disconnecting", toClear.size() + 1);
    List<Future<Integer>> sent = toClear.stream().map(topic -> clear(broker, topic)).toList();
    return Future.join(sent)
        .transform(ar -> broker.allAcknowledged(ACK_TIMEOUT_MS))
        .transform(ar -> clear(broker, topics.bridgeState()))
        .compose(id -> broker.allAcknowledged(ACK_TIMEOUT_MS))
        .onFailure(e -> LOG.warn("removing the retained topics did not finish: {}", e.toString()));
  }

  private static Future<Integer> clear(BrokerConnection broker, String topic) {
    return broker.publish(topic, Buffer.buffer(), 1, true);
  }
}
