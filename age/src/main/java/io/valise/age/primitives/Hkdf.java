package io.valise.age.primitives;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with SHA-256 (RFC 5869). age derives every key with {@link #sha256} (Extract then Expand to
 * 32 bytes); HPKE needs the two steps apart, with labels in between.
 */
public final class Hkdf {
  /** Output length of SHA-256, and of HKDF-Extract. */
  public static final int HASH_LENGTH = 32;

  private Hkdf() {}

  /** HKDF-Extract then HKDF-Expand to 32 bytes; an empty salt means none (RFC 5869 2.2). */
  public static byte[] sha256(byte[] ikm, byte[] salt, byte[] info) {
    byte[] prk = extract(salt, ikm);
    try {
      return expand(prk, info, HASH_LENGTH);
    } finally {
      Arrays.fill(prk, (byte) 0);
    }
  }

  /** HKDF-Extract (RFC 5869 2.2): an empty salt is replaced by a zero-filled one. */
  public static byte[] extract(byte[] salt, byte[] ikm) {
    Mac mac = hmac(salt.length == 0 ? new byte[HASH_LENGTH] : salt);
    return mac.doFinal(ikm);
  }

  /**
   * HKDF-Expand (RFC 5869 2.3).
   *
   * @throws IllegalArgumentException if {@code length} is negative or above 255 * 32
   */
  public static byte[] expand(byte[] prk, byte[] info, int length) {
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
