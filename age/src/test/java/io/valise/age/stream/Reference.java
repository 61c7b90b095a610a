package io.valise.age.stream;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KDF;
import javax.crypto.spec.HKDFParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A minimal payload construction written straight from age.md, "Payload", with the JDK's HKDF and
 * ChaCha20-Poly1305 and none of the code under test: the oracle for known answers, and the tool for
 * hand-building malformed payloads chunk by chunk.
 */
final class Reference {
  static final int CHUNK = 65536;

  private Reference() {}

  static byte[] payloadKey(byte[] fileKey, byte[] nonce) throws GeneralSecurityException {
    return KDF.getInstance("HKDF-SHA256")
        .deriveData(
            HKDFParameterSpec.ofExtract()
                .addIKM(fileKey)
                .addSalt(nonce)
                .thenExpand("payload".getBytes(StandardCharsets.US_ASCII), 32));
  }

  /** Seals one chunk with an explicit counter and final flag, whatever its length. */
  static byte[] chunk(byte[] payloadKey, long counter, boolean last, byte[] plaintext)
      throws GeneralSecurityException {
    byte[] nonce = new byte[12];
    for (int i = 0; i < 8; i++) {
      nonce[10 - i] = (byte) (counter >>> (8 * i));
    }
    nonce[11] = (byte) (last ? 1 : 0);
    Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
    c.init(
        Cipher.ENCRYPT_MODE, new SecretKeySpec(payloadKey, "ChaCha20"), new IvParameterSpec(nonce));
    return c.doFinal(plaintext);
  }

  /**
   * The whole payload of {@code plaintext}: nonce, then chunks as the specification splits them.
   */
  static byte[] encrypt(byte[] fileKey, byte[] nonce, byte[] plaintext)
      throws GeneralSecurityException {
    byte[] key = payloadKey(fileKey, nonce);
    var out = new ByteArrayOutputStream();
    out.writeBytes(nonce);
    int chunks = Math.max(1, (plaintext.length + CHUNK - 1) / CHUNK);
    for (int i = 0; i < chunks; i++) {
      int from = i * CHUNK;
      int to = Math.min(plaintext.length, from + CHUNK);
      out.writeBytes(chunk(key, i, i == chunks - 1, Arrays.copyOfRange(plaintext, from, to)));
    }
    return out.toByteArray();
  }

  /** Concatenates byte arrays. */
  static byte[] concat(byte[]... parts) {
    var out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
