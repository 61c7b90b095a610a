package io.valise.server.sftp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.sshd.server.channel.ChannelDataReceiver;
import org.apache.sshd.server.channel.ChannelSession;
import org.jspecify.annotations.Nullable;

/**
 * The SFTP requests of one channel, cut out of MINA's channel data on MINA's thread and handed
 * whole to the session's thread. Each request's bytes are copied once, from MINA's buffer into the
 * request's own array, which the session may keep (an upload's bytes travel on as a view of it).
 *
 * <p>Flow control is the SSH window: MINA gives the client more window only for bytes this receiver
 * says it consumed, and it says so for a request only once the session has handled it ({@link
 * #handled}). A session that cannot keep up (its upload store is slow) stops handing window back,
 * and the client waits; so the requests held here never exceed the window MINA advertises. This
 * replaces MINA's default piped stream, which took two more copies of every byte and a lock
 * hand-off per read.
 */
final class Inbound implements ChannelDataReceiver {
  private static final ByteBuffer END = ByteBuffer.allocate(0);

  private final BlockingQueue<ByteBuffer> requests = new LinkedBlockingQueue<>();
  private final Window release;
  private final byte[] head = new byte[4];
  private int headFill;
  private byte @Nullable [] body;
  private int bodyFill;
  private volatile @Nullable String broken;

  /** Gives window back to the client (MINA's {@code LocalWindow.release}). */
  @FunctionalInterface
  interface Window {
    void release(long bytes) throws IOException;
  }

  /**
   * @param release gives window back to the client for that many bytes
   */
  Inbound(Window release) {
    this.release = release;
  }

  /**
   * Takes channel data: completes the request in progress and starts the next, as often as the
   * bytes allow. Consumes nothing yet (returns 0): the window goes back in {@link #handled}.
   *
   * @throws IOException if a request announces a length SFTP does not allow; the channel is then
   *     closed by MINA and the session ends
   */
  @Override
  public int data(ChannelSession channel, byte[] buf, int start, int len) throws IOException {
    int at = start;
    int end = start + len;
    while (at < end) {
      byte[] b = body;
      if (b == null) {
        int n = Math.min(head.length - headFill, end - at);
        System.arraycopy(buf, at, head, headFill, n);
        headFill += n;
        at += n;
        if (headFill < head.length) {
          break;
        }
        headFill = 0;
        b = new byte[length()];
        body = b;
        bodyFill = 0;
      }
      int n = Math.min(b.length - bodyFill, end - at);
      System.arraycopy(buf, at, b, bodyFill, n);
      bodyFill += n;
      at += n;
      if (bodyFill == b.length) {
        body = null;
        requests.add(ByteBuffer.wrap(b));
      }
    }
    return 0;
  }

  private int length() throws IOException {
    int length =
        ((head[0] & 0xff) << 24)
            | ((head[1] & 0xff) << 16)
            | ((head[2] & 0xff) << 8)
            | (head[3] & 0xff);
    if (length < 1 || length > Wire.MAX_PACKET) {
      String why = "SFTP packet of " + Integer.toUnsignedString(length) + " bytes";
      broken = why;
      requests.add(END);
      throw new IOException(why);
    }
    return length;
  }

  /** The client sent EOF or the channel closed: the session ends after the requests received. */
  @Override
  public void close() {
    requests.add(END);
  }

  /**
   * The next request's body (type and payload), waiting for it; null once the channel has ended.
   *
   * @throws IOException if the client sent a malformed length
   */
  @Nullable ByteBuffer next() throws IOException, InterruptedException {
    ByteBuffer r = requests.take();
    if (!r.hasRemaining()) { // only END is empty: a request has at least its type byte
      requests.add(END); // every later call sees the end too
      String why = broken;
      if (why != null) {
        throw new IOException(why);
      }
      return null;
    }
    return r;
  }

  /** Whether no request is waiting: the moment to flush replies held back. */
  boolean idle() {
    return requests.isEmpty();
  }

  /** The session is done with a request of {@code length} bytes: the client may send as many. */
  void handled(int length) throws IOException {
    release.release(4L + length);
  }
}
