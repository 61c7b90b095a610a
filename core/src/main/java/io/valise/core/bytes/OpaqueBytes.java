package io.valise.core.bytes;

import java.util.Arrays;

/**
 * Bytes the server keeps but never interprets: an age header, an encrypted metadata part, an
 * encrypted TOTP secret. Immutable (copied in and out) and compared by content. {@link #toString}
 * gives only the length, so that logs never carry the bytes.
 */
public final class OpaqueBytes {
  private final byte[] bytes;

  private OpaqueBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A copy of {@code bytes}; later changes to the array do not show. */
  public static OpaqueBytes of(byte[] bytes) {
    return new OpaqueBytes(bytes.clone());
  }

  /** A fresh copy of the bytes. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** The number of bytes. */
  public int length() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OpaqueBytes other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "OpaqueBytes[length=" + bytes.length + "]";
  }
}
