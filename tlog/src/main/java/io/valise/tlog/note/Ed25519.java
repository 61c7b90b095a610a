package io.valise.tlog.note;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Ed25519 (RFC 8032) on raw keys: 32-byte public keys and 32-byte private seeds. Verification uses
 * the JDK provider (keys converted to its X.509 encoding), so clients and witnesses check notes
 * with the JDK alone. Signing and deriving a seed's public key use Bouncy Castle's RFC 8032 code,
 * which signs about 15 times faster than the JDK's (the sequencer signs a checkpoint per pass: with
 * the JDK's that signature was the largest single cost of the audit log, docs/benchmarks.md).
 * Ed25519 is deterministic, so both give the same signature byte for byte ({@code
 * Ed25519CrossCheckTest}).
 */
final class Ed25519 {
  static final int KEY_SIZE = 32;
  static final int SIGNATURE_SIZE = 64;

  /**
   * DER of SubjectPublicKeyInfo { id-Ed25519 }, BIT STRING of 32 bytes (RFC 8410), less the key.
   */
  private static final byte[] X509_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private Ed25519() {}

  static PublicKey publicKey(byte[] raw) {
    if (raw.length != KEY_SIZE) {
      throw new IllegalArgumentException("an Ed25519 public key is 32 bytes, not " + raw.length);
    }
    byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + KEY_SIZE);
    System.arraycopy(raw, 0, der, X509_PREFIX.length, KEY_SIZE);
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 public key", e);
    }
  }

  /** The raw 32 bytes of a JDK Ed25519 public key. */
  static byte[] rawPublicKey(PublicKey key) {
    byte[] der = key.getEncoded();
    if (der == null
        || der.length != X509_PREFIX.length + KEY_SIZE
        || !Arrays.equals(der, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
      throw new IllegalArgumentException("not an Ed25519 public key");
    }
    return Arrays.copyOfRange(der, X509_PREFIX.length, der.length);
  }

  /** The public key of a seed. */
  static byte[] publicKeyOfSeed(byte[] seed) {
    checkSeed(seed);
    byte[] publicKey = new byte[KEY_SIZE];
    org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed, 0, publicKey, 0);
    return publicKey;
  }

  /**
   * Signs {@code message} with {@code seed}, whose public key is {@code publicKey}. The caller
   * derived that key from the seed with {@link #publicKeyOfSeed}: signing with a public key that is
   * not the seed's would give away the seed.
   */
  static byte[] sign(byte[] seed, byte[] publicKey, byte[] message) {
    checkSeed(seed);
    if (publicKey.length != KEY_SIZE) {
      throw new IllegalArgumentException(
          "an Ed25519 public key is 32 bytes, not " + publicKey.length);
    }
    byte[] signature = new byte[SIGNATURE_SIZE];
    org.bouncycastle.math.ec.rfc8032.Ed25519.sign(
        seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
    return signature;
  }

  private static void checkSeed(byte[] seed) {
    if (seed.length != KEY_SIZE) {
      throw new IllegalArgumentException("an Ed25519 seed is 32 bytes, not " + seed.length);
    }
  }

  static boolean verify(PublicKey key, byte[] message, byte[] signature) {
    if (signature.length != SIGNATURE_SIZE) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (SignatureException | InvalidKeyException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no Ed25519", e);
    }
  }
}
