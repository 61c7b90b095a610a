package io.valise.core.audit;

import io.valise.core.bytes.OpaqueBytes;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The audit log's store. Actions call {@link #append} inside their own transaction, so an action
 * and its entry commit together; the sequencer (one at a time, see {@link #advanceHead}) later
 * gives each appended entry its index and stores the tree's completed subtrees and a signed
 * checkpoint. All methods throw {@link io.valise.core.tx.StoreException} when the store fails.
 */
public interface AuditRepository {
  /**
   * Appends {@code event}, not yet sequenced, in the current transaction (or one of its own). A
   * store whose transactions commit one at a time may write the index the entry will get at once
   * (see {@link #assign}); the entry still counts as sequenced only once the head covers it.
   *
   * @return the entry's pending id, to ask later for its index ({@link #sequenced})
   */
  long append(AuditEvent event);

  /** The pending entry with the index the sequencer gave it, if it has been sequenced. */
  Optional<Indexed> sequenced(long pendingId);

  // --- sequencer ---

  /** The sequenced tree: its size and, when not empty, its root hash. */
  record Head(long size, @Nullable OpaqueBytes root) {}

  /** An appended entry that has no index yet. */
  record Pending(long pendingId, OpaqueBytes entry) {}

  /** A perfect subtree of 2^level leaves starting at leaf {@code index << level}. */
  record Node(int level, long index, OpaqueBytes hash) {}

  /** The current head. */
  Head head();

  /** Up to {@code limit} entries without an index, oldest append first. */
  List<Pending> unsequenced(int limit);

  /**
   * Moves the head from {@code fromSize} and {@code fromRoot} (null: the empty tree) to {@code
   * toSize} and {@code root} if it is still there: the compare-and-set that makes one sequencer win
   * when two race, and that tells a sequencer whose remembered head is out of date. The loser waits
   * on the head row and then finds it moved.
   *
   * @return false if the head was not at {@code fromSize} and {@code fromRoot} (nothing changed)
   */
  boolean advanceHead(long fromSize, byte @Nullable [] fromRoot, long toSize, byte[] root);

  /**
   * Gives pending entries their indexes, {@code first}, {@code first + 1}, ... in array order, in
   * the transaction that moves the head over them. A store that numbered the entries as they were
   * appended checks instead that this is the order they were appended in.
   *
   * @throws io.valise.core.tx.ConflictException if one of them already has an index (a store that
   *     numbers in the pass)
   * @throws io.valise.core.tx.StoreException if the order is not the append order (a store that
   *     numbers at append)
   */
  void assign(long[] pendingIds, long first);

  /** Stores completed subtree hashes (level 0: leaf hashes). */
  void putNodes(List<Node> nodes);

  /** The hash of a stored perfect subtree. */
  Optional<OpaqueBytes> node(int level, long index);

  /** Where a perfect subtree is: 2^level leaves from leaf {@code index << level}. */
  record Position(int level, long index) {}

  /**
   * The stored hashes of several perfect subtrees in one read (a proof needs O(log n) of them);
   * positions not stored are absent from the map.
   *
   * @throws IllegalArgumentException for more than {@value #MAX_POSITIONS} positions
   */
  Map<Position, OpaqueBytes> nodes(Collection<Position> positions);

  /** The most positions {@link #nodes} reads at once: more than any proof of a 2^63 tree needs. */
  int MAX_POSITIONS = 256;

  /**
   * Stores the signed checkpoint of tree size {@code size}.
   *
   * @throws io.valise.core.tx.ConflictException if one of that size is already stored
   */
  void putCheckpoint(long size, byte[] note, Instant signedAt);

  // --- reads ---

  /** A sequenced entry. */
  record Indexed(long index, OpaqueBytes entry) {}

  /** Entries with indexes from {@code start} (inclusive) to {@code end} (exclusive) that exist. */
  List<Indexed> entries(long start, long end);

  /** The sequenced entries about {@code subject} (an envelope or key id), in log order. */
  List<Indexed> about(String subject);

  /** A signed checkpoint as stored. */
  record StoredCheckpoint(long size, OpaqueBytes note, Instant signedAt) {}

  /** The checkpoint of the largest size. */
  Optional<StoredCheckpoint> latestCheckpoint();

  /** The checkpoint of exactly {@code size}. */
  Optional<StoredCheckpoint> checkpoint(long size);

  /**
   * Stores a witness's cosignature line for the checkpoint of {@code size}, replacing an older one
   * from the same witness for that size.
   */
  void putCosignature(long size, String witness, String line, Instant receivedAt);

  /** The cosignature lines held for the checkpoint of {@code size}, by witness name. */
  List<String> cosignatures(long size);

  /** The largest checkpoint size that {@code witness} cosigned. */
  OptionalLong latestCosigned(String witness);
}
