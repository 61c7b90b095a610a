package io.valise.age.stream;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a stream in whole buffers and looks one byte ahead, so that the caller learns whether the
 * last chunk in a buffer is the final chunk of the stream: age marks the final chunk in its nonce,
 * and a full chunk is final only if nothing follows it.
 */
final class ChunkReader {
  private final InputStream in;
  private int carry = -1;
  private boolean atEnd;

  ChunkReader(InputStream in) {
    this.in = in;
  }

  /**
   * Fills {@code buf} from the stream, short only at end of stream, and returns the byte count.
   * After it returns, {@link #atEnd()} says whether the stream ended within or right after those
   * bytes.
   *
   * @throws IllegalStateException if the end was already reached
   */
  int fill(byte[] buf) throws IOException {
    if (atEnd) {
      throw new IllegalStateException("Stream already ended");
    }
    int n = 0;
    if (carry >= 0) {
      buf[n++] = (byte) carry;
      carry = -1;
    }
    n += in.readNBytes(buf, n, buf.length - n);
    if (n < buf.length) {
      atEnd = true;
    } else {
      // One byte of look-ahead: a full buffer is the end only if nothing follows it.
      carry = in.read();
      atEnd = carry < 0;
    }
    return n;
  }

  /** Whether the bytes returned by the last {@link #fill} were the end of the stream. */
  boolean atEnd() {
    return atEnd;
  }
}
