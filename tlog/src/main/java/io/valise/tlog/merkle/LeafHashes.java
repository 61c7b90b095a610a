package io.valise.tlog.merkle;

import java.util.List;

/**
 * Where the tree's leaf hashes come from: a list in memory, or a database table.
 *
 * <p>Proofs only ever ask for hashes of <em>perfect</em> subtrees (2^k leaves starting at a
 * multiple of 2^k), at most O(log n) of them per proof or tree head. The default {@link
 * #perfectSubtree} recomputes such a subtree from its leaves; a store that keeps interior hashes
 * (tiles) overrides it so that a proof reads O(log n) hashes whatever the log's size.
 */
@FunctionalInterface
public interface LeafHashes {
  /** The hash of leaf {@code index} (0-based); the caller never asks beyond the tree size. */
  Hash get(long index);

  /**
   * The hash of the perfect subtree of {@code size} leaves starting at leaf {@code start}; {@code
   * size} is a power of two and {@code start} a multiple of it.
   */
  default Hash perfectSubtree(long start, long size) {
    if (size == 1) {
      return get(start);
    }
    long half = size >>> 1;
    return MerkleHash.node(perfectSubtree(start, half), perfectSubtree(start + half, half));
  }

  /** Leaf hashes held in a list (tests, small trees, clients). */
  static LeafHashes of(List<Hash> leaves) {
    List<Hash> copy = List.copyOf(leaves);
    return index -> copy.get(Math.toIntExact(index));
  }
}
