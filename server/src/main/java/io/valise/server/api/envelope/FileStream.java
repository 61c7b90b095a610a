package io.valise.server.api.envelope;

import io.valise.core.blob.BlobStore;
import io.valise.core.id.BlobId;
import io.valise.server.http.Exchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import org.jspecify.annotations.Nullable;

/**
 * Sends an age file as a header (from the database) followed by a payload (from the blob store),
 * whole or one byte range of it. The caller has already reserved the download.
 */
public final class FileStream {
  private FileStream() {}

  /** Streams {@code header} then the payload, or the part of them {@code range} names. */
  public static void send(
      Exchange ex,
      BlobStore blobs,
      byte[] header,
      BlobId payload,
      long total,
      @Nullable ByteRange range)
      throws IOException {
    long offset = range == null ? 0 : range.offset();
    long length = range == null ? total : range.length();
    ex.responseHeader("Accept-Ranges", "bytes");
    if (range != null) {
      ex.responseHeader(
          "Content-Range", "bytes %d-%d/%d".formatted(offset, offset + length - 1, total));
    }
    long end = offset + length;
    long payloadFrom = Math.max(offset, header.length) - header.length;
    long payloadLength = Math.max(0, end - header.length - payloadFrom);
    try (WritableByteChannel out =
        ex.stream(range == null ? 200 : 206, "application/octet-stream", length)) {
      if (offset < header.length) {
        int upTo = (int) Math.min(end, header.length);
        out.write(ByteBuffer.wrap(header, (int) offset, upTo - (int) offset));
      }
      if (payloadLength > 0) {
        blobs.copyTo(payload, payloadFrom, payloadLength, out);
      }
    }
  }
}
