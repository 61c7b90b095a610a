package io.valise.tlog.merkle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tree heads and proofs agree with {@link Naive}, RFC 6962 §2.1 transcribed, on small trees. */
class NaiveAgreementTest {
  private static List<byte[]> naiveLeaves(int n) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Naive.leaf(TestTrees.data(i)));
    }
    return out;
  }

  @Test
  void hashingRules() {
    assertEquals(Hash.of(Naive.sha256()), MerkleHash.EMPTY);
    byte[] data = {1, 2, 3};
    assertEquals(Hash.of(Naive.leaf(data)), MerkleHash.leaf(data));
    Hash a = MerkleHash.leaf(new byte[] {4});
    Hash b = MerkleHash.leaf(new byte[] {5});
    assertEquals(Hash.of(Naive.node(a.toBytes(), b.toBytes())), MerkleHash.node(a, b));
  }

  @Test
  void smallTreesByHand() {
    // Sizes 0..8, and on to 70 so that every split shape up to 64 is seen.
    for (int n = 0; n <= 70; n++) {
      List<byte[]> naive = naiveLeaves(n);
      LeafHashes plain = LeafHashes.of(TestTrees.leaves(n));
      LeafHashes cached = TestTrees.cached(TestTrees.leaves(n));
      Hash expectedRoot = Hash.of(Naive.mth(naive));
      assertEquals(expectedRoot, MerkleTree.root(plain, n), "root of size " + n);
      assertEquals(expectedRoot, MerkleTree.root(cached, n), "root of size " + n);
      for (int m = 0; m < n; m++) {
        assertEquals(
            Naive.hashes(Naive.path(m, naive)),
            MerkleTree.inclusionProof(plain, m, n),
            "inclusion of " + m + " in " + n);
        assertEquals(
            MerkleProofs.inclusionProofLength(m, n),
            Naive.path(m, naive).size(),
            "inclusion proof length of " + m + " in " + n);
      }
      for (int m = 1; m < n; m++) {
        assertEquals(
            Naive.hashes(Naive.proof(m, naive)),
            MerkleTree.consistencyProof(cached, m, n),
            "consistency of " + m + " with " + n);
        assertEquals(
            MerkleProofs.consistencyProofLength(m, n),
            Naive.proof(m, naive).size(),
            "consistency proof length of " + m + " to " + n);
      }
    }
  }

  @Test
  void compactRangeMatchesTheHeadAtEverySize() {
    List<Hash> leaves = TestTrees.leaves(300);
    LeafHashes source = TestTrees.cached(leaves);
    CompactRange range = new CompactRange();
    for (int n = 0; n <= 300; n++) {
      assertEquals(MerkleTree.root(source, n), range.root(), "size " + n);
      CompactRange resumed = CompactRange.resume(range.size(), range.nodes());
      assertEquals(range.root(), resumed.root());
      if (n < 300) {
        range.append(leaves.get(n));
      }
    }
  }
}
