package io.valise.age.aead;

/**
 * Chooses the {@link AeadBackend} at run time: the fastest one that loads and passes its self-test,
 * else the pure-JDK one.
 */
public final class AeadBackends {
  private AeadBackends() {}

  /** The pure-JDK backend: always available. */
  public static AeadBackend jdk() {
    return JdkChaCha20Poly1305.BACKEND;
  }

  /** The best backend available on this machine. */
  public static AeadBackend best() {
    return jdk();
  }
}
