package io.valise.cli;

import io.valise.age.Age;
import io.valise.age.Recipient;
import io.valise.age.armor.Armor;
import io.valise.age.scrypt.ScryptRecipient;
import io.valise.age.secret.Passphrase;
import io.valise.age.stream.Progress;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code valise encrypt}: encrypts to recipients or a passphrase, with the age tool's flags. The
 * result appears at the destination only when complete.
 */
final class EncryptCommand implements Command {
  private final CliEnv env;

  EncryptCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec =
        Specs.command(
            this,
            "encrypt",
            "Encrypt INPUT (or standard input) to one or more recipients, or to a passphrase.",
            "",
            "The output is a standard age file: anyone holding a matching identity can decrypt"
                + " it with valise, age, or any other age implementation.");
    spec.addOption(
        Specs.repeatable(
            "RECIPIENT",
            "Encrypt to this public key: age1... (X25519) or age1pq1... (post-quantum). Repeat"
                + " for several recipients; any one of them can decrypt.",
            "-r",
            "--recipient"));
    spec.addOption(
        Specs.repeatable(
            "PATH",
            "Encrypt to the recipients listed in this file, one per line (# comments allowed),"
                + " such as the output of 'valise keygen -y'. Repeatable.",
            "-R",
            "--recipients-file"));
    spec.addOption(
        Specs.flag(
            "Encrypt with a passphrase, asked twice on the terminal. Cannot be combined with"
                + " -r or -R.",
            "-p",
            "--passphrase"));
    spec.addOption(
        Specs.single(
            "FILE",
            "Valise extension: with -p, read the passphrase from the first line of FILE instead"
                + " of the terminal (for scripts; implies -p). Keep FILE private.",
            "--passphrase-file"));
    spec.addOption(
        Specs.flag(
            "Write ASCII armor (PEM-like text) instead of binary, for e-mail or copy-paste.",
            "-a",
            "--armor"));
    spec.addOption(
        Specs.single(
            "OUTPUT",
            "Write to OUTPUT instead of standard output. It appears only when complete (mode"
                + " 0600); an existing file is replaced only on success. '-o -' forces binary"
                + " output to a terminal.",
            "-o",
            "--output"));
    spec.addPositional(Specs.optionalFile("INPUT", "The file to encrypt; '-' or none: stdin."));
    Specs.footer(spec, EXAMPLES);
    return spec;
  }

  private static final String[] EXAMPLES = {
    "Examples:",
    "  valise encrypt -r age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p \\",
    "      -o results.csv.age results.csv",
    "  valise encrypt -R team.pub -a < results.csv > results.csv.asc",
    "  valise encrypt -p -o notes.age notes.txt",
    "  tar cz reports/ | valise encrypt -r age1pq1... > reports.tgz.age",
    "",
    "Keys: 'valise keygen' (or age-keygen) makes an identity; its public key is what you pass",
    "to -r. 'valise keygen -y KEYFILE' prints it again.",
  };

  @Override
  public int run(ParseResult parsed) throws IOException {
    @Nullable String passphraseFile = Specs.value(parsed, "--passphrase-file");
    boolean passphrase = Specs.isSet(parsed, "-p") || passphraseFile != null;
    List<String> recipientArgs = Specs.values(parsed, "-r");
    List<String> recipientFiles = Specs.values(parsed, "-R");
    boolean keys = !recipientArgs.isEmpty() || !recipientFiles.isEmpty();
    if (passphrase && keys) {
      throw new UsageException("-p/--passphrase cannot be combined with -r/-R");
    }
    if (!passphrase && !keys) {
      throw new UsageException("missing recipients: give -r RECIPIENT, -R PATH, or -p");
    }
    boolean armor = Specs.isSet(parsed, "-a");
    @Nullable String output = Specs.value(parsed, "-o");
    if (output == null && !armor && env.terminal().isTerminal(Terminal.Stream.STDOUT)) {
      throw new CliException(
          "refusing to write binary ciphertext to the terminal: use -a/--armor, -o FILE,"
              + " or force it with '-o -'");
    }
    try (Input in = Input.open(Specs.positional(parsed), env)) {
      if (passphrase) {
        Path file = passphraseFile == null ? null : Path.of(passphraseFile);
        char[] chars = new PassphraseSource(env.terminal(), file).forEncryption();
        try (Passphrase secret = Passphrase.of(chars)) {
          Arrays.fill(chars, '\0');
          ScryptRecipient r = new ScryptRecipient(secret, ScryptRecipient.DEFAULT_WORK_FACTOR);
          encrypt(in, List.of(r), armor, output);
        } finally {
          Arrays.fill(chars, '\0');
        }
      } else {
        encrypt(in, recipients(recipientArgs, recipientFiles), armor, output);
      }
    }
    return 0;
  }

  private static List<Recipient> recipients(List<String> args, List<String> files)
      throws IOException {
    List<Recipient> all = new ArrayList<>();
    for (String r : args) {
      all.add(KeyFiles.recipient(r));
    }
    for (String f : files) {
      all.addAll(KeyFiles.recipientsFile(f));
    }
    if (all.stream().map(Recipient::labels).distinct().count() > 1) {
      throw new CliException(
          "post-quantum recipients (age1pq1...) cannot be mixed with classical ones (age1...):"
              + " the file would only be as strong as the weakest");
    }
    return all;
  }

  private void encrypt(
      Input in, List<? extends Recipient> recipients, boolean armor, @Nullable String output)
      throws IOException {
    try (Output out = Output.open(output, env, Output.Existing.REPLACE)) {
      ProgressBar progress = ProgressBar.of(env, in.size(), out.isStdout());
      try {
        if (armor) {
          OutputStream sink = Armor.encoder(out.stream());
          Age.encrypt(progress.count(in.stream()), sink, recipients, env.random(), Progress.NONE);
          sink.close(); // the armor's end line
        } else {
          // Channels: the payload goes kernel -> native buffer -> kernel, never via the heap.
          ReadableByteChannel source = progress.count(in.channel());
          Age.encrypt(source, out.channel(), recipients, env.random(), Progress.NONE);
        }
      } finally {
        progress.finish();
      }
      out.commit();
    }
  }
}
