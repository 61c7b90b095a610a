package io.valise.age.stream;

import io.valise.age.FileKey;
import io.valise.age.PayloadException;
import io.valise.age.aead.AeadBackend;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;
import java.util.Objects;

/**
 * Random access to the plaintext of a payload stored in a channel, decrypting only the chunks that
 * a read touches (age.md, "Payload", seeking).
 *
 * <p>Security: {@link #open} decrypts the last chunk and checks that it is a valid final chunk
 * before exposing {@link #size()}, as the specification requires before any read relative to the
 * end; it thereby also rejects truncation and trailing data. Every read verifies the chunks it
 * returns bytes from. Chunks never read are never verified: a caller that needs the whole payload
 * authenticated reads all of it.
 *
 * <p>Not thread-safe: reads move the channel's position. {@link #close()} wipes the key and the
 * cached plaintext but leaves the channel open; its owner closes it.
 */
public final class SeekablePayload implements AutoCloseable {
  private final SeekableByteChannel channel;
  private final long chunksStart;
  private final long chunkCount;
  private final int finalChunkLength;
  private final long size;
  private final ChunkCipher cipher;
  private final byte[] sealed = new byte[Chunks.SEALED_SIZE];
  private final byte[] plain = new byte[Chunks.SIZE];
  private long cachedIndex = -1;
  private int cachedLength;
  private boolean closed;

  private SeekablePayload(
      SeekableByteChannel channel, long chunksStart, long sealedLength, ChunkCipher cipher)
      throws PayloadException {
    this.channel = channel;
    this.chunksStart = chunksStart;
    this.size = Chunks.plaintextLength(sealedLength);
    this.chunkCount = Chunks.chunkCount(sealedLength);
    this.finalChunkLength = Chunks.finalChunkLength(sealedLength, chunkCount);
    this.cipher = cipher;
  }

  /**
   * Opens the payload that starts at {@code payloadOffset} in {@code channel} and runs to its end,
   * and verifies its final chunk.
   *
   * @throws IllegalArgumentException if {@code payloadOffset} is negative
   * @throws PayloadException if the payload is truncated, has a length no payload can have, or its
   *     last chunk is not a valid final chunk
   * @throws IOException if reading the channel fails
   */
  public static SeekablePayload open(
      SeekableByteChannel channel, long payloadOffset, FileKey fileKey, AeadBackend backend)
      throws IOException {
    if (payloadOffset < 0) {
      throw new IllegalArgumentException(
          "Payload offset [%d] is negative".formatted(payloadOffset));
    }
    long chunksStart = Math.addExact(payloadOffset, PayloadKey.NONCE_LENGTH);
    long end = channel.size();
    byte[] nonce = new byte[PayloadKey.NONCE_LENGTH];
    int got = readAt(channel, payloadOffset, nonce, nonce.length);
    if (got != nonce.length) {
      throw new PayloadException(
          "Payload truncated inside its nonce: [%d] of %d bytes".formatted(got, nonce.length));
    }
    SeekablePayload payload;
    try (PayloadKey key = PayloadKey.derive(fileKey, nonce)) {
      ChunkCipher cipher = new ChunkCipher(key, backend);
      try {
        payload = new SeekablePayload(channel, chunksStart, end - chunksStart, cipher);
        payload.load(payload.chunkCount - 1);
      } catch (IOException | RuntimeException e) {
        cipher.close();
        throw e;
      }
    }
    return payload;
  }

  /** The plaintext length, known from the ciphertext length and checked against the final chunk. */
  public long size() {
    return size;
  }

  /**
   * Reads plaintext from {@code position} into {@code dst} until it is full or the plaintext ends,
   * decrypting only the chunks needed. Returns the bytes read, or -1 if {@code position} is at or
   * past the end and {@code dst} has room.
   *
   * @throws IllegalArgumentException if {@code position} is negative
   * @throws PayloadException if a chunk read fails authentication or the channel was truncated
   * @throws IOException if reading the channel fails or this payload was closed
   */
  public int read(long position, ByteBuffer dst) throws IOException {
    if (position < 0) {
      throw new IllegalArgumentException("Position [%d] is negative".formatted(position));
    }
    if (closed) {
      throw new IOException("Payload closed");
    }
    if (!dst.hasRemaining()) {
      return 0;
    }
    if (position >= size) {
      return -1;
    }
    int total = 0;
    while (dst.hasRemaining() && position < size) {
      long index = position / Chunks.SIZE;
      int within = (int) (position % Chunks.SIZE);
      load(index);
      int n = Math.min(dst.remaining(), cachedLength - within);
      dst.put(plain, within, n);
      position += n;
      total += n;
    }
    return total;
  }

  /**
   * Reads exactly {@code len} plaintext bytes from {@code position} into {@code b} at {@code off}.
   *
   * @throws IndexOutOfBoundsException if the range is outside {@code b} or the plaintext
   * @throws PayloadException if a chunk read fails authentication or the channel was truncated
   * @throws IOException if reading the channel fails or this payload was closed
   */
  public void readFully(long position, byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    Objects.checkFromIndexSize(position, len, size);
    read(position, ByteBuffer.wrap(b, off, len));
  }

  /** Decrypts chunk {@code index} into the cache unless it is already there. */
  private void load(long index) throws IOException {
    if (index == cachedIndex) {
      return;
    }
    cachedIndex = -1; // the buffer is about to hold another chunk, or nothing after a failure
    boolean last = index == chunkCount - 1;
    int len = last ? finalChunkLength : Chunks.SEALED_SIZE;
    long at = Math.addExact(chunksStart, Math.multiplyExact(index, (long) Chunks.SEALED_SIZE));
    int got = readAt(channel, at, sealed, len);
    if (got != len) {
      throw new PayloadException(
          "Chunk [%d] truncated to [%d] of [%d] bytes: channel shrank".formatted(index, got, len));
    }
    cachedLength = cipher.open(index, last, sealed, 0, len, plain, 0);
    cachedIndex = index;
  }

  private static int readAt(SeekableByteChannel channel, long position, byte[] dst, int len)
      throws IOException {
    channel.position(position);
    ByteBuffer buf = ByteBuffer.wrap(dst, 0, len);
    while (buf.hasRemaining() && channel.read(buf) >= 0) {
      // read until full or end of channel
    }
    return buf.position();
  }

  /** Wipes the key and cached plaintext; the channel stays open. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      cachedIndex = -1;
      cipher.close();
      Arrays.fill(plain, (byte) 0);
    }
  }
}
