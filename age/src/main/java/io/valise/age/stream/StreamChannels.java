package io.valise.age.stream;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Streams seen as channels, for the stream entry points of {@link Payload}. A plain file stream
 * gives its own {@code FileChannel}, which shares its position and reads into native memory without
 * a copy; any other stream is copied through a 64 KiB array.
 *
 * <p>Unlike {@link java.nio.channels.Channels#newChannel}, the adapters are not interruptible
 * channels: an interrupt must reach the pipeline as an {@link java.io.InterruptedIOException}, not
 * close the caller's stream. {@code close()} on an adapter does nothing; the caller owns the
 * stream.
 */
final class StreamChannels {
  private static final int SCRATCH = 64 * 1024;

  private StreamChannels() {}

  static ReadableByteChannel reading(InputStream in) {
    if (in.getClass() == FileInputStream.class) {
      return ((FileInputStream) in).getChannel();
    }
    return new Reading(in);
  }

  static WritableByteChannel writing(OutputStream out) {
    if (out.getClass() == FileOutputStream.class) {
      return ((FileOutputStream) out).getChannel();
    }
    return new Writing(out);
  }

  /** Writes all of {@code src} to {@code out}, which must be in blocking mode. */
  static void writeFully(WritableByteChannel out, ByteBuffer src) throws IOException {
    while (src.hasRemaining()) {
      out.write(src);
    }
  }

  private static final class Reading implements ReadableByteChannel {
    private final InputStream in;
    private final byte[] scratch = new byte[SCRATCH];

    Reading(InputStream in) {
      this.in = in;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      if (!dst.hasRemaining()) {
        return 0;
      }
      int n = in.read(scratch, 0, Math.min(dst.remaining(), scratch.length));
      if (n > 0) {
        dst.put(scratch, 0, n);
      }
      return n;
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {}
  }

  private static final class Writing implements WritableByteChannel {
    private final OutputStream out;
    private final byte[] scratch = new byte[SCRATCH];

    Writing(OutputStream out) {
      this.out = out;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      int total = src.remaining();
      if (src.hasArray()) {
        out.write(src.array(), src.arrayOffset() + src.position(), total);
        src.position(src.limit());
        return total;
      }
      while (src.hasRemaining()) {
        int n = Math.min(src.remaining(), scratch.length);
        src.get(scratch, 0, n);
        out.write(scratch, 0, n);
      }
      return total;
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {}
  }
}
