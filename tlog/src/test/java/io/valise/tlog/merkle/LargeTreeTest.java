package io.valise.tlog.merkle;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Logs far larger than memory: a mostly uniform source (standing in for a store with interior
 * hashes) shows that heads and proofs read O(log n) hashes, and that sizes near 2^62 do not
 * overflow.
 */
class LargeTreeTest {
  /**
   * A tree whose leaves are all the same hash except at a few marked indices, so that any perfect
   * subtree hash is computed in O(log n) from memoised all-plain subtrees, yet is the true hash.
   * Counts the reads a proof or head makes from outside.
   */
  private static final class Sparse implements LeafHashes {
    private static final Hash PLAIN = MerkleHash.leaf(new byte[] {0x70});
    private final NavigableSet<Long> marked = new TreeSet<>();
    private final List<Hash> plainLevels = new ArrayList<>(List.of(PLAIN));
    int reads;

    Sparse(long... marks) {
      for (long mark : marks) {
        marked.add(mark);
      }
    }

    @Override
    public Hash get(long index) {
      reads++;
      return compute(index, 1);
    }

    @Override
    public Hash perfectSubtree(long start, long size) {
      reads++;
      return compute(start, size);
    }

    private Hash compute(long start, long size) {
      Long mark = marked.ceiling(start);
      if (mark == null || mark >= start + size) {
        int level = Long.numberOfTrailingZeros(size);
        while (plainLevels.size() <= level) {
          Hash below = plainLevels.getLast();
          plainLevels.add(MerkleHash.node(below, below));
        }
        return plainLevels.get(level);
      }
      if (size == 1) {
        return MerkleHash.leaf(ByteBuffer.allocate(8).putLong(start).array());
      }
      long half = size / 2;
      return MerkleHash.node(compute(start, half), compute(start + half, half));
    }
  }

  @Test
  void proofsReadLogarithmicallyManyHashes() {
    long[] sizes = {1_000_003L, (1L << 40) + 12_345L, (1L << 62) + 3L};
    for (long size : sizes) {
      Sparse source =
          new Sparse(0, 1, 2, 6, 7, size / 3, size / 2 - 1, size / 2, size - 3, size - 2, size - 1);
      Hash root = MerkleTree.root(source, size);
      assertTrue(source.reads <= 2 * 64, () -> "head of " + size + " read " + source.reads);
      for (long index : new long[] {0, 1, size / 3, size - 2, size - 1}) {
        source.reads = 0;
        List<Hash> proof = MerkleTree.inclusionProof(source, index, size);
        assertTrue(source.reads <= 3 * 64, () -> "inclusion read " + source.reads);
        Hash leaf = source.get(index);
        assertDoesNotThrow(() -> MerkleProofs.verifyInclusion(index, size, leaf, proof, root));
        assertThrows(
            InvalidProofException.class,
            () -> MerkleProofs.verifyInclusion(index ^ 1, size, leaf, proof, root));
      }
      for (long size1 : new long[] {1, 2, 7, size / 2, size - 1}) {
        source.reads = 0;
        List<Hash> proof = MerkleTree.consistencyProof(source, size1, size);
        assertTrue(source.reads <= 3 * 64, () -> "consistency read " + source.reads);
        Hash root1 = MerkleTree.root(source, size1);
        assertDoesNotThrow(() -> MerkleProofs.verifyConsistency(size1, size, root1, root, proof));
        assertThrows(
            InvalidProofException.class,
            () -> MerkleProofs.verifyConsistency(size1, size, root, root, proof));
      }
    }
  }
}
