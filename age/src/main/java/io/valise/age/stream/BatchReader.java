package io.valise.age.stream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.ScatteringByteChannel;

/**
 * Reads a blocking channel into the chunk slots of a batch and looks one byte ahead, so that the
 * caller learns whether the last chunk in a batch is the final chunk of the stream: age marks the
 * final chunk in its nonce, and a full chunk is final only if nothing follows it.
 */
final class BatchReader {
  private final ReadableByteChannel in;
  // Direct, so a FileChannel reads the look-ahead byte without a temporary buffer.
  private final ByteBuffer peek = ByteBuffer.allocateDirect(1);
  private boolean carried;
  private boolean atEnd;

  BatchReader(ReadableByteChannel in) {
    this.in = in;
  }

  /**
   * Fills {@code chunks} in order (each from position 0 to its capacity), short only at end of
   * stream, and returns the byte count. After it returns, {@link #atEnd()} says whether the stream
   * ended within or right after those bytes.
   *
   * @throws IllegalStateException if the end was already reached
   */
  int fill(ByteBuffer[] chunks) throws IOException {
    if (atEnd) {
      throw new IllegalStateException("Stream already ended");
    }
    for (ByteBuffer chunk : chunks) {
      chunk.clear();
    }
    if (carried) {
      chunks[0].put(peek.get(0));
      carried = false;
    }
    int i = 0;
    while (i < chunks.length) {
      if (!chunks[i].hasRemaining()) {
        i++;
        continue;
      }
      // One vectored read per batch when the channel offers it (FileChannel: readv).
      long n =
          in instanceof ScatteringByteChannel s
              ? s.read(chunks, i, chunks.length - i)
              : in.read(chunks[i]);
      if (n < 0) {
        atEnd = true;
        break;
      }
    }
    if (!atEnd) {
      // One byte of look-ahead: a full batch is the end only if nothing follows it.
      peek.clear();
      int n;
      do {
        n = in.read(peek);
      } while (n == 0);
      atEnd = n < 0;
      carried = n > 0;
    }
    long total = 0;
    for (ByteBuffer chunk : chunks) {
      total += chunk.position();
    }
    return Math.toIntExact(total);
  }

  /** Whether the bytes returned by the last {@link #fill} were the end of the stream. */
  boolean atEnd() {
    return atEnd;
  }
}
