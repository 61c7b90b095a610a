package io.valise.age.stream;

import io.valise.age.PayloadException;
import io.valise.age.aead.ChaCha20Poly1305;

/**
 * The STREAM framing of age.md, "Payload": sizes of chunks and the size arithmetic between a
 * plaintext and its chunk sequence. Lengths here exclude the 16-byte payload nonce.
 */
final class Chunks {
  /** Plaintext bytes in every chunk but possibly the final one. */
  static final int SIZE = 64 * 1024;

  static final int TAG = ChaCha20Poly1305.TAG_LENGTH;

  /** Bytes of a full chunk on the wire: plaintext and tag. */
  static final int SEALED_SIZE = SIZE + TAG;

  private Chunks() {}

  /**
   * Returns the number of bytes that {@code plaintextLength} bytes of plaintext take as a chunk
   * sequence. An empty plaintext is one empty final chunk; a multiple of 64 KiB ends with a full
   * final chunk, never an extra empty one.
   *
   * @throws IllegalArgumentException if {@code plaintextLength} is negative
   * @throws ArithmeticException if the result does not fit a {@code long}
   */
  static long sealedLength(long plaintextLength) {
    if (plaintextLength < 0) {
      throw new IllegalArgumentException(
          "Plaintext length [%d] is negative".formatted(plaintextLength));
    }
    long chunks = plaintextLength == 0 ? 1 : ceilDiv(plaintextLength, SIZE);
    return Math.addExact(plaintextLength, Math.multiplyExact(chunks, TAG));
  }

  /**
   * Returns the plaintext length of a chunk sequence of {@code sealedLength} bytes.
   *
   * @throws PayloadException if no valid chunk sequence has that length: shorter than one tag, a
   *     final chunk cut inside its tag, or an empty final chunk after a full one
   */
  static long plaintextLength(long sealedLength) throws PayloadException {
    long chunks = chunkCount(sealedLength);
    long last = finalChunkLength(sealedLength, chunks);
    if (last < TAG) {
      throw new PayloadException(
          "Chunk [%d] truncated to [%d] bytes, shorter than its %d-byte tag"
              .formatted(chunks - 1, last, TAG));
    }
    if (last == TAG && chunks > 1) {
      throw new PayloadException(
          "Final chunk [%d] is empty but the payload is not".formatted(chunks - 1));
    }
    return sealedLength - chunks * TAG;
  }

  /**
   * Returns how many chunks a sequence of {@code sealedLength} bytes holds: at least one, since
   * even an empty plaintext has a final chunk.
   */
  static long chunkCount(long sealedLength) {
    if (sealedLength < 0) {
      throw new IllegalArgumentException("Length [%d] is negative".formatted(sealedLength));
    }
    return sealedLength == 0 ? 1 : ceilDiv(sealedLength, SEALED_SIZE);
  }

  /** Returns the length on the wire of the last of {@code chunks} chunks. */
  static int finalChunkLength(long sealedLength, long chunks) {
    return Math.toIntExact(sealedLength - (chunks - 1) * SEALED_SIZE);
  }

  private static long ceilDiv(long x, int y) {
    return x / y + (x % y == 0 ? 0 : 1);
  }
}
