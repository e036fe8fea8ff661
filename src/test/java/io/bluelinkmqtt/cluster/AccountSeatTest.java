package io.bluelinkmqtt.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.cloud.CloudModules;
import io.bluelinkmqtt.codec.Envelope;
import io.bluelinkmqtt.config.Accounts;
import io.bluelinkmqtt.config.AppConfig;
import io.bluelinkmqtt.config.ConfigLoader;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.sim.EuSimulator;
import io.bluelinkmqtt.sim.SimEndpoint;
import io.bluelinkmqtt.sim.SimulatorSettings;
import io.bluelinkmqtt.testsupport.Await;
import io.bluelinkmqtt.testsupport.SimulatedAccount;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two bids for one account's seat on one Vert.x (its shared-data lock and map stand in for Hazelcast's): one holder
 * at a time, the split rule, and a successor that starts from the holder's session in the shared map, not from
 * its own (empty) state dir.
 */
class AccountSeatTest {

  private static final Duration WITHIN = Duration.ofSeconds(10);

  @TempDir
  Path dir;

  private final Vertx vertx = Vertx.vertx();
  private EuSimulator simulator;

  @AfterEach
  void close() {
    Await.result(vertx.close(), WITHIN);
  }

  private Accounts.Account account(Path stateDir) {
    ConfigLoader.RawConfig raw = new ConfigLoader.RawConfig(new JsonObject(), SimulatedAccount.env(simulator, stateDir));
    AppConfig config = ConfigLoader.parse(raw, false, CloudModules.supported());
    Accounts.Account only = Accounts.single(config).first();
    return new Accounts.Account("home", only.account(), only.api(), only.stewardship());
  }

  private Promise<Void> beatFrom(String node) {
    Promise<Void> seen = Promise.promise();
    vertx.eventBus().<JsonObject>consumer(Addresses.CLUSTER_SEAT, msg -> {
      if (node.equals(msg.body().getString("node"))) {
        seen.tryComplete();
      }
    });
    return seen;
  }

  @Test
  @DisplayName("one holder; a holder that loses the quorum gives the seat up and the standby takes it, same session")
  void oneHolderAndTheSplitRule() {
    simulator = new EuSimulator(vertx, SimulatorSettings.defaults(Brand.KIA));
    Await.result(simulator.start(), WITHIN);
    AtomicInteger membersA = new AtomicInteger(3);
    AtomicInteger membersB = new AtomicInteger(3);
    Promise<Void> fromA = beatFrom("a");
    Promise<Void> fromB = beatFrom("b");
    Await.result(vertx.deployVerticle(new AccountSeatVerticle(account(dir.resolve("a")), Duration.ZERO,
        Clock.systemUTC(), "a", membersA::get, 2)), WITHIN);
    Await.result(fromA.future(), WITHIN);
    // the holder's API logs in and lists the cars, and its session goes to the shared map
    Await.result(vertx.eventBus().request(Addresses.forSeat(Addresses.API_VEHICLES, "home", seatOf("a")),
        Envelope.versioned()), WITHIN);
    assertEquals(1, simulator.calls().count(SimEndpoint.SIGNIN));
    Await.result(vertx.deployVerticle(new AccountSeatVerticle(account(dir.resolve("b")), Duration.ZERO,
        Clock.systemUTC(), "b", membersB::get, 2)), WITHIN);
    assertTrue(Await.staysPending(fromB.future(), Duration.ofMillis(1500)), "the standby holds no seat");

    // a split: the holder sees only itself
    String oldSeat = seatOf("a");
    membersA.set(1);
    Await.result(fromB.future(), WITHIN);
    assertTrue(Await.staysPending(beatFrom("a").future(), Duration.ofMillis(1200)),
        "the minority side stopped announcing");
    Throwable gone = Await.failure(vertx.eventBus().request(Addresses.forSeat(Addresses.API_VEHICLES, "home",
        oldSeat), Envelope.versioned()), WITHIN);
    assertEquals(io.vertx.core.eventbus.ReplyFailure.NO_HANDLERS,
        ((io.vertx.core.eventbus.ReplyException) gone).failureType(), "the old seat's API is stopped");
    Await.result(vertx.eventBus().request(Addresses.forSeat(Addresses.API_VEHICLES, "home", seatOf("b")),
        Envelope.versioned()), WITHIN);
    assertEquals(1, simulator.calls().count(SimEndpoint.SIGNIN), "the successor used the shared session");
    assertTrue(java.nio.file.Files.exists(dir.resolve("b").resolve("tokens.json")), "restored into its own dir");
    Await.result(simulator.stop(), WITHIN);
  }

  private String seatOf(String node) {
    Promise<String> seat = Promise.promise();
    var consumer = vertx.eventBus().<JsonObject>consumer(Addresses.CLUSTER_SEAT, msg -> {
      if (node.equals(msg.body().getString("node"))) {
        seat.tryComplete(msg.body().getString("seat"));
      }
    });
    try {
      return Await.result(seat.future(), WITHIN);
    } finally {
      consumer.unregister();
    }
  }
}
