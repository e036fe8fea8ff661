package io.bluelinkmqtt.stewardship;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand. */
final class TestClock extends Clock {

  private volatile Instant now;

  TestClock(Instant start) {
    this.now = start;
  }

  static TestClock at(String isoInstant) {
    return new TestClock(Instant.parse(isoInstant));
  }

  void advance(Duration by) {
    now = now.plus(by);
  }

  void set(Instant to) {
    now = to;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the test clock is UTC only");
  }
}
