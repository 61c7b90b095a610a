package io.valise.age.stream;

import io.valise.age.PayloadException;

/** What the parallel pipeline does to a batch of consecutive chunks: seal them or open them. */
enum Direction {
  ENCRYPT(Chunks.SIZE, Chunks.SEALED_SIZE) {
    @Override
    int apply(
        ChunkCipher c,
        long index,
        boolean last,
        byte[] in,
        int off,
        int len,
        byte[] out,
        int outOff) {
      return c.seal(index, last, in, off, len, out, outOff);
    }

    @Override
    long plaintextBytes(int inLen, int outLen) {
      return inLen;
    }
  },
  DECRYPT(Chunks.SEALED_SIZE, Chunks.SIZE) {
    @Override
    int apply(
        ChunkCipher c,
        long index,
        boolean last,
        byte[] in,
        int off,
        int len,
        byte[] out,
        int outOff)
        throws PayloadException {
      return c.open(index, last, in, off, len, out, outOff);
    }

    @Override
    long plaintextBytes(int inLen, int outLen) {
      return outLen;
    }
  };

  /** Bytes of one full chunk on the input side and on the output side. */
  final int inUnit;

  final int outUnit;

  Direction(int inUnit, int outUnit) {
    this.inUnit = inUnit;
    this.outUnit = outUnit;
  }

  /**
   * Chunks in a batch of {@code len} input bytes. An empty batch still holds one chunk: an empty
   * payload is one empty final chunk, and a ciphertext with no chunk at all must fail as such.
   */
  int chunkCount(int len) {
    return len == 0 ? 1 : len / inUnit + (len % inUnit == 0 ? 0 : 1);
  }

  /**
   * Transforms the chunks of one batch, the first of which has index {@code first}; the last chunk
   * of the batch is the payload's final chunk iff {@code lastBatch}. Returns the bytes written.
   *
   * @throws PayloadException if a chunk does not decrypt (decryption only)
   */
  int transform(ChunkCipher c, long first, boolean lastBatch, byte[] in, int len, byte[] out)
      throws PayloadException {
    int chunks = chunkCount(len);
    int written = 0;
    for (int k = 0; k < chunks; k++) {
      int off = k * inUnit;
      int n = Math.min(inUnit, len - off);
      boolean last = lastBatch && k == chunks - 1;
      // Every chunk but the last is full, so outputs stay contiguous.
      written += apply(c, Math.addExact(first, k), last, in, off, n, out, k * outUnit);
    }
    return written;
  }

  abstract int apply(
      ChunkCipher c, long index, boolean last, byte[] in, int off, int len, byte[] out, int outOff)
      throws PayloadException;

  /**
   * Plaintext bytes that a batch of {@code inLen} input and {@code outLen} output bytes stands for.
   */
  abstract long plaintextBytes(int inLen, int outLen);
}
