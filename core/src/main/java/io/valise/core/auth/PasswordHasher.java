package io.valise.core.auth;

import io.valise.age.secret.Passphrase;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Hashes and verifies passwords with argon2id, stored as PHC strings.
 *
 * <p>Verification recomputes the hash with the stored parameters and compares in constant time.
 * Stored strings are parsed strictly and their costs bounded (at most 128 MiB, 10 passes, 8 lanes),
 * so a tampered row costs at most one bounded computation. Passwords are used as their UTF-8 bytes
 * with no Unicode normalisation; longer than {@value #MAX_PASSWORD_BYTES} bytes they are refused,
 * as no person types that and hashing them is work an attacker chooses.
 *
 * <p>Thread-safe; {@link #hash} draws its salt from the injected {@link SecureRandom}.
 */
public final class PasswordHasher {
  /** Longest accepted password in UTF-8 bytes. */
  public static final int MAX_PASSWORD_BYTES = 1024;

  private final PasswordPolicy policy;
  private final SecureRandom random;
  private final String decoy;

  /** A hasher that writes hashes at {@code policy} costs with salts from {@code random}. */
  public PasswordHasher(PasswordPolicy policy, SecureRandom random) {
    this.policy = policy;
    this.random = random;
    byte[] salt = new byte[policy.saltBytes()];
    random.nextBytes(salt);
    this.decoy =
        new PhcHash(
                policy.memoryKib(),
                policy.iterations(),
                policy.parallelism(),
                salt,
                new byte[policy.hashBytes()])
            .format();
  }

  /**
   * A new PHC string for {@code password} with a fresh random salt.
   *
   * @throws IllegalArgumentException if the password is longer than {@value #MAX_PASSWORD_BYTES}
   *     bytes
   * @throws IllegalStateException if the passphrase was destroyed
   */
  public String hash(Passphrase password) {
    byte[] salt = new byte[policy.saltBytes()];
    random.nextBytes(salt);
    byte[] pw = password.utf8();
    try {
      if (pw.length > MAX_PASSWORD_BYTES) {
        throw new IllegalArgumentException(
            "Password longer than [%d] bytes".formatted(MAX_PASSWORD_BYTES));
      }
      byte[] tag =
          Argon2id.derive(
              pw,
              salt,
              policy.memoryKib(),
              policy.iterations(),
              policy.parallelism(),
              policy.hashBytes());
      return new PhcHash(policy.memoryKib(), policy.iterations(), policy.parallelism(), salt, tag)
          .format();
    } finally {
      Arrays.fill(pw, (byte) 0);
    }
  }

  /**
   * Whether {@code password} matches the stored {@code phc}, compared in constant time. A password
   * longer than {@value #MAX_PASSWORD_BYTES} bytes never matches.
   *
   * @throws AuthFormatException if {@code phc} is malformed or its costs are out of bounds
   * @throws IllegalStateException if the passphrase was destroyed
   */
  public boolean verify(Passphrase password, String phc) {
    PhcHash stored = PhcHash.parse(phc);
    byte[] pw = password.utf8();
    try {
      if (pw.length > MAX_PASSWORD_BYTES) {
        return false;
      }
      byte[] tag =
          Argon2id.derive(
              pw,
              stored.salt(),
              stored.memoryKib,
              stored.iterations,
              stored.parallelism,
              stored.hashLength());
      return stored.matches(tag);
    } finally {
      Arrays.fill(pw, (byte) 0);
    }
  }

  /**
   * Spends the time of a verification at policy costs and returns false: call it when the account
   * does not exist, so that response time does not reveal which names are accounts.
   */
  public boolean verifyNoAccount(Passphrase password) {
    verify(password, decoy);
    return false;
  }

  /**
   * Whether {@code phc} is weaker than the policy (less memory, fewer passes, shorter salt or hash)
   * and should be replaced by {@link #hash} after the next successful verification. A higher cost
   * than the policy is kept.
   *
   * @throws AuthFormatException if {@code phc} is malformed or its costs are out of bounds
   */
  public boolean needsRehash(String phc) {
    PhcHash stored = PhcHash.parse(phc);
    return stored.memoryKib < policy.memoryKib()
        || stored.iterations < policy.iterations()
        || stored.saltLength() < policy.saltBytes()
        || stored.hashLength() < policy.hashBytes();
  }

  /** The policy new hashes are written with. */
  public PasswordPolicy policy() {
    return policy;
  }
}
