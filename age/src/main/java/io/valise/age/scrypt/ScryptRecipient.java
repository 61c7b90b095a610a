package io.valise.age.scrypt;

import io.valise.age.FileKey;
import io.valise.age.Recipient;
import io.valise.age.Stanza;
import io.valise.age.format.Base64s;
import io.valise.age.primitives.KeyWrap;
import io.valise.age.secret.Passphrase;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A passphrase as a recipient (age.md, "The scrypt recipient type"). Always alone in a header: its
 * {@link #labels()} set is unique to the instance.
 */
public final class ScryptRecipient implements Recipient {
  /** Default work factor, log2(N): about a second on a laptop, as the age tool uses. */
  public static final int DEFAULT_WORK_FACTOR = 18;

  private final Passphrase passphrase;
  private final int workFactor;
  private final String label;

  /**
   * @param passphrase the passphrase; the caller keeps ownership and wipes it
   * @param workFactor log2 of scrypt's N, 1 to {@link Scrypt#MAX_WORK_FACTOR}
   * @throws IllegalArgumentException if the work factor is out of range
   */
  public ScryptRecipient(Passphrase passphrase, int workFactor) {
    if (workFactor < 1 || workFactor > Scrypt.MAX_WORK_FACTOR) {
      throw new IllegalArgumentException(
          "Work factor [%d] outside 1..%d".formatted(workFactor, Scrypt.MAX_WORK_FACTOR));
    }
    this.passphrase = passphrase;
    this.workFactor = workFactor;
    this.label = "scrypt-" + System.identityHashCode(this);
  }

  @Override
  public List<Stanza> wrap(FileKey fileKey, SecureRandom random) {
    byte[] salt = new byte[Scrypt.SALT_LENGTH];
    random.nextBytes(salt);
    byte[] wrapKey = Scrypt.wrapKey(passphrase, salt, workFactor);
    try {
      return List.of(
          new Stanza(
              List.of(Scrypt.TYPE, Base64s.encode(salt), Integer.toString(workFactor)),
              KeyWrap.wrap(wrapKey, fileKey)));
    } finally {
      Arrays.fill(wrapKey, (byte) 0);
    }
  }

  @Override
  public Set<String> labels() {
    return Set.of(label);
  }

  @Override
  public String toString() {
    return "ScryptRecipient[REDACTED, workFactor=" + workFactor + "]";
  }
}
