package io.valise.age.x25519;

import io.valise.age.FileKey;
import io.valise.age.Recipient;
import io.valise.age.Stanza;
import io.valise.age.format.Base64s;
import io.valise.age.format.Bech32;
import io.valise.age.primitives.Hkdf;
import io.valise.age.primitives.KeyWrap;
import io.valise.age.primitives.X25519;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/** An X25519 public key, {@code age1...} (age.md, "The X25519 recipient type"). */
public final class X25519Recipient implements Recipient {
  static final String HRP = "age";
  static final String TYPE = "X25519";
  static final byte[] INFO = "age-encryption.org/v1/X25519".getBytes(StandardCharsets.US_ASCII);

  private static final byte[] PROBE = new byte[X25519.LENGTH];

  static {
    PROBE[0] = 1;
  }

  private final byte[] publicKey;

  X25519Recipient(byte[] publicKey) {
    this.publicKey = publicKey.clone();
  }

  /**
   * Parses an {@code age1...} string.
   *
   * @throws IllegalArgumentException naming the problem: bad Bech32, wrong prefix, wrong length
   */
  public static X25519Recipient parse(String text) {
    Bech32.Decoded d = Bech32.decode(text);
    if (!d.hrp().equals(HRP)) {
      throw new IllegalArgumentException(
          "Recipient prefix [%s] is not [%s]".formatted(d.hrp(), HRP));
    }
    byte[] key = d.data();
    if (key.length != X25519.LENGTH) {
      throw new IllegalArgumentException(
          "X25519 recipient length [%d] not equal to required length [%d]"
              .formatted(key.length, X25519.LENGTH));
    }
    try {
      // A small-order point gives an all-zero secret whatever the scalar: refuse it up front.
      X25519.sharedSecret(PROBE, key);
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("X25519 recipient is a low-order point", e);
    }
    return new X25519Recipient(key);
  }

  @Override
  public List<Stanza> wrap(FileKey fileKey, SecureRandom random) {
    byte[] ephemeral = new byte[X25519.LENGTH];
    random.nextBytes(ephemeral);
    byte[] share = X25519.publicKey(ephemeral);
    byte[] shared;
    try {
      shared = X25519.sharedSecret(ephemeral, publicKey);
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("X25519 recipient was checked at parse time", e);
    }
    byte[] wrapKey = Hkdf.sha256(shared, concat(share, publicKey), INFO);
    try {
      return List.of(
          new Stanza(List.of(TYPE, Base64s.encode(share)), KeyWrap.wrap(wrapKey, fileKey)));
    } finally {
      Arrays.fill(ephemeral, (byte) 0);
      Arrays.fill(shared, (byte) 0);
      Arrays.fill(wrapKey, (byte) 0);
    }
  }

  byte[] publicKey() {
    return publicKey.clone();
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** The {@code age1...} encoding. */
  public String encode() {
    return Bech32.encode(HRP, publicKey);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof X25519Recipient r && Arrays.equals(publicKey, r.publicKey);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(publicKey);
  }

  @Override
  public String toString() {
    return encode();
  }
}
