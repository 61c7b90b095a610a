package io.valise.tlog.merkle;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The 8-leaf reference tree that Certificate Transparency implementations share. Values taken as
 * data from google/trillian merkle/log_verifier_test.go (Apache-2.0; the same constants appear in
 * transparency-dev/merkle testonly/constants.go and in google/certificate-transparency's C++
 * merkle_tree_test.cc). The indices there are 1-based for inclusion proofs; here they are 0-based.
 */
class ReferenceVectorsTest {
  private static final List<String> LEAF_DATA =
      List.of(
          "",
          "00",
          "10",
          "2021",
          "3031",
          "40414243",
          "5051525354555657",
          "606162636465666768696a6b6c6d6e6f");

  /** Roots of the trees of sizes 0..8. */
  private static final List<String> ROOTS =
      List.of(
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
          "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
          "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
          "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
          "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
          "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  private static LeafHashes tree() {
    List<Hash> leaves = new ArrayList<>();
    for (String data : LEAF_DATA) {
      leaves.add(MerkleHash.leaf(HexFormat.of().parseHex(data)));
    }
    return LeafHashes.of(leaves);
  }

  private static List<Hash> hashes(String... hex) {
    return java.util.Arrays.stream(hex).map(Hash::fromHex).toList();
  }

  private static Hash root(int size) {
    return Hash.fromHex(ROOTS.get(size));
  }

  @Test
  void rootsOfEverySize() {
    LeafHashes tree = tree();
    CompactRange range = new CompactRange();
    for (int size = 0; size <= 8; size++) {
      assertEquals(root(size), MerkleTree.root(tree, size), "size " + size);
      assertEquals(root(size), range.root(), "compact range at size " + size);
      if (size < 8) {
        range.append(tree.get(size));
      }
    }
  }

  private static void checkInclusion(int index, int size, List<Hash> expected) {
    LeafHashes tree = tree();
    assertEquals(expected, MerkleTree.inclusionProof(tree, index, size));
    assertDoesNotThrow(
        () -> MerkleProofs.verifyInclusion(index, size, tree.get(index), expected, root(size)));
  }

  @Test
  void inclusionProofs() {
    checkInclusion(
        0,
        8,
        hashes(
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"));
    checkInclusion(
        5,
        8,
        hashes(
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));
    checkInclusion(
        2, 3, hashes("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"));
    checkInclusion(
        1,
        5,
        hashes(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"));
    checkInclusion(0, 1, List.of());
  }

  private static void checkConsistency(int size1, int size2, List<Hash> expected) {
    assertEquals(expected, MerkleTree.consistencyProof(tree(), size1, size2));
    assertDoesNotThrow(
        () -> MerkleProofs.verifyConsistency(size1, size2, root(size1), root(size2), expected));
  }

  @Test
  void consistencyProofs() {
    checkConsistency(1, 1, List.of());
    checkConsistency(
        1,
        8,
        hashes(
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"));
    checkConsistency(
        6,
        8,
        hashes(
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));
    checkConsistency(
        2,
        5,
        hashes(
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"));
  }
}
