package io.valise.cli;

import io.valise.age.FileKey;
import io.valise.age.HeaderException;
import io.valise.age.Identity;
import io.valise.age.Stanza;
import io.valise.age.scrypt.ScryptIdentity;
import io.valise.age.secret.Passphrase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An identity that asks for a passphrase only when the header holds an scrypt stanza, as the age
 * tool does: decrypting a passphrase-encrypted file needs no flag, and a file encrypted to keys
 * never prompts. The passphrase is wiped as soon as the stanza is tried.
 *
 * <p>{@link Identity#unwrap} may only throw {@link HeaderException}, so a failure to obtain the
 * passphrase (no terminal, empty) leaves as an {@link UncheckedIOException} around the {@link
 * CliException}; {@link ErrorMapper} unwraps it.
 */
final class PassphrasePrompt implements Identity {
  private static final String SCRYPT = "scrypt";

  private final PassphraseSource source;
  private final String prompt;
  private boolean asked;

  PassphrasePrompt(PassphraseSource source) {
    this(source, "Enter passphrase: ");
  }

  /** A prompt that shows {@code prompt} on the terminal, for example naming an identity file. */
  PassphrasePrompt(PassphraseSource source, String prompt) {
    this.source = source;
    this.prompt = prompt;
  }

  @Override
  public Optional<FileKey> unwrap(List<Stanza> stanzas) throws HeaderException {
    if (stanzas.stream().noneMatch(s -> s.type().equals(SCRYPT))) {
      return Optional.empty();
    }
    asked = true;
    char[] chars;
    try {
      chars = source.forDecryption(prompt);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Passphrase passphrase = Passphrase.of(chars)) {
      return new ScryptIdentity(passphrase).unwrap(stanzas);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  /** Whether the file turned out to be passphrase-encrypted, so a passphrase was used. */
  boolean asked() {
    return asked;
  }

  @Override
  public String toString() {
    return "PassphrasePrompt";
  }
}
