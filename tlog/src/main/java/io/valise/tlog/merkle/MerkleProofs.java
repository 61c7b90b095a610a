package io.valise.tlog.merkle;

import java.util.List;

/**
 * The client and witness side: verification of inclusion proofs (RFC 9162 §2.1.3.2) and consistency
 * proofs (RFC 9162 §2.1.4.2). Everything given here comes from an untrusted log, so a malformed
 * proof is an {@link InvalidProofException} like a wrong one, never a crash.
 */
public final class MerkleProofs {
  private MerkleProofs() {}

  /**
   * Checks that {@code leaf} is leaf {@code index} of the tree of {@code size} leaves whose head is
   * {@code root}.
   *
   * <p>{@code size} and {@code root} must come together from one signed checkpoint: a path only
   * fixes the shape of the tree around the leaf, and two sizes can share that shape.
   */
  public static void verifyInclusion(long index, long size, Hash leaf, List<Hash> proof, Hash root)
      throws InvalidProofException {
    Hash computed = rootFromInclusion(index, size, leaf, proof);
    if (!computed.equals(root)) {
      throw new InvalidProofException(
          "inclusion proof for leaf "
              + index
              + " in tree size "
              + size
              + " does not verify: expected root "
              + root
              + ", computed "
              + computed);
    }
  }

  /** The tree head that {@code proof} leads to from leaf {@code index}; checks only the form. */
  public static Hash rootFromInclusion(long index, long size, Hash leaf, List<Hash> proof)
      throws InvalidProofException {
    if (index < 0 || index >= size) {
      throw new InvalidProofException("leaf index " + index + " is not in a tree of size " + size);
    }
    int expected = inclusionProofLength(index, size);
    if (proof.size() != expected) {
      throw new InvalidProofException(
          "inclusion proof for leaf "
              + index
              + " in tree size "
              + size
              + " has "
              + proof.size()
              + " hashes, expected "
              + expected);
    }
    long fn = index;
    long sn = size - 1;
    Hash r = leaf;
    for (Hash p : proof) {
      if ((fn & 1) == 1 || fn == sn) {
        r = MerkleHash.node(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        r = MerkleHash.node(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      // Unreachable once the length is checked; kept as RFC 9162 states it.
      throw new InvalidProofException(
          "inclusion proof for leaf " + index + " in tree size " + size + " is too short");
    }
    return r;
  }

  /**
   * Checks that the tree of {@code size2} leaves with head {@code root2} extends the tree of {@code
   * size1} leaves with head {@code root1}.
   */
  public static void verifyConsistency(
      long size1, long size2, Hash root1, Hash root2, List<Hash> proof)
      throws InvalidProofException {
    if (size1 < 0 || size1 > size2) {
      throw new InvalidProofException(
          "tree size " + size2 + " cannot extend tree size " + size1 + ": logs only grow");
    }
    if (size1 == size2 || size1 == 0) {
      if (!proof.isEmpty()) {
        throw new InvalidProofException(
            "consistency proof from tree size "
                + size1
                + " to "
                + size2
                + " must be empty, has "
                + proof.size()
                + " hashes");
      }
      Hash expected = size1 == 0 ? MerkleHash.EMPTY : root2;
      if (!root1.equals(expected)) {
        throw new InvalidProofException(
            "tree size "
                + size1
                + " has head "
                + root1
                + ", expected "
                + expected
                + " (from tree size "
                + size2
                + ")");
      }
      return;
    }
    int expected = consistencyProofLength(size1, size2);
    if (proof.size() != expected) {
      throw new InvalidProofException(
          "consistency proof from tree size "
              + size1
              + " to "
              + size2
              + " has "
              + proof.size()
              + " hashes, expected "
              + expected);
    }
    boolean oldTreeIsPerfect = Long.bitCount(size1) == 1;
    int next = 0;
    Hash seed;
    if (oldTreeIsPerfect) {
      seed = root1;
    } else {
      seed = proof.get(next++);
    }
    long fn = size1 - 1;
    long sn = size2 - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    Hash fr = seed;
    Hash sr = seed;
    for (; next < proof.size(); next++) {
      Hash c = proof.get(next);
      if (sn == 0) {
        throw new InvalidProofException(
            "consistency proof from tree size " + size1 + " to " + size2 + " is too long");
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = MerkleHash.node(c, fr);
        sr = MerkleHash.node(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        sr = MerkleHash.node(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new InvalidProofException(
          "consistency proof from tree size " + size1 + " to " + size2 + " is too short");
    }
    if (!fr.equals(root1)) {
      throw new InvalidProofException(
          "consistency proof from tree size "
              + size1
              + " to "
              + size2
              + " does not verify: expected old root "
              + root1
              + ", computed "
              + fr);
    }
    if (!sr.equals(root2)) {
      throw new InvalidProofException(
          "consistency proof from tree size "
              + size1
              + " to "
              + size2
              + " does not verify: expected new root "
              + root2
              + ", computed "
              + sr);
    }
  }

  /** The number of hashes in the audit path of leaf {@code index} (0 &lt;= index &lt; size). */
  static int inclusionProofLength(long index, long size) {
    int inner = 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
    int border = Long.bitCount(index >>> inner);
    return inner + border;
  }

  /** The number of hashes in a consistency proof, for 0 &lt; size1 &lt; size2. */
  static int consistencyProofLength(long size1, long size2) {
    int inner = 64 - Long.numberOfLeadingZeros((size1 - 1) ^ (size2 - 1));
    int border = Long.bitCount((size1 - 1) >>> inner);
    int shift = Long.numberOfTrailingZeros(size1);
    int seed = Long.bitCount(size1) == 1 ? 0 : 1;
    return seed + inner - shift + border;
  }
}
