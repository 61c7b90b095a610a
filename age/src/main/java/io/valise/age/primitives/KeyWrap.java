package io.valise.age.primitives;

import io.valise.age.FileKey;
import io.valise.age.aead.AeadBackends;
import io.valise.age.aead.ChaCha20Poly1305;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.AEADBadTagException;

/**
 * The stanza body cipher of the X25519 and scrypt types: ChaCha20-Poly1305 of the 16-byte file key
 * under a one-time wrap key with the all-zero nonce (safe because each wrap key is used once).
 */
public final class KeyWrap {
  /** Length of a wrapped file key: key plus tag. */
  public static final int BODY_LENGTH = FileKey.LENGTH + ChaCha20Poly1305.TAG_LENGTH;

  private static final byte[] ZERO_NONCE = new byte[ChaCha20Poly1305.NONCE_LENGTH];

  private KeyWrap() {}

  /** Encrypts the file key under {@code wrapKey} (32 bytes). */
  public static byte[] wrap(byte[] wrapKey, FileKey fileKey) {
    byte[] key = fileKey.copyBytes();
    try (ChaCha20Poly1305 c = AeadBackends.jdk().newCipher(wrapKey)) {
      byte[] out = new byte[BODY_LENGTH];
      c.seal(ZERO_NONCE, key, 0, key.length, out, 0);
      return out;
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * Decrypts a 32-byte body; empty if the tag does not verify (the stanza is for someone else or
   * the passphrase is wrong). The caller has already checked the body length.
   */
  public static Optional<FileKey> unwrap(byte[] wrapKey, byte[] body) {
    byte[] key = new byte[FileKey.LENGTH];
    try (ChaCha20Poly1305 c = AeadBackends.jdk().newCipher(wrapKey)) {
      c.open(ZERO_NONCE, body, 0, body.length, key, 0);
      return Optional.of(FileKey.of(key));
    } catch (AEADBadTagException e) {
      return Optional.empty();
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }
}
