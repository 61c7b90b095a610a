package io.valise.age.scrypt;

import io.valise.age.FileKey;
import io.valise.age.HeaderException;
import io.valise.age.Identity;
import io.valise.age.Stanza;
import io.valise.age.format.Base64s;
import io.valise.age.primitives.KeyWrap;
import io.valise.age.secret.Passphrase;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** A passphrase as an identity: opens scrypt stanzas. */
public final class ScryptIdentity implements Identity {
  private static final Pattern DECIMAL = Pattern.compile("[1-9][0-9]*");

  private final Passphrase passphrase;
  private final int maxWorkFactor;

  /**
   * @param passphrase the passphrase; the caller keeps ownership and wipes it
   * @param maxWorkFactor highest work factor accepted, to bound the cost of a hostile file
   */
  public ScryptIdentity(Passphrase passphrase, int maxWorkFactor) {
    this.passphrase = passphrase;
    this.maxWorkFactor = Math.min(maxWorkFactor, Scrypt.MAX_WORK_FACTOR);
  }

  /** An identity accepting work factors up to the library's bound. */
  public ScryptIdentity(Passphrase passphrase) {
    this(passphrase, Scrypt.MAX_WORK_FACTOR);
  }

  @Override
  public Optional<FileKey> unwrap(List<Stanza> stanzas) throws HeaderException {
    for (Stanza s : stanzas) {
      if (!s.type().equals(Scrypt.TYPE)) {
        continue;
      }
      if (stanzas.size() != 1) {
        throw new HeaderException("An scrypt stanza must be the only stanza in the header");
      }
      return unwrapOne(s);
    }
    return Optional.empty();
  }

  private Optional<FileKey> unwrapOne(Stanza s) throws HeaderException {
    if (s.args().size() != 3) {
      throw new HeaderException(
          "scrypt stanza has [%d] arguments, expected 3".formatted(s.args().size()));
    }
    byte[] salt;
    try {
      salt = Base64s.decode(s.args().get(1), Scrypt.SALT_LENGTH);
    } catch (IllegalArgumentException e) {
      throw new HeaderException("scrypt stanza salt: " + e.getMessage(), e);
    }
    String wf = s.args().get(2);
    if (!DECIMAL.matcher(wf).matches() || wf.length() > 2) {
      throw new HeaderException("scrypt work factor [%s] is not a canonical decimal".formatted(wf));
    }
    int workFactor = Integer.parseInt(wf);
    if (workFactor > maxWorkFactor) {
      throw new HeaderException(
          "scrypt work factor [%d] above the limit [%d]".formatted(workFactor, maxWorkFactor));
    }
    if (s.bodyLength() != KeyWrap.BODY_LENGTH) {
      throw new HeaderException(
          "scrypt stanza body length [%d] not equal to required length [%d]"
              .formatted(s.bodyLength(), KeyWrap.BODY_LENGTH));
    }
    byte[] wrapKey = Scrypt.wrapKey(passphrase, salt, workFactor);
    try {
      return KeyWrap.unwrap(wrapKey, s.body());
    } finally {
      Arrays.fill(wrapKey, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "ScryptIdentity[REDACTED]";
  }
}
