package io.bluelinkmqtt.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.RefreshRequest;
import io.vertx.core.Future;

/** Helpers for tests that drive the refresh logic against a scripted cloud, which answers synchronously. */
final class Scripted {

  private Scripted() {
  }

  /** The result of a future the scripted cloud has already completed; its failure as an AssertionError. */
  static <T> T now(Future<T> future) {
    assertTrue(future.isComplete(), "scripted cloud completes synchronously");
    if (future.failed()) {
      throw new AssertionError(future.cause());
    }
    return future.result();
  }

  /** A refresh of the scripted car {@code car1} by command {@code c}. */
  static RefreshRequest req(RefreshMode mode, long maxAge) {
    return new RefreshRequest("car1", mode, maxAge, false, "c");
  }
}
