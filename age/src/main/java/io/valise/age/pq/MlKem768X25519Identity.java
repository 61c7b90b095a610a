package io.valise.age.pq;

import io.valise.age.FileKey;
import io.valise.age.HeaderException;
import io.valise.age.Identity;
import io.valise.age.Stanza;
import io.valise.age.format.Bech32;
import io.valise.age.secret.SecretBytes;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The post-quantum hybrid identity {@code AGE-SECRET-KEY-PQ-1...} (age.md, "The MLKEM768-X25519
 * hybrid post-quantum recipient type"): a 32-byte seed from which the MLKEM768-X25519 (X-Wing)
 * decapsulation key is expanded.
 *
 * <p>A secret: {@link #toString()} is redacted, {@link #equals(Object)} compares seeds in constant
 * time, and {@link #destroy()} (or {@link #close()}) wipes the seed and the expanded key, after
 * which {@link #encode()} and {@link #unwrap(List)} throw {@link IllegalStateException}. Safe for
 * concurrent {@link #unwrap(List)} calls, but not for destroying while an unwrap runs.
 */
public final class MlKem768X25519Identity extends SecretBytes implements Identity {
  private static final String HRP = "AGE-SECRET-KEY-PQ-";

  private final XWingPrivateKey key;
  private final MlKem768X25519Recipient recipient;

  private MlKem768X25519Identity(byte[] seed) {
    super(seed);
    this.key = XWingPrivateKey.fromSeed(seed);
    this.recipient = new MlKem768X25519Recipient(key.publicKey());
  }

  /** Generates a new identity from 32 bytes of {@code random}. */
  public static MlKem768X25519Identity generate(SecureRandom random) {
    byte[] seed = new byte[XWingPrivateKey.SEED_LENGTH];
    random.nextBytes(seed);
    return new MlKem768X25519Identity(seed);
  }

  /**
   * Parses an {@code AGE-SECRET-KEY-PQ-1...} string. Messages never quote the secret.
   *
   * @throws IllegalArgumentException naming the problem: not valid Bech32 (bad checksum or
   *     character), not upper case, wrong prefix, or wrong length
   */
  public static MlKem768X25519Identity parse(String text) {
    Bech32.Decoded decoded = Bech32.decode(text);
    String hrp = decoded.hrp().toUpperCase(Locale.ROOT);
    if (!hrp.equals(HRP)) {
      throw new IllegalArgumentException(
          "Identity prefix [%s] not equal to required prefix [%s]".formatted(hrp, HRP));
    }
    if (!text.equals(text.toUpperCase(Locale.ROOT))) {
      throw new IllegalArgumentException("Identity [AGE-SECRET-KEY-PQ-1...] must be upper case");
    }
    byte[] seed = decoded.data();
    if (seed.length != XWingPrivateKey.SEED_LENGTH) {
      Arrays.fill(seed, (byte) 0);
      throw new IllegalArgumentException(
          "Identity key length [%d] not equal to required length [%d]"
              .formatted(seed.length, XWingPrivateKey.SEED_LENGTH));
    }
    return new MlKem768X25519Identity(seed);
  }

  /**
   * The {@code AGE-SECRET-KEY-PQ-1...} encoding, in upper case: the secret itself.
   *
   * @throws IllegalStateException if this identity was destroyed
   */
  public String encode() {
    return Bech32.encode(HRP, secret()).toUpperCase(Locale.ROOT);
  }

  /** The matching {@code age1pq1...} recipient. Stays usable after {@link #destroy()}. */
  public MlKem768X25519Recipient recipient() {
    return recipient;
  }

  /**
   * Unwraps the file key from the first {@code mlkem768x25519} stanza addressed to this identity.
   * Stanzas of other types are ignored. Every {@code mlkem768x25519} stanza is checked for form
   * before any is opened, so a malformed one is rejected wherever it sits; the small-order check on
   * the X25519 share needs decapsulation, so it only covers stanzas tried before the match.
   *
   * @return the file key, or empty if no stanza is for this identity
   * @throws HeaderException if an {@code mlkem768x25519} stanza does not have exactly two
   *     arguments, its second argument is not canonical base64 of 1120 bytes, its body is not 32
   *     bytes, or its X25519 share is a point of small order
   * @throws IllegalStateException if this identity was destroyed
   */
  @Override
  public Optional<FileKey> unwrap(List<Stanza> stanzas) throws HeaderException {
    secret(); // throws once destroyed
    List<HybridStanza> mine = HybridStanza.parseAll(stanzas);
    for (HybridStanza stanza : mine) {
      Optional<FileKey> fileKey = stanza.open(key);
      if (fileKey.isPresent()) {
        return fileKey;
      }
    }
    return Optional.empty();
  }

  /** Wipes the seed and the expanded decapsulation key. */
  @Override
  public void destroy() {
    super.destroy();
    key.close();
  }

  /** Constant-time comparison of the seeds; a destroyed identity equals only itself. */
  @Override
  public boolean equals(Object o) {
    return o instanceof MlKem768X25519Identity other && sameSecret(other);
  }

  /** The hash of the public recipient, which reveals nothing about the seed. */
  @Override
  public int hashCode() {
    return recipient.hashCode();
  }
}
