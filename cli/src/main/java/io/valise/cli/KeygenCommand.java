package io.valise.cli;

import io.valise.age.Identity;
import io.valise.age.pq.MlKem768X25519Identity;
import io.valise.age.x25519.X25519Identity;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code valise keygen}: makes an identity file in the age-keygen format, or with {@code -y} prints
 * the recipients of one. A new key file is created with mode 0600 and never replaces a file.
 */
final class KeygenCommand implements Command {
  private final CliEnv env;

  KeygenCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec =
        Specs.command(
            this,
            "keygen",
            "Generate an identity (a private key) and print its recipient (the public key).",
            "",
            "The identity file holds a creation date, the public key as a comment, and the secret"
                + " key line, exactly like age-keygen's, so age and Valise read each other's"
                + " keys. Give the public key (age1...) to whoever sends you files; keep the"
                + " identity file to yourself.");
    spec.addOption(
        Specs.flag(
            "Generate a post-quantum hybrid identity (ML-KEM-768 + X25519,"
                + " AGE-SECRET-KEY-PQ-1...; recipient age1pq1...). Files encrypted to it stay"
                + " confidential against a future quantum computer. age 1.1 cannot read them;"
                + " age 1.3+ and typage can.",
            "--pq"));
    spec.addOption(
        Specs.single(
            "OUTPUT",
            "Write to OUTPUT (mode 0600) instead of standard output. An existing file is never"
                + " overwritten.",
            "-o",
            "--output"));
    spec.addOption(
        Specs.flag(
            "Convert: read an identity file (INPUT, or standard input) and print its"
                + " recipients, one per line.",
            "-y"));
    spec.addPositional(Specs.optionalFile("INPUT", "With -y: the identity file to read."));
    Specs.footer(
        spec,
        "Examples:",
        "  valise keygen -o me.key                      # prints: Public key: age1...",
        "  valise keygen --pq -o me-pq.key",
        "  valise keygen -y me.key > me.pub             # the recipient to share",
        "  valise encrypt -R me.pub -o notes.age notes.txt");
    return spec;
  }

  @Override
  public int run(ParseResult parsed) throws IOException {
    @Nullable String input = Specs.positional(parsed);
    @Nullable String output = Specs.value(parsed, "-o");
    if (Specs.isSet(parsed, "-y")) {
      if (Specs.isSet(parsed, "--pq")) {
        throw new UsageException("--pq generates a key; it cannot be combined with -y");
      }
      return convert(input, output);
    }
    if (input != null) {
      throw new UsageException("unexpected argument " + input + " (INPUT is only read with -y)");
    }
    return generate(Specs.isSet(parsed, "--pq"), output);
  }

  private int generate(boolean pq, @Nullable String output) throws IOException {
    String created =
        DateTimeFormatter.ISO_INSTANT.format(env.clock().instant().truncatedTo(ChronoUnit.SECONDS));
    String recipient;
    byte[] text;
    if (pq) {
      try (MlKem768X25519Identity id = MlKem768X25519Identity.generate(env.random())) {
        recipient = id.recipient().encode();
        text = keyFile(created, recipient, id.encode());
      }
    } else {
      try (X25519Identity id = X25519Identity.generate(env.random())) {
        recipient = id.recipient().encode();
        text = keyFile(created, recipient, id.encode());
      }
    }
    try (Output out = Output.open(output, env, Output.Existing.REFUSE)) {
      out.stream().write(text);
      out.commit();
      if (!out.isStdout() || !env.terminal().isTerminal(Terminal.Stream.STDOUT)) {
        env.stderr().println("Public key: " + recipient); // as age-keygen: the key is not shown
      }
    } finally {
      Arrays.fill(text, (byte) 0);
    }
    return 0;
  }

  static byte[] keyFile(String created, String recipient, String secret) {
    String file = "# created: " + created + "\n# public key: " + recipient + "\n" + secret + "\n";
    return file.getBytes(StandardCharsets.US_ASCII);
  }

  private int convert(@Nullable String input, @Nullable String output) throws IOException {
    PassphraseSource passphrase = new PassphraseSource(env.terminal(), null);
    List<Identity> identities =
        input == null || input.equals("-")
            ? KeyFiles.identityStream(env.stdin(), "standard input", passphrase)
            : KeyFiles.identityFile(input, passphrase);
    List<String> recipients = new ArrayList<>();
    for (Identity id : identities) {
      recipients.add(recipientOf(id));
    }
    try (Output out = Output.open(output, env, Output.Existing.REPLACE)) {
      OutputStream s = out.stream();
      s.write((String.join("\n", recipients) + "\n").getBytes(StandardCharsets.US_ASCII));
      out.commit();
    }
    return 0;
  }

  static String recipientOf(Identity id) throws CliException {
    return switch (id) {
      case X25519Identity x -> x.recipient().encode();
      case MlKem768X25519Identity m -> m.recipient().encode();
      default ->
          throw new CliException(
              "identity type " + id.getClass().getSimpleName() + " has no recipient string");
    };
  }
}
