package io.valise.age.stream;

import io.valise.age.FileKey;
import io.valise.age.aead.AeadBackend;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * Encrypts a payload chunk by chunk in constant memory. A full chunk is held back until more data
 * arrives, because only then is it known not to be the final chunk; {@link #close()} seals what is
 * held as the final chunk.
 */
final class EncryptingOutputStream extends OutputStream {
  private final OutputStream out;
  private final ChunkCipher cipher;
  private final byte[] plain = new byte[Chunks.SIZE];
  private final byte[] sealed = new byte[Chunks.SEALED_SIZE];
  private int filled;
  private long index;
  private boolean closed;
  private boolean failed;

  private EncryptingOutputStream(OutputStream out, PayloadKey key, AeadBackend backend) {
    this.out = out;
    this.cipher = new ChunkCipher(key, backend);
  }

  /** Writes a fresh payload nonce to {@code out} and returns a stream that encrypts into it. */
  static EncryptingOutputStream open(
      OutputStream out, FileKey fileKey, SecureRandom random, AeadBackend backend)
      throws IOException {
    byte[] nonce = Nonces.generate(random);
    try (PayloadKey key = PayloadKey.derive(fileKey, nonce)) {
      out.write(nonce); // first, so that a failed write leaves no keyed cipher behind
      return new EncryptingOutputStream(out, key, backend);
    }
  }

  @Override
  public void write(int b) throws IOException {
    ensureOpen();
    if (filled == Chunks.SIZE) {
      emit(false);
    }
    plain[filled++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    ensureOpen();
    while (len > 0) {
      if (filled == Chunks.SIZE) {
        emit(false); // more data follows, so the held chunk is not the final one
      }
      int n = Math.min(len, Chunks.SIZE - filled);
      System.arraycopy(b, off, plain, filled, n);
      filled += n;
      off += n;
      len -= n;
    }
  }

  /** Flushes the underlying stream; the chunk being filled stays held until it is complete. */
  @Override
  public void flush() throws IOException {
    ensureOpen();
    out.flush();
  }

  /**
   * Seals the final chunk, wipes the key and buffers, and closes the underlying stream. If an
   * earlier write failed, no final chunk is written, so the partial payload can never decrypt.
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (out) {
      if (!failed) {
        emit(true);
      }
    } finally {
      cipher.close();
      Arrays.fill(plain, (byte) 0);
    }
  }

  private void emit(boolean last) throws IOException {
    failed = true; // cleared only once the chunk is fully written
    int n = cipher.seal(index, last, plain, 0, filled, sealed, 0);
    out.write(sealed, 0, n);
    index = Math.incrementExact(index);
    filled = 0;
    failed = false;
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("Stream closed");
    }
    if (failed) {
      throw new IOException("An earlier write failed; the payload is incomplete");
    }
  }
}
