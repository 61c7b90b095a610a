package io.valise.server.envelope;

import java.time.Duration;

/**
 * Limits on envelopes: expiry when the sender names none, the longest expiry allowed (there is no
 * "never"), the largest upload, and the quota: the most bytes (headers and payloads) of unexpired
 * envelopes one account may have sent.
 */
public record EnvelopePolicy(
    Duration defaultExpiry, Duration maxExpiry, long maxUploadBytes, long quotaBytesPerAccount) {
  /** Twenty GiB of unexpired envelopes per account. */
  public static final long DEFAULT_QUOTA = 20L << 30;

  /** Seven days by default, thirty at most, 4 GiB per file, 20 GiB per account. */
  public static final EnvelopePolicy DEFAULT =
      new EnvelopePolicy(Duration.ofDays(7), Duration.ofDays(30), 4L << 30, DEFAULT_QUOTA);

  /**
   * Checks the limits.
   *
   * @throws IllegalArgumentException naming the bad value
   */
  public EnvelopePolicy {
    if (defaultExpiry.isNegative() || defaultExpiry.isZero()) {
      throw new IllegalArgumentException("Default expiry [" + defaultExpiry + "] must be positive");
    }
    if (maxExpiry.compareTo(defaultExpiry) < 0) {
      throw new IllegalArgumentException(
          "Maximum expiry [%s] is shorter than the default [%s]"
              .formatted(maxExpiry, defaultExpiry));
    }
    if (maxUploadBytes < 1) {
      throw new IllegalArgumentException("Maximum upload [" + maxUploadBytes + "] bytes");
    }
    if (quotaBytesPerAccount < 1) {
      throw new IllegalArgumentException(
          "Quota [" + quotaBytesPerAccount + "] bytes per account must be at least 1");
    }
  }
}
