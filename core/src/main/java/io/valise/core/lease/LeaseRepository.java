package io.valise.core.lease;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Time-limited leases in the shared metadata store. Taking and renewing is one atomic step, so that
 * of any number of nodes racing for a lease at most one holds it at any instant of the store's
 * clock. All methods throw {@link io.valise.core.tx.StoreException} when the store fails.
 */
public interface LeaseRepository {
  /** The lease the sweeper runs under. */
  String SWEEPER = "sweeper";

  /** The lease the audit log's sequencer runs under. */
  String SEQUENCER = "sequencer";

  /**
   * Takes the lease for {@code holder} until {@code now + ttl} if it is free, ran out at {@code
   * now}, or is already held by {@code holder} (a renewal).
   *
   * @return whether {@code holder} holds the lease now
   * @throws IllegalArgumentException for an unknown lease, a holder name that is empty or longer
   *     than {@link Lease#MAX_HOLDER} characters, or a ttl that is not positive
   */
  boolean acquire(String name, String holder, Instant now, Duration ttl);

  /**
   * Gives the lease up at once, so another node need not wait for it to run out.
   *
   * @return false if {@code holder} did not hold it
   */
  boolean release(String name, String holder, Instant now);

  /** The lease's last holder and when it runs (or ran) out; empty for an unknown lease. */
  Optional<Lease> find(String name);
}
