package io.valise.server.sftp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Carries an upload's bytes from the SFTP session, which receives WRITE requests, to the thread
 * that stores the envelope, which reads them as a stream. The queue is bounded, so a slow store
 * slows the client down instead of filling memory. Clients that send writes ahead of order (rclone
 * does, with several requests in flight) are put back in order, within {@link #MAX_EARLY} bytes.
 */
final class UploadPipe {
  /** The most bytes held that arrived before the bytes in front of them. */
  static final long MAX_EARLY = 32L * 1024 * 1024;

  private static final int QUEUE = 64;
  private static final byte[] END = new byte[0];

  private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE);
  private final TreeMap<Long, byte[]> early = new TreeMap<>();
  private long earlyBytes;
  private long next;
  private volatile @Nullable String broken;

  /** Bytes put in order so far: the size a client sees while it writes. */
  long written() {
    return next;
  }

  /**
   * Takes the bytes a WRITE request carries at {@code offset}.
   *
   * @throws SftpException if the reader gave up, or the write goes back over written bytes
   */
  void write(long offset, byte[] data) throws SftpException {
    failIfBroken();
    if (data.length == 0) {
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
      earlyBytes += data.length;
      if (earlyBytes > MAX_EARLY) {
        throw SftpException.failure("Writes arrive too far out of order (more than 32 MiB ahead)");
      }
      return;
    }
    put(data);
    next += data.length;
    for (Map.Entry<Long, byte[]> e; (e = early.firstEntry()) != null && e.getKey() <= next; ) {
      early.pollFirstEntry();
      earlyBytes -= e.getValue().length;
      if (e.getKey() < next) {
        throw SftpException.failure("Writes overlap at offset " + e.getKey());
      }
      put(e.getValue());
      next += e.getValue().length;
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

  /** The reading side. */
  InputStream reader() {
    return new InputStream() {
      private byte @Nullable [] chunk;
      private int at;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] into, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        byte[] c = current();
        if (c == null) {
          return -1;
        }
        int n = Math.min(len, c.length - at);
        System.arraycopy(c, at, into, off, n);
        at += n;
        return n;
      }

      private byte @Nullable [] current() throws IOException {
        while (true) {
          String why = broken;
          if (why != null) {
            throw new IOException(why);
          }
          byte[] c = chunk;
          if (c == END) {
            return null;
          }
          if (c != null && at < c.length) {
            return c;
          }
          try {
            chunk = queue.take();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for the upload", e);
          }
          at = 0;
        }
      }
    };
  }

  private void put(byte[] data) throws SftpException {
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
