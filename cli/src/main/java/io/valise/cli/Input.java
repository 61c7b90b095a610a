package io.valise.cli;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The data a command reads: a named file, or standard input when the name is absent or "-". It is
 * read either as a {@link #channel()} (binary payloads: a {@link FileChannel} for files, devices,
 * and the process's standard input, read straight into native buffers) or as a buffered {@link
 * #stream()} (armor, keys), never both.
 */
final class Input implements Closeable {
  private static final int BUFFER = 64 * 1024;

  private final ReadableByteChannel channel;
  private final OptionalLong size;
  private @Nullable InputStream stream;

  private Input(ReadableByteChannel channel, OptionalLong size) {
    this.channel = channel;
    this.size = size;
  }

  /**
   * Opens {@code name}.
   *
   * @throws CliException if it is a directory
   * @throws java.nio.file.NoSuchFileException if it does not exist
   * @throws java.nio.file.AccessDeniedException if it cannot be read
   */
  static Input open(@Nullable String name, CliEnv env) throws IOException {
    if (name == null || name.equals("-")) {
      // The process's stdin (a plain FileInputStream) yields its own FileChannel, files and pipes
      // alike; a test's in-memory stdin gets an adapter.
      return new Input(Channels.newChannel(env.stdin()), OptionalLong.empty());
    }
    Path path = Path.of(name);
    if (Files.isDirectory(path)) {
      throw new CliException(name + ": is a directory, not a file");
    }
    FileChannel in = FileChannel.open(path, StandardOpenOption.READ);
    OptionalLong size =
        Files.isRegularFile(path) ? OptionalLong.of(Files.size(path)) : OptionalLong.empty();
    return new Input(in, size);
  }

  /** True for the names that mean a standard stream: none, or "-". */
  static boolean isStandard(@Nullable String name) {
    return name == null || name.equals("-");
  }

  /** The input as a blocking channel. */
  ReadableByteChannel channel() {
    return channel;
  }

  /** The input as a buffered stream over {@link #channel()}. */
  InputStream stream() {
    InputStream s = stream;
    if (s == null) {
      s = new BufferedInputStream(Channels.newInputStream(channel), BUFFER);
      stream = s;
    }
    return s;
  }

  /** The size in bytes when the input is a regular file. */
  OptionalLong size() {
    return size;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
