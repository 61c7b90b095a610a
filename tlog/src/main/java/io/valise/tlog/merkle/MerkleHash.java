package io.valise.tlog.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The RFC 6962 hashing rules (§2.1), with SHA-256: a leaf is {@code H(0x00 || data)}, an interior
 * node is {@code H(0x01 || left || right)}, and the empty tree is {@code H("")}. The prefixes keep
 * a leaf from ever being taken for a node (second preimage).
 */
public final class MerkleHash {
  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;

  /** The head of the empty tree: SHA-256 of the empty string. */
  public static final Hash EMPTY = Hash.wrap(sha256().digest());

  private MerkleHash() {}

  /** The hash of a leaf whose entry is {@code data}. */
  public static Hash leaf(byte[] data) {
    MessageDigest digest = sha256();
    digest.update(LEAF_PREFIX);
    digest.update(data);
    return Hash.wrap(digest.digest());
  }

  /** The hash of an interior node whose children are {@code left} and {@code right}. */
  public static Hash node(Hash left, Hash right) {
    MessageDigest digest = sha256();
    digest.update(NODE_PREFIX);
    left.updateDigest(digest);
    right.updateDigest(digest);
    return Hash.wrap(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
