package io.valise.cli;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/** The data a command reads: a named file, or standard input when the name is absent or "-". */
final class Input implements Closeable {
  private static final int BUFFER = 64 * 1024;

  private final InputStream stream;
  private final OptionalLong size;

  private Input(InputStream stream, OptionalLong size) {
    this.stream = stream;
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
      return new Input(new BufferedInputStream(env.stdin(), BUFFER), OptionalLong.empty());
    }
    Path path = Path.of(name);
    if (Files.isDirectory(path)) {
      throw new CliException(name + ": is a directory, not a file");
    }
    InputStream in = new BufferedInputStream(Files.newInputStream(path), BUFFER);
    OptionalLong size =
        Files.isRegularFile(path) ? OptionalLong.of(Files.size(path)) : OptionalLong.empty();
    return new Input(in, size);
  }

  /** True for the names that mean a standard stream: none, or "-". */
  static boolean isStandard(@Nullable String name) {
    return name == null || name.equals("-");
  }

  InputStream stream() {
    return stream;
  }

  /** The size in bytes when the input is a regular file. */
  OptionalLong size() {
    return size;
  }

  @Override
  public void close() throws IOException {
    stream.close();
  }
}
