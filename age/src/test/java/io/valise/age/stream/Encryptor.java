package io.valise.age.stream;

import io.valise.age.FileKey;
import io.valise.age.aead.AeadBackend;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Random;

/** Every way to produce a payload, so that properties can pair each with every decryptor. */
enum Encryptor {
  /** The streaming encryptor, fed in pieces of random sizes including single bytes. */
  STREAMING {
    @Override
    byte[] encrypt(
        byte[] plain, FileKey key, SecureRandom random, AeadBackend backend, Random shape)
        throws IOException {
      var sink = new ByteArrayOutputStream();
      try (OutputStream out = Payload.encryptingStream(sink, key, random, backend)) {
        int pos = 0;
        while (pos < plain.length) {
          if (shape.nextInt(8) == 0) {
            out.write(plain[pos++]);
          } else {
            int n = Math.min(plain.length - pos, 1 + shape.nextInt(3 * Reference.CHUNK / 2));
            out.write(plain, pos, n);
            pos += n;
          }
        }
      }
      return sink.toByteArray();
    }
  },
  /** The parallel encryptor with one-chunk batches and few buffers: many batch boundaries. */
  PARALLEL_SMALL_BATCHES {
    @Override
    byte[] encrypt(
        byte[] plain, FileKey key, SecureRandom random, AeadBackend backend, Random shape)
        throws IOException {
      var config =
          new Pipeline.Config(1 + shape.nextInt(3), 1 + shape.nextInt(2), 1 + shape.nextInt(4));
      var sink = new ByteArrayOutputStream();
      Payload.encrypt(
          new ByteArrayInputStream(plain), sink, key, random, backend, Progress.NONE, config);
      return sink.toByteArray();
    }
  },
  /** The parallel encryptor as the CLI calls it. */
  PARALLEL {
    @Override
    byte[] encrypt(
        byte[] plain, FileKey key, SecureRandom random, AeadBackend backend, Random shape)
        throws IOException {
      var sink = new ByteArrayOutputStream();
      Payload.encrypt(new ByteArrayInputStream(plain), sink, key, random, backend, Progress.NONE);
      return sink.toByteArray();
    }
  };

  abstract byte[] encrypt(
      byte[] plain, FileKey key, SecureRandom random, AeadBackend backend, Random shape)
      throws IOException;
}
