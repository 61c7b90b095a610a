package io.valise.age.pq;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.valise.age.primitives.Hkdf;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Single-shot HPKE in base mode (RFC 9180 sections 5.1 and 6.1) with HKDF-SHA256 as KDF and
 * ChaCha20Poly1305 as AEAD, over any {@link Kem}. Only the first message of a context is ever
 * produced, so its nonce is the base nonce; exporters and the other modes are not implemented.
 */
final class Hpke {
  static final int KDF_HKDF_SHA256 = 0x0001;
  static final int AEAD_CHACHA20_POLY1305 = 0x0003;

  private static final int KEY_LENGTH = 32;
  private static final int NONCE_LENGTH = 12;
  private static final int TAG_LENGTH = 16;
  private static final byte MODE_BASE = 0x00;
  private static final byte[] EMPTY = new byte[0];

  private Hpke() {}

  /** The output of SealBase: the KEM encapsulation and the AEAD ciphertext with its tag. */
  static final class Sealed {
    private final byte[] enc;
    private final byte[] ciphertext;

    Sealed(byte[] enc, byte[] ciphertext) {
      this.enc = enc;
      this.ciphertext = ciphertext;
    }

    byte[] enc() {
      return enc.clone();
    }

    byte[] ciphertext() {
      return ciphertext.clone();
    }
  }

  /**
   * SealBase(pkR, info, aad, pt), drawing the KEM's randomness from {@code random}.
   *
   * @throws InvalidKeyException if {@code kem} rejects {@code pkR}
   */
  static Sealed sealBase(
      Kem kem, byte[] pkR, byte[] info, byte[] aad, byte[] plaintext, SecureRandom random)
      throws InvalidKeyException {
    try (Kem.Encapsulation encapsulation = kem.encapsulate(pkR, random);
        KeySchedule ks = KeySchedule.base(kem.id(), encapsulation.sharedSecret(), info)) {
      Cipher cipher = ks.cipher(Cipher.ENCRYPT_MODE, aad);
      return new Sealed(encapsulation.enc(), cipher.doFinal(plaintext));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
    }
  }

  /**
   * OpenBase(enc, skR, info, aad, ct).
   *
   * @throws AEADBadTagException if the ciphertext does not authenticate under the derived key,
   *     which for a KEM with implicit rejection includes an {@code enc} made for another key
   * @throws InvalidKeyException if the KEM rejects {@code enc}
   */
  static byte[] openBase(Kem.PrivateKey skR, byte[] enc, byte[] info, byte[] aad, byte[] ciphertext)
      throws AEADBadTagException, InvalidKeyException {
    if (ciphertext.length < TAG_LENGTH) {
      throw new AEADBadTagException(
          "Ciphertext length [%d] shorter than tag".formatted(ciphertext.length));
    }
    byte[] sharedSecret = skR.decapsulate(enc);
    try (KeySchedule ks = KeySchedule.base(skR.kem().id(), sharedSecret, info)) {
      return ks.cipher(Cipher.DECRYPT_MODE, aad).doFinal(ciphertext);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 decryption failed", e);
    } finally {
      Arrays.fill(sharedSecret, (byte) 0);
    }
  }

  /**
   * KeySchedule(mode_base, shared_secret, info, "", ""): the key and base nonce, wiped on close.
   */
  private static final class KeySchedule implements AutoCloseable {
    private final byte[] key;
    private final byte[] baseNonce;

    private KeySchedule(byte[] key, byte[] baseNonce) {
      this.key = key;
      this.baseNonce = baseNonce;
    }

    static KeySchedule base(int kemId, byte[] sharedSecret, byte[] info) {
      byte[] suiteId = suiteId(kemId);
      byte[] pskIdHash = labeledExtract(suiteId, EMPTY, "psk_id_hash", EMPTY);
      byte[] infoHash = labeledExtract(suiteId, EMPTY, "info_hash", info);
      byte[] context = concat(new byte[] {MODE_BASE}, pskIdHash, infoHash);
      byte[] secret = labeledExtract(suiteId, sharedSecret, "secret", EMPTY);
      try {
        return new KeySchedule(
            labeledExpand(suiteId, secret, "key", context, KEY_LENGTH),
            labeledExpand(suiteId, secret, "base_nonce", context, NONCE_LENGTH));
      } finally {
        Arrays.fill(secret, (byte) 0);
      }
    }

    /** A cipher for sequence number 0, whose nonce is the base nonce itself. */
    Cipher cipher(int mode, byte[] aad) throws GeneralSecurityException {
      Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
      cipher.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(baseNonce));
      cipher.updateAAD(aad);
      return cipher;
    }

    @Override
    public void close() {
      Arrays.fill(key, (byte) 0);
      Arrays.fill(baseNonce, (byte) 0);
    }
  }

  /** "HPKE" || I2OSP(kem_id, 2) || I2OSP(kdf_id, 2) || I2OSP(aead_id, 2). */
  static byte[] suiteId(int kemId) {
    return concat(
        "HPKE".getBytes(US_ASCII),
        i2osp2(kemId),
        i2osp2(KDF_HKDF_SHA256),
        i2osp2(AEAD_CHACHA20_POLY1305));
  }

  static byte[] labeledExtract(byte[] suiteId, byte[] salt, String label, byte[] ikm) {
    byte[] labeledIkm =
        concat("HPKE-v1".getBytes(US_ASCII), suiteId, label.getBytes(US_ASCII), ikm);
    try {
      return Hkdf.extract(salt, labeledIkm);
    } finally {
      Arrays.fill(labeledIkm, (byte) 0);
    }
  }

  static byte[] labeledExpand(byte[] suiteId, byte[] prk, String label, byte[] info, int length) {
    byte[] labeledInfo =
        concat(
            i2osp2(length), "HPKE-v1".getBytes(US_ASCII), suiteId, label.getBytes(US_ASCII), info);
    return Hkdf.expand(prk, labeledInfo, length);
  }

  private static byte[] i2osp2(int value) {
    return new byte[] {(byte) (value >>> 8), (byte) value};
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] p : parts) {
      length = Math.addExact(length, p.length);
    }
    byte[] out = new byte[length];
    int offset = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, offset, p.length);
      offset += p.length;
    }
    return out;
  }
}
