package io.valise.age;

import io.valise.age.stream.Payload;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;

/**
 * The start of the payload on a channel just past the header. The age test kit counts a file that
 * ends inside the payload nonce as a truncated header, so the nonce is checked with the header,
 * before any identity is tried; the payload code then reads it again.
 */
final class PayloadStart {
  private PayloadStart() {}

  /**
   * Reads the payload nonce from {@code in} and returns a channel that yields the whole payload,
   * nonce first: {@code in} itself moved back when it is a seekable file, else a channel that
   * replays the nonce and then reads on from {@code in}.
   *
   * @throws HeaderException if {@code in} ends inside the nonce
   * @throws IOException if reading fails
   */
  static ReadableByteChannel requireNonce(ReadableByteChannel in) throws IOException {
    ByteBuffer nonce = ByteBuffer.allocate(Payload.NONCE_LENGTH);
    while (nonce.hasRemaining() && in.read(nonce) >= 0) {
      // a blocking channel returns at least one byte or end of stream
    }
    if (nonce.hasRemaining()) {
      throw new HeaderException(
          "File truncated after the header: the %d-byte payload nonce is missing"
              .formatted(Payload.NONCE_LENGTH));
    }
    // A regular file stays a FileChannel, so the payload code can read its size and use readv.
    if (in instanceof FileChannel file && file.size() > 0) {
      file.position(file.position() - Payload.NONCE_LENGTH);
      return file;
    }
    return new Replaying(nonce.flip(), in);
  }

  /** Yields {@code head}, then {@code rest}; closing it closes {@code rest}. */
  private static final class Replaying implements ReadableByteChannel {
    private final ByteBuffer head;
    private final ReadableByteChannel rest;

    Replaying(ByteBuffer head, ReadableByteChannel rest) {
      this.head = head;
      this.rest = rest;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      if (!head.hasRemaining()) {
        return rest.read(dst);
      }
      int n = Math.min(head.remaining(), dst.remaining());
      dst.put(head.slice(head.position(), n));
      head.position(head.position() + n);
      return n;
    }

    @Override
    public boolean isOpen() {
      return rest.isOpen();
    }

    @Override
    public void close() throws IOException {
      rest.close();
    }
  }
}
