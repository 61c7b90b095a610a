package io.valise.age.stream;

import io.valise.age.FileKey;
import io.valise.age.PayloadException;
import io.valise.age.aead.AeadBackend;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.security.SecureRandom;

/**
 * The age payload (age.md, "Payload"): a 16-byte nonce, then the plaintext in 64 KiB chunks, each
 * sealed with ChaCha20-Poly1305 under a key derived from the file key and the nonce.
 *
 * <p>Security: every decryption here verifies each chunk before releasing its plaintext, requires a
 * valid final chunk, and rejects data after it. A streaming decryptor still releases the plaintext
 * of earlier chunks before it finds a later one corrupt or missing: a caller must treat what it
 * received as untrusted, and discard it, unless the operation completed without an exception. Every
 * failure of the payload itself is a {@link PayloadException}.
 */
public final class Payload {
  /** Length of the nonce that starts every payload. */
  public static final int NONCE_LENGTH = PayloadKey.NONCE_LENGTH;

  /** Plaintext bytes per chunk; only the final chunk may be shorter. */
  public static final int CHUNK_SIZE = Chunks.SIZE;

  private Payload() {}

  /**
   * Writes a fresh nonce from {@code random} to {@code out} and returns a stream that encrypts into
   * {@code out} in constant memory. Closing it writes the final chunk and closes {@code out}.
   *
   * @throws IOException if writing the nonce fails
   */
  public static OutputStream encryptingStream(
      OutputStream out, FileKey fileKey, SecureRandom random, AeadBackend backend)
      throws IOException {
    return EncryptingOutputStream.open(out, fileKey, random, backend);
  }

  /**
   * Reads the nonce from {@code in} and returns a stream of the plaintext, decrypted in constant
   * memory. Its reads throw {@link PayloadException} on a corrupt chunk, on end of input before a
   * final chunk, and on data after it. Closing it closes {@code in}.
   *
   * @throws PayloadException if {@code in} ends inside the nonce
   * @throws IOException if reading fails
   */
  public static InputStream decryptingStream(InputStream in, FileKey fileKey, AeadBackend backend)
      throws IOException {
    return DecryptingInputStream.open(in, fileKey, backend);
  }

  /**
   * Encrypts all of {@code in} into a payload on {@code out}, on all cores in constant memory, and
   * returns the plaintext length. Neither stream is closed; {@code out} is flushed. The total
   * reported to {@code progress} is known in advance when {@code in} is a {@link FileInputStream}
   * on a regular file. A plain {@link FileInputStream} or {@link FileOutputStream} is used through
   * its channel, as {@link #encrypt(ReadableByteChannel, WritableByteChannel, FileKey,
   * SecureRandom, AeadBackend, Progress)} does; other streams are copied through a buffer.
   *
   * @throws IOException if reading or writing fails
   */
  public static long encrypt(
      InputStream in,
      OutputStream out,
      FileKey fileKey,
      SecureRandom random,
      AeadBackend backend,
      Progress progress)
      throws IOException {
    return encrypt(in, out, fileKey, random, backend, progress, Pipeline.Config.forThisMachine());
  }

  static long encrypt(
      InputStream in,
      OutputStream out,
      FileKey fileKey,
      SecureRandom random,
      AeadBackend backend,
      Progress progress,
      Pipeline.Config config)
      throws IOException {
    long n =
        encrypt(
            StreamChannels.reading(in),
            StreamChannels.writing(out),
            fileKey,
            random,
            backend,
            progress,
            config);
    out.flush();
    return n;
  }

  /**
   * Encrypts all of {@code in} into a payload on {@code out}, on all cores in constant memory, and
   * returns the plaintext length. Both channels must be blocking; neither is closed. The batches
   * live in native memory, so a {@link java.nio.channels.FileChannel} reads and writes them with no
   * copy on the Java heap. The total reported to {@code progress} is known in advance when {@code
   * in} is a {@code FileChannel} on a regular file.
   *
   * @throws IOException if reading or writing fails
   */
  public static long encrypt(
      ReadableByteChannel in,
      WritableByteChannel out,
      FileKey fileKey,
      SecureRandom random,
      AeadBackend backend,
      Progress progress)
      throws IOException {
    return encrypt(in, out, fileKey, random, backend, progress, Pipeline.Config.forThisMachine());
  }

  static long encrypt(
      ReadableByteChannel in,
      WritableByteChannel out,
      FileKey fileKey,
      SecureRandom random,
      AeadBackend backend,
      Progress progress,
      Pipeline.Config config)
      throws IOException {
    byte[] nonce = Nonces.generate(random);
    try (PayloadKey key = PayloadKey.derive(fileKey, nonce)) {
      long total = remaining(in);
      StreamChannels.writeFully(out, ByteBuffer.wrap(nonce));
      return new Pipeline(Direction.ENCRYPT, key, backend, config).run(in, out, progress, total);
    }
  }

  /**
   * Decrypts the payload in {@code in} onto {@code out}, on all cores in constant memory, and
   * returns the plaintext length. Plaintext is written in order and only from verified chunks; on
   * failure, what was written must be discarded. Neither stream is closed; {@code out} is flushed.
   * Plain file streams are used through their channels, as in {@link #encrypt(InputStream,
   * OutputStream, FileKey, SecureRandom, AeadBackend, Progress)}.
   *
   * @throws PayloadException if the payload is truncated, corrupt, or has data after its final
   *     chunk
   * @throws IOException if reading or writing fails
   */
  public static long decrypt(
      InputStream in, OutputStream out, FileKey fileKey, AeadBackend backend, Progress progress)
      throws IOException {
    return decrypt(in, out, fileKey, backend, progress, Pipeline.Config.forThisMachine());
  }

  static long decrypt(
      InputStream in,
      OutputStream out,
      FileKey fileKey,
      AeadBackend backend,
      Progress progress,
      Pipeline.Config config)
      throws IOException {
    long n =
        decrypt(
            StreamChannels.reading(in),
            StreamChannels.writing(out),
            fileKey,
            backend,
            progress,
            config);
    out.flush();
    return n;
  }

  /**
   * Decrypts the payload in {@code in} onto {@code out}, on all cores in constant memory, and
   * returns the plaintext length. Plaintext is written in order and only from verified chunks; on
   * failure, what was written must be discarded. Both channels must be blocking; neither is closed.
   *
   * @throws PayloadException if the payload is truncated, corrupt, or has data after its final
   *     chunk
   * @throws IOException if reading or writing fails
   */
  public static long decrypt(
      ReadableByteChannel in,
      WritableByteChannel out,
      FileKey fileKey,
      AeadBackend backend,
      Progress progress)
      throws IOException {
    return decrypt(in, out, fileKey, backend, progress, Pipeline.Config.forThisMachine());
  }

  static long decrypt(
      ReadableByteChannel in,
      WritableByteChannel out,
      FileKey fileKey,
      AeadBackend backend,
      Progress progress,
      Pipeline.Config config)
      throws IOException {
    byte[] nonce = Nonces.read(in);
    try (PayloadKey key = PayloadKey.derive(fileKey, nonce)) {
      long total = Progress.UNKNOWN;
      long sealed = remaining(in);
      if (sealed != Progress.UNKNOWN) {
        try {
          total = Chunks.plaintextLength(sealed);
        } catch (PayloadException e) {
          // Leave the total unknown: decryption reports the bad length in stream order.
        }
      }
      return new Pipeline(Direction.DECRYPT, key, backend, config).run(in, out, progress, total);
    }
  }

  /**
   * Returns the length of the payload, nonce included, that encrypts {@code plaintextLength} bytes.
   *
   * @throws IllegalArgumentException if {@code plaintextLength} is negative
   * @throws ArithmeticException if the result does not fit a {@code long}
   */
  public static long payloadLength(long plaintextLength) {
    return Math.addExact(NONCE_LENGTH, Chunks.sealedLength(plaintextLength));
  }

  /**
   * Returns the plaintext length of a payload of {@code payloadLength} bytes, nonce included,
   * without decrypting it: a server can refuse an upload whose length no payload can have.
   *
   * @throws PayloadException if no valid payload has that length
   */
  public static long plaintextLength(long payloadLength) throws PayloadException {
    if (payloadLength < NONCE_LENGTH) {
      throw new PayloadException(
          "Payload length [%d] shorter than its %d-byte nonce"
              .formatted(payloadLength, NONCE_LENGTH));
    }
    return Chunks.plaintextLength(payloadLength - NONCE_LENGTH);
  }

  /** Bytes left in {@code in} if it is a regular file, else {@link Progress#UNKNOWN}. */
  private static long remaining(ReadableByteChannel in) {
    if (in instanceof FileChannel file) {
      try {
        long left = file.size() - file.position();
        // Pipes and devices report size 0 (or fail to seek): their length is unknown.
        return left > 0 ? left : Progress.UNKNOWN;
      } catch (IOException e) {
        return Progress.UNKNOWN;
      }
    }
    return Progress.UNKNOWN;
  }
}
