package io.bluelinkmqtt.cluster;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.cloud.CarCloud;
import io.bluelinkmqtt.codec.Envelope;
import io.bluelinkmqtt.config.Accounts;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.shareddata.Lock;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One API node's bid for one account's seat: exactly one node in the cluster holds it, through the cluster-wide lock
 * {@code bluelink.seat.<account>} ({@code sharedData().getLockWithTimeout}; Hazelcast frees a dead member's locks when
 * it drops the member). The holder restores the account's state from the cluster ({@link StateReplica}), runs its API
 * verticle at the seat's own addresses and announces the seat every {@value #BEAT_MS} ms on
 * {@link Addresses#CLUSTER_SEAT}. Split rule: a holder that sees fewer than {@code quorum} members gives the seat
 * up (stops talking to the car cloud) and bids again only once the quorum is back.
 */
public final class AccountSeatVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(AccountSeatVerticle.class);
  static final long BEAT_MS = 500;
  private static final long BID_TIMEOUT_MS = 2_000;
  private static final long RETRY_MS = 250;

  private final Accounts.Account account;
  private final Duration minForceInterval;
  private final Clock clock;
  private final String node;
  private final IntSupplier members;
  private final int quorum;
  private boolean stopped;
  private Lock lock;
  private String apiDeployment;
  private StateReplica replica;
  private long beat = -1;

  AccountSeatVerticle(Accounts.Account account, Duration minForceInterval, Clock clock, String node,
                      IntSupplier members, int quorum) {
    this.account = account;
    this.minForceInterval = minForceInterval;
    this.clock = clock;
    this.node = node;
    this.members = members;
    this.quorum = quorum;
  }

  @Override
  public Future<?> start() {
    bid();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    return resign();
  }

  private void bid() {
    if (stopped || lock != null) {
      return;
    }
    if (members.getAsInt() < quorum) {
      vertx.setTimer(BID_TIMEOUT_MS, t -> bid());
      return;
    }
    vertx.sharedData().getLockWithTimeout("bluelink.seat." + account.id(), BID_TIMEOUT_MS)
        .onSuccess(this::take)
        .onFailure(err -> vertx.setTimer(RETRY_MS, t -> bid()));
  }

  private void take(Lock won) {
    if (stopped) {
      won.release();
      return;
    }
    lock = won;
    String seat = UUID.randomUUID().toString().substring(0, 8);
    LOG.info("account {}: this node ({}) takes the seat {}", account.id(), node, seat);
    replica = new StateReplica(vertx, account.id(), account.api().stateDir());
    replica.takeOver()
        .compose(v -> vertx.deployVerticle(CarCloud.seatVerticle(account, seat, minForceInterval, clock)))
        .onSuccess(id -> {
          apiDeployment = id;
          announce(seat);
          beat = vertx.setPeriodic(BEAT_MS, t -> {
            if (members.getAsInt() < quorum) {
              LOG.warn("account {}: only {} of {} members in view; giving the seat up (split rule)", account.id(),
                  members.getAsInt(), quorum);
              resign().onComplete(r -> vertx.setTimer(BID_TIMEOUT_MS, x -> bid()));
            } else {
              announce(seat);
            }
          });
        })
        .onFailure(err -> {
          LOG.warn("account {}: the seat could not start: {}", account.id(), err.toString());
          resign().onComplete(r -> vertx.setTimer(BID_TIMEOUT_MS, x -> bid()));
        });
  }

  private void announce(String seat) {
    vertx.eventBus().publish(Addresses.CLUSTER_SEAT, Envelope.versioned().put("account", account.id())
        .put("seat", seat).put("node", node));
  }

  /** Stops the API (its state is flushed and mirrored on the way), then frees the seat. */
  private Future<Void> resign() {
    vertx.cancelTimer(beat);
    beat = -1;
    String deployment = apiDeployment;
    apiDeployment = null;
    Future<Void> undeployed = deployment == null ? Future.succeededFuture()
        : vertx.undeploy(deployment).otherwiseEmpty().mapEmpty();
    return undeployed.onComplete(v -> {
      if (replica != null) {
        replica.release();
        replica = null;
      }
      if (lock != null) {
        lock.release();
        lock = null;
      }
    });
  }
}
