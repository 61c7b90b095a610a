package io.valise.age.aead;

import java.lang.foreign.MemorySegment;
import javax.crypto.AEADBadTagException;

/**
 * Argument checks shared by the backends, so every backend fails the same way: {@link
 * IllegalArgumentException} naming the bad value, as {@link ChaCha20Poly1305} promises.
 */
final class Checks {
  private Checks() {}

  static void key(byte[] key) {
    if (key.length != ChaCha20Poly1305.KEY_LENGTH) {
      throw new IllegalArgumentException(
          "Key length [%d] not equal to required length [%d]"
              .formatted(key.length, ChaCha20Poly1305.KEY_LENGTH));
    }
  }

  /** Checks the arguments of {@link ChaCha20Poly1305#seal}. */
  static void seal(byte[] nonce, byte[] in, int inOff, int inLen, byte[] out, int outOff) {
    ranges(nonce, in, inOff, inLen, out, outOff, (long) inLen + ChaCha20Poly1305.TAG_LENGTH);
  }

  /** Checks the arguments of {@link ChaCha20Poly1305#open}. */
  static void open(byte[] nonce, byte[] in, int inOff, int inLen, byte[] out, int outOff)
      throws AEADBadTagException {
    if (inLen >= 0 && inLen < ChaCha20Poly1305.TAG_LENGTH) {
      throw new AEADBadTagException(
          "Ciphertext length [%d] shorter than tag length [%d]"
              .formatted(inLen, ChaCha20Poly1305.TAG_LENGTH));
    }
    ranges(nonce, in, inOff, inLen, out, outOff, (long) inLen - ChaCha20Poly1305.TAG_LENGTH);
  }

  /**
   * Checks the arguments of {@link ChaCha20Poly1305#seal(byte[], MemorySegment, MemorySegment)} and
   * returns the plaintext length.
   */
  static int seal(byte[] nonce, MemorySegment in, MemorySegment out) {
    nonce(nonce);
    long len = in.byteSize();
    if (len > Integer.MAX_VALUE - ChaCha20Poly1305.TAG_LENGTH) {
      throw new IllegalArgumentException(
          "Plaintext length [%d] longer than the maximum [%d]"
              .formatted(len, Integer.MAX_VALUE - ChaCha20Poly1305.TAG_LENGTH));
    }
    segments(in, out, len + ChaCha20Poly1305.TAG_LENGTH);
    return (int) len;
  }

  /**
   * Checks the arguments of {@link ChaCha20Poly1305#open(byte[], MemorySegment, MemorySegment)} and
   * returns the plaintext length.
   */
  static int open(byte[] nonce, MemorySegment in, MemorySegment out) throws AEADBadTagException {
    long len = in.byteSize();
    if (len < ChaCha20Poly1305.TAG_LENGTH) {
      throw new AEADBadTagException(
          "Ciphertext length [%d] shorter than tag length [%d]"
              .formatted(len, ChaCha20Poly1305.TAG_LENGTH));
    }
    nonce(nonce);
    if (len > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "Ciphertext length [%d] longer than the maximum [%d]".formatted(len, Integer.MAX_VALUE));
    }
    segments(in, out, len - ChaCha20Poly1305.TAG_LENGTH);
    return (int) (len - ChaCha20Poly1305.TAG_LENGTH);
  }

  private static void segments(MemorySegment in, MemorySegment out, long outLen) {
    if (out.isReadOnly()) {
      throw new IllegalArgumentException("Output segment is read-only");
    }
    if (out.byteSize() < outLen) {
      throw new IllegalArgumentException(
          "Output segment length [%d] shorter than required length [%d]"
              .formatted(out.byteSize(), outLen));
    }
    // Overlapping segments share their memory (native, or one array whose offset address()
    // gives), so their addresses compare.
    if (in.asOverlappingSlice(out).isPresent() && in.address() != out.address()) {
      throw new IllegalArgumentException(
          "In-place operation needs in and out at the same address; out is [%d] bytes off"
              .formatted(out.address() - in.address()));
    }
  }

  private static void nonce(byte[] nonce) {
    if (nonce.length != ChaCha20Poly1305.NONCE_LENGTH) {
      throw new IllegalArgumentException(
          "Nonce length [%d] not equal to required length [%d]"
              .formatted(nonce.length, ChaCha20Poly1305.NONCE_LENGTH));
    }
  }

  private static void ranges(
      byte[] nonce, byte[] in, int inOff, int inLen, byte[] out, int outOff, long outLen) {
    nonce(nonce);
    range("Input", inOff, inLen, in.length);
    range("Output", outOff, outLen, out.length);
    if (in == out && inOff != outOff) {
      throw new IllegalArgumentException(
          "In-place operation needs inOff [%d] equal to outOff [%d]".formatted(inOff, outOff));
    }
  }

  private static void range(String what, long off, long len, int arrayLength) {
    // In long arithmetic, so off + len cannot overflow.
    if (off < 0 || len < 0 || off + len > arrayLength) {
      throw new IllegalArgumentException(
          "%s range [offset %d, length %d] out of bounds for array length [%d]"
              .formatted(what, off, len, arrayLength));
    }
  }
}
