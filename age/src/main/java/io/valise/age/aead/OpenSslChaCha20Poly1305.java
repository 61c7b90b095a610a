package io.valise.age.aead;

import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import javax.crypto.AEADBadTagException;

/**
 * ChaCha20-Poly1305 from the system's OpenSSL 3 libcrypto, called through java.lang.foreign.
 *
 * <p>One {@code EVP_CIPHER_CTX} per instance is keyed once; each message then sets only the nonce.
 * Byte arrays are handed to OpenSSL as heap segments in critical downcalls, so nothing is copied
 * through native memory; native segments are passed as they are. The key is never copied on the
 * Java side: OpenSSL keeps the only copy inside the context and clears it when {@link #close()}
 * frees the context. A {@link Cleaner} frees the context of an instance that is dropped without
 * {@code close()}.
 *
 * <p>The tag is checked by {@code EVP_DecryptFinal_ex}, which compares in constant time. On a bad
 * tag the output range is zeroed before {@link AEADBadTagException} is thrown, because OpenSSL has
 * already written the unauthenticated plaintext there.
 */
final class OpenSslChaCha20Poly1305 implements ChaCha20Poly1305 {
  static final AeadBackend BACKEND =
      new AeadBackend() {
        @Override
        public String name() {
          return "openssl";
        }

        @Override
        public ChaCha20Poly1305 newCipher(byte[] key) {
          return new OpenSslChaCha20Poly1305(key);
        }
      };

  /**
   * The backend, once libcrypto and every symbol we need have been found.
   *
   * @throws IllegalStateException naming the missing library or symbol
   */
  static AeadBackend load() {
    LibCrypto.system();
    return BACKEND;
  }

  /**
   * Largest slice passed to one Update call: a critical downcall holds off the garbage collector,
   * so a huge range is fed in slices of about half a millisecond each. A multiple of the 64-byte
   * ChaCha20 block, so OpenSSL never has to carry a partial block between slices.
   */
  private static final int SLICE = 1 << 20;

  private static final Cleaner CLEANER = Cleaner.create();

  private final MemorySegment ctx;
  private final Cleaner.Cleanable freeCtx;
  private final int[] outLen = new int[1];
  private final MemorySegment outLenSegment = MemorySegment.ofArray(outLen);
  private boolean closed;

  /**
   * Keys a fresh context.
   *
   * @throws IllegalArgumentException if {@code key} is not 32 bytes
   * @throws IllegalStateException if libcrypto is missing or refuses to set up the cipher
   */
  OpenSslChaCha20Poly1305(byte[] key) {
    Checks.key(key);
    LibCrypto lib = LibCrypto.system();
    MemorySegment newCtx = lib.newCtx();
    if (newCtx.equals(MemorySegment.NULL)) {
      throw new IllegalStateException("EVP_CIPHER_CTX_new failed");
    }
    this.ctx = newCtx;
    this.freeCtx = CLEANER.register(this, new FreeCtx(newCtx));
    try {
      MemorySegment none = MemorySegment.NULL;
      // EVP's documented order for AEADs: choose the cipher, set the IV length, then the key.
      expect(lib.init(true, newCtx, lib.cipher(), none, none), "EVP_EncryptInit_ex(cipher)");
      expect(
          lib.ctrl(newCtx, LibCrypto.EVP_CTRL_AEAD_SET_IVLEN, NONCE_LENGTH, none),
          "EVP_CTRL_AEAD_SET_IVLEN");
      expect(
          lib.init(true, newCtx, none, MemorySegment.ofArray(key), none),
          "EVP_EncryptInit_ex(key)");
    } catch (RuntimeException e) {
      freeCtx.clean();
      throw e;
    }
  }

  @Override
  public int seal(byte[] nonce, byte[] in, int inOff, int inLen, byte[] out, int outOff) {
    Checks.seal(nonce, in, inOff, inLen, out, outOff);
    return sealChecked(nonce, at(in, inOff, inLen), at(out, outOff, inLen + TAG_LENGTH));
  }

  @Override
  public int seal(byte[] nonce, MemorySegment in, MemorySegment out) {
    int len = Checks.seal(nonce, in, out);
    return sealChecked(nonce, in, out.asSlice(0, len + TAG_LENGTH));
  }

  @Override
  public int open(byte[] nonce, byte[] in, int inOff, int inLen, byte[] out, int outOff)
      throws AEADBadTagException {
    Checks.open(nonce, in, inOff, inLen, out, outOff);
    return openChecked(nonce, at(in, inOff, inLen), at(out, outOff, inLen - TAG_LENGTH));
  }

  @Override
  public int open(byte[] nonce, MemorySegment in, MemorySegment out) throws AEADBadTagException {
    int len = Checks.open(nonce, in, out);
    return openChecked(nonce, in, out.asSlice(0, len));
  }

  /** Seals {@code in} into {@code out}, which is exactly {@code in}'s length plus the tag. */
  private int sealChecked(byte[] nonce, MemorySegment in, MemorySegment out) {
    ensureOpen();
    int inLen = (int) in.byteSize();
    try {
      LibCrypto lib = LibCrypto.system();
      startMessage(lib, true, nonce);
      update(lib, true, in, out);
      MemorySegment tag = out.asSlice(inLen);
      expect(lib.doFinal(true, ctx, tag, outLenSegment), "EVP_EncryptFinal_ex");
      if (outLen[0] != 0) {
        // A stream cipher: Update wrote every byte, so Final has nothing left to write.
        throw new IllegalStateException(
            "EVP_EncryptFinal_ex wrote [%d] bytes, expected none".formatted(outLen[0]));
      }
      expect(
          lib.ctrl(ctx, LibCrypto.EVP_CTRL_AEAD_GET_TAG, TAG_LENGTH, tag), "EVP_CTRL_AEAD_GET_TAG");
      return inLen + TAG_LENGTH;
    } finally {
      // The Cleaner must not free the context while a downcall is still using it.
      Reference.reachabilityFence(this);
    }
  }

  /** Opens {@code in} into {@code out}, which is exactly {@code in}'s length minus the tag. */
  private int openChecked(byte[] nonce, MemorySegment in, MemorySegment out)
      throws AEADBadTagException {
    ensureOpen();
    int textLen = (int) out.byteSize();
    boolean verified = false;
    try {
      LibCrypto lib = LibCrypto.system();
      startMessage(lib, false, nonce);
      // Set before Update: in place, Update overwrites only the ciphertext, never the tag after it.
      expect(
          lib.ctrl(ctx, LibCrypto.EVP_CTRL_AEAD_SET_TAG, TAG_LENGTH, in.asSlice(textLen)),
          "EVP_CTRL_AEAD_SET_TAG");
      update(lib, false, in.asSlice(0, textLen), out);
      verified =
          lib.doFinal(false, ctx, out.asSlice(textLen), outLenSegment) == 1 && outLen[0] == 0;
    } finally {
      if (!verified) {
        out.fill((byte) 0);
      }
      Reference.reachabilityFence(this);
    }
    if (!verified) {
      throw new AEADBadTagException("ChaCha20-Poly1305 tag mismatch");
    }
    return textLen;
  }

  /** Frees the context, which clears OpenSSL's copy of the key. Idempotent. */
  @Override
  public void close() {
    closed = true;
    freeCtx.clean();
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("Cipher was closed");
    }
  }

  /** Keeps the key and sets the direction and the nonce, which also resets Poly1305. */
  private void startMessage(LibCrypto lib, boolean encrypt, byte[] nonce) {
    MemorySegment none = MemorySegment.NULL;
    expect(
        lib.init(encrypt, ctx, none, none, MemorySegment.ofArray(nonce)), "EVP_CipherInit_ex(iv)");
  }

  /** Transforms all of {@code in} into {@code out}, of the same length, in slices. */
  private void update(LibCrypto lib, boolean encrypt, MemorySegment in, MemorySegment out) {
    int len = (int) in.byteSize();
    for (int done = 0; done < len; ) {
      int n = Math.min(SLICE, len - done);
      int rc = lib.update(encrypt, ctx, out.asSlice(done), outLenSegment, in.asSlice(done), n);
      if (rc != 1 || outLen[0] != n) {
        throw new IllegalStateException(
            "EVP_CipherUpdate failed: returned [%d], wrote [%d] of [%d] bytes"
                .formatted(rc, outLen[0], n));
      }
      done += n;
    }
  }

  private static MemorySegment at(byte[] array, int offset, int length) {
    return MemorySegment.ofArray(array).asSlice(offset, length);
  }

  private static void expect(int rc, String what) {
    if (rc != 1) {
      throw new IllegalStateException("OpenSSL %s failed: returned [%d]".formatted(what, rc));
    }
  }

  /** Frees one context; holds no reference to the cipher, as a Cleaner action must not. */
  private record FreeCtx(MemorySegment ctx) implements Runnable {
    @Override
    public void run() {
      LibCrypto.system().freeCtx(ctx);
    }
  }
}
