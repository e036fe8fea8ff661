package io.bluelinkmqtt.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.NetworkConfig;
import io.bluelinkmqtt.config.Accounts;
import io.bluelinkmqtt.config.ClusterConfig;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Clustered Vert.x on Hazelcast: TCP/IP join with the configured members (multicast and auto-detection off), bound to
 * the configured interface only, no phone-home, a dead member dropped after {@code failureDetectionSeconds}. The only
 * class that names Hazelcast; {@code Main} reaches it only with {@code --cluster}, so a plain bridge never loads it.
 */
public final class HazelcastNode implements ClusterNode {

  private final ClusterConfig config;
  private final HazelcastClusterManager manager;
  private final Set<Role> roles;
  private final ClusterSeats seats;

  private HazelcastNode(ClusterConfig config, HazelcastClusterManager manager) {
    this.config = config;
    this.manager = manager;
    EnumSet<Role> wanted = EnumSet.noneOf(Role.class);
    config.roles().forEach(r -> wanted.add(Role.valueOf(r.toUpperCase(java.util.Locale.ROOT))));
    this.roles = wanted;
    // a seat is lost after four missed beats: well within the member timeout, well above a GC pause
    this.seats = new ClusterSeats(4 * AccountSeatVerticle.BEAT_MS, config.handoverWaitMs(), System::currentTimeMillis,
        node -> manager.getNodes().contains(node));
  }

  /** A clustered Vert.x joined to the members, and this node's roles. */
  public record Started(Vertx vertx, ClusterNode node) {
  }

  public static Future<Started> start(ClusterConfig config) {
    // before the first Hazelcast class logs: through the bridge's logging, not java.util.logging
    System.setProperty("hazelcast.logging.type", "slf4j");
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast(config));
    VertxOptions options = new VertxOptions().setEventBusOptions(new EventBusOptions().setHost(config.host())
        .setPort(0));
    return Vertx.builder().with(options).withClusterManager(manager).buildClustered()
        .map(vertx -> new Started(vertx, new HazelcastNode(config, manager)));
  }

  static Config hazelcast(ClusterConfig config) {
    Config hz = ConfigUtil.loadConfig();
    hz.setClusterName("bluelink-mqtt");
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.logging.type", "slf4j");
    hz.setProperty("hazelcast.shutdownhook.enabled", "false"); // the bridge's own stop leaves the cluster
    hz.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    hz.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(config.failureDetectionSeconds()));
    hz.setProperty("hazelcast.socket.bind.any", "false");
    hz.setProperty("hazelcast.local.localAddress", config.host());
    NetworkConfig network = hz.getNetworkConfig();
    network.setPort(config.port()).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).addInterface(config.host());
    network.getJoin().getMulticastConfig().setEnabled(false);
    network.getJoin().getAutoDetectionConfig().setEnabled(false);
    network.getJoin().getTcpIpConfig().setEnabled(true).setMembers(config.members());
    hz.getMapConfig("bluelink.state.*").setBackupCount(1);
    return hz;
  }

  @Override
  public Set<Role> roles() {
    return roles;
  }

  @Override
  public Seats seats() {
    return seats;
  }

  @Override
  public Deployable seat(Accounts.Account account, Duration minForceInterval, Clock clock) {
    return new AccountSeatVerticle(account, minForceInterval, clock, manager.getNodeId(),
        () -> manager.getNodes().size(), config.quorum());
  }

  @Override
  public Deployable relay() {
    return new EventRelayVerticle(manager.getNodeId(), runs(Role.API), runs(Role.FRONT));
  }
}
