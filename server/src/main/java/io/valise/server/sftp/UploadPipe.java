package io.valise.server.sftp;

import io.valise.server.envelope.Intake;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Carries an upload's bytes from the SFTP session, which receives WRITE requests, to the thread
 * that stores the envelope, which reads them as a stream. The queue is bounded, so a slow store
 * slows the client down instead of filling memory. Each write's bytes travel as a view of the
 * packet they came in, never copied on the way to the blob file. Clients that send writes ahead of
 * order (rclone does, with several requests in flight) are put back in order, within {@link
 * #MAX_EARLY} bytes.
 */
final class UploadPipe {
  /** The most bytes held that arrived before the bytes in front of them. */
  static final long MAX_EARLY = 32L * 1024 * 1024;

  private static final int QUEUE = 64;
  private static final ByteBuffer END = ByteBuffer.allocate(0);

  private final BlockingQueue<ByteBuffer> queue = new ArrayBlockingQueue<>(QUEUE);
  private final TreeMap<Long, ByteBuffer> early = new TreeMap<>();
  private long earlyBytes;
  private long next;
  private volatile @Nullable String broken;

  /** Bytes put in order so far: the size a client sees while it writes. */
  long written() {
    return next;
  }

  /**
   * Takes the bytes a WRITE request carries at {@code offset}; the buffer is not copied, so its
   * owner must not reuse it.
   *
   * @throws SftpException if the reader gave up, or the write goes back over written bytes
   */
  void write(long offset, ByteBuffer data) throws SftpException {
    failIfBroken();
    int n = data.remaining();
    if (n == 0) {
      return;
    }
    if (offset < next) {
      throw SftpException.failure(
          "Writing again over bytes already written is not supported: upload the file from start"
              + " to end");
    }
    if (offset > next) {
      if (early.putIfAbsent(offset, data) != null) {
        throw SftpException.failure("Two writes at offset " + offset);
      }
      earlyBytes += n;
      if (earlyBytes > MAX_EARLY) {
        throw SftpException.failure("Writes arrive too far out of order (more than 32 MiB ahead)");
      }
      return;
    }
    put(data);
    next += n;
    for (Map.Entry<Long, ByteBuffer> e; (e = early.firstEntry()) != null && e.getKey() <= next; ) {
      early.pollFirstEntry();
      int k = e.getValue().remaining();
      earlyBytes -= k;
      if (e.getKey() < next) {
        throw SftpException.failure("Writes overlap at offset " + e.getKey());
      }
      put(e.getValue());
      next += k;
    }
  }

  /**
   * Marks the end of the file.
   *
   * @throws SftpException if bytes are missing before some that were written
   */
  void finish() throws SftpException {
    failIfBroken();
    if (!early.isEmpty()) {
      throw SftpException.failure(
          "The file has a hole: bytes from %d to %d were never written"
              .formatted(next, early.firstKey()));
    }
    put(END);
  }

  /** Breaks the pipe from either side: the reader's next read fails with {@code why}. */
  void abort(String why) {
    broken = why;
    queue.clear();
    var unused = queue.offer(END);
  }

  /** The reading side (one per pipe). */
  Reader reader() {
    return new Reader();
  }

  /**
   * The bytes as a stream; {@link #transferTo(WritableByteChannel)} hands the queued buffers to a
   * channel as they are.
   */
  final class Reader extends InputStream implements Intake.Chunks {
    private @Nullable ByteBuffer chunk;
    private boolean ended;

    private Reader() {}

    /**
     * Up to {@code n} first bytes, without consuming them: the reads that follow start with them.
     */
    byte[] peek(int n) throws IOException {
      byte[] got = new byte[n];
      int have = 0;
      java.util.List<ByteBuffer> seen = new java.util.ArrayList<>();
      while (have < n) {
        ByteBuffer c = current();
        if (c == null) {
          break;
        }
        ByteBuffer view = c.duplicate();
        int k = Math.min(n - have, view.remaining());
        view.get(got, have, k);
        have += k;
        seen.add(c);
        if (have < n) {
          // this chunk is used up by the peek: keep it aside and look at the next one
          chunk = null;
        }
      }
      if (seen.size() > 1 || (seen.size() == 1 && chunk == null)) {
        // put the chunks looked at back in front, in order, as one buffer
        int total = 0;
        for (ByteBuffer b : seen) {
          total += b.remaining();
        }
        ByteBuffer joined = ByteBuffer.allocate(total);
        for (ByteBuffer b : seen) {
          joined.put(b.duplicate());
        }
        chunk = joined.flip();
      }
      return have == n ? got : java.util.Arrays.copyOf(got, have);
    }

    @Override
    public int read() throws IOException {
      ByteBuffer c = current();
      return c == null ? -1 : c.get() & 0xff;
    }

    @Override
    public int read(byte[] into, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      ByteBuffer c = current();
      if (c == null) {
        return -1;
      }
      int n = Math.min(len, c.remaining());
      c.get(into, off, n);
      return n;
    }

    @Override
    public long transferTo(WritableByteChannel out) throws IOException {
      long total = 0;
      for (ByteBuffer c; (c = current()) != null; ) {
        total += c.remaining();
        while (c.hasRemaining()) {
          out.write(c);
        }
      }
      return total;
    }

    /** The current chunk with bytes left, taking the next from the queue; null at the end. */
    private @Nullable ByteBuffer current() throws IOException {
      while (true) {
        String why = broken;
        if (why != null) {
          throw new IOException(why);
        }
        ByteBuffer c = chunk;
        if (c != null && c.hasRemaining()) {
          return c;
        }
        if (ended) {
          return null;
        }
        try {
          ByteBuffer n = queue.take();
          if (!n.hasRemaining()) { // only END is empty: write() never queues empty buffers
            ended = true;
            chunk = null;
            continue;
          }
          chunk = n;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("Interrupted while waiting for the upload", e);
        }
      }
    }
  }

  private void put(ByteBuffer data) throws SftpException {
    try {
      while (!queue.offer(data, 200, TimeUnit.MILLISECONDS)) {
        failIfBroken();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SftpException.failure("Interrupted");
    }
  }

  private void failIfBroken() throws SftpException {
    String why = broken;
    if (why != null) {
      throw SftpException.failure(why);
    }
  }
}
