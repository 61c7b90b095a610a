package io.valise.age.stream;

import io.valise.age.FileKey;
import io.valise.age.aead.AeadBackend;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Random;

/** Every way to read a payload; each must accept exactly the valid payloads. */
enum Decryptor {
  /** The streaming decryptor, read in pieces of random sizes including single bytes. */
  STREAMING {
    @Override
    byte[] decrypt(byte[] payload, FileKey key, AeadBackend backend, Random shape)
        throws IOException {
      var sink = new ByteArrayOutputStream();
      try (InputStream in =
          Payload.decryptingStream(new ByteArrayInputStream(payload), key, backend)) {
        byte[] buf = new byte[3 * Reference.CHUNK / 2];
        while (true) {
          if (shape.nextInt(8) == 0) {
            int b = in.read();
            if (b < 0) {
              break;
            }
            sink.write(b);
          } else {
            int n = in.read(buf, 0, 1 + shape.nextInt(buf.length));
            if (n < 0) {
              break;
            }
            sink.write(buf, 0, n);
          }
        }
      }
      return sink.toByteArray();
    }
  },
  /** The parallel decryptor with tiny batches and few buffers: many batch boundaries. */
  PARALLEL_SMALL_BATCHES {
    @Override
    byte[] decrypt(byte[] payload, FileKey key, AeadBackend backend, Random shape)
        throws IOException {
      var config =
          new Pipeline.Config(1 + shape.nextInt(3), 1 + shape.nextInt(2), 1 + shape.nextInt(4));
      var sink = new ByteArrayOutputStream();
      Payload.decrypt(new ByteArrayInputStream(payload), sink, key, backend, Progress.NONE, config);
      return sink.toByteArray();
    }
  },
  /** The parallel decryptor as the CLI calls it. */
  PARALLEL {
    @Override
    byte[] decrypt(byte[] payload, FileKey key, AeadBackend backend, Random shape)
        throws IOException {
      var sink = new ByteArrayOutputStream();
      Payload.decrypt(new ByteArrayInputStream(payload), sink, key, backend, Progress.NONE);
      return sink.toByteArray();
    }
  },
  /** The seekable reader behind a random-length prefix, reading everything in random pieces. */
  SEEKABLE {
    @Override
    byte[] decrypt(byte[] payload, FileKey key, AeadBackend backend, Random shape)
        throws IOException {
      byte[] prefix = new byte[shape.nextInt(100)];
      var channel = new BytesChannel(Reference.concat(prefix, payload));
      try (var reader = SeekablePayload.open(channel, prefix.length, key, backend)) {
        byte[] out = new byte[Math.toIntExact(reader.size())];
        int pos = 0;
        while (pos < out.length) {
          int n = reader.read(pos, ByteBuffer.wrap(out, pos, 1 + shape.nextInt(out.length - pos)));
          pos += n;
        }
        return out;
      }
    }
  };

  abstract byte[] decrypt(byte[] payload, FileKey key, AeadBackend backend, Random shape)
      throws IOException;
}
