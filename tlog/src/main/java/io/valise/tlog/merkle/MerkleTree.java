package io.valise.tlog.merkle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The server side: tree heads (RFC 6962 §2.1), inclusion proofs (§2.1.1) and consistency proofs
 * (§2.1.2) over a {@link LeafHashes} source. Each reads O(log n) perfect subtree hashes from the
 * source. Proofs are listed from the leaf (or the old tree) up, as RFC 6962 and RFC 9162 list them.
 */
public final class MerkleTree {
  private MerkleTree() {}

  /** The Merkle tree hash of the first {@code size} leaves of {@code leaves}. */
  public static Hash root(LeafHashes leaves, long size) {
    if (size < 0) {
      throw new IllegalArgumentException("tree size " + size + " is negative");
    }
    return range(leaves, 0, size);
  }

  /** The audit path of leaf {@code index} in the tree of the first {@code size} leaves. */
  public static List<Hash> inclusionProof(LeafHashes leaves, long index, long size) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException(
          "leaf index " + index + " is not in a tree of size " + size);
    }
    List<Hash> topDown = new ArrayList<>();
    long start = 0;
    long n = size;
    long m = index;
    while (n > 1) {
      long k = split(n);
      if (m < k) {
        topDown.add(range(leaves, start + k, n - k));
        n = k;
      } else {
        topDown.add(leaves.perfectSubtree(start, k));
        start += k;
        m -= k;
        n -= k;
      }
    }
    Collections.reverse(topDown);
    return List.copyOf(topDown);
  }

  /**
   * The proof that the tree of {@code size2} leaves extends the tree of its first {@code size1}
   * leaves; empty when {@code size1} is 0 or equals {@code size2}.
   */
  public static List<Hash> consistencyProof(LeafHashes leaves, long size1, long size2) {
    if (size1 < 0 || size1 > size2) {
      throw new IllegalArgumentException(
          "no consistency proof from tree size " + size1 + " to tree size " + size2);
    }
    if (size1 == 0 || size1 == size2) {
      return List.of();
    }
    List<Hash> topDown = new ArrayList<>();
    long start = 0;
    long n = size2;
    long m = size1;
    boolean wholeOldTree = true;
    while (m != n) {
      long k = split(n);
      if (m <= k) {
        topDown.add(range(leaves, start + k, n - k));
        n = k;
      } else {
        topDown.add(leaves.perfectSubtree(start, k));
        start += k;
        m -= k;
        n -= k;
        wholeOldTree = false;
      }
    }
    if (!wholeOldTree) {
      topDown.add(range(leaves, start, n));
    }
    Collections.reverse(topDown);
    return List.copyOf(topDown);
  }

  /** MTH of leaves [start, start + n), where start is aligned as RFC 6962's recursion makes it. */
  private static Hash range(LeafHashes leaves, long start, long n) {
    if (n == 0) {
      return MerkleHash.EMPTY;
    }
    if (Long.bitCount(n) == 1) {
      return leaves.perfectSubtree(start, n);
    }
    long k = split(n);
    return MerkleHash.node(leaves.perfectSubtree(start, k), range(leaves, start + k, n - k));
  }

  /** The largest power of two smaller than {@code n} (n at least 2). */
  static long split(long n) {
    return Long.highestOneBit(n - 1);
  }
}
