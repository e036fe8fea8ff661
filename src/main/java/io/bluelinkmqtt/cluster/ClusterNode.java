package io.bluelinkmqtt.cluster;

import io.bluelinkmqtt.config.Accounts;
import io.vertx.core.Deployable;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * This process as one node of a clustered bridge: which roles it runs, how its account router finds the seats, the
 * seat of each account (deployed on API nodes) and the event relay (deployed on every node).
 */
public interface ClusterNode {

  /** What a node may run. {@code front}: MQTT bridge, commands, publisher, Home Assistant, evcc, HTTP. */
  enum Role { FRONT, API }

  Set<Role> roles();

  default boolean runs(Role role) {
    return roles().contains(role);
  }

  Seats seats();

  /** Competes for the account's seat; while it holds it, runs the account's API verticle. */
  Deployable seat(Accounts.Account account, Duration minForceInterval, Clock clock);

  Deployable relay();
}
