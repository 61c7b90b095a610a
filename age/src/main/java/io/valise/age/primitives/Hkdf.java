package io.valise.age.primitives;

import java.security.GeneralSecurityException;
import javax.crypto.KDF;
import javax.crypto.spec.HKDFParameterSpec;

/** HKDF-SHA-256 (RFC 5869) with 32 bytes of output, as every age key derivation uses it. */
public final class Hkdf {
  private Hkdf() {}

  /**
   * Derives 32 bytes: HKDF-Extract with {@code salt} (empty means none, which RFC 5869 treats as a
   * zero-filled salt of hash length) then HKDF-Expand with {@code info}.
   */
  public static byte[] sha256(byte[] ikm, byte[] salt, byte[] info) {
    try {
      HKDFParameterSpec.Builder b = HKDFParameterSpec.ofExtract().addIKM(ikm);
      if (salt.length > 0) {
        b.addSalt(salt);
      }
      return KDF.getInstance("HKDF-SHA256").deriveData(b.thenExpand(info, 32));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HKDF-SHA256 unavailable", e);
    }
  }
}
