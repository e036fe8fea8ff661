package io.bluelinkmqtt.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One command the load generator sent, and what came back for it. Written by the sender's, the
 * receiver's and the simulator's event loops, hence the volatile and atomic fields.
 */
final class Command {

  final String id;
  final int vehicle;
  final long sentNanos;
  final boolean measured;
  /** Simulator handling time (request head parsed to response written) of calls made for this command. */
  final AtomicLong simNanos = new AtomicLong();
  final AtomicLong simCalls = new AtomicLong();
  volatile long resultNanos;
  volatile long lastTopicNanos;
  volatile int topics;
  volatile String status;
  volatile String dataSource;
  volatile int upstreamCalls;
  volatile long bridgeDurationMs = -1;

  Command(String id, int vehicle, long sentNanos, boolean measured) {
    this.id = id;
    this.vehicle = vehicle;
    this.sentNanos = sentNanos;
    this.measured = measured;
  }

  /** A data topic of this command's vehicle arrived while it was the vehicle's latest command. */
  synchronized void topicSeen(long nanos) {
    topics++;
    if (nanos > lastTopicNanos) {
      lastTopicNanos = nanos;
    }
  }
}
