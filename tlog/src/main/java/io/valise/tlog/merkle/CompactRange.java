package io.valise.tlog.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * The roots of the perfect subtrees covering the leaves appended so far (one per set bit of the
 * size), so that a sequencer can append and compute the tree head in O(log n) memory and hashes,
 * without reading old leaves. Not thread-safe.
 */
public final class CompactRange {
  /** Perfect subtree roots, largest (leftmost) first. */
  private final List<Hash> nodes = new ArrayList<>();

  private long size;

  /** An empty range: the tree of no leaves. */
  public CompactRange() {}

  /**
   * Resumes a log of {@code size} leaves from the roots of its perfect subtrees, largest first (as
   * {@link #nodes()} returns them).
   */
  public static CompactRange resume(long size, List<Hash> nodes) {
    if (size < 0 || Long.bitCount(size) != nodes.size()) {
      throw new IllegalArgumentException(
          "a tree of size "
              + size
              + " has "
              + Long.bitCount(Math.max(size, 0))
              + " perfect subtrees, not "
              + nodes.size());
    }
    CompactRange range = new CompactRange();
    range.nodes.addAll(nodes);
    range.size = size;
    return range;
  }

  /** The number of leaves appended. */
  public long size() {
    return size;
  }

  /** The perfect subtree roots, largest first. */
  public List<Hash> nodes() {
    return List.copyOf(nodes);
  }

  /** Appends a leaf hash. */
  public void append(Hash leaf) {
    append(leaf, (level, index, hash) -> {});
  }

  /**
   * Appends a leaf hash and tells {@code completed} of every perfect subtree this leaf completes:
   * the leaf itself (level 0, index = its position), then each subtree of 2^level leaves whose last
   * leaf it is (index = its first leaf / 2^level). A store that keeps these answers {@link
   * LeafHashes#perfectSubtree} with one read.
   */
  public void append(Hash leaf, Completed completed) {
    long index = size;
    Hash carry = leaf;
    completed.subtree(0, index, carry);
    int level = 0;
    for (long s = size; (s & 1) == 1; s >>>= 1) {
      carry = MerkleHash.node(nodes.removeLast(), carry);
      level++;
      completed.subtree(level, index >>> level, carry);
    }
    nodes.add(carry);
    size++;
  }

  /** Receives the perfect subtrees an append completes. */
  @FunctionalInterface
  public interface Completed {
    /** The subtree of 2^{@code level} leaves starting at leaf {@code index << level}. */
    void subtree(int level, long index, Hash hash);
  }

  /** The tree head of the leaves appended so far. */
  public Hash root() {
    if (nodes.isEmpty()) {
      return MerkleHash.EMPTY;
    }
    Hash r = nodes.getLast();
    for (int i = nodes.size() - 2; i >= 0; i--) {
      r = MerkleHash.node(nodes.get(i), r);
    }
    return r;
  }
}
