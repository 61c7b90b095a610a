package io.valise.age.stream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;

/**
 * Looks at the first bytes of an input channel (is it armored? is the payload nonce there?) without
 * losing them, on pipes too, which cannot seek back.
 */
public final class Peek {
  private Peek() {}

  /** Reads up to {@code n} bytes from {@code in}, fewer only at end of input, and returns them. */
  public static byte[] read(ReadableByteChannel in, int n) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(n);
    while (head.hasRemaining() && in.read(head) >= 0) {
      // a blocking channel returns at least one byte or end of stream
    }
    return Arrays.copyOf(head.array(), head.position());
  }

  /**
   * A channel that yields {@code bytes}, then the rest of {@code in}: {@code in} itself moved back
   * when it is a regular file (so the library still sees a {@code FileChannel}, with its size and
   * vectored reads), else a wrapper.
   */
  public static ReadableByteChannel replay(byte[] bytes, ReadableByteChannel in)
      throws IOException {
    ByteBuffer head = ByteBuffer.wrap(bytes);
    if (in instanceof FileChannel file && file.size() > 0) {
      file.position(file.position() - head.remaining());
      return file;
    }
    return new ReadableByteChannel() {
      @Override
      public int read(ByteBuffer dst) throws IOException {
        if (!head.hasRemaining()) {
          return in.read(dst);
        }
        int n = Math.min(head.remaining(), dst.remaining());
        dst.put(head.slice(head.position(), n));
        head.position(head.position() + n);
        return n;
      }

      @Override
      public boolean isOpen() {
        return in.isOpen();
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    };
  }
}
