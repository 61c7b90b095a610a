package io.valise.core.lease;

import java.time.Instant;

/**
 * A lease as stored.
 *
 * @param holder the node that took it last (empty if nobody ever did)
 * @param expiresAt the lease is free from this instant on
 */
public record Lease(String name, String holder, Instant expiresAt) {
  /** The longest holder name. */
  public static final int MAX_HOLDER = 64;

  /** Whether {@code holder} holds the lease at {@code now}. */
  public boolean heldBy(String holder, Instant now) {
    return this.holder.equals(holder) && now.isBefore(expiresAt);
  }
}
