package io.valise.store.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

/** Reads {@code [offset, offset + length)} of a file with positional reads, then stops. */
final class RangeInputStream extends InputStream {
  private final FileChannel channel;
  private long position;
  private long remaining;

  RangeInputStream(FileChannel channel, long offset, long length) {
    this.channel = channel;
    this.position = offset;
    this.remaining = length;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (remaining == 0) {
      return -1;
    }
    int want = (int) Math.min(len, remaining);
    int n = channel.read(ByteBuffer.wrap(b, off, want), position);
    if (n < 0) {
      // The file is immutable once committed, so a short file means it was truncated under us.
      throw new IOException("Blob ended [%d] bytes early".formatted(remaining));
    }
    position += n;
    remaining -= n;
    return n;
  }

  /** The file (for mapping); the range's bounds were checked when it was opened. */
  FileChannel channel() {
    return channel;
  }

  @Override
  public long skip(long n) {
    long skipped = Math.max(0, Math.min(n, remaining));
    position += skipped;
    remaining -= skipped;
    return skipped;
  }

  @Override
  public int available() {
    return (int) Math.min(remaining, Integer.MAX_VALUE);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
