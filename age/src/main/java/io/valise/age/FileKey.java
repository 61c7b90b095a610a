package io.valise.age;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * The 128-bit symmetric key of one age file (age.md, "File key").
 *
 * <p>A secret: {@link #toString()} never prints it, {@link #equals(Object)} compares in constant
 * time, and {@link #destroy()} overwrites it. Bytes are only reachable through {@link
 * #copyBytes()}, whose caller must wipe the copy.
 */
public final class FileKey implements Destroyable, AutoCloseable {
  /** Length of a file key in bytes. */
  public static final int LENGTH = 16;

  private final byte[] key;
  private volatile boolean destroyed;

  private FileKey(byte[] key) {
    this.key = key;
  }

  /** Generates a fresh file key from {@code random}. */
  public static FileKey generate(SecureRandom random) {
    byte[] k = new byte[LENGTH];
    random.nextBytes(k);
    return new FileKey(k);
  }

  /**
   * Wraps a copy of {@code bytes}.
   *
   * @throws IllegalArgumentException if {@code bytes} is not 16 bytes long
   */
  public static FileKey of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "File key length [%d] not equal to required length [%d]".formatted(bytes.length, LENGTH));
    }
    return new FileKey(bytes.clone());
  }

  /**
   * Returns a copy of the key bytes; the caller wipes it after use.
   *
   * @throws IllegalStateException if this key was destroyed
   */
  public byte[] copyBytes() {
    if (destroyed) {
      throw new IllegalStateException("File key was destroyed");
    }
    return key.clone();
  }

  @Override
  public void destroy() {
    Arrays.fill(key, (byte) 0);
    destroyed = true;
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public void close() {
    destroy();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileKey other && MessageDigest.isEqual(key, other.key);
  }

  @Override
  public int hashCode() {
    return 0; // no secret-dependent hash
  }

  @Override
  public String toString() {
    return "FileKey[REDACTED]";
  }
}
