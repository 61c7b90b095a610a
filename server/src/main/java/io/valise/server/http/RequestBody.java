package io.valise.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.function.Supplier;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Blocker;
import org.jspecify.annotations.Nullable;

/**
 * A request body read straight from Jetty's chunks, on a virtual thread that blocks while it waits
 * for more. As an {@link InputStream} it suits small reads (an age header is parsed a byte at a
 * time); {@link #transferTo(WritableByteChannel, long, Supplier)} hands the chunks' own buffers
 * (native memory, filled by the socket) to a channel, so a large upload is never copied onto the
 * heap on its way to the disk.
 */
public final class RequestBody extends InputStream {
  private final Content.Source source;
  private Content.@Nullable Chunk chunk;
  private boolean ended;

  RequestBody(Content.Source source) {
    this.source = source;
  }

  @Override
  public int read() throws IOException {
    ByteBuffer b = current();
    return b == null ? -1 : b.get() & 0xff;
  }

  @Override
  public int read(byte[] into, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, into.length);
    if (len == 0) {
      return 0;
    }
    ByteBuffer b = current();
    if (b == null) {
      return -1;
    }
    int n = Math.min(len, b.remaining());
    b.get(into, off, n);
    return n;
  }

  /**
   * Writes the rest of the body to {@code out}.
   *
   * @return the number of bytes written
   * @throws RuntimeException from {@code tooLarge} as soon as more than {@code limit} bytes arrive
   *     (before they are written)
   */
  public long transferTo(WritableByteChannel out, long limit, Supplier<RuntimeException> tooLarge)
      throws IOException {
    long total = 0;
    for (ByteBuffer b; (b = current()) != null; ) {
      total += b.remaining();
      if (total > limit) {
        throw tooLarge.get();
      }
      while (b.hasRemaining()) {
        out.write(b);
      }
    }
    return total;
  }

  /** The current chunk's unread bytes, reading the next chunk when it is used up; null at end. */
  private @Nullable ByteBuffer current() throws IOException {
    while (true) {
      Content.Chunk c = chunk;
      if (c != null) {
        if (c.getByteBuffer().hasRemaining()) {
          return c.getByteBuffer();
        }
        boolean last = c.isLast();
        c.release();
        chunk = null;
        if (last) {
          ended = true;
        }
      }
      if (ended) {
        return null;
      }
      Content.Chunk next = source.read();
      if (next == null) {
        try (Blocker.Runnable more = Blocker.runnable()) {
          source.demand(more);
          more.block();
        }
        continue;
      }
      if (Content.Chunk.isFailure(next)) {
        ended = true;
        Throwable failure = next.getFailure();
        next.release();
        throw failure instanceof IOException io ? io : new IOException(failure);
      }
      chunk = next;
    }
  }

  @Override
  public void close() {
    Content.Chunk c = chunk;
    if (c != null) {
      c.release();
      chunk = null;
    }
  }
}
