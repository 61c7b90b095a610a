package io.valise.age.pq;

import io.valise.age.primitives.X25519;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.security.auth.DestroyFailedException;
import javax.security.auth.Destroyable;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;

/**
 * The MLKEM768-X25519 hybrid KEM of draft-ietf-hpke-pq-03 (HPKE KEM id {@code 0x647a}), which is
 * X-Wing (draft-connolly-cfrg-xwing-kem): ML-KEM-768 (FIPS 203) and X25519 (RFC 7748), combined
 * with SHA3-256.
 *
 * <p>Public key = ML-KEM-768 encapsulation key (1184 bytes) || X25519 public key (32 bytes). Enc =
 * ML-KEM-768 ciphertext (1088 bytes) || ephemeral X25519 public key (32 bytes). Shared secret =
 * SHA3-256(ss_M || ss_X || ct_X || pk_X || "\.//^\").
 */
final class XWing implements Kem {
  static final XWing INSTANCE = new XWing();

  static final int ID = 0x647a;
  static final int MLKEM_PUBLIC_KEY_LENGTH = 1184;
  static final int MLKEM_CIPHERTEXT_LENGTH = 1088;
  static final int PUBLIC_KEY_LENGTH = MLKEM_PUBLIC_KEY_LENGTH + X25519.LENGTH;
  static final int ENC_LENGTH = MLKEM_CIPHERTEXT_LENGTH + X25519.LENGTH;

  static final MLKEMParameters MLKEM = MLKEMParameters.ml_kem_768;

  /** The X-Wing label, 0x5c2e2f2f5e5c, an ASCII drawing of the wing. */
  private static final byte[] LABEL = {0x5c, 0x2e, 0x2f, 0x2f, 0x5e, 0x5c};

  private XWing() {}

  @Override
  public int id() {
    return ID;
  }

  /**
   * Checks that {@code publicKey} can be encapsulated to: its length, the FIPS 203 modulus check of
   * the ML-KEM part (section 7.2), and that the X25519 part is not a point of small order (which
   * would make the X25519 half of the secret all zero).
   *
   * @throws InvalidKeyException naming the failed check
   */
  static void checkPublicKey(byte[] publicKey) throws InvalidKeyException {
    mlkemPublicKey(publicKey);
    // A clamped scalar is a multiple of the cofactor, so X25519 with any fixed scalar is all zero
    // exactly for points of small order; the scalar's value does not matter.
    byte[] probe = new byte[X25519.LENGTH];
    probe[0] = 1;
    byte[] out = X25519.sharedSecret(probe, x25519Part(publicKey));
    Arrays.fill(out, (byte) 0);
  }

  @Override
  public Encapsulation encapsulate(byte[] publicKey, SecureRandom random)
      throws InvalidKeyException {
    MLKEMPublicKeyParameters mlkemKey = mlkemPublicKey(publicKey);
    byte[] pkX = x25519Part(publicKey);
    // FIPS 203 ML-KEM.Encaps draws 32 bytes m; drawing them here (rather than letting Bouncy
    // Castle do it) lets us wipe them, as they determine the ML-KEM shared secret.
    byte[] m = new byte[32];
    random.nextBytes(m);
    SecretWithEncapsulation mlkem = MLKEMGenerator.internalGenerateEncapsulated(mlkemKey, m);
    Arrays.fill(m, (byte) 0);
    byte[] ssM = mlkem.getSecret();
    byte[] ctM = mlkem.getEncapsulation();
    destroyQuietly(mlkem);
    byte[] ephemeral = new byte[X25519.LENGTH];
    random.nextBytes(ephemeral);
    byte[] ctX = X25519.publicKey(ephemeral);
    byte[] ssX;
    try {
      ssX = X25519.sharedSecret(ephemeral, pkX);
    } finally {
      Arrays.fill(ephemeral, (byte) 0);
    }
    byte[] sharedSecret = combine(ssM, ssX, ctX, pkX);
    return new Encapsulation(sharedSecret, concat(ctM, ctX));
  }

  /**
   * The X-Wing combiner. Wipes {@code ssM} and {@code ssX}.
   *
   * @return SHA3-256(ssM || ssX || ctX || pkX || label)
   */
  static byte[] combine(byte[] ssM, byte[] ssX, byte[] ctX, byte[] pkX) {
    try {
      MessageDigest sha3 = MessageDigest.getInstance("SHA3-256");
      sha3.update(ssM);
      sha3.update(ssX);
      sha3.update(ctX);
      sha3.update(pkX);
      sha3.update(LABEL);
      return sha3.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK lacks SHA3-256", e);
    } finally {
      Arrays.fill(ssM, (byte) 0);
      Arrays.fill(ssX, (byte) 0);
    }
  }

  private static MLKEMPublicKeyParameters mlkemPublicKey(byte[] publicKey)
      throws InvalidKeyException {
    if (publicKey.length != PUBLIC_KEY_LENGTH) {
      throw new InvalidKeyException(
          "MLKEM768-X25519 public key length [%d] not equal to required length [%d]"
              .formatted(publicKey.length, PUBLIC_KEY_LENGTH));
    }
    try {
      return new MLKEMPublicKeyParameters(
          MLKEM, Arrays.copyOfRange(publicKey, 0, MLKEM_PUBLIC_KEY_LENGTH));
    } catch (IllegalArgumentException e) {
      // Bouncy Castle runs the FIPS 203 modulus check here.
      throw new InvalidKeyException("ML-KEM-768 encapsulation key rejected: " + e.getMessage(), e);
    }
  }

  private static byte[] x25519Part(byte[] publicKey) {
    return Arrays.copyOfRange(publicKey, MLKEM_PUBLIC_KEY_LENGTH, PUBLIC_KEY_LENGTH);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static void destroyQuietly(Destroyable secret) {
    try {
      secret.destroy();
    } catch (DestroyFailedException e) {
      // Best effort: the implementation keeps its copy until collected.
    }
  }
}
