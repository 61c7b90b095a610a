package io.valise.client.witness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.tlog.note.RootHash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The witness's state directory (mode 0700): {@code state.json} (mode 0600), replaced atomically
 * (temporary file, fsync, rename, fsync of the directory), so a crash leaves the old state or the
 * new one, never half of one; and {@code lock}, held by the one witness process that uses it.
 *
 * <p>{@code state.json} is {@code {"origin","size","rootHash","cosignedAt"}} and, once the log
 * contradicted itself, {@code "alarm"} with both sizes and roots and the log's conflicting signed
 * note. An operator clears the alarm with {@code valise witness --clear-alarm}.
 */
public final class StateDir {
  /** The state file's name in the directory. */
  public static final String STATE = "state.json";

  private static final String LOCK = "lock";
  private static final int MAX_STATE = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<PosixFilePermission> DIR_MODE =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE_MODE =
      PosixFilePermissions.fromString("rw-------");

  private final Path dir;

  public StateDir(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  public Path dir() {
    return dir;
  }

  /** Creates the directory (0700) if missing and tightens an existing one to 0700. */
  public void ensure() throws IOException {
    if (!Files.isDirectory(dir)) {
      Path parent = dir.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
      } catch (FileAlreadyExistsException e) {
        // made meanwhile: checked below
      }
    }
    if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(dir + ": the witness state must be a directory, not a link or a file");
    }
    if (!Files.getPosixFilePermissions(dir).equals(DIR_MODE)) {
      Files.setPosixFilePermissions(dir, DIR_MODE);
    }
  }

  /**
   * Takes the directory's lock for as long as the returned lock is open, so that two witness
   * processes never work from the same state (each could cosign one side of a fork).
   *
   * @throws IOException if another process holds it
   */
  public Lock lock() throws IOException {
    ensure();
    FileChannel channel =
        FileChannel.open(
            dir.resolve(LOCK),
            Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(FILE_MODE));
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new IOException(
          dir + ": another witness is running with this state directory; stop it first");
    }
    return new Lock(lock);
  }

  /** The held lock of a state directory; closing it releases the lock and its file. */
  public static final class Lock implements AutoCloseable {
    private final FileLock lock;

    private Lock(FileLock lock) {
      this.lock = lock;
    }

    /** True until closed. */
    public boolean isHeld() {
      return lock.isValid();
    }

    @Override
    public void close() throws IOException {
      lock.channel().close(); // releases the lock too
    }
  }

  /**
   * The stored state, if any.
   *
   * @throws IOException if the file exists but is not a witness state (it is never overwritten
   *     then: an operator looks at it)
   */
  public Optional<WitnessState> load() throws IOException {
    Path f = dir.resolve(STATE);
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    if (Files.size(f) > MAX_STATE) {
      throw new IOException(f + ": too large to be a witness state file");
    }
    try {
      return Optional.of(parse(JSON.readTree(Files.readAllBytes(f))));
    } catch (IOException | RuntimeException e) {
      throw new IOException(
          f + ": not a valid witness state file (" + e.getMessage() + "); fix or remove it", e);
    }
  }

  /** Replaces the state atomically (mode 0600). */
  public void save(WitnessState state) throws IOException {
    ensure();
    byte[] content = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(encode(state));
    Path temp =
        Files.createTempFile(
            dir, "." + STATE + ".", ".tmp", PosixFilePermissions.asFileAttribute(FILE_MODE));
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          ch.write(buffer);
        }
        ch.force(true);
      }
      try {
        Files.move(
            temp,
            dir.resolve(STATE),
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException(dir + ": the file system cannot replace files atomically", e);
      }
      syncDirectory();
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Makes the rename durable; a file system that cannot sync a directory is left as it is. */
  private void syncDirectory() {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // not supported here (some platforms cannot open a directory): the rename stands
    }
  }

  private static ObjectNode encode(WitnessState s) {
    ObjectNode n = JSON.createObjectNode();
    n.put("origin", s.origin());
    n.put("size", s.size());
    n.put("rootHash", s.rootHash().base64());
    n.put("cosignedAt", s.cosignedAt().toString());
    Alarm a = s.alarm();
    if (a != null) {
      ObjectNode m = n.putObject("alarm");
      m.put("kind", a.kind().name().toLowerCase(Locale.ROOT));
      m.put("cosignedSize", a.cosignedSize());
      m.put("cosignedRoot", a.cosignedRoot().base64());
      m.put("servedSize", a.servedSize());
      m.put("servedRoot", a.servedRoot().base64());
      m.put("reason", a.reason());
      m.put("servedNote", a.servedNote());
      m.put("detected", a.detected().toString());
    }
    return n;
  }

  private static WitnessState parse(@Nullable JsonNode n) throws IOException {
    if (n == null || !n.isObject()) {
      throw new IOException("not a JSON object");
    }
    JsonNode a = n.get("alarm");
    Alarm alarm = null;
    if (a != null && !a.isNull()) {
      alarm =
          new Alarm(
              Alarm.Kind.valueOf(text(a, "kind").toUpperCase(Locale.ROOT)),
              size(a, "cosignedSize"),
              root(a, "cosignedRoot"),
              size(a, "servedSize"),
              root(a, "servedRoot"),
              text(a, "reason"),
              text(a, "servedNote"),
              Instant.parse(text(a, "detected")));
    }
    return new WitnessState(
        text(n, "origin"),
        size(n, "size"),
        root(n, "rootHash"),
        Instant.parse(text(n, "cosignedAt")),
        alarm);
  }

  private static String text(JsonNode n, String field) throws IOException {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IOException("missing " + field);
    }
    return v.asText();
  }

  private static long size(JsonNode n, String field) throws IOException {
    JsonNode v = n.get(field);
    if (v == null || !v.canConvertToExactIntegral() || !v.canConvertToLong() || v.asLong() < 0) {
      throw new IOException("missing or bad " + field);
    }
    return v.asLong();
  }

  private static RootHash root(JsonNode n, String field) throws IOException {
    byte[] b = Base64.getDecoder().decode(text(n, field));
    if (b.length != RootHash.SIZE) {
      throw new IOException(field + " is not a 32-byte hash");
    }
    return RootHash.of(b);
  }
}
