package io.valise.tlog.note;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** A 32-byte tree root hash (RFC 6962 SHA-256), immutable. */
public final class RootHash {
  public static final int SIZE = 32;

  private final byte[] bytes;

  private RootHash(byte[] bytes) {
    this.bytes = bytes;
  }

  public static RootHash of(byte[] bytes) {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("a root hash is 32 bytes, not " + bytes.length);
    }
    return new RootHash(bytes.clone());
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public String base64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RootHash h && MessageDigest.isEqual(h.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(bytes);
  }
}
