package io.valise.age.stream;

import io.valise.age.PayloadException;
import io.valise.age.aead.AeadBackend;
import io.valise.age.aead.ChaCha20Poly1305;
import java.lang.foreign.MemorySegment;
import javax.crypto.AEADBadTagException;

/**
 * Seals and opens single STREAM chunks under one payload key, building each chunk's nonce from its
 * index and final flag. Not thread-safe: one instance per thread.
 */
final class ChunkCipher implements AutoCloseable {
  private final ChaCha20Poly1305 aead;
  private final byte[] nonce = new byte[ChaCha20Poly1305.NONCE_LENGTH];

  ChunkCipher(PayloadKey key, AeadBackend backend) {
    this.aead = key.newCipher(backend);
  }

  /**
   * Seals chunk {@code index}; returns the bytes written, {@code len + 16}.
   *
   * @throws IllegalArgumentException if the chunk is longer than 64 KiB, or a non-final chunk is
   *     not full
   */
  int seal(long index, boolean last, byte[] in, int off, int len, byte[] out, int outOff) {
    return seal(index, last, slice(in, off, len), slice(out, outOff, out.length - outOff));
  }

  /**
   * Seals chunk {@code index}, all of {@code in}, into the start of {@code out} (which may be the
   * same memory); returns the bytes written, {@code in.byteSize() + 16}.
   *
   * @throws IllegalArgumentException if the chunk is longer than 64 KiB, or a non-final chunk is
   *     not full
   */
  int seal(long index, boolean last, MemorySegment in, MemorySegment out) {
    long len = in.byteSize();
    if (len > Chunks.SIZE || (!last && len != Chunks.SIZE)) {
      throw new IllegalArgumentException(
          "Chunk [%d] of [%d] bytes cannot be %s".formatted(index, len, last ? "final" : "inner"));
    }
    return aead.seal(nonce(index, last), in, out);
  }

  /**
   * Verifies and decrypts chunk {@code index} of {@code len} bytes on the wire; returns the
   * plaintext bytes written. When it throws, {@code out} holds nothing usable.
   *
   * @throws PayloadException if the chunk is shorter than a tag, is a non-final chunk that is not
   *     full, is an empty final chunk after chunk 0, or fails authentication
   */
  int open(long index, boolean last, byte[] in, int off, int len, byte[] out, int outOff)
      throws PayloadException {
    return open(index, last, slice(in, off, len), slice(out, outOff, out.length - outOff));
  }

  /**
   * Verifies and decrypts chunk {@code index}, all of {@code in}, into the start of {@code out};
   * returns the plaintext bytes written. When it throws, {@code out} holds nothing usable. Opening
   * in place works, but a failure is then reported as plain corruption: naming a truncation needs
   * the ciphertext, which the failed attempt has wiped.
   *
   * @throws PayloadException if the chunk is shorter than a tag, is a non-final chunk that is not
   *     full, is an empty final chunk after chunk 0, or fails authentication
   */
  int open(long index, boolean last, MemorySegment in, MemorySegment out) throws PayloadException {
    long len = in.byteSize();
    if (len > Chunks.SEALED_SIZE) {
      throw new IllegalArgumentException("Chunk [%d] of [%d] bytes too long".formatted(index, len));
    }
    if (len < Chunks.TAG) {
      throw new PayloadException(
          "Chunk [%d] truncated to [%d] bytes, shorter than its %d-byte tag"
              .formatted(index, len, Chunks.TAG));
    }
    if (!last && len != Chunks.SEALED_SIZE) {
      throw new PayloadException(
          "Chunk [%d] is not final but has only [%d] bytes".formatted(index, len));
    }
    if (last && len == Chunks.TAG && index > 0) {
      throw new PayloadException(
          "Final chunk [%d] is empty but the payload is not".formatted(index));
    }
    try {
      return aead.open(nonce(index, last), in, out);
    } catch (AEADBadTagException e) {
      PayloadException failure = diagnose(index, last, in, out);
      out.asSlice(0, len - Chunks.TAG).fill((byte) 0);
      throw failure;
    }
  }

  /**
   * Names why a chunk failed: a chunk that opens with the other final flag is a stream cut at a
   * chunk boundary or followed by trailing data, which are worth telling apart from corruption.
   */
  private PayloadException diagnose(long index, boolean last, MemorySegment in, MemorySegment out) {
    if (in.byteSize() == Chunks.SEALED_SIZE) {
      try {
        aead.open(nonce(index, !last), in, out);
        return new PayloadException(
            last
                ? "Chunk [%d] is not marked final: payload truncated after it".formatted(index)
                : "Chunk [%d] is marked final but data follows it".formatted(index));
      } catch (AEADBadTagException ignored) {
        // Corrupt under both flags: report plain corruption below.
      }
    }
    return new PayloadException(
        "Chunk [%d] failed authentication: payload corrupt or key wrong".formatted(index));
  }

  /**
   * A view of {@code length} bytes of {@code array} from {@code offset}.
   *
   * @throws IllegalArgumentException if the range is out of bounds
   */
  private static MemorySegment slice(byte[] array, int offset, int length) {
    try {
      return MemorySegment.ofArray(array).asSlice(offset, length);
    } catch (IndexOutOfBoundsException e) {
      throw new IllegalArgumentException(
          "Range [offset %d, length %d] out of bounds for array length [%d]"
              .formatted(offset, length, array.length),
          e);
    }
  }

  /** Fills the nonce: 11-byte big-endian counter, then the final flag. */
  private byte[] nonce(long index, boolean last) {
    if (index < 0) {
      throw new IllegalArgumentException("Chunk index [%d] is negative".formatted(index));
    }
    // A long fills the low 8 bytes of the 11-byte counter, so the counter can never wrap.
    long v = index;
    for (int i = 10; i >= 3; i--) {
      nonce[i] = (byte) v;
      v >>>= 8;
    }
    nonce[11] = (byte) (last ? 1 : 0);
    return nonce;
  }

  @Override
  public void close() {
    aead.close();
  }
}
