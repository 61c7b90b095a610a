package io.valise.core.audit;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * Which audit entry published each release of the web app: one {@code web.release} entry per bundle
 * hash (the SHA-256 of the bundle's {@code files.txt}), whichever node served it first. All methods
 * throw {@link io.valise.core.tx.StoreException} when the store fails and join the caller's
 * transaction if there is one.
 */
public interface WebReleaseRepository {
  /** The pending id of the entry that published {@code bundle}, if one did. */
  OptionalLong entryOf(String bundle);

  /**
   * Records that the entry with pending id {@code pendingId} published {@code bundle}; call it in
   * the transaction that appends that entry.
   *
   * @throws io.valise.core.tx.ConflictException if the bundle was published already (another node
   *     was first): roll back, and use {@link #entryOf}
   */
  void record(String bundle, long pendingId, Instant at);
}
