package io.valise.age.stream;

import io.valise.age.PayloadException;
import java.lang.foreign.MemorySegment;

/**
 * What the parallel pipeline does to a batch of consecutive chunks: seal them or open them.
 *
 * <p>Layout of a batch: input chunk {@code k} always sits at {@code k * SEALED_SIZE}, output chunk
 * {@code k} at {@code k * outUnit}. Sealing therefore works in place (the input and output buffers
 * are one, and each chunk grows into the 16 bytes left free after it), and both the output of a
 * seal and the input of an open are contiguous, so each is one read or one write.
 */
enum Direction {
  ENCRYPT(Chunks.SIZE, Chunks.SEALED_SIZE, true) {
    @Override
    int apply(ChunkCipher c, long index, boolean last, MemorySegment in, MemorySegment out) {
      return c.seal(index, last, in, out);
    }

    @Override
    long plaintextBytes(int inLen, int outLen) {
      return inLen;
    }
  },
  // Opened apart rather than in place: a chunk that fails is opened again under the other final
  // flag to name the failure, which needs its ciphertext intact.
  DECRYPT(Chunks.SEALED_SIZE, Chunks.SIZE, false) {
    @Override
    int apply(ChunkCipher c, long index, boolean last, MemorySegment in, MemorySegment out)
        throws PayloadException {
      return c.open(index, last, in, out);
    }

    @Override
    long plaintextBytes(int inLen, int outLen) {
      return outLen;
    }
  };

  /** Bytes of one full chunk on the input side and on the output side. */
  final int inUnit;

  final int outUnit;

  /** Whether a batch is transformed in place, in one buffer. */
  final boolean inPlace;

  Direction(int inUnit, int outUnit, boolean inPlace) {
    this.inUnit = inUnit;
    this.outUnit = outUnit;
    this.inPlace = inPlace;
  }

  /** Distance between the starts of consecutive input chunks in a batch buffer. */
  static final int IN_STRIDE = Chunks.SEALED_SIZE;

  /**
   * Chunks in a batch of {@code len} input bytes. An empty batch still holds one chunk: an empty
   * payload is one empty final chunk, and a ciphertext with no chunk at all must fail as such.
   */
  int chunkCount(int len) {
    return len == 0 ? 1 : len / inUnit + (len % inUnit == 0 ? 0 : 1);
  }

  /**
   * Transforms the chunks of one batch of {@code len} input bytes laid out as the class comment
   * says, the first of which has index {@code first}; the last chunk of the batch is the payload's
   * final chunk iff {@code lastBatch}. Returns the bytes written, contiguous from the start of
   * {@code out}.
   *
   * @throws PayloadException if a chunk does not decrypt (decryption only)
   */
  int transform(
      ChunkCipher c, long first, boolean lastBatch, MemorySegment in, int len, MemorySegment out)
      throws PayloadException {
    int chunks = chunkCount(len);
    int written = 0;
    for (int k = 0; k < chunks; k++) {
      int n = Math.min(inUnit, len - k * inUnit);
      boolean last = lastBatch && k == chunks - 1;
      MemorySegment chunkIn = in.asSlice((long) k * IN_STRIDE, n);
      MemorySegment chunkOut = out.asSlice((long) k * outUnit);
      // Every chunk but the last is full, so outputs stay contiguous.
      written += apply(c, Math.addExact(first, k), last, chunkIn, chunkOut);
    }
    return written;
  }

  abstract int apply(ChunkCipher c, long index, boolean last, MemorySegment in, MemorySegment out)
      throws PayloadException;

  /**
   * Plaintext bytes that a batch of {@code inLen} input and {@code outLen} output bytes stands for.
   */
  abstract long plaintextBytes(int inLen, int outLen);
}
