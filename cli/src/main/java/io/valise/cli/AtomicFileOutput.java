package io.valise.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A file written under a temporary name in the destination's directory (so the final rename stays
 * on one file system and is atomic), created with mode 0600, synced to disk, then renamed. A
 * shutdown hook removes the temporary file if the process is interrupted before it is done.
 */
final class AtomicFileOutput implements Output {
  private static final int BUFFER = 64 * 1024;

  private final Path target;
  private final Path temp;
  private final Existing existing;
  private final FileChannel channel;
  private final OutputStream stream;
  private final Thread cleanup;
  private boolean finished;

  private AtomicFileOutput(Path target, Path temp, Existing existing) throws IOException {
    this.target = target;
    this.temp = temp;
    this.existing = existing;
    this.channel = FileChannel.open(temp, StandardOpenOption.WRITE);
    this.stream =
        new StreamOutput.NonClosing(
            new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER));
    this.cleanup = new Thread(this::deleteTemp);
    Runtime.getRuntime().addShutdownHook(cleanup);
  }

  /** Creates the temporary file for {@code target}, an absolute path. */
  static AtomicFileOutput create(Path target, Existing existing) throws IOException {
    Path real = Files.isSymbolicLink(target) ? target.toRealPath() : target;
    Path dir = real.getParent();
    if (dir == null) {
      throw new CliException(target + ": is not a file name");
    }
    String prefix = "." + real.getFileName() + ".";
    Path temp;
    try {
      temp =
          Files.createTempFile(
              dir,
              prefix,
              ".valise-tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      temp = Files.createTempFile(dir, prefix, ".valise-tmp"); // not POSIX: the OS default
    }
    try {
      return new AtomicFileOutput(real, temp, existing);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  @Override
  public OutputStream stream() {
    return stream;
  }

  @Override
  public WritableByteChannel channel() {
    return channel;
  }

  @Override
  public void commit() throws IOException {
    stream.flush();
    channel.force(true);
    channel.close();
    if (existing == Existing.REPLACE) {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } else {
      publishWithoutReplacing();
    }
    finished = true;
    Path dir = target.getParent();
    if (dir != null) {
      syncDirectory(dir);
    }
  }

  /** A hard link fails atomically if the name was taken meanwhile; a plain move is the fallback. */
  private void publishWithoutReplacing() throws IOException {
    try {
      Files.createLink(target, temp);
      Files.delete(temp);
    } catch (FileAlreadyExistsException e) {
      throw new CliException(target + ": already exists; refusing to overwrite it", e);
    } catch (UnsupportedOperationException e) {
      Files.move(temp, target);
    } catch (FileSystemException e) {
      if (Files.exists(target)) {
        throw e;
      }
      Files.move(temp, target); // no hard links on this file system
    }
  }

  /** Makes the rename itself durable. Some file systems cannot sync a directory: then skip. */
  private static void syncDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // the data is synced and renamed; only the directory entry's durability is not promised
    }
  }

  @Override
  public void close() throws IOException {
    try {
      if (!finished) {
        channel.close();
        deleteTemp();
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException e) {
        // shutting down: the hook runs anyway
      }
    }
  }

  private void deleteTemp() {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // nothing more can be done; the name starts with a dot and ends in .valise-tmp
    }
  }

  @Override
  public boolean isStdout() {
    return false;
  }
}
