package io.valise.core.envelope;

import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.id.AccountId;
import io.valise.core.id.BlobId;
import io.valise.core.id.EnvelopeId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Stores envelope metadata and recipients (payloads live in a {@link
 * io.valise.core.blob.BlobStore}). Limits are enforced here, atomically, so that no interleaving of
 * requests on any number of nodes can exceed them. All methods throw {@link
 * io.valise.core.tx.StoreException} when the store fails, and join the caller's transaction if
 * there is one.
 */
public interface EnvelopeRepository {
  /**
   * Stores an envelope and its recipients in one transaction: afterwards all of it is visible, or
   * (on an exception) none of it.
   *
   * @throws io.valise.core.tx.ConflictException if the id or the payload blob is already used
   * @throws io.valise.core.tx.UnknownReferenceException if the sender or a recipient is missing
   */
  void create(Envelope envelope);

  /** The envelope with this id, whoever may see it, even if expired but not yet purged. */
  Optional<Envelope> find(EnvelopeId id);

  /** The envelope if {@code account} is its sender or one of its recipients; empty otherwise. */
  Optional<Envelope> findVisibleTo(EnvelopeId id, AccountId account);

  /** Envelopes addressed to {@code account} that have not expired at {@code now}, newest first. */
  List<Envelope> inbox(AccountId account, Instant now);

  /** Envelopes sent by {@code account} that have not expired at {@code now}, newest first. */
  List<Envelope> outbox(AccountId account, Instant now);

  /**
   * Reserves one download, atomically: it succeeds only if the envelope exists, has not expired at
   * {@code now}, and has downloads left. Reserve before sending the first byte; a reservation is
   * never given back, so a limit of N means at most N downloads start.
   *
   * @return whether a download was reserved
   */
  boolean reserveDownload(EnvelopeId id, Instant now);

  /**
   * Replaces the age header (after the client re-wrapped the file key for another recipient set).
   *
   * @return false if there is no such envelope
   */
  boolean replaceHeader(EnvelopeId id, OpaqueBytes header);

  /**
   * Replaces the age header only if the stored one is still {@code expected}, so that two re-wraps
   * made from the same header cannot silently drop each other's stanzas.
   *
   * @return false if there is no such envelope or its header is no longer {@code expected}
   */
  boolean replaceHeader(EnvelopeId id, OpaqueBytes expected, OpaqueBytes header);

  /**
   * The payload bytes of the envelopes {@code sender} sent that are still stored (expired ones
   * count until they are purged): what counts against the sender's quota. A counter that {@link
   * #create} and {@link #delete} keep in their transaction, so reading it costs one row. Inside a
   * transaction that created an envelope, it includes that envelope, and concurrent creations by
   * the same sender wait for the transaction to end: a check made there is exact.
   */
  long bytesStored(AccountId sender);

  /**
   * Adds a recipient.
   *
   * @return false if the account already was a recipient
   * @throws io.valise.core.tx.UnknownReferenceException if the envelope or the account is missing
   */
  boolean addRecipient(EnvelopeId id, AccountId account);

  /** Removes a recipient; false if the account was not one. */
  boolean removeRecipient(EnvelopeId id, AccountId account);

  /**
   * Envelopes that expired at {@code now} or used up their downloads, oldest expiry first, at most
   * {@code limit} of them.
   */
  List<PurgeCandidate> expiredOrExhausted(Instant now, int limit);

  /**
   * The payload blob ids of stored envelopes (purged or not yet), in id order, the first {@code
   * limit} after {@code after} (null: from the start). Pages through every referenced blob for the
   * orphan sweep.
   */
  List<BlobId> payloadsAfter(@Nullable BlobId after, int limit);

  /** Deletes the envelope's metadata, recipients and share links; false if there was none. */
  boolean delete(EnvelopeId id);
}
