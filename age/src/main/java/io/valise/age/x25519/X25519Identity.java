package io.valise.age.x25519;

import io.valise.age.FileKey;
import io.valise.age.HeaderException;
import io.valise.age.Identity;
import io.valise.age.Stanza;
import io.valise.age.format.Base64s;
import io.valise.age.format.Bech32;
import io.valise.age.primitives.Hkdf;
import io.valise.age.primitives.KeyWrap;
import io.valise.age.primitives.X25519;
import io.valise.age.secret.SecretBytes;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An X25519 private key, {@code AGE-SECRET-KEY-1...}. A secret: {@link #toString()} is redacted,
 * {@link #destroy()} wipes it, equality is constant time.
 */
public final class X25519Identity extends SecretBytes implements Identity {
  static final String HRP = "age-secret-key-";

  private final byte[] publicKey;

  private X25519Identity(byte[] secret) {
    super(secret);
    this.publicKey = X25519.publicKey(secret);
  }

  /** Generates a new identity from {@code random}. */
  public static X25519Identity generate(SecureRandom random) {
    byte[] s = new byte[X25519.LENGTH];
    random.nextBytes(s);
    return new X25519Identity(s);
  }

  /**
   * Parses an {@code AGE-SECRET-KEY-1...} string.
   *
   * @throws IllegalArgumentException naming the problem (the message never contains the key)
   */
  public static X25519Identity parse(String text) {
    Bech32.Decoded d;
    try {
      d = Bech32.decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Malformed secret key: " + e.getMessage(), e);
    }
    if (!d.hrp().equals(HRP)) {
      throw new IllegalArgumentException("Secret key prefix is not AGE-SECRET-KEY-");
    }
    byte[] key = d.data();
    if (key.length != X25519.LENGTH) {
      Arrays.fill(key, (byte) 0);
      throw new IllegalArgumentException("Secret key is not 32 bytes long");
    }
    return new X25519Identity(key);
  }

  /** The matching public recipient. */
  public X25519Recipient recipient() {
    return new X25519Recipient(publicKey);
  }

  /** The {@code AGE-SECRET-KEY-1...} encoding (upper case). Handle as a secret. */
  public String encode() {
    return Bech32.encode(HRP, secret()).toUpperCase(Locale.ROOT);
  }

  @Override
  public Optional<FileKey> unwrap(List<Stanza> stanzas) throws HeaderException {
    secret();
    for (Stanza s : stanzas) {
      if (!s.type().equals(X25519Recipient.TYPE)) {
        continue;
      }
      Optional<FileKey> key = unwrapOne(s);
      if (key.isPresent()) {
        return key;
      }
    }
    return Optional.empty();
  }

  private Optional<FileKey> unwrapOne(Stanza s) throws HeaderException {
    if (s.args().size() != 2) {
      throw new HeaderException(
          "X25519 stanza has [%d] arguments, expected 2".formatted(s.args().size()));
    }
    byte[] share;
    try {
      share = Base64s.decode(s.args().get(1), X25519.LENGTH);
    } catch (IllegalArgumentException e) {
      throw new HeaderException("X25519 stanza share: " + e.getMessage(), e);
    }
    if (s.bodyLength() != KeyWrap.BODY_LENGTH) {
      throw new HeaderException(
          "X25519 stanza body length [%d] not equal to required length [%d]"
              .formatted(s.bodyLength(), KeyWrap.BODY_LENGTH));
    }
    byte[] shared;
    try {
      shared = X25519.sharedSecret(secret(), share);
    } catch (InvalidKeyException e) {
      throw new HeaderException("X25519 stanza share is a low-order point", e);
    }
    byte[] wrapKey =
        Hkdf.sha256(shared, X25519Recipient.concat(share, publicKey), X25519Recipient.INFO);
    try {
      return KeyWrap.unwrap(wrapKey, s.body());
    } finally {
      Arrays.fill(shared, (byte) 0);
      Arrays.fill(wrapKey, (byte) 0);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof X25519Identity i && sameSecret(i);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(publicKey); // public, and fixed for the life of the object
  }

  @Override
  public String toString() {
    return "X25519Identity[REDACTED, recipient=" + recipient().encode() + "]";
  }
}
