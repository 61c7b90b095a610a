package io.valise.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.core.audit.AuditRepository.Node;
import io.valise.tlog.merkle.CompactRange;
import io.valise.tlog.merkle.Hash;
import io.valise.tlog.merkle.LeafHashes;
import io.valise.tlog.merkle.MerkleHash;
import io.valise.tlog.merkle.MerkleProofs;
import io.valise.tlog.merkle.MerkleTree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A receipt's inclusion proof is computed from the hashes its sequencer pass knew: for every size
 * before the pass up to 140 and every pass length up to 70, the proof of every leaf of the pass
 * equals the proof over the whole tree and verifies; so does a sample from a pass of a full batch
 * on a larger tree. The completed subtrees it hands to the store are those of the whole tree.
 */
class PassTreeTest {
  private static final int LEAVES = 256;

  @Test
  void everyProofOfEveryPassEqualsTheWholeTreesProof() throws Exception {
    List<Hash> leaves = leaves(LEAVES);
    LeafHashes whole = WholeTree.memoized(leaves);
    int proofs = 0;
    for (int start = 0; start <= 140; start++) {
      for (int count = 1; count <= 70 && start + count <= LEAVES; count++) {
        PassTree pass = pass(leaves, start, count);
        long size = (long) start + count;
        assertEquals(MerkleTree.root(whole, size), pass.root(), "root " + start + "+" + count);
        for (long i = start; i < size; i++) {
          List<Hash> proof = pass.inclusion(i);
          assertEquals(MerkleTree.inclusionProof(whole, i, size), proof, i + " in " + size);
          MerkleProofs.verifyInclusion(i, size, leaves.get((int) i), proof, pass.root());
          proofs++;
        }
      }
    }
    assertEquals(141 * 70 * 71 / 2, proofs);
  }

  @Test
  void aFullBatchOnALargerTree() {
    int start = 70_001;
    int count = 4096;
    List<Hash> leaves = leaves(start + count);
    LeafHashes whole = WholeTree.memoized(leaves);
    PassTree pass = pass(leaves, start, count);
    for (long i = start; i < start + count; i += 7) {
      assertEquals(MerkleTree.inclusionProof(whole, i, start + count), pass.inclusion(i));
    }
    assertEquals(MerkleTree.inclusionProof(whole, start, start + count), pass.inclusion(start));
  }

  @Test
  void completedSubtreesAreTheWholeTreesAndEndInThePass() {
    List<Hash> leaves = leaves(LEAVES);
    LeafHashes whole = WholeTree.memoized(leaves);
    PassTree pass = pass(leaves, 37, 100);
    for (Node n : pass.completed()) {
      long first = n.index() << n.level();
      long last = first + (1L << n.level()) - 1;
      assertTrue(last >= 37 && last < 137, "subtree ending at " + last);
      assertEquals(
          whole.perfectSubtree(first, 1L << n.level()), Hash.of(n.hash().toByteArray()), "" + n);
    }
  }

  @Test
  void refusesLeavesOfOtherPasses() {
    PassTree pass = pass(leaves(20), 5, 10);
    assertThrows(IllegalArgumentException.class, () -> pass.inclusion(4));
    assertThrows(IllegalArgumentException.class, () -> pass.inclusion(15));
  }

  private static PassTree pass(List<Hash> leaves, int start, int count) {
    CompactRange before = new CompactRange();
    for (int i = 0; i < start; i++) {
      before.append(leaves.get(i));
    }
    PassTree pass = new PassTree(start, before.nodes());
    for (int i = start; i < start + count; i++) {
      pass.append(leaves.get(i));
    }
    return pass;
  }

  private static List<Hash> leaves(int n) {
    List<Hash> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(MerkleHash.leaf(("entry " + i).getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }
}
