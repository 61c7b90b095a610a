package io.valise.server.sftp;

import io.valise.server.envelope.Intake;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Carries an upload's bytes from the SFTP session, which receives WRITE requests, to the thread
 * that stores the envelope. Clients that send writes ahead of order (rclone does, with several
 * requests in flight) are put back in order, within {@link #MAX_EARLY} bytes. Each write's bytes
 * travel as a view of the request they came in, never copied on the way to the blob file.
 *
 * <p>Two phases. First the store reads the bytes as a stream (the age header, or a clear file it
 * encrypts), through a bounded queue: a slow store slows the client down instead of filling memory.
 * Once the store only copies bytes to its channel ({@link Reader#transferTo}), it hands the channel
 * over and the session writes each request straight into it, on its own thread, while the store
 * waits for the end. That saves a thread hand-off per request, which profiles of 1 GiB uploads
 * showed as a real cost; the session still answers a write only after its bytes are in the channel,
 * so the SSH window keeps bounding what is in flight.
 */
final class UploadPipe {
  /** The most bytes held that arrived before the bytes in front of them. */
  static final long MAX_EARLY = 32L * 1024 * 1024;

  private static final int QUEUE = 64;

  private final ReentrantLock lock = new ReentrantLock();

  /**
   * Signalled on every change the two sides wait for: a request queued or taken, a channel handed
   * over, the end, a failure.
   */
  private final Condition changed = lock.newCondition();

  // Guarded by lock.
  private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
  private @Nullable WritableByteChannel sink;
  private long sunk;
  private @Nullable Exception sinkFailure;
  private boolean ended;

  // The session's own state (one thread).
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
   * @throws SftpException if the reader gave up, the store's channel refused the bytes, or the
   *     write goes back over written bytes
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
    lock.lock();
    try {
      ended = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Breaks the pipe from either side: the reader's next read fails with {@code why}. */
  void abort(String why) {
    broken = why;
    lock.lock();
    try {
      queue.clear();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The reading side (one per pipe). */
  Reader reader() {
    return new Reader();
  }

  /** Queues {@code data} for the reader, or writes it to the channel the reader handed over. */
  private void put(ByteBuffer data) throws SftpException {
    lock.lock();
    try {
      while (true) {
        failIfBroken();
        WritableByteChannel s = sink;
        if (s != null) {
          sink(s, data);
          return;
        }
        if (queue.size() < QUEUE) {
          queue.addLast(data);
          changed.signalAll();
          return;
        }
        var unused = changed.await(200, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SftpException.failure("Interrupted");
    } finally {
      lock.unlock();
    }
  }

  /** Writes to the store's channel; a refusal ends the upload and goes back to the store. */
  private void sink(WritableByteChannel s, ByteBuffer data) throws SftpException {
    try {
      while (data.hasRemaining()) {
        sunk += s.write(data);
      }
    } catch (IOException | RuntimeException e) {
      String why = "The upload failed: " + e.getMessage();
      sinkFailure = e;
      broken = why;
      changed.signalAll();
      throw SftpException.failure(why);
    }
  }

  private void failIfBroken() throws SftpException {
    String why = broken;
    if (why != null) {
      throw SftpException.failure(why);
    }
  }

  /**
   * The bytes as a stream; {@link #transferTo(WritableByteChannel)} hands the channel to the
   * session, which then writes into it directly.
   */
  final class Reader extends InputStream implements Intake.Chunks {
    private @Nullable ByteBuffer chunk;

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

    /**
     * Writes what was received so far to {@code out}, then hands {@code out} to the session and
     * waits for the end of the file; the session's writes go into it meanwhile.
     *
     * @return the bytes written to {@code out}, by both sides
     * @throws IOException if the upload was aborted, or what {@code out} threw at the session
     */
    @Override
    public long transferTo(WritableByteChannel out) throws IOException {
      long total = 0;
      ByteBuffer c = chunk;
      chunk = null;
      if (c != null) {
        total += writeFully(out, c);
      }
      lock.lock();
      try {
        for (ByteBuffer n; (n = queue.pollFirst()) != null; ) {
          total += writeFully(out, n);
        }
        sink = out;
        changed.signalAll();
        while (!ended && broken == null) {
          changed.await();
        }
        sink = null;
        Exception failure = sinkFailure;
        if (failure instanceof IOException e) {
          throw e;
        }
        if (failure instanceof RuntimeException e) {
          throw e;
        }
        String why = broken;
        if (why != null) {
          throw new IOException(why);
        }
        return total + sunk;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while waiting for the upload", e);
      } finally {
        lock.unlock();
      }
    }

    private static long writeFully(WritableByteChannel out, ByteBuffer b) throws IOException {
      long n = b.remaining();
      while (b.hasRemaining()) {
        out.write(b);
      }
      return n;
    }

    /** The current chunk with bytes left, taking the next from the queue; null at the end. */
    private @Nullable ByteBuffer current() throws IOException {
      ByteBuffer c = chunk;
      if (c != null && c.hasRemaining()) {
        return c;
      }
      lock.lock();
      try {
        while (true) {
          String why = broken;
          if (why != null) {
            throw new IOException(why);
          }
          ByteBuffer n = queue.pollFirst();
          if (n != null) {
            changed.signalAll(); // room for a session waiting on a full queue
            chunk = n;
            return n;
          }
          if (ended) {
            chunk = null;
            return null;
          }
          changed.await();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while waiting for the upload", e);
      } finally {
        lock.unlock();
      }
    }
  }
}
