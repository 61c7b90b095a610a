package io.valise.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Where a command writes its result. Nothing appears at a file destination until {@link #commit()}:
 * the bytes go to a temporary file beside it that is renamed into place, and {@link #close()}
 * without a commit deletes them. So a failed decryption never leaves plaintext of unauthenticated
 * chunks, nor a half-written file, and an existing file is replaced only on success.
 */
sealed interface Output extends Closeable permits AtomicFileOutput, StreamOutput {
  /** What to do when the destination file exists. */
  enum Existing {
    REPLACE,
    REFUSE
  }

  /**
   * The stream to write to. Closing it only flushes: the library closes what it writes to, and only
   * {@link #commit()} may finish the destination.
   */
  OutputStream stream();

  /**
   * The destination as a blocking channel, for binary payloads: a {@code FileChannel} for files,
   * devices and the process's standard output, written straight from native buffers. Use it or
   * {@link #stream()}, not both; do not close it.
   */
  WritableByteChannel channel();

  /**
   * Makes the result visible: flushes, syncs to disk, and renames into place.
   *
   * @throws IOException if any of these fails; the destination is then unchanged
   */
  void commit() throws IOException;

  /** Releases the output; without a prior commit, discards everything written. */
  @Override
  void close() throws IOException;

  /** True when this is standard output. */
  boolean isStdout();

  /**
   * Opens the destination {@code name}: standard output when absent or "-"; an existing device or
   * pipe is written in place (it cannot be renamed over); any other path gets an atomic file.
   *
   * @throws CliException if the destination is a directory, or exists and {@code existing} is
   *     {@link Existing#REFUSE}
   */
  static Output open(@Nullable String name, CliEnv env, Existing existing) throws IOException {
    if (name == null || name.equals("-")) {
      return StreamOutput.stdout(env.stdout());
    }
    Path path = Path.of(name);
    if (existing == Existing.REFUSE && Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new CliException(name + ": already exists; refusing to overwrite it");
    }
    if (Files.isDirectory(path)) {
      throw new CliException(name + ": is a directory");
    }
    if (Files.exists(path) && !Files.isRegularFile(path)) {
      return StreamOutput.device(path);
    }
    return AtomicFileOutput.create(path.toAbsolutePath(), existing);
  }
}
