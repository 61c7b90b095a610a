package io.valise.tlog.merkle;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every tree size up to {@value #MAX}: every generated proof verifies, and a proof with any hash
 * changed, or checked against another index, size or root, does not.
 *
 * <p>Flipping: for sizes up to {@value #EVERY_BYTE_UP_TO} every byte of every proof hash is flipped
 * in turn; above, one byte per proof hash, at a position that rotates with index and size so that
 * all 32 positions are exercised (keeps the test within a few seconds).
 */
class ProofSweepTest {
  private static final int MAX = 200;
  private static final int EVERY_BYTE_UP_TO = 48;

  private static final List<Hash> LEAVES = TestTrees.leaves(MAX + 1);
  private static final LeafHashes SOURCE = TestTrees.cached(LEAVES);
  private static final List<Hash> ROOTS = roots();

  private static List<Hash> roots() {
    List<Hash> roots = new ArrayList<>();
    CompactRange range = new CompactRange();
    for (int n = 0; n <= MAX; n++) {
      roots.add(range.root());
      range.append(LEAVES.get(n));
    }
    return roots;
  }

  private static Hash flip(Hash h, int position, int mask) {
    byte[] bytes = h.toBytes();
    bytes[position] ^= (byte) mask;
    return Hash.of(bytes);
  }

  private static List<List<Hash>> tampered(List<Hash> proof, int index, int size, Random random) {
    List<List<Hash>> out = new ArrayList<>();
    for (int i = 0; i < proof.size(); i++) {
      List<Integer> positions = new ArrayList<>();
      if (size <= EVERY_BYTE_UP_TO) {
        for (int p = 0; p < Hash.SIZE; p++) {
          positions.add(p);
        }
      } else {
        positions.add((index + size + i) % Hash.SIZE);
      }
      for (int p : positions) {
        List<Hash> copy = new ArrayList<>(proof);
        copy.set(i, flip(proof.get(i), p, 1 + random.nextInt(255)));
        out.add(copy);
      }
    }
    // Structural damage: truncated, extended, a hash doubled.
    if (!proof.isEmpty()) {
      out.add(proof.subList(0, proof.size() - 1));
      List<Hash> doubled = new ArrayList<>(proof);
      doubled.add(0, proof.get(0));
      out.add(doubled);
    }
    List<Hash> extended = new ArrayList<>(proof);
    extended.add(MerkleHash.EMPTY);
    out.add(extended);
    return out;
  }

  @Test
  void inclusion() {
    Random random = new Random(6962);
    for (int size = 1; size <= MAX; size++) {
      Hash root = ROOTS.get(size);
      for (int index = 0; index < size; index++) {
        Hash leaf = LEAVES.get(index);
        List<Hash> proof = MerkleTree.inclusionProof(SOURCE, index, size);
        int i = index;
        int n = size;
        assertDoesNotThrow(() -> MerkleProofs.verifyInclusion(i, n, leaf, proof, root));
        for (List<Hash> bad : tampered(proof, index, size, random)) {
          assertThrows(
              InvalidProofException.class,
              () -> MerkleProofs.verifyInclusion(i, n, leaf, bad, root),
              () -> "tampered proof for " + i + " in " + n);
        }
        assertThrows(
            InvalidProofException.class,
            () -> MerkleProofs.verifyInclusion(i, n, LEAVES.get(MAX), proof, root));
        // Another index in the same tree: that leaf, this proof.
        for (int other : new int[] {index - 1, index + 1, index ^ 2, index ^ 5}) {
          if (other >= 0 && other < size && other != index) {
            Hash otherLeaf = LEAVES.get(other);
            assertThrows(
                InvalidProofException.class,
                () -> MerkleProofs.verifyInclusion(other, n, otherLeaf, proof, root),
                () -> "proof for " + i + " accepted for " + other + " in " + n);
            assertThrows(
                InvalidProofException.class,
                () -> MerkleProofs.verifyInclusion(other, n, leaf, proof, root));
          }
        }
        // Another size, against that size's real head: verifies exactly when the proofs agree.
        for (int other : new int[] {size - 1, size + 1, size * 2, size / 2}) {
          if (other > index && other <= MAX && other != size) {
            Hash otherRoot = ROOTS.get(other);
            boolean same = MerkleTree.inclusionProof(SOURCE, index, other).equals(proof);
            int o = other;
            if (same) {
              assertDoesNotThrow(() -> MerkleProofs.verifyInclusion(i, o, leaf, proof, otherRoot));
            } else {
              assertThrows(
                  InvalidProofException.class,
                  () -> MerkleProofs.verifyInclusion(i, o, leaf, proof, otherRoot),
                  () -> "proof for " + i + " in " + n + " accepted for size " + o);
            }
          }
        }
        // A head of another size.
        Hash wrongRoot = ROOTS.get(size == 1 ? 2 : size - 1);
        assertThrows(
            InvalidProofException.class,
            () -> MerkleProofs.verifyInclusion(i, n, leaf, proof, wrongRoot));
      }
    }
  }

  @Test
  void consistency() {
    Random random = new Random(9162);
    for (int size2 = 0; size2 <= MAX; size2++) {
      Hash root2 = ROOTS.get(size2);
      for (int size1 = 0; size1 <= size2; size1++) {
        Hash root1 = ROOTS.get(size1);
        List<Hash> proof = MerkleTree.consistencyProof(SOURCE, size1, size2);
        int m = size1;
        int n = size2;
        assertDoesNotThrow(() -> MerkleProofs.verifyConsistency(m, n, root1, root2, proof));
        if (size1 == size2 || size1 == 0) {
          assertEquals(List.of(), proof);
        }
        for (List<Hash> bad : tampered(proof, size1, size2, random)) {
          assertThrows(
              InvalidProofException.class,
              () -> MerkleProofs.verifyConsistency(m, n, root1, root2, bad),
              () -> "tampered proof from " + m + " to " + n);
        }
        if (size1 == size2) {
          continue;
        }
        // Wrong heads.
        Hash notRoot1 = flip(root1, (m + n) % Hash.SIZE, 0x80);
        Hash notRoot2 = flip(root2, (m * n) % Hash.SIZE, 0x01);
        assertThrows(
            InvalidProofException.class,
            () -> MerkleProofs.verifyConsistency(m, n, notRoot1, root2, proof));
        if (m > 0) {
          // From the empty tree every head is consistent: nothing binds root2 there.
          assertThrows(
              InvalidProofException.class,
              () -> MerkleProofs.verifyConsistency(m, n, root1, notRoot2, proof));
        }
        // Other sizes, against their real heads: verifies exactly when the proofs agree.
        int[][] others = {
          {m - 1, n}, {m + 1, n}, {m ^ 2, n}, {m, n - 1}, {m, n + 1}, {m, 2 * n}, {m, n / 2}
        };
        for (int[] pair : others) {
          int a = pair[0];
          int b = pair[1];
          if (a < 0 || b > MAX || a > b || (a == m && b == n)) {
            continue;
          }
          boolean same = MerkleTree.consistencyProof(SOURCE, a, b).equals(proof);
          Hash ra = ROOTS.get(a);
          Hash rb = ROOTS.get(b);
          if (same) {
            assertDoesNotThrow(() -> MerkleProofs.verifyConsistency(a, b, ra, rb, proof));
          } else {
            assertThrows(
                InvalidProofException.class,
                () -> MerkleProofs.verifyConsistency(a, b, ra, rb, proof),
                () -> "proof from " + m + " to " + n + " accepted from " + a + " to " + b);
          }
        }
      }
    }
  }
}
