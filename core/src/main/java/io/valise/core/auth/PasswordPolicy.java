package io.valise.core.auth;

/**
 * Cost of new argon2id password hashes.
 *
 * <p>The default follows the OWASP Password Storage Cheat Sheet's argon2id recommendation of 19 MiB
 * of memory, 2 iterations and 1 degree of parallelism: among OWASP's equivalent settings it uses
 * the least memory per login, which matters on a server that verifies many logins at once, while
 * still costing an attacker 19 MiB per guess. Salt is 16 bytes and hash 32 bytes, as RFC 9106
 * recommends.
 *
 * @param memoryKib memory in KiB, at least 8 per lane
 * @param iterations passes over memory
 * @param parallelism lanes
 * @param saltBytes random salt length
 * @param hashBytes tag length
 */
public record PasswordPolicy(
    int memoryKib, int iterations, int parallelism, int saltBytes, int hashBytes) {

  /** OWASP's m=19456 KiB, t=2, p=1, with a 16-byte salt and a 32-byte hash. */
  public static final PasswordPolicy OWASP = new PasswordPolicy(19_456, 2, 1, 16, 32);

  /**
   * Checks the costs against the same bounds as stored hashes, so that every hash we write we can
   * also read.
   *
   * @throws AuthFormatException if a value is out of bounds
   */
  public PasswordPolicy {
    PhcHash.checkBounds(memoryKib, iterations, parallelism, saltBytes, hashBytes);
  }
}
