package io.valise.age.aead;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
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

/**
 * ChaCha20-Poly1305 from the JDK's SunJCE provider: always available, always correct.
 *
 * <p>SunJCE refuses to initialise for encryption with the key and nonce of the previous
 * initialisation, whichever its mode. {@link ChaCha20Poly1305} allows that (sealing the same
 * message twice, or sealing what was just opened, is deterministic and harmless), and the OpenSSL
 * backend allows it, so this backend switches to a fresh {@link Cipher} when that happens. Nonce
 * uniqueness stays the caller's duty, as the interface says: SunJCE's check only ever looked one
 * initialisation back.
 */
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
  private Cipher cipher;
  private boolean closed;

  JdkChaCha20Poly1305(byte[] key) {
    Checks.key(key);
    this.key = key.clone();
    this.cipher = newJdkCipher();
  }

  private static Cipher newJdkCipher() {
    try {
      return Cipher.getInstance("ChaCha20-Poly1305");
    } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
      throw new IllegalStateException("JDK lacks ChaCha20-Poly1305", e);
    }
  }

  @Override
  public int seal(byte[] nonce, byte[] in, int inOff, int inLen, byte[] out, int outOff) {
    Checks.seal(nonce, in, inOff, inLen, out, outOff);
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
    Checks.open(nonce, in, inOff, inLen, out, outOff);
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

  @Override
  public int seal(byte[] nonce, MemorySegment in, MemorySegment out) {
    int len = Checks.seal(nonce, in, out);
    try {
      init(Cipher.ENCRYPT_MODE, nonce);
      return cipher.doFinal(in.asByteBuffer(), out.asSlice(0, len + TAG_LENGTH).asByteBuffer());
    } catch (ShortBufferException e) {
      throw new IllegalArgumentException("Output segment too short", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
    }
  }

  @Override
  public int open(byte[] nonce, MemorySegment in, MemorySegment out) throws AEADBadTagException {
    int len = Checks.open(nonce, in, out);
    ByteBuffer text = out.asSlice(0, len).asByteBuffer();
    try {
      init(Cipher.DECRYPT_MODE, nonce);
      return cipher.doFinal(in.asByteBuffer(), text);
    } catch (AEADBadTagException e) {
      // SunJCE checks the tag before it writes, but the contract must not rest on that.
      out.asSlice(0, len).fill((byte) 0);
      throw e;
    } catch (ShortBufferException e) {
      throw new IllegalArgumentException("Output segment too short", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 decryption failed", e);
    }
  }

  private void init(int mode, byte[] nonce)
      throws InvalidKeyException, InvalidAlgorithmParameterException {
    if (closed) {
      throw new IllegalStateException("Cipher was closed");
    }
    SecretKeySpec keySpec = new SecretKeySpec(key, "ChaCha20");
    IvParameterSpec iv = new IvParameterSpec(nonce);
    try {
      cipher.init(mode, keySpec, iv);
    } catch (InvalidKeyException e) {
      // The key was checked at construction, so this is SunJCE's same-key-and-nonce refusal
      // (see the class comment); a fresh Cipher has no previous initialisation to compare with.
      if (mode != Cipher.ENCRYPT_MODE) {
        throw e;
      }
      cipher = newJdkCipher();
      cipher.init(mode, keySpec, iv);
    }
  }

  @Override
  public void close() {
    Arrays.fill(key, (byte) 0);
    closed = true;
  }
}
