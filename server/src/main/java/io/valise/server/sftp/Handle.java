package io.valise.server.sftp;

import io.valise.core.envelope.Envelope;
import io.valise.server.envelope.Intake;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/** What an SFTP handle stands for. */
sealed interface Handle {
  /** A folder listing, sent in one READDIR; the next gets EOF. */
  final class Listing implements Handle {
    final List<Entry> entries;
    boolean sent;

    Listing(List<Entry> entries) {
      this.entries = List.copyOf(entries);
    }
  }

  /** One line of a listing. */
  record Entry(String name, Node.Attrs attrs) {}

  /** An upload in progress: WRITEs go into the pipe; the envelope is made on CLOSE. */
  record Upload(Node.OutboxFile target, UploadPipe pipe, Future<Intake.Stored> stored)
      implements Handle {}

  /** An inbox envelope being read: its header, then its payload from the blob store. */
  final class Download implements Handle {
    final Envelope envelope;
    final byte[] header;
    private @Nullable InputStream payload;
    private long at = -1;

    Download(Envelope envelope) {
      this.envelope = envelope;
      this.header = envelope.header().toByteArray();
    }

    long size() {
      return header.length + envelope.payloadLength();
    }

    /**
     * Up to {@code len} bytes from {@code offset}, as many as asked unless the file ends first (a
     * short read makes OpenSSH's client shrink its requests to 512 bytes); empty at the end.
     */
    byte[] read(Gateway gateway, long offset, int len) throws IOException {
      long size = size();
      if (offset >= size || len <= 0) {
        return new byte[0];
      }
      int n = (int) Math.min(len, size - offset);
      byte[] out = new byte[n];
      int done = 0;
      if (offset < header.length) {
        done = (int) Math.min(n, header.length - offset);
        System.arraycopy(header, (int) offset, out, 0, done);
      }
      if (done < n) {
        long p = offset + done - header.length;
        InputStream in = payload;
        if (in == null || at != p) {
          close();
          in = gateway.blobs().open(envelope.payload(), p, envelope.payloadLength() - p);
          payload = in;
          at = p;
        }
        int got = in.readNBytes(out, done, n - done);
        at += got;
        done += got;
      }
      return done == n ? out : java.util.Arrays.copyOf(out, done);
    }

    void close() throws IOException {
      InputStream in = payload;
      payload = null;
      if (in != null) {
        in.close();
      }
    }
  }
}
