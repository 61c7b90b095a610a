package io.valise.client.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The client's state directory: {@code $VALISE_HOME}, else {@code $XDG_CONFIG_HOME/valise}, else
 * {@code ~/.config/valise}. Created with mode 0700 (an existing one is tightened to 0700); every
 * file is written with mode 0600 under a temporary name, synced, and renamed into place, so a crash
 * never leaves a half-written session or pin file.
 */
public final class ClientHome {
  /** The default identity file's name inside the directory. */
  public static final String IDENTITY = "identity";

  private static final Set<PosixFilePermission> DIR_MODE =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE_MODE =
      PosixFilePermissions.fromString("rw-------");

  private final Path dir;

  public ClientHome(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  /**
   * The directory named by the environment {@code env}, falling back to {@code userHome} when
   * neither {@code VALISE_HOME}, {@code XDG_CONFIG_HOME} nor {@code HOME} is set.
   */
  public static ClientHome resolve(Map<String, String> env, String userHome) {
    String valise = nonBlank(env.get("VALISE_HOME"));
    if (valise != null) {
      return new ClientHome(Path.of(valise));
    }
    String xdg = nonBlank(env.get("XDG_CONFIG_HOME"));
    if (xdg != null) {
      return new ClientHome(Path.of(xdg, "valise"));
    }
    String home = nonBlank(env.get("HOME"));
    return new ClientHome(Path.of(home == null ? userHome : home, ".config", "valise"));
  }

  private static @Nullable String nonBlank(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }

  public Path dir() {
    return dir;
  }

  /** The path of {@code name} inside the directory (a fixed name, never user input). */
  public Path file(String name) {
    return dir.resolve(name);
  }

  /** Creates the directory (0700) if missing, and tightens an existing one to 0700. */
  public Path ensure() throws IOException {
    if (!Files.isDirectory(dir)) {
      Path parent = dir.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // made meanwhile by another run: checked below
      }
    }
    if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(dir + ": VALISE_HOME must be a directory, not a link or a file");
    }
    if (!Files.getPosixFilePermissions(dir).equals(DIR_MODE)) {
      Files.setPosixFilePermissions(dir, DIR_MODE);
    }
    return dir;
  }

  /** The content of {@code name}, if the file exists. */
  public Optional<byte[]> read(String name) throws IOException {
    Path f = file(name);
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    return Optional.of(Files.readAllBytes(f));
  }

  /** Replaces {@code name} with {@code content} atomically, mode 0600. */
  public void write(String name, byte[] content) throws IOException {
    ensure();
    Path temp =
        Files.createTempFile(
            dir, "." + name + ".", ".tmp", PosixFilePermissions.asFileAttribute(FILE_MODE));
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap(content));
        ch.force(true);
      }
      Files.move(
          temp, file(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Creates {@code name} with {@code content}, mode 0600, only if it does not exist.
   *
   * @throws java.nio.file.FileAlreadyExistsException if it exists
   */
  public void create(String name, byte[] content) throws IOException {
    ensure();
    Path f = file(name);
    try (FileChannel ch =
        FileChannel.open(
            f,
            Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW),
            PosixFilePermissions.asFileAttribute(FILE_MODE))) {
      ch.write(java.nio.ByteBuffer.wrap(content));
      ch.force(true);
    }
  }

  /** Deletes {@code name}; true if it existed. */
  public boolean delete(String name) throws IOException {
    return Files.deleteIfExists(file(name));
  }
}
