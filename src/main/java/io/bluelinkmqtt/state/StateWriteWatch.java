package io.bluelinkmqtt.state;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.codec.Envelope;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the state dir can be written: one clear warning when writes start failing (not one per write), one
 * line when they work again, and {@link Addresses#API_STATE_DIR_CHANGED} on each change, so
 * {@code bridge/health} says so. Use from one event loop.
 */
public final class StateWriteWatch {

  private static final Logger LOG = LoggerFactory.getLogger(StateWriteWatch.class);

  private final Vertx vertx;
  private final Path dir;
  private boolean failing;

  public StateWriteWatch(Vertx vertx, Path dir) {
    this.vertx = vertx;
    this.dir = dir;
  }

  /** A state file was written. */
  public synchronized void written() {
    if (failing) {
      failing = false;
      LOG.info("State dir {} is writable again; the state on disk is current", dir);
      vertx.eventBus().publish(Addresses.API_STATE_DIR_CHANGED, Envelope.versioned().put("writable", true));
    }
  }

  /** Writing {@code file} failed. */
  public synchronized void failed(Path file, Throwable error) {
    if (failing) {
      LOG.debug("Still cannot write {}: {}", file, error.toString());
      return;
    }
    failing = true;
    String problem = error.getClass().getSimpleName();
    LOG.warn("State dir {} is not writable ({} writing {}): the budget and wake audit are kept in memory only, "
        + "so a restart would lose them; they are written again as soon as the dir is writable", dir, problem,
        file.getFileName());
    JsonObject event = Envelope.versioned().put("writable", false).put("problem", problem);
    vertx.eventBus().publish(Addresses.API_STATE_DIR_CHANGED, event);
  }

  public synchronized boolean writable() {
    return !failing;
  }
}
