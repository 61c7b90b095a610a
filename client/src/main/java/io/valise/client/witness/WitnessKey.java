package io.valise.client.witness;

import io.valise.tlog.note.NoteException;
import io.valise.tlog.note.NoteSigner;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;

/**
 * The witness's key file: one line, the C2SP signer key {@code PRIVATE+KEY+<name>+<key
 * id>+<base64>}, mode 0600. The key text only ever exists as {@code char[]} and bytes that are
 * wiped after use; messages name the file, never its content.
 */
public final class WitnessKey {
  private static final int MAX_BYTES = 4096;
  private static final Set<PosixFilePermission> FILE_MODE =
      PosixFilePermissions.fromString("rw-------");

  private WitnessKey() {}

  /**
   * Writes {@code key} to a new file {@code path} (mode 0600).
   *
   * @throws java.nio.file.FileAlreadyExistsException if it exists: a key is never overwritten
   */
  public static void create(Path path, NoteSigner key) throws IOException {
    char[] text = key.encode();
    byte[] bytes = new byte[text.length + 1];
    try {
      for (int i = 0; i < text.length; i++) {
        bytes[i] = (byte) text[i]; // the text form is ASCII
      }
      bytes[text.length] = '\n';
      try (FileChannel ch =
          FileChannel.open(
              path,
              Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW),
              PosixFilePermissions.asFileAttribute(FILE_MODE))) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          ch.write(buffer);
        }
        ch.force(true);
      }
    } finally {
      Arrays.fill(text, '\0');
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * Reads the key in {@code path}; the caller destroys it after use.
   *
   * @throws IOException if the file cannot be read or holds no witness key
   */
  public static NoteSigner read(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      throw new IOException(path + ": is a directory, not a witness key file");
    }
    if (Files.isRegularFile(path) && Files.size(path) > MAX_BYTES) {
      throw new IOException(path + ": too large to be a witness key file");
    }
    byte[] bytes = Files.readAllBytes(path);
    int end = bytes.length;
    while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r' || bytes[end - 1] == ' ')) {
      end--;
    }
    char[] text = new char[end];
    try {
      for (int i = 0; i < end; i++) {
        text[i] = (char) (bytes[i] & 0xff);
      }
      return NoteSigner.parse(text);
    } catch (NoteException e) {
      throw new IOException(path + ": not a witness key (" + e.getMessage() + ")", e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
      Arrays.fill(text, '\0');
    }
  }

  /** True if only the owner may read {@code path} (what {@link #create} makes). */
  public static boolean isPrivate(Path path) throws IOException {
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
    return mode.stream()
        .noneMatch(
            p ->
                p != PosixFilePermission.OWNER_READ
                    && p != PosixFilePermission.OWNER_WRITE
                    && p != PosixFilePermission.OWNER_EXECUTE);
  }
}
