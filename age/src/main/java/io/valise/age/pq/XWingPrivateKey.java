package io.valise.age.pq;

import io.valise.age.primitives.X25519;
import java.security.InvalidKeyException;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHAKEDigest;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;

/**
 * An MLKEM768-X25519 (X-Wing) decapsulation key expanded from its 32-byte seed, as
 * draft-ietf-hpke-pq-03 and X-Wing specify: SHAKE256(seed, 96) gives the ML-KEM-768 key-generation
 * seed d || z (64 bytes, FIPS 203 ML-KEM.KeyGen_internal) followed by the X25519 secret key (32
 * bytes).
 *
 * <p>{@link #close()} wipes the expanded keys this class holds. Bouncy Castle's copies are
 * destroyed through its own {@code destroy()}; the temporary arrays it makes during key generation
 * are left to the garbage collector.
 */
final class XWingPrivateKey implements Kem.PrivateKey {
  /** Length of the seed in bytes. */
  static final int SEED_LENGTH = 32;

  private static final int MLKEM_SEED_LENGTH = 64;

  private final MLKEMPrivateKeyParameters mlkem;
  private final byte[] x25519;
  private final byte[] publicKey;
  private volatile boolean closed;

  private XWingPrivateKey(MLKEMPrivateKeyParameters mlkem, byte[] x25519) {
    this.mlkem = mlkem;
    this.x25519 = x25519;
    byte[] pkX = X25519.publicKey(x25519);
    this.publicKey = XWing.concat(mlkem.getPublicKey(), pkX);
  }

  /**
   * Expands {@code seed}; the caller keeps (and wipes) {@code seed}.
   *
   * @throws IllegalArgumentException if {@code seed} is not 32 bytes
   */
  static XWingPrivateKey fromSeed(byte[] seed) {
    if (seed.length != SEED_LENGTH) {
      throw new IllegalArgumentException(
          "MLKEM768-X25519 seed length [%d] not equal to required length [%d]"
              .formatted(seed.length, SEED_LENGTH));
    }
    byte[] expanded = new byte[MLKEM_SEED_LENGTH + X25519.LENGTH];
    SHAKEDigest shake = new SHAKEDigest(256);
    shake.update(seed, 0, seed.length);
    shake.doFinal(expanded, 0, expanded.length);
    byte[] mlkemSeed = Arrays.copyOf(expanded, MLKEM_SEED_LENGTH);
    byte[] x25519 = Arrays.copyOfRange(expanded, MLKEM_SEED_LENGTH, expanded.length);
    Arrays.fill(expanded, (byte) 0);
    try {
      // The 64-byte form runs ML-KEM.KeyGen_internal(d, z) on d = seed[0:32], z = seed[32:64].
      return new XWingPrivateKey(new MLKEMPrivateKeyParameters(XWing.MLKEM, mlkemSeed), x25519);
    } finally {
      Arrays.fill(mlkemSeed, (byte) 0);
    }
  }

  @Override
  public Kem kem() {
    return XWing.INSTANCE;
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public byte[] decapsulate(byte[] enc) throws InvalidKeyException {
    if (closed) {
      throw new IllegalStateException("MLKEM768-X25519 private key was closed");
    }
    if (enc.length != XWing.ENC_LENGTH) {
      throw new InvalidKeyException(
          "MLKEM768-X25519 enc length [%d] not equal to required length [%d]"
              .formatted(enc.length, XWing.ENC_LENGTH));
    }
    byte[] ctM = Arrays.copyOf(enc, XWing.MLKEM_CIPHERTEXT_LENGTH);
    byte[] ctX = Arrays.copyOfRange(enc, XWing.MLKEM_CIPHERTEXT_LENGTH, enc.length);
    byte[] pkX = Arrays.copyOfRange(publicKey, XWing.MLKEM_PUBLIC_KEY_LENGTH, publicKey.length);
    byte[] ssM = new MLKEMExtractor(mlkem).extractSecret(ctM);
    byte[] ssX;
    try {
      ssX = X25519.sharedSecret(x25519, ctX);
    } catch (InvalidKeyException e) {
      Arrays.fill(ssM, (byte) 0);
      throw e;
    }
    return XWing.combine(ssM, ssX, ctX, pkX);
  }

  @Override
  public void close() {
    closed = true;
    Arrays.fill(x25519, (byte) 0);
    XWing.destroyQuietly(mlkem);
  }
}
