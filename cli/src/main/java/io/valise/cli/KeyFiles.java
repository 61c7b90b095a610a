package io.valise.cli;

import io.valise.age.Age;
import io.valise.age.Identity;
import io.valise.age.NoIdentityMatchException;
import io.valise.age.Recipient;
import io.valise.age.armor.Armor;
import io.valise.age.keys.AgeKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads the keys named on the command line: recipient strings ({@code -r}), recipients files
 * ({@code -R}) and identity files ({@code -i}), which may themselves be passphrase-encrypted age
 * files as with the age tool. Errors name the file or the public value; a secret key is never
 * repeated back, even when given by mistake where a recipient belongs.
 */
final class KeyFiles {
  /** Key files are small; anything larger is the wrong file (an encrypted payload, say). */
  static final long MAX_BYTES = 16L << 20;

  private static final String AGE_HEADER = "age-encryption.org/";

  private KeyFiles() {}

  /**
   * Parses a recipient string.
   *
   * @throws CliException naming the problem
   */
  static Recipient recipient(String text) throws CliException {
    try {
      return AgeKeys.parseRecipient(text);
    } catch (IllegalArgumentException e) {
      if (isSecretKey(text)) {
        throw new CliException(
            "a secret key was given as a recipient; give its public key instead"
                + " (valise keygen -y KEYFILE prints it)");
      }
      String hint = Files.exists(Path.of(text)) ? " (to read recipients from a file, use -R)" : "";
      throw new CliException("bad recipient " + shown(text) + ": " + e.getMessage() + hint, e);
    }
  }

  private static boolean isSecretKey(String text) {
    return text.toUpperCase(Locale.ROOT).startsWith("AGE-SECRET-KEY-");
  }

  /** Shows a value only when it looks like a public recipient; anything else might be secret. */
  private static String shown(String text) {
    boolean publicLooking =
        text.startsWith("age1") && text.length() <= 2048 && text.chars().allMatch(c -> c > 32);
    return publicLooking ? "\"" + text + "\"" : "(" + text.length() + " characters)";
  }

  /**
   * Reads a recipients file: one recipient per line, {@code #} comments and blank lines ignored.
   *
   * @throws CliException if the file cannot be parsed (naming the file and line)
   */
  static List<Recipient> recipientsFile(String name) throws IOException {
    byte[] bytes = read(name);
    List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (isSecretKey(lines.get(i).strip())) {
        // checked here because the library's message would quote the start of the line
        throw new CliException(
            "%s, line %d: a secret key where a recipient belongs; is this an identity file? (use -i to decrypt with it, or 'valise keygen -y' to list its recipients)"
                .formatted(name, i + 1));
      }
    }
    try {
      return List.copyOf(AgeKeys.parseRecipientsFile(lines, name));
    } catch (IllegalArgumentException e) {
      throw new CliException(named(name, e), e);
    }
  }

  /**
   * Reads an identity file, decrypting it first when it is itself an age file (the passphrase is
   * asked through {@code passphrase}).
   *
   * @throws CliException if the file cannot be parsed, or is encrypted other than by passphrase
   */
  static List<Identity> identityFile(String name, PassphraseSource passphrase) throws IOException {
    return identities(read(name), name, passphrase);
  }

  /**
   * As {@link #identityFile}, reading from {@code in} (standard input), described as {@code name}.
   */
  static List<Identity> identityStream(InputStream in, String name, PassphraseSource passphrase)
      throws IOException {
    byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      Arrays.fill(bytes, (byte) 0);
      throw new CliException(name + ": too large to be a key file");
    }
    return identities(bytes, name, passphrase);
  }

  private static List<Identity> identities(byte[] file, String name, PassphraseSource passphrase)
      throws IOException {
    byte[] text = isAgeFile(file) ? decrypt(name, file, passphrase) : file;
    try {
      List<String> lines = new String(text, StandardCharsets.UTF_8).lines().toList();
      return List.copyOf(AgeKeys.parseIdentityFile(lines, name));
    } catch (IllegalArgumentException e) {
      throw new CliException(named(name, e), e);
    } finally {
      Arrays.fill(text, (byte) 0);
      Arrays.fill(file, (byte) 0);
    }
  }

  private static byte[] decrypt(String name, byte[] file, PassphraseSource passphrase)
      throws IOException {
    PassphrasePrompt prompt =
        new PassphrasePrompt(passphrase, "Enter passphrase for identity file " + name + ": ");
    PushbackInputStream in = new PushbackInputStream(new ByteArrayInputStream(file), 64);
    InputStream source = Armor.isArmored(in) ? Armor.decoder(in) : in;
    try (InputStream plain = Age.decryptingStream(source, List.of(prompt))) {
      return plain.readAllBytes();
    } catch (NoIdentityMatchException e) {
      throw new CliException(
          prompt.asked()
              ? name + ": wrong passphrase for this encrypted identity file"
              : name + ": identity file is encrypted, but not with a passphrase",
          e);
    }
  }

  private static boolean isAgeFile(byte[] bytes) {
    String start =
        new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.US_ASCII).strip();
    return start.startsWith(AGE_HEADER) || start.startsWith("-----BEGIN AGE ENCRYPTED FILE");
  }

  private static byte[] read(String name) throws IOException {
    Path path = Path.of(name);
    if (Files.isDirectory(path)) {
      throw new CliException(name + ": is a directory, not a key file");
    }
    if (Files.isRegularFile(path) && Files.size(path) > MAX_BYTES) {
      throw new CliException(name + ": too large to be a key file");
    }
    return Files.readAllBytes(path);
  }

  /** Prefixes the file name unless the library's message already starts with it. */
  private static String named(String name, IllegalArgumentException e) {
    String message = e.getMessage();
    if (message == null) {
      return name + ": invalid key file";
    }
    return message.contains(name) ? message : name + ": " + message;
  }
}
