package io.valise.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Where a passphrase comes from: the terminal, as with the age tool, or the first line of a file
 * named with {@code --passphrase-file} (a Valise extension for scripts and tests, which have no
 * terminal). Every returned array belongs to the caller, who wipes it.
 */
final class PassphraseSource {
  /** A passphrase file larger than this is surely the wrong file. */
  static final long MAX_FILE_BYTES = 64 * 1024;

  private final Terminal terminal;
  private final @Nullable Path file;

  PassphraseSource(Terminal terminal, @Nullable Path file) {
    this.terminal = terminal;
    this.file = file;
  }

  /**
   * A new passphrase: read from the file, or typed twice on the terminal.
   *
   * @throws CliException if it is empty, the two entries differ, or there is no terminal
   */
  char[] forEncryption() throws IOException {
    if (file != null) {
      return fromFile(file);
    }
    char[] first = nonEmpty(terminal.readSecret("Enter passphrase: "));
    char[] second = terminal.readSecret("Confirm passphrase: ");
    try {
      if (!Arrays.equals(first, second)) {
        Arrays.fill(first, '\0');
        throw new CliException("the passphrases do not match");
      }
      return first;
    } finally {
      Arrays.fill(second, '\0');
    }
  }

  /**
   * The passphrase of an existing file: read from the file, or typed once on the terminal.
   *
   * @throws CliException if it is empty or there is no terminal
   */
  char[] forDecryption() throws IOException {
    return forDecryption("Enter passphrase: ");
  }

  /** As {@link #forDecryption()}, with the terminal prompt saying what the passphrase is for. */
  char[] forDecryption(String prompt) throws IOException {
    if (file != null) {
      return fromFile(file);
    }
    return nonEmpty(terminal.readSecret(prompt));
  }

  private static char[] fromFile(Path path) throws IOException {
    if (Files.size(path) > MAX_FILE_BYTES) {
      throw new CliException(path + ": too large to be a passphrase file");
    }
    byte[] bytes = Files.readAllBytes(path);
    try {
      int end = 0;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      if (end > 0 && bytes[end - 1] == '\r') {
        end--;
      }
      return nonEmpty(Secrets.decodeUtf8(bytes, end));
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private static char[] nonEmpty(char[] passphrase) throws CliException {
    if (passphrase.length == 0) {
      throw new CliException("the passphrase is empty");
    }
    return passphrase;
  }
}
