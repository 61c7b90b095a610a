package io.valise.age.aead;

import java.lang.foreign.MemorySegment;
import javax.crypto.AEADBadTagException;

/**
 * ChaCha20-Poly1305 (RFC 8439) under one fixed 256-bit key, with 96-bit nonces, 128-bit tags and no
 * associated data: the AEAD that age uses for stanza bodies and payload chunks.
 *
 * <p>Security: confidentiality and integrity hold only if a nonce is never reused under the same
 * key; callers derive nonces from a chunk counter. An instance is not thread-safe: use one per
 * thread. {@link #close()} wipes the key.
 *
 * <p>{@code in} and {@code out} may be the same array only if {@code inOff == outOff}. The {@link
 * MemorySegment} forms take native (or heap) segments and hand native memory to the backend without
 * copying it; their {@code in} and {@code out} may overlap only by starting at the same address (in
 * place).
 */
public interface ChaCha20Poly1305 extends AutoCloseable {
  /** Nonce length in bytes. */
  int NONCE_LENGTH = 12;

  /** Key length in bytes. */
  int KEY_LENGTH = 32;

  /** Tag length in bytes. */
  int TAG_LENGTH = 16;

  /**
   * Encrypts {@code inLen} bytes and writes ciphertext followed by the tag.
   *
   * @return bytes written: {@code inLen + 16}
   * @throws IllegalArgumentException if the nonce is not 12 bytes or a range is out of bounds
   */
  int seal(byte[] nonce, byte[] in, int inOff, int inLen, byte[] out, int outOff);

  /**
   * Verifies and decrypts {@code inLen} bytes of ciphertext-and-tag. Nothing is written to {@code
   * out} that the caller may use when the tag does not verify.
   *
   * @return bytes written: {@code inLen - 16}
   * @throws AEADBadTagException if the tag does not verify or {@code inLen < 16}
   * @throws IllegalArgumentException if the nonce is not 12 bytes or a range is out of bounds
   */
  int open(byte[] nonce, byte[] in, int inOff, int inLen, byte[] out, int outOff)
      throws AEADBadTagException;

  /**
   * Encrypts all of {@code in} and writes ciphertext followed by the tag at the start of {@code
   * out}.
   *
   * @return bytes written: {@code in.byteSize() + 16}
   * @throws IllegalArgumentException if the nonce is not 12 bytes, {@code in} is longer than {@code
   *     Integer.MAX_VALUE - 16} bytes, {@code out} is read-only or too short, or the two overlap
   *     other than in place
   */
  int seal(byte[] nonce, MemorySegment in, MemorySegment out);

  /**
   * Verifies and decrypts all of {@code in}, ciphertext and tag, into the start of {@code out}.
   * When the tag does not verify, the first {@code in.byteSize() - 16} bytes of {@code out} hold
   * zeros or what they held before, never plaintext.
   *
   * @return bytes written: {@code in.byteSize() - 16}
   * @throws AEADBadTagException if the tag does not verify or {@code in} is shorter than 16 bytes
   * @throws IllegalArgumentException if the nonce is not 12 bytes, {@code in} is longer than {@code
   *     Integer.MAX_VALUE} bytes, {@code out} is read-only or too short, or the two overlap other
   *     than in place
   */
  int open(byte[] nonce, MemorySegment in, MemorySegment out) throws AEADBadTagException;

  /** Wipes the key; the instance is unusable afterwards. */
  @Override
  void close();
}
