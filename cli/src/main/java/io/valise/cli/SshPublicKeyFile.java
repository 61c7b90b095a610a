package io.valise.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the one key line of an OpenSSH public key file ({@code id_ed25519.pub}) for {@code valise
 * key ssh add} and {@code valise admin user ssh-key add}. The key itself is checked by the server;
 * this only makes sure a private key is never sent and the file holds one key.
 */
public final class SshPublicKeyFile {
  /** More than any public key line (the server takes 16 KiB); a bigger file is not a .pub file. */
  private static final int MAX_FILE = 64 * 1024;

  private SshPublicKeyFile() {}

  /**
   * The key line of {@code file}, or of standard input for {@code -}.
   *
   * @throws CliException (an {@link IOException}) for a private key, an empty or too big file, or
   *     several keys; {@link java.nio.file.NoSuchFileException} if the file does not exist
   */
  public static String read(String file, CliEnv env) throws IOException {
    byte[] b;
    try (Input in = Input.open(file, env)) {
      b = in.stream().readNBytes(MAX_FILE + 1);
    }
    if (b.length > MAX_FILE) {
      throw new CliException(name(file) + ": too big for an SSH public key file");
    }
    return line(file, b);
  }

  /**
   * The one key line: blank lines and {@code #} comments are skipped.
   *
   * @throws CliException for a private key (never sent), no key, or several keys
   */
  static String line(@Nullable String file, byte[] content) throws CliException {
    String text = new String(content, StandardCharsets.UTF_8);
    if (text.contains("PRIVATE KEY")) {
      throw new CliException(
          name(file)
              + ": this is a private key; give the public key (the .pub file next to it, or"
              + " 'ssh-keygen -y -f KEY'). Nothing was sent.");
    }
    List<String> lines =
        text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    if (lines.isEmpty()) {
      throw new CliException(name(file) + ": no SSH public key in it");
    }
    if (lines.size() > 1) {
      throw new CliException(
          name(file) + ": holds " + lines.size() + " lines; give one public key at a time");
    }
    return lines.getFirst();
  }

  private static String name(@Nullable String file) {
    return file == null || Input.isStandard(file) ? "standard input" : file;
  }
}
