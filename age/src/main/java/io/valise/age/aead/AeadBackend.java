package io.valise.age.aead;

/** A source of {@link ChaCha20Poly1305} instances: the pure-JDK one, or a faster native one. */
public interface AeadBackend {
  /** A short name for logs and benchmarks, for example {@code jdk} or {@code openssl}. */
  String name();

  /**
   * Returns a new cipher keyed with a copy of {@code key}; the caller may wipe {@code key} after.
   *
   * @throws IllegalArgumentException if {@code key} is not 32 bytes
   */
  ChaCha20Poly1305 newCipher(byte[] key);
}
