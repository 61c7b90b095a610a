package io.valise.age.stream;

import io.valise.age.FileKey;
import io.valise.age.PayloadException;
import io.valise.age.aead.AeadBackend;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Decrypts a payload chunk by chunk in constant memory. Each chunk is verified before any of its
 * bytes are returned; end of stream is reported only after a valid final chunk.
 */
final class DecryptingInputStream extends InputStream {
  private final InputStream in;
  private final ChunkReader reader;
  private final ChunkCipher cipher;
  private final byte[] sealed = new byte[Chunks.SEALED_SIZE];
  private final byte[] plain = new byte[Chunks.SIZE];
  private int pos;
  private int limit;
  private long index;
  private boolean sawFinal;
  private boolean closed;
  private @Nullable PayloadException failure;

  private DecryptingInputStream(InputStream in, PayloadKey key, AeadBackend backend) {
    this.in = in;
    this.reader = new ChunkReader(in);
    this.cipher = new ChunkCipher(key, backend);
  }

  /** Reads the payload nonce from {@code in} and returns a stream of the plaintext. */
  static DecryptingInputStream open(InputStream in, FileKey fileKey, AeadBackend backend)
      throws IOException {
    byte[] nonce = Nonces.read(in);
    try (PayloadKey key = PayloadKey.derive(fileKey, nonce)) {
      return new DecryptingInputStream(in, key, backend);
    }
  }

  @Override
  public int read() throws IOException {
    while (pos == limit) {
      if (!nextChunk()) {
        return -1;
      }
    }
    return plain[pos++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    while (pos == limit) { // only an empty payload has an empty chunk
      if (!nextChunk()) {
        return -1;
      }
    }
    int n = Math.min(len, limit - pos);
    System.arraycopy(plain, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public int available() {
    return limit - pos;
  }

  private boolean nextChunk() throws IOException {
    if (closed) {
      throw new IOException("Stream closed");
    }
    if (failure != null) {
      throw failure; // a failed stream stays failed, so no later read can look like success
    }
    if (sawFinal) {
      return false;
    }
    try {
      int len = reader.fill(sealed);
      boolean last = reader.atEnd();
      limit = cipher.open(index, last, sealed, 0, len, plain, 0);
      pos = 0;
      sawFinal = last;
      index = Math.incrementExact(index);
      return true;
    } catch (PayloadException e) {
      pos = limit = 0;
      failure = e;
      throw e;
    }
  }

  /** Wipes the key and buffers and closes the underlying stream. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    pos = limit = 0;
    cipher.close();
    Arrays.fill(plain, (byte) 0);
    in.close();
  }
}
