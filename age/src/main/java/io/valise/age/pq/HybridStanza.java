package io.valise.age.pq;

import io.valise.age.FileKey;
import io.valise.age.HeaderException;
import io.valise.age.Stanza;
import io.valise.age.format.Base64s;
import java.security.InvalidKeyException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.crypto.AEADBadTagException;

/**
 * An {@code mlkem768x25519} stanza that passed the checks age.md requires before decryption: two
 * arguments, an enc of exactly 1120 bytes in canonical base64, and a body of exactly 32 bytes (a
 * 16-byte file key and its tag; checking first closes partitioning oracles).
 */
final class HybridStanza {
  static final int BODY_LENGTH = 32;

  private final byte[] enc;
  private final byte[] body;

  private HybridStanza(byte[] enc, byte[] body) {
    this.enc = enc;
    this.body = body;
  }

  /**
   * Checks and keeps every {@code mlkem768x25519} stanza of {@code stanzas}, in order; ignores the
   * others.
   *
   * @throws HeaderException naming the first malformed {@code mlkem768x25519} stanza's problem
   */
  static List<HybridStanza> parseAll(List<Stanza> stanzas) throws HeaderException {
    List<HybridStanza> out = new ArrayList<>();
    for (Stanza s : stanzas) {
      if (s.type().equals(MlKem768X25519Recipient.TYPE)) {
        out.add(parse(s));
      }
    }
    return out;
  }

  private static HybridStanza parse(Stanza stanza) throws HeaderException {
    List<String> args = stanza.args();
    if (args.size() != 2) {
      throw new HeaderException(
          "mlkem768x25519 stanza argument count [%d] not equal to required count [2]"
              .formatted(args.size()));
    }
    byte[] enc;
    try {
      enc = Base64s.decode(args.get(1), XWing.ENC_LENGTH);
    } catch (IllegalArgumentException e) {
      throw new HeaderException("mlkem768x25519 stanza enc invalid: " + e.getMessage(), e);
    }
    if (stanza.bodyLength() != BODY_LENGTH) {
      throw new HeaderException(
          "mlkem768x25519 stanza body length [%d] not equal to required length [%d]"
              .formatted(stanza.bodyLength(), BODY_LENGTH));
    }
    return new HybridStanza(enc, stanza.body());
  }

  /**
   * Opens the body with HPKE OpenBase under {@code key}.
   *
   * @return the file key, or empty if the body does not authenticate: the stanza is for someone
   *     else (ML-KEM's implicit rejection turns a foreign or corrupted enc into a wrong key)
   * @throws HeaderException if the X25519 share is a point of small order (the all-zero shared
   *     secret that RFC 7748 section 6.1 tells us to reject)
   */
  Optional<FileKey> open(Kem.PrivateKey key) throws HeaderException {
    byte[] plaintext;
    try {
      plaintext = Hpke.openBase(key, enc, MlKem768X25519Recipient.INFO, new byte[0], body);
    } catch (AEADBadTagException e) {
      return Optional.empty();
    } catch (InvalidKeyException e) {
      throw new HeaderException("mlkem768x25519 stanza enc rejected: " + e.getMessage(), e);
    }
    try {
      return Optional.of(FileKey.of(plaintext));
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }
}
