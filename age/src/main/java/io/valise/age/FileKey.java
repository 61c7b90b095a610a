package io.valise.age;

import io.valise.age.secret.SecretBytes;
import java.security.SecureRandom;

/**
 * The 128-bit symmetric key of one age file (age.md, "File key").
 *
 * <p>A secret ({@link SecretBytes}): redacted, compared in constant time, wiped on close. Bytes are
 * only reachable through {@link #copyBytes()}, whose caller must wipe the copy.
 */
public final class FileKey extends SecretBytes {
  /** Length of a file key in bytes. */
  public static final int LENGTH = 16;

  private FileKey(byte[] key) {
    super(key);
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
    return secret().clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileKey other && sameSecret(other);
  }

  @Override
  public int hashCode() {
    return 0; // no secret-dependent hash
  }
}
