package io.valise.age.primitives;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;

/**
 * The X25519 function of RFC 7748 (section 5) over raw 32-byte strings, on top of the JDK's XDH
 * provider, which speaks {@link BigInteger} u-coordinates.
 *
 * <p>Scalars are passed to the JDK as they are (it clamps them); u-coordinates are little-endian
 * with the top bit masked, and values at or above p are accepted and reduced, as RFC 7748 asks. The
 * JDK's key objects cannot be wiped; they hold a copy of the scalar until collected.
 */
public final class X25519 {
  /** Length of scalars, u-coordinates and outputs in bytes. */
  public static final int LENGTH = 32;

  private static final byte[] BASEPOINT = basepoint();

  private X25519() {}

  /**
   * Returns {@code X25519(scalar, 9)}, the public key of {@code scalar}.
   *
   * @throws IllegalArgumentException if {@code scalar} is not 32 bytes
   */
  public static byte[] publicKey(byte[] scalar) {
    try {
      return sharedSecret(scalar, BASEPOINT);
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("X25519 of the base point failed", e);
    }
  }

  /**
   * Returns {@code X25519(scalar, u)}.
   *
   * @throws InvalidKeyException if the result is all zero, that is {@code u} is a point of small
   *     order (RFC 7748 section 6.1)
   * @throws IllegalArgumentException if an input is not 32 bytes
   */
  public static byte[] sharedSecret(byte[] scalar, byte[] u) throws InvalidKeyException {
    checkLength("scalar", scalar);
    checkLength("u-coordinate", u);
    byte[] out;
    try {
      KeyFactory factory = KeyFactory.getInstance("X25519");
      PrivateKey priv =
          factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar));
      PublicKey pub =
          factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, toInteger(u)));
      KeyAgreement agreement = KeyAgreement.getInstance("X25519");
      agreement.init(priv);
      agreement.doPhase(pub, true);
      out = agreement.generateSecret();
    } catch (InvalidKeyException e) {
      throw e; // the JDK reports small-order points this way
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK lacks X25519", e);
    }
    // Not every provider checks, so check again, without branching on secret bytes.
    int acc = 0;
    for (byte b : out) {
      acc |= b;
    }
    if (acc == 0) {
      throw new InvalidKeyException("X25519 output is all zero: point of small order");
    }
    return out;
  }

  private static BigInteger toInteger(byte[] u) {
    byte[] bigEndian = new byte[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      bigEndian[i] = u[LENGTH - 1 - i];
    }
    bigEndian[0] &= 0x7f; // RFC 7748 section 5: mask the most significant bit
    return new BigInteger(1, bigEndian);
  }

  private static void checkLength(String what, byte[] value) {
    if (value.length != LENGTH) {
      throw new IllegalArgumentException(
          "X25519 %s length [%d] not equal to required length [%d]"
              .formatted(what, value.length, LENGTH));
    }
  }

  private static byte[] basepoint() {
    byte[] u = new byte[LENGTH];
    u[0] = 9;
    return u;
  }
}
