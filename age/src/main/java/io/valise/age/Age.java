package io.valise.age;

import io.valise.age.aead.AeadBackends;
import io.valise.age.stream.Payload;
import io.valise.age.stream.Progress;
import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.security.SecureRandom;
import java.util.List;

/**
 * Encrypts and decrypts whole age files: header then payload (age.md, "Encrypted file format"). The
 * payload cipher is {@link AeadBackends#best()}: OpenSSL's when it loads, else the JDK's.
 *
 * <p>Decryption never releases plaintext of a chunk that failed authentication, but it does release
 * earlier chunks before it finds a later one bad: callers that write to a file must write to a
 * temporary one and keep it only if the call returns normally.
 */
public final class Age {
  private Age() {}

  /**
   * Writes the header for {@code recipients} to {@code out} at once and returns a stream that
   * encrypts the payload into {@code out}; its {@code close()} writes the final chunk and closes
   * {@code out}.
   *
   * @throws IllegalArgumentException if {@code recipients} is empty or mixes incompatible types
   * @throws IOException if wrapping the key or writing fails
   */
  public static OutputStream encryptingStream(
      OutputStream out, List<? extends Recipient> recipients, SecureRandom random)
      throws IOException {
    try (FileKey key = FileKey.generate(random)) {
      out.write(Header.seal(key, recipients, random).encode());
      return Payload.encryptingStream(out, key, random, AeadBackends.best());
    }
  }

  /**
   * Reads and unwraps the header of the file in {@code in} and returns a stream of its plaintext.
   * Reads from the returned stream throw {@link PayloadException} if the payload is corrupt,
   * truncated or followed by extra data.
   *
   * @throws HeaderException if the header is malformed
   * @throws NoIdentityMatchException if no identity can open the file
   * @throws HeaderMacException if the header was tampered with
   * @throws IOException if reading fails
   */
  public static InputStream decryptingStream(InputStream in, List<? extends Identity> identities)
      throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
    Header header = Header.parse(buffered);
    requireNonce(buffered);
    try (FileKey key = header.unwrap(identities)) {
      return Payload.decryptingStream(buffered, key, AeadBackends.best());
    }
  }

  /**
   * Encrypts all of {@code in} to {@code recipients} onto {@code out}, using every core in constant
   * memory. Neither stream is closed.
   *
   * @return the number of plaintext bytes
   * @throws IllegalArgumentException if {@code recipients} is empty or mixes incompatible types
   * @throws IOException if wrapping the key, reading or writing fails
   */
  public static long encrypt(
      InputStream in,
      OutputStream out,
      List<? extends Recipient> recipients,
      SecureRandom random,
      Progress progress)
      throws IOException {
    try (FileKey key = FileKey.generate(random)) {
      out.write(Header.seal(key, recipients, random).encode());
      return Payload.encrypt(in, out, key, random, AeadBackends.best(), progress);
    }
  }

  /**
   * Decrypts the file in {@code in} onto {@code out}, using every core in constant memory. Neither
   * stream is closed. On an exception, whatever was written must be discarded.
   *
   * @return the number of plaintext bytes
   * @throws HeaderException if the header is malformed
   * @throws NoIdentityMatchException if no identity can open the file
   * @throws HeaderMacException if the header was tampered with
   * @throws PayloadException if the payload is corrupt, truncated or followed by extra data
   * @throws IOException if reading or writing fails
   */
  public static long decrypt(
      InputStream in, OutputStream out, List<? extends Identity> identities, Progress progress)
      throws IOException {
    // A file stream keeps its type so that the payload code can learn the size for progress; the
    // header parser reads it a byte at a time, which costs a few hundred small reads at most.
    InputStream source = in instanceof FileInputStream ? in : new BufferedInputStream(in, 1 << 16);
    Header header = Header.parse(source);
    requireNonce(source);
    try (FileKey key = header.unwrap(identities)) {
      return Payload.decrypt(source, out, key, AeadBackends.best(), progress);
    }
  }

  /**
   * Encrypts all of {@code in} to {@code recipients} onto {@code out}, using every core in constant
   * memory. The header is one small write; the payload goes through native buffers, so a {@link
   * FileChannel} reads and writes it with no copy on the Java heap. Both channels must be blocking;
   * neither is closed.
   *
   * @return the number of plaintext bytes
   * @throws IllegalArgumentException if {@code recipients} is empty or mixes incompatible types
   * @throws IOException if wrapping the key, reading or writing fails
   */
  public static long encrypt(
      ReadableByteChannel in,
      WritableByteChannel out,
      List<? extends Recipient> recipients,
      SecureRandom random,
      Progress progress)
      throws IOException {
    try (FileKey key = FileKey.generate(random)) {
      ByteBuffer header = ByteBuffer.wrap(Header.seal(key, recipients, random).encode());
      while (header.hasRemaining()) {
        out.write(header);
      }
      return Payload.encrypt(in, out, key, random, AeadBackends.best(), progress);
    }
  }

  /**
   * Decrypts the file in {@code in} onto {@code out}, using every core in constant memory. Both
   * channels must be blocking; neither is closed. The header is read in small reads that never go
   * past it; the payload goes through native buffers, as in {@link #encrypt(ReadableByteChannel,
   * WritableByteChannel, List, SecureRandom, Progress)}. On an exception, whatever was written must
   * be discarded.
   *
   * @return the number of plaintext bytes
   * @throws HeaderException if the header is malformed
   * @throws NoIdentityMatchException if no identity can open the file
   * @throws HeaderMacException if the header was tampered with
   * @throws PayloadException if the payload is corrupt, truncated or followed by extra data
   * @throws IOException if reading or writing fails
   */
  public static long decrypt(
      ReadableByteChannel in,
      WritableByteChannel out,
      List<? extends Identity> identities,
      Progress progress)
      throws IOException {
    // Unbuffered, so that nothing past the header is consumed: a few hundred small reads at most.
    Header header = Header.parse(Channels.newInputStream(in));
    ReadableByteChannel payload = PayloadStart.requireNonce(in);
    try (FileKey key = header.unwrap(identities)) {
      return Payload.decrypt(payload, out, key, AeadBackends.best(), progress);
    }
  }

  /**
   * A file that ends inside the payload nonce is a truncated header, as the age test kit counts it:
   * the nonce is read with the header, before any identity is tried.
   */
  private static void requireNonce(InputStream in) throws IOException {
    long available;
    if (in instanceof FileInputStream file) {
      FileChannel ch = file.getChannel();
      available = ch.size() - ch.position();
    } else {
      in.mark(Payload.NONCE_LENGTH);
      available = in.readNBytes(Payload.NONCE_LENGTH).length;
      in.reset();
    }
    if (available < Payload.NONCE_LENGTH) {
      throw new HeaderException(
          "File truncated after the header: the %d-byte payload nonce is missing"
              .formatted(Payload.NONCE_LENGTH));
    }
  }
}
