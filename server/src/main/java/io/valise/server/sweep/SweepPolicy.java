package io.valise.server.sweep;

import java.time.Duration;

/**
 * How often the sweeper runs and how careful it is.
 *
 * @param interval the delay between two passes; a purge happens at most this long (plus a pass)
 *     after an envelope expires
 * @param leaseTtl how long a pass's lease lasts: a holder that dies is replaced this long after its
 *     last renewal at the latest. Longer than a pass and than the clock skew between nodes.
 * @param orphanGrace a payload blob with no envelope is deleted only once it is this old, so an
 *     upload between its blob commit and its envelope commit is never hit
 * @param orphanEvery how often the orphan sweep lists the whole blob store (it also runs at start)
 */
public record SweepPolicy(
    Duration interval, Duration leaseTtl, Duration orphanGrace, Duration orphanEvery) {
  /**
   * @throws IllegalArgumentException unless every duration is positive and the lease outlasts the
   *     interval (else the holder would lose it between two passes)
   */
  public SweepPolicy {
    for (Duration d : new Duration[] {interval, leaseTtl, orphanGrace, orphanEvery}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("Sweep durations must be positive, got " + d);
      }
    }
    if (leaseTtl.compareTo(interval) <= 0) {
      throw new IllegalArgumentException(
          "The sweeper lease [%s] must outlast the sweep interval [%s]"
              .formatted(leaseTtl, interval));
    }
  }

  /**
   * Passes every {@code interval}, a lease of three intervals, orphans older than an hour, listed
   * every ten minutes.
   */
  public static SweepPolicy every(Duration interval) {
    return new SweepPolicy(
        interval, interval.multipliedBy(3), Duration.ofHours(1), Duration.ofMinutes(10));
  }
}
