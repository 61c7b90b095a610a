package io.valise.tlog.merkle;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A SHA-256 hash of a Merkle tree node, leaf or head: 32 immutable bytes. Hashes in a transparency
 * log are public, so equality is an ordinary (not constant-time) comparison.
 */
public final class Hash {
  /** The size of a hash in bytes. */
  public static final int SIZE = 32;

  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;

  private Hash(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A hash from its 32 bytes (copied). */
  public static Hash of(byte[] bytes) {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException(
          "a hash is " + SIZE + " bytes, not " + bytes.length + " bytes");
    }
    return new Hash(bytes.clone());
  }

  /** A hash from 64 hexadecimal digits (either case). */
  public static Hash fromHex(String hex) {
    if (hex.length() != 2 * SIZE) {
      throw new IllegalArgumentException(
          "a hash is " + 2 * SIZE + " hexadecimal digits, not " + hex.length());
    }
    return new Hash(HEX.parseHex(hex));
  }

  /** Wraps bytes this package has just computed and will not touch again. */
  static Hash wrap(byte[] bytes) {
    return new Hash(bytes);
  }

  /** A copy of the 32 bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** The byte at {@code index} (0..31). */
  public byte byteAt(int index) {
    return bytes[index];
  }

  /** The 64 lower-case hexadecimal digits. */
  public String hex() {
    return HEX.formatHex(bytes);
  }

  /** Feeds the bytes to a digest without copying them. */
  void updateDigest(java.security.MessageDigest digest) {
    digest.update(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Hash that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
