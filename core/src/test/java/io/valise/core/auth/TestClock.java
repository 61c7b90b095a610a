package io.valise.core.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand. Not thread-safe. */
final class TestClock extends Clock {
  private Instant now;

  TestClock(Instant start) {
    this.now = start;
  }

  static TestClock at(long epochSecond) {
    return new TestClock(Instant.ofEpochSecond(epochSecond));
  }

  void advance(Duration d) {
    now = now.plus(d);
  }

  void set(Instant instant) {
    now = instant;
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
    throw new UnsupportedOperationException();
  }
}
