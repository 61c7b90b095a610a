package io.valise.age.stream;

import io.valise.age.FileKey;
import io.valise.age.aead.AeadBackend;
import io.valise.age.aead.ChaCha20Poly1305;
import io.valise.age.primitives.Hkdf;
import io.valise.age.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The 256-bit key that encrypts the chunks of one payload (age.md, "Payload"): HKDF-SHA-256 with
 * the file key as input keying material, the payload nonce as salt and {@code "payload"} as info.
 *
 * <p>A secret: {@link #toString()} never prints it, {@link #close()} overwrites it, and its bytes
 * never leave this package except into a cipher. The JDK's HKDF keeps its own copies of the inputs
 */
public final class PayloadKey extends SecretBytes {
  /** Length of the payload nonce in bytes. */
  public static final int NONCE_LENGTH = 16;

  private static final byte[] INFO = "payload".getBytes(StandardCharsets.US_ASCII);

  private PayloadKey(byte[] key) {
    super(key);
  }

  /**
   * Derives the payload key of the payload that starts with {@code nonce}.
   *
   * @throws IllegalArgumentException if {@code nonce} is not 16 bytes
   * @throws IllegalStateException if {@code fileKey} was destroyed, or the JDK lacks HKDF-SHA256
   */
  public static PayloadKey derive(FileKey fileKey, byte[] nonce) {
    if (nonce.length != NONCE_LENGTH) {
      throw new IllegalArgumentException(
          "Payload nonce length [%d] not equal to required length [%d]"
              .formatted(nonce.length, NONCE_LENGTH));
    }
    byte[] ikm = fileKey.copyBytes();
    try {
      return new PayloadKey(Hkdf.sha256(ikm, nonce, INFO));
    } finally {
      Arrays.fill(ikm, (byte) 0);
    }
  }

  /**
   * Returns a new cipher under this key; the caller closes it. Safe to call from several threads.
   *
   * @throws IllegalStateException if this key was destroyed
   */
  ChaCha20Poly1305 newCipher(AeadBackend backend) {
    return backend.newCipher(secret()); // the backend keys itself with a copy
  }
}
