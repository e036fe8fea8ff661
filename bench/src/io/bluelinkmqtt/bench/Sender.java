package io.bluelinkmqtt.bench;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator: an MQTT client that publishes refresh commands round-robin over the vehicles
 * at a fixed open-loop rate (every 2 ms tick it sends what the elapsed time calls for), plus ping
 * messages to itself for the broker baseline. Everything runs on this verticle's event loop.
 */
final class Sender extends VerticleBase {

  private static final long TICK_MS = 2;
  private static final long PING_INTERVAL_NANOS = 50_000_000L;

  private final int port;
  private final String base;
  private final MqttQoS qos;
  private final String mode;
  private final Ledger ledger;
  private final String runTag;
  private final AtomicLong sequence = new AtomicLong();
  private MqttClient client;
  private int nextVehicle;

  Sender(int port, String base, int qos, String mode, Ledger ledger) {
    this.port = port;
    this.base = base;
    this.qos = MqttQoS.valueOf(qos);
    this.mode = mode;
    this.ledger = ledger;
    this.runTag = Long.toString(System.currentTimeMillis() % 100_000, 36);
  }

  @Override
  public Future<?> start() {
    client = MqttClient.create(vertx, new MqttClientOptions().setClientId("bench-sender-" + ProcessHandle.current().pid())
        .setCleanSession(true).setKeepAliveInterval(60).setMaxInflightQueue(60_000).setAckTimeout(60));
    return client.connect(port, "127.0.0.1");
  }

  @Override
  public Future<?> stop() {
    return client.isConnected() ? client.disconnect() : Future.succeededFuture();
  }

  /** The JSON command for one id, in the run's mode. */
  String payload(String id) {
    return switch (mode) {
      case "force" -> "{\"mode\":\"force\",\"id\":\"" + id + "\"}";
      case "smart" -> "{\"mode\":\"smart\",\"max_age\":600,\"id\":\"" + id + "\"}";
      default -> "{\"mode\":\"cached\",\"id\":\"" + id + "\"}";
    };
  }

  /** Sends one unrecorded cached command (the readiness probe). */
  Future<Void> probe(String vehicleId, String id) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> client.publish(base + "/" + vehicleId + "/commands/refresh",
        Buffer.buffer("{\"mode\":\"cached\",\"id\":\"" + id + "\"}"), qos, false, false)
        .<Void>mapEmpty().onComplete(done));
    return done.future();
  }

  /**
   * Sends at {@code rate} commands/s: first a {@code warmupNanos} linear ramp of unmeasured commands,
   * then {@code measureNanos} of measured ones (pings only then). Completes when the last is sent.
   */
  Future<Void> load(double rate, long warmupNanos, long measureNanos) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      long start = System.nanoTime();
      long end = start + warmupNanos + measureNanos;
      long[] sent = {0};
      long[] nextPing = {start + warmupNanos};
      vertx.setPeriodic(TICK_MS, timer -> {
        long now = System.nanoTime();
        long until = Math.min(now, end);
        long due = due(until - start, warmupNanos, rate);
        long warmupCommands = due(warmupNanos, warmupNanos, rate);
        while (sent[0] < due) {
          sendCommand(sent[0] >= warmupCommands);
          sent[0]++;
        }
        if (now >= nextPing[0] && now < end) {
          nextPing[0] = now + PING_INTERVAL_NANOS;
          client.publish(Receiver.PING_ROOT + "/" + runTag, Buffer.buffer(Long.toString(System.nanoTime())), qos,
              false, false);
        }
        if (now >= end) {
          vertx.cancelTimer(timer);
          done.complete();
        }
      });
    });
    return done.future();
  }

  /**
   * Commands due after {@code elapsed} ns: the warm-up ramps the rate linearly from 0 to {@code rate}
   * (a cold bridge hit at full rate from the first second queues HTTP calls while its JIT warms up), then
   * the full rate.
   */
  static long due(long elapsed, long warmupNanos, double rate) {
    double t = elapsed / 1e9;
    double w = warmupNanos / 1e9;
    if (t <= w) {
      return (long) (rate * t * t / (2 * w));
    }
    return (long) (rate * w / 2 + rate * (t - w));
  }

  private void sendCommand(boolean measured) {
    int vehicle = nextVehicle;
    nextVehicle = (nextVehicle + 1) % ledger.vehicleIds.size();
    String id = "b" + runTag + "-" + sequence.incrementAndGet();
    Buffer body = Buffer.buffer(payload(id));
    String topic = base + "/" + ledger.vehicleIds.get(vehicle) + "/commands/refresh";
    Command command = new Command(id, vehicle, System.nanoTime(), measured);
    ledger.sent(command);
    try {
      client.publish(topic, body, qos, false, false).onFailure(e -> ledger.publishFailures.incrementAndGet());
    } catch (RuntimeException e) {
      ledger.publishFailures.incrementAndGet();
    }
  }
}
