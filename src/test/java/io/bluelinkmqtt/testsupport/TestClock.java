package io.bluelinkmqtt.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock that moves only when a test says so; safe to read from any thread. */
public final class TestClock extends Clock {

  private volatile Instant now;

  public TestClock(Instant start) {
    this.now = start;
  }

  public TestClock(long startEpochMillis) {
    this(Instant.ofEpochMilli(startEpochMillis));
  }

  public static TestClock at(String isoInstant) {
    return new TestClock(Instant.parse(isoInstant));
  }

  public void advance(Duration by) {
    now = now.plus(by);
  }

  public void advance(long millis) {
    advance(Duration.ofMillis(millis));
  }

  public void set(Instant to) {
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

  /** Zones do not change what a test clock says; every use here asks for instants. */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
