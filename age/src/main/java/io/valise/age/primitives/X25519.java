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
import java.util.Arrays;
import javax.crypto.KeyAgreement;

/** X25519 (RFC 7748) on raw 32-byte strings, through the JDK's XDH provider. */
public final class X25519 {
  /** Length of scalars and points. */
  public static final int LENGTH = 32;

  private static final byte[] BASEPOINT = new byte[LENGTH];

  static {
    BASEPOINT[0] = 9;
  }

  private X25519() {}

  /** Computes the public share {@code X25519(scalar, 9)}. */
  public static byte[] publicKey(byte[] scalar) {
    return sharedSecret(scalar, BASEPOINT);
  }

  /**
   * Computes {@code X25519(scalar, point)}. The result may be all zeros for a low-order point; the
   * caller checks with {@link #isAllZero(byte[])} where the protocol requires it.
   *
   * @throws IllegalArgumentException if either input is not 32 bytes
   */
  public static byte[] sharedSecret(byte[] scalar, byte[] point) {
    if (scalar.length != LENGTH || point.length != LENGTH) {
      throw new IllegalArgumentException("X25519 inputs must be 32 bytes");
    }
    KeyAgreement ka;
    PublicKey pub;
    try {
      KeyFactory kf = KeyFactory.getInstance("XDH");
      PrivateKey priv =
          kf.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar));
      pub = kf.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, u(point)));
      ka = KeyAgreement.getInstance("XDH");
      ka.init(priv);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("X25519 unavailable", e);
    }
    try {
      ka.doPhase(pub, true);
    } catch (InvalidKeyException e) {
      // The JDK refuses a small-order point instead of returning the all-zero secret; callers
      // treat both the same way through isAllZero.
      return new byte[LENGTH];
    }
    return ka.generateSecret();
  }

  /** True if every byte is zero, in constant time. */
  public static boolean isAllZero(byte[] b) {
    int acc = 0;
    for (byte x : b) {
      acc |= x;
    }
    return acc == 0;
  }

  // RFC 7748 section 5: decode little-endian and mask the top bit of the last byte.
  private static BigInteger u(byte[] point) {
    byte[] be = new byte[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      be[i] = point[LENGTH - 1 - i];
    }
    be[0] &= 0x7f;
    BigInteger u = new BigInteger(1, be);
    Arrays.fill(be, (byte) 0);
    return u;
  }
}
