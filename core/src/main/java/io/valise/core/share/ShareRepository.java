package io.valise.core.share;

import io.valise.core.id.EnvelopeId;
import io.valise.core.id.ShareId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores share links. Links are deleted with their envelope. All methods throw {@link
 * io.valise.core.tx.StoreException} when the store fails, and join the caller's transaction if
 * there is one.
 */
public interface ShareRepository {
  /**
   * Stores a new link.
   *
   * @throws io.valise.core.tx.ConflictException if the id is taken
   * @throws io.valise.core.tx.UnknownReferenceException if the envelope is missing
   */
  void create(ShareLink link);

  /** The link with this id, usable or not. */
  Optional<ShareLink> find(ShareId id);

  /** The links to an envelope, oldest first. */
  List<ShareLink> forEnvelope(EnvelopeId envelope);

  /**
   * Reserves one use, atomically: it succeeds only if the link exists, is not revoked, has not
   * expired at {@code now} and has uses left. The envelope's own limits are the caller's to reserve
   * as well, in the same transaction.
   *
   * @return whether a use was reserved
   */
  boolean reserveUse(ShareId id, Instant now);

  /** Revokes a standing link at {@code at}; false if it is missing or already revoked. */
  boolean revoke(ShareId id, Instant at);

  /**
   * Links that expired at {@code now}, used up their uses, or were revoked; at most {@code limit}.
   */
  List<ShareId> expiredOrUsedUp(Instant now, int limit);

  /** Deletes a link; false if there was none. */
  boolean delete(ShareId id);
}
