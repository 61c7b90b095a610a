package io.valise.cli;

import io.valise.age.Age;
import io.valise.age.Identity;
import io.valise.age.NoIdentityMatchException;
import io.valise.age.armor.Armor;
import io.valise.age.stream.Peek;
import io.valise.age.stream.Progress;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.SequenceInputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code valise decrypt}: decrypts an age file, binary or armored (detected), with identity files
 * or, for a passphrase-encrypted file, the passphrase. Plaintext reaches a file destination only
 * when every chunk has been authenticated.
 */
final class DecryptCommand implements Command {
  private final CliEnv env;

  DecryptCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec =
        Specs.command(
            this,
            "decrypt",
            "Decrypt INPUT (or standard input), an age file in binary or ASCII armor.",
            "",
            "A file encrypted to a passphrase needs no flag: the passphrase is asked on the"
                + " terminal when the file turns out to be one. Files from age, rage, typage"
                + " and Valise are all the same format.");
    spec.addOption(
        Specs.repeatable(
            "PATH",
            "Use the identities (private keys) in this file, as written by 'valise keygen' or"
                + " age-keygen; it may itself be passphrase-encrypted. Repeatable: any matching"
                + " identity will do.",
            "-i",
            "--identity"));
    spec.addOption(
        Specs.single(
            "FILE",
            "Valise extension: if the file is passphrase-encrypted, read the passphrase from"
                + " the first line of FILE instead of the terminal (for scripts).",
            "--passphrase-file"));
    spec.addOption(
        Specs.single(
            "OUTPUT",
            "Write the plaintext to OUTPUT instead of standard output. It appears only once the"
                + " whole file is authenticated (mode 0600); an existing file is replaced only"
                + " on success.",
            "-o",
            "--output"));
    spec.addPositional(Specs.optionalFile("INPUT", "The file to decrypt; '-' or none: stdin."));
    Specs.footer(
        spec,
        "Examples:",
        "  valise decrypt -i me.key -o results.csv results.csv.age",
        "  valise decrypt -i me.key < results.csv.asc | less",
        "  valise decrypt -o notes.txt notes.age          # asks for the passphrase",
        "",
        "Keys: the identity file comes from 'valise keygen -o me.key' (or age-keygen); the",
        "sender encrypted to its public key, which 'valise keygen -y me.key' prints.");
    return spec;
  }

  @Override
  public int run(ParseResult parsed) throws IOException {
    @Nullable String passphraseFile = Specs.value(parsed, "--passphrase-file");
    PassphraseSource passphrase =
        new PassphraseSource(
            env.terminal(), passphraseFile == null ? null : Path.of(passphraseFile));
    PassphrasePrompt prompt = new PassphrasePrompt(passphrase);
    List<Identity> identities = new ArrayList<>();
    identities.add(prompt); // first, as in age: it acts only on a passphrase-encrypted file
    List<String> identityFiles = Specs.values(parsed, "-i");
    for (String f : identityFiles) {
      identities.addAll(KeyFiles.identityFile(f, passphrase));
    }
    try (Input in = Input.open(Specs.positional(parsed), env);
        Output out = Output.open(Specs.value(parsed, "-o"), env, Output.Existing.REPLACE)) {
      ProgressBar progress = ProgressBar.of(env, in.size(), out.isStdout());
      ReadableByteChannel source = progress.count(in.channel());
      byte[] head = Peek.read(source, 64);
      try {
        if (Armor.isArmored(new PushbackInputStream(new ByteArrayInputStream(head), 64))) {
          InputStream rest = new BufferedInputStream(Channels.newInputStream(source), 1 << 16);
          InputStream armored = new SequenceInputStream(new ByteArrayInputStream(head), rest);
          Age.decrypt(Armor.decoder(armored), out.stream(), identities, Progress.NONE);
        } else {
          // Channels: the payload goes kernel -> native buffer -> kernel, never via the heap.
          Age.decrypt(Peek.replay(head, source), out.channel(), identities, Progress.NONE);
        }
      } catch (NoIdentityMatchException e) {
        throw explain(e, prompt.asked(), identityFiles.isEmpty());
      } finally {
        progress.finish();
      }
      out.commit();
    }
    return 0;
  }

  private static IOException explain(NoIdentityMatchException e, boolean asked, boolean noKeys) {
    if (asked) {
      return new CliException("wrong passphrase (no match for the file's scrypt stanza)", e);
    }
    if (noKeys) {
      return new UsageException(
          "the file is encrypted to public keys, not a passphrase: give the identity file"
              + " with -i PATH");
    }
    return e;
  }
}
