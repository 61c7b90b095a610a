package io.valise.app.e2e;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The real time plus an offset the test moves forward: time goes on (sessions, TOTP steps, the
 * sweeper behave as in production) and a test can jump past an expiry without waiting for it.
 */
final class MovableClock extends Clock {
  private volatile Duration offset = Duration.ZERO;

  void advance(Duration d) {
    offset = offset.plus(d);
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("UTC only");
  }
}
