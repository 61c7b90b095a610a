package io.valise.age.scrypt;

import io.valise.age.secret.Passphrase;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.SCrypt;

/** The scrypt wrap-key derivation of age.md; scrypt itself comes from Bouncy Castle. */
final class Scrypt {
  static final String TYPE = "scrypt";
  static final int SALT_LENGTH = 16;

  /**
   * Highest work factor accepted, as the age tool does: 2^22 costs 4 GiB and several seconds, which
   * bounds what a hostile file can make us spend.
   */
  static final int MAX_WORK_FACTOR = 22;

  private static final byte[] LABEL =
      "age-encryption.org/v1/scrypt".getBytes(StandardCharsets.US_ASCII);

  private Scrypt() {}

  static byte[] wrapKey(Passphrase passphrase, byte[] salt, int workFactor) {
    byte[] s = Arrays.copyOf(LABEL, LABEL.length + salt.length);
    System.arraycopy(salt, 0, s, LABEL.length, salt.length);
    byte[] p = passphrase.utf8();
    try {
      return SCrypt.generate(p, s, 1 << workFactor, 8, 1, 32);
    } finally {
      Arrays.fill(p, (byte) 0);
    }
  }
}
