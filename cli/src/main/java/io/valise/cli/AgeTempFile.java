package io.valise.cli;

import io.valise.age.FileKey;
import io.valise.age.Header;
import io.valise.age.Recipient;
import io.valise.age.aead.AeadBackends;
import io.valise.age.stream.Payload;
import io.valise.age.stream.Progress;
import io.valise.client.api.Sent;
import io.valise.client.api.ValiseApi;
import io.valise.client.envelope.Metadata;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An age file being made for upload: a temporary file (mode 0600) that only ever holds ciphertext,
 * the header written at once for the recipients, then the payload from a channel ({@link #encrypt})
 * or a stream ({@link #stream}). Its file key is kept until the upload, which seals the metadata
 * with it; {@link #close()} wipes the key and deletes the file.
 */
final class AgeTempFile implements AutoCloseable {
  private final Path path;
  private final FileKey key;
  private final SecureRandom random;
  private long plaintext;
  private @Nullable OutputStream stream;
  private @Nullable OutputStream file;

  private AgeTempFile(Path path, FileKey key, SecureRandom random) {
    this.path = path;
    this.key = key;
    this.random = random;
  }

  /**
   * Creates the file in {@code dir} (the system's temporary directory when null) and writes the
   * header sealing a new file key to {@code recipients}.
   */
  static AgeTempFile create(
      @Nullable Path dir, List<? extends Recipient> recipients, SecureRandom random)
      throws IOException {
    var mode = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    Path p =
        dir == null
            ? Files.createTempFile("valise-send-", ".age", mode)
            : Files.createTempFile(dir, "valise-send-", ".age", mode);
    FileKey key = FileKey.generate(random);
    try {
      Files.write(p, Header.seal(key, recipients, random).encode(), StandardOpenOption.WRITE);
      return new AgeTempFile(p, key, random);
    } catch (IOException | RuntimeException e) {
      key.close();
      Files.deleteIfExists(p);
      throw e;
    }
  }

  /** Encrypts all of {@code in} after the header, on every core; returns the plaintext length. */
  long encrypt(ReadableByteChannel in, Progress progress) throws IOException {
    try (FileChannel out =
        FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      plaintext = Payload.encrypt(in, out, key, random, AeadBackends.best(), progress);
      return plaintext;
    }
  }

  /**
   * A stream that encrypts what is written after the header, in constant memory; closing it writes
   * the final chunk. Opened once.
   */
  OutputStream stream() throws IOException {
    if (stream != null) {
      throw new IllegalStateException("already opened");
    }
    OutputStream raw =
        Files.newOutputStream(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    file = raw;
    OutputStream encrypting;
    try {
      encrypting = Payload.encryptingStream(raw, key, random, AeadBackends.best());
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
    OutputStream counting =
        new FilterOutputStream(encrypting) {
          @Override
          public void write(int b) throws IOException {
            out.write(b);
            plaintext++;
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            plaintext += len;
          }
        };
    stream = counting;
    return counting;
  }

  /**
   * Uploads the finished file to the accounts {@code to}, with its name and type sealed in the
   * metadata.
   */
  Sent upload(
      ValiseApi api,
      List<String> to,
      @Nullable String expires,
      @Nullable Integer maxDownloads,
      String name,
      String type)
      throws IOException {
    Metadata meta = new Metadata(name, type, plaintext);
    return api.upload(path, to, expires, maxDownloads, meta.seal(key, random));
  }

  /** The size of the file so far (header and payload). */
  long size() throws IOException {
    return Files.size(path);
  }

  /** Wipes the key and deletes the file; an unfinished stream is abandoned, not finished. */
  @Override
  public void close() throws IOException {
    key.close();
    try {
      OutputStream raw = file;
      if (raw != null) {
        raw.close();
      }
    } finally {
      Files.deleteIfExists(path);
    }
  }
}
