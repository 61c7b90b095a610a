package io.valise.store.fs;

import io.valise.core.blob.BlobExistsException;
import io.valise.core.blob.BlobNotFoundException;
import io.valise.core.blob.BlobStore;
import io.valise.core.id.BlobId;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Blobs as files in one directory. A blob's file name is its id's text ({@code [a-z2-7]{26}}), so
 * no name ever comes from a client and none can leave the directory. A blob is written under a
 * temporary name in the same directory (so the rename stays on one file system), fsynced, renamed
 * atomically to its final name, and then the directory is fsynced so the rename itself survives a
 * crash. A crash before the rename leaves only a temporary file, which no read sees and {@link
 * #sweepOrphans()} deletes.
 */
public final class FsBlobStore implements BlobStore {
  /** Temporary names start with a dot, which no id does. */
  static final String STAGING_PREFIX = ".staging-";

  /** How much of a blob a download maps at once. */
  static final long MAP_WINDOW = 16L << 20;

  private final Path dir;

  private FsBlobStore(Path dir) {
    this.dir = dir;
  }

  /**
   * Opens (creating if needed, readable by the owner only) the store in {@code dir}. Call {@link
   * #sweepOrphans()} once at start, before any upload begins.
   *
   * @throws IOException if the directory cannot be created or is not a directory
   */
  public static FsBlobStore open(Path dir) throws IOException {
    Path absolute = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(absolute)) {
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createDirectories(
            absolute,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(absolute);
      }
    }
    return new FsBlobStore(absolute);
  }

  /**
   * Deletes the temporary files that uploads interrupted by a crash or a kill left behind. Uploads
   * in progress in this process would lose their file too: call it only at start.
   *
   * @return how many files were deleted
   */
  public int sweepOrphans() throws IOException {
    int deleted = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, STAGING_PREFIX + "*")) {
      for (Path f : files) {
        if (Files.deleteIfExists(f)) {
          deleted++;
        }
      }
    }
    if (deleted > 0) {
      syncDirectory();
    }
    return deleted;
  }

  @Override
  public Staged stage(BlobId id) throws IOException {
    Path target = path(id);
    if (Files.exists(target)) {
      throw new BlobExistsException(id);
    }
    // createTempFile gives a fresh name (mode 0600 on POSIX), so two writers never collide.
    Path temp = Files.createTempFile(dir, STAGING_PREFIX + id.text() + "-", "");
    return new StagedFile(this, id, temp, target);
  }

  @Override
  public InputStream open(BlobId id, long offset, long length) throws IOException {
    return range(id, offset, length);
  }

  /**
   * Maps the range a window at a time and writes each mapping to {@code out}: the bytes go from the
   * page cache to {@code out} with no copy in this process. Each window is unmapped as soon as it
   * is written, so memory does not grow with the file. The arena is shared because the writer may
   * finish a write on another thread (Jetty completes a write that filled the socket from its
   * selector). A purge meanwhile only unlinks the file; the open mapping still reads it.
   */
  @Override
  public void copyTo(BlobId id, long offset, long length, WritableByteChannel out)
      throws IOException {
    try (RangeInputStream range = range(id, offset, length)) {
      FileChannel channel = range.channel();
      for (long at = offset, end = offset + length; at < end; ) {
        long n = Math.min(MAP_WINDOW, end - at);
        try (Arena arena = Arena.ofShared()) {
          ByteBuffer b = channel.map(FileChannel.MapMode.READ_ONLY, at, n, arena).asByteBuffer();
          while (b.hasRemaining()) {
            out.write(b);
          }
        }
        at += n;
      }
    }
  }

  private RangeInputStream range(BlobId id, long offset, long length) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(path(id), StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new BlobNotFoundException(id);
    }
    try {
      long size = channel.size();
      if (offset < 0 || length < 0 || offset > size || length > size - offset) {
        throw new IllegalArgumentException(
            "Range [%d, +%d) is outside blob [%s] of size [%d]"
                .formatted(offset, length, id, size));
      }
      return new RangeInputStream(channel, offset, length);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public OptionalLong size(BlobId id) throws IOException {
    try {
      return OptionalLong.of(Files.size(path(id)));
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    }
  }

  @Override
  public boolean delete(BlobId id) throws IOException {
    boolean deleted = Files.deleteIfExists(path(id));
    if (deleted) {
      syncDirectory();
    }
    return deleted;
  }

  @Override
  public List<BlobId> list() throws IOException {
    List<BlobId> ids = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (!name.startsWith(".") && Files.isRegularFile(f)) {
          try {
            ids.add(BlobId.parse(name));
          } catch (IllegalArgumentException notOurs) {
            // A file that is not named by an id was not written by this store: not a blob.
          }
        }
      }
    }
    return ids;
  }

  @Override
  public Optional<Instant> writtenAt(BlobId id) throws IOException {
    try {
      return Optional.of(Files.getLastModifiedTime(path(id)).toInstant());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  Path path(BlobId id) {
    return dir.resolve(id.text());
  }

  /** Makes renames and deletions in the directory durable (POSIX needs a directory fsync). */
  void syncDirectory() throws IOException {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  @Override
  public String toString() {
    return "FsBlobStore[" + dir + "]";
  }
}
