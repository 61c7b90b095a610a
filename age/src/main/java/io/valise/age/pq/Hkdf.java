package io.valise.age.pq;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF-SHA256 (RFC 5869) as two separate steps, since HPKE's labeled functions call Extract and
 * Expand on their own. The JDK's HMAC keeps its own copy of each key until collected.
 */
final class Hkdf {
  /** HashLen of SHA-256, the length of a pseudorandom key. */
  static final int HASH_LENGTH = 32;

  private Hkdf() {}

  /**
   * HKDF-Extract(salt, ikm). An empty salt stands for HashLen zero bytes, as RFC 5869 section 2.2
   * says (and HMAC would pad an empty key to the same thing).
   */
  static byte[] extract(byte[] salt, byte[] ikm) {
    Mac mac = hmac(salt.length == 0 ? new byte[HASH_LENGTH] : salt);
    return mac.doFinal(ikm);
  }

  /**
   * HKDF-Expand(prk, info, length).
   *
   * @throws IllegalArgumentException if {@code length} is negative or above 255 * HashLen
   */
  static byte[] expand(byte[] prk, byte[] info, int length) {
    if (length < 0 || length > 255 * HASH_LENGTH) {
      throw new IllegalArgumentException("HKDF-Expand length [%d] out of range".formatted(length));
    }
    Mac mac = hmac(prk);
    byte[] out = new byte[length];
    byte[] block = new byte[0];
    for (int i = 0, done = 0; done < length; i++) {
      mac.update(block);
      mac.update(info);
      mac.update((byte) (i + 1));
      Arrays.fill(block, (byte) 0);
      block = mac.doFinal();
      int n = Math.min(block.length, length - done);
      System.arraycopy(block, 0, out, done, n);
      done += n;
    }
    Arrays.fill(block, (byte) 0);
    return out;
  }

  private static Mac hmac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK lacks HmacSHA256", e);
    }
  }
}
