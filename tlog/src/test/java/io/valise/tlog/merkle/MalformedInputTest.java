package io.valise.tlog.merkle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Malformed inputs are refused with a message that says what is wrong. */
class MalformedInputTest {
  private static final List<Hash> LEAVES = TestTrees.leaves(8);
  private static final LeafHashes SOURCE = LeafHashes.of(LEAVES);
  private static final Hash ROOT = MerkleTree.root(SOURCE, 8);

  private static void assertMessage(Exception e, String... parts) {
    String message = String.valueOf(e.getMessage());
    for (String part : parts) {
      assertTrue(message.contains(part), () -> message + " lacks " + part);
    }
  }

  @Test
  void inclusionIndexOutsideTheTree() {
    var e =
        assertThrows(
            InvalidProofException.class,
            () -> MerkleProofs.verifyInclusion(8, 8, LEAVES.get(0), List.of(), ROOT));
    assertMessage(e, "leaf index 8", "size 8");
    assertThrows(
        InvalidProofException.class,
        () -> MerkleProofs.verifyInclusion(-1, 8, LEAVES.get(0), List.of(), ROOT));
    assertThrows(
        InvalidProofException.class,
        () -> MerkleProofs.verifyInclusion(0, 0, MerkleHash.EMPTY, List.of(), MerkleHash.EMPTY));
    assertThrows(IllegalArgumentException.class, () -> MerkleTree.inclusionProof(SOURCE, 8, 8));
  }

  @Test
  void inclusionWrongLength() {
    List<Hash> proof = MerkleTree.inclusionProof(SOURCE, 3, 8);
    var e =
        assertThrows(
            InvalidProofException.class,
            () -> MerkleProofs.verifyInclusion(3, 8, LEAVES.get(3), proof.subList(0, 2), ROOT));
    assertMessage(e, "leaf 3", "tree size 8", "has 2 hashes, expected 3");
  }

  @Test
  void inclusionMismatchNamesBothRoots() {
    List<Hash> proof = MerkleTree.inclusionProof(SOURCE, 3, 8);
    var e =
        assertThrows(
            InvalidProofException.class,
            () -> MerkleProofs.verifyInclusion(3, 8, LEAVES.get(4), proof, ROOT));
    assertMessage(e, "leaf 3", "tree size 8", "expected root " + ROOT, "computed ");
  }

  @Test
  void consistencyShrinkingLog() {
    var e =
        assertThrows(
            InvalidProofException.class,
            () -> MerkleProofs.verifyConsistency(5, 4, ROOT, ROOT, List.of()));
    assertMessage(e, "tree size 4 cannot extend tree size 5");
    assertThrows(IllegalArgumentException.class, () -> MerkleTree.consistencyProof(SOURCE, 5, 4));
  }

  @Test
  void consistencyWrongLengthAndTrivialCases() {
    List<Hash> proof = MerkleTree.consistencyProof(SOURCE, 3, 8);
    Hash root3 = MerkleTree.root(SOURCE, 3);
    var e =
        assertThrows(
            InvalidProofException.class,
            () -> MerkleProofs.verifyConsistency(3, 8, root3, ROOT, proof.subList(1, 4)));
    assertMessage(e, "from tree size 3 to 8", "has 3 hashes, expected 4");
    // Equal sizes: empty proof, equal heads.
    assertThrows(
        InvalidProofException.class,
        () -> MerkleProofs.verifyConsistency(8, 8, root3, ROOT, List.of()));
    assertThrows(
        InvalidProofException.class,
        () -> MerkleProofs.verifyConsistency(8, 8, ROOT, ROOT, List.of(ROOT)));
    // From the empty tree: the old head must be the empty tree's.
    assertThrows(
        InvalidProofException.class,
        () -> MerkleProofs.verifyConsistency(0, 8, ROOT, ROOT, List.of()));
  }

  @Test
  void hashValue() {
    Hash h = MerkleHash.EMPTY;
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", h.hex());
    assertEquals(h, Hash.fromHex(h.hex().toUpperCase(java.util.Locale.ROOT)));
    assertEquals(h, Hash.of(h.toBytes()));
    assertEquals(h.hashCode(), Hash.of(h.toBytes()).hashCode());
    assertThrows(IllegalArgumentException.class, () -> Hash.of(new byte[31]));
    assertThrows(IllegalArgumentException.class, () -> Hash.fromHex("00"));
    assertThrows(IllegalArgumentException.class, () -> Hash.fromHex("zz".repeat(32)));
    assertThrows(IllegalArgumentException.class, () -> CompactRange.resume(3, List.of(h)));
  }
}
