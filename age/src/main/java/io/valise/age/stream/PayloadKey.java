package io.valise.age.stream;

import io.valise.age.FileKey;
import io.valise.age.aead.AeadBackend;
import io.valise.age.aead.ChaCha20Poly1305;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.KDF;
import javax.crypto.spec.HKDFParameterSpec;
import javax.security.auth.Destroyable;

/**
 * The 256-bit key that encrypts the chunks of one payload (age.md, "Payload"): HKDF-SHA-256 with
 * the file key as input keying material, the payload nonce as salt and {@code "payload"} as info.
 *
 * <p>A secret: {@link #toString()} never prints it, {@link #close()} overwrites it, and its bytes
 * never leave this package except into a cipher. The JDK's HKDF keeps its own copies of the inputs
 * in key objects that cannot be wiped; those become garbage when {@link #derive} returns.
 */
public final class PayloadKey implements Destroyable, AutoCloseable {
  /** Length of the payload nonce in bytes. */
  public static final int NONCE_LENGTH = 16;

  private static final byte[] INFO = "payload".getBytes(StandardCharsets.US_ASCII);

  private final byte[] key;
  private volatile boolean destroyed;

  private PayloadKey(byte[] key) {
    this.key = key;
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
      KDF hkdf = KDF.getInstance("HKDF-SHA256");
      var spec =
          HKDFParameterSpec.ofExtract()
              .addIKM(ikm)
              .addSalt(nonce)
              .thenExpand(INFO, ChaCha20Poly1305.KEY_LENGTH);
      return new PayloadKey(hkdf.deriveData(spec));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK lacks HKDF-SHA256", e);
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
    if (destroyed) {
      throw new IllegalStateException("Payload key was destroyed");
    }
    return backend.newCipher(key); // the backend keys itself with a copy
  }

  @Override
  public void destroy() {
    Arrays.fill(key, (byte) 0);
    destroyed = true;
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public void close() {
    destroy();
  }

  @Override
  public String toString() {
    return "PayloadKey[REDACTED]";
  }
}
