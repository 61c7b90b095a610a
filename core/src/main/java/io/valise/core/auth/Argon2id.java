package io.valise.core.auth;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/** Argon2id version 1.3 (RFC 9106) through Bouncy Castle. */
final class Argon2id {
  private static final byte[] NONE = new byte[0];

  private Argon2id() {}

  /**
   * The tag for {@code password} with no secret and no associated data, as password hashes use. The
   * caller bounds the costs (see {@link PhcHash}).
   */
  static byte[] derive(
      byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
    return derive(password, salt, NONE, NONE, memoryKib, iterations, parallelism, length);
  }

  /** The full RFC 9106 function, with a secret key K and associated data X. */
  static byte[] derive(
      byte[] password,
      byte[] salt,
      byte[] secret,
      byte[] associated,
      int memoryKib,
      int iterations,
      int parallelism,
      int length) {
    Argon2Parameters params =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memoryKib)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .withSalt(salt)
            .withSecret(secret)
            .withAdditional(associated)
            .build();
    try {
      Argon2BytesGenerator generator = new Argon2BytesGenerator();
      generator.init(params);
      byte[] out = new byte[length];
      generator.generateBytes(password, out);
      return out;
    } finally {
      params.clear();
    }
  }
}
