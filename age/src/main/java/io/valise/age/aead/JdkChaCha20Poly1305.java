package io.valise.age.aead;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** ChaCha20-Poly1305 from the JDK's SunJCE provider: always available, always correct. */
final class JdkChaCha20Poly1305 implements ChaCha20Poly1305 {
  static final AeadBackend BACKEND =
      new AeadBackend() {
        @Override
        public String name() {
          return "jdk";
        }

        @Override
        public ChaCha20Poly1305 newCipher(byte[] key) {
          return new JdkChaCha20Poly1305(key);
        }
      };

  private final byte[] key;
  private final Cipher cipher;
  private boolean closed;

  JdkChaCha20Poly1305(byte[] key) {
    Checks.key(key);
    this.key = key.clone();
    try {
      this.cipher = Cipher.getInstance("ChaCha20-Poly1305");
    } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
      throw new IllegalStateException("JDK lacks ChaCha20-Poly1305", e);
    }
  }

  @Override
  public int seal(byte[] nonce, byte[] in, int inOff, int inLen, byte[] out, int outOff) {
    Checks.ranges(nonce, in, inOff, inLen, out, outOff, inLen + TAG_LENGTH);
    try {
      init(Cipher.ENCRYPT_MODE, nonce);
      return cipher.doFinal(in, inOff, inLen, out, outOff);
    } catch (ShortBufferException e) {
      throw new IllegalArgumentException("Output buffer too short", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
    }
  }

  @Override
  public int open(byte[] nonce, byte[] in, int inOff, int inLen, byte[] out, int outOff)
      throws AEADBadTagException {
    if (inLen < TAG_LENGTH) {
      throw new AEADBadTagException("Ciphertext length [%d] shorter than tag".formatted(inLen));
    }
    Checks.ranges(nonce, in, inOff, inLen, out, outOff, inLen - TAG_LENGTH);
    try {
      init(Cipher.DECRYPT_MODE, nonce);
      return cipher.doFinal(in, inOff, inLen, out, outOff);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (ShortBufferException e) {
      throw new IllegalArgumentException("Output buffer too short", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 decryption failed", e);
    }
  }

  private void init(int mode, byte[] nonce)
      throws InvalidKeyException, InvalidAlgorithmParameterException {
    if (closed) {
      throw new IllegalStateException("Cipher was closed");
    }
    // The JDK refuses to re-initialise an encrypting cipher with the same key and nonce; age
    // never repeats a nonce under one payload key, so this only bites tests that seal twice.
    cipher.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
  }

  @Override
  public void close() {
    Arrays.fill(key, (byte) 0);
    closed = true;
  }
}
