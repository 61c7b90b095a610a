package io.valise.age.pq;

import io.valise.age.FileKey;
import io.valise.age.Recipient;
import io.valise.age.Stanza;
import io.valise.age.format.Base64s;
import io.valise.age.format.Bech32;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The post-quantum hybrid recipient {@code age1pq1...} (age.md, "The MLKEM768-X25519 hybrid
 * post-quantum recipient type"): an MLKEM768-X25519 (X-Wing) public key of 1216 bytes, the
 * ML-KEM-768 encapsulation key followed by the X25519 public key.
 *
 * <p>A value: immutable, valid by construction (length, FIPS 203 modulus check, X25519 point not of
 * small order), equal to another exactly when the encodings are equal. Its label {@code
 * postquantum} keeps it out of files that also go to classical recipients.
 */
public final class MlKem768X25519Recipient implements Recipient {
  /** The stanza type, the first stanza argument. */
  static final String TYPE = "mlkem768x25519";

  /** The HPKE info string that binds stanzas to age. */
  static final byte[] INFO =
      "age-encryption.org/mlkem768x25519".getBytes(StandardCharsets.US_ASCII);

  private static final String HRP = "age1pq";
  private static final Set<String> LABELS = Set.of("postquantum");

  private final byte[] publicKey;
  private final String encoded;

  /** Takes ownership of a public key already known to be valid. */
  MlKem768X25519Recipient(byte[] publicKey) {
    this.publicKey = publicKey;
    this.encoded = Bech32.encode(HRP, publicKey);
  }

  /**
   * Parses an {@code age1pq1...} string.
   *
   * @throws IllegalArgumentException naming the problem: not valid Bech32 (bad checksum or
   *     character), not lower case, wrong prefix, wrong length, or a key that fails the ML-KEM
   *     modulus check or is an X25519 point of small order
   */
  public static MlKem768X25519Recipient parse(String text) {
    Bech32.Decoded decoded = Bech32.decode(text);
    if (!decoded.hrp().equals(HRP)) {
      throw new IllegalArgumentException(
          "Recipient prefix [%s] not equal to required prefix [%s]".formatted(decoded.hrp(), HRP));
    }
    if (!text.equals(text.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("Recipient [age1pq1...] must be lower case");
    }
    byte[] key = decoded.data();
    if (key.length != XWing.PUBLIC_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "Recipient key length [%d] not equal to required length [%d]"
              .formatted(key.length, XWing.PUBLIC_KEY_LENGTH));
    }
    try {
      XWing.checkPublicKey(key);
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("Recipient key rejected: " + e.getMessage(), e);
    }
    return new MlKem768X25519Recipient(key);
  }

  /** The {@code age1pq1...} encoding, in lower case. */
  public String encode() {
    return encoded;
  }

  /**
   * Wraps {@code fileKey} into one {@code mlkem768x25519} stanza with HPKE SealBase, drawing the
   * ML-KEM and X25519 randomness from {@code random}.
   *
   * @throws IllegalStateException if {@code fileKey} was destroyed
   */
  @Override
  public List<Stanza> wrap(FileKey fileKey, SecureRandom random) {
    byte[] key = fileKey.copyBytes();
    try {
      Hpke.Sealed sealed = Hpke.sealBase(XWing.INSTANCE, publicKey, INFO, new byte[0], key, random);
      return List.of(new Stanza(List.of(TYPE, Base64s.encode(sealed.enc())), sealed.ciphertext()));
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("Recipient key was validated on construction", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** {@code {"postquantum"}}: age.md says not to mix this type with classical recipients. */
  @Override
  public Set<String> labels() {
    return LABELS;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MlKem768X25519Recipient other && encoded.equals(other.encoded);
  }

  @Override
  public int hashCode() {
    return encoded.hashCode();
  }

  /** The {@code age1pq1...} encoding. */
  @Override
  public String toString() {
    return encoded;
  }
}
