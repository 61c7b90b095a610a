package io.valise.cli;

import io.valise.client.api.SshKeyInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code valise key ssh add FILE [--comment TEXT]}: registers an SSH public key ({@code .pub} file,
 * or {@code -} for stdin) for SFTP login; prints its id and fingerprint.
 */
final class KeySshAddCommand implements Command {
  /** More than any public key line (the server takes 16 KiB); a bigger file is not a .pub file. */
  private static final int MAX_FILE = 64 * 1024;

  private final CliEnv env;
  private final Remote remote;

  KeySshAddCommand(CliEnv env) {
    this.env = env;
    this.remote = new Remote(env);
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec =
        Specs.command(
            this,
            "add",
            "Register an SSH public key, so that you (or your lab system) can log in to the"
                + " server's SFTP gateway with it. Prints the key's id and fingerprint.",
            "",
            "FILE is a public key file as ssh-keygen writes it (id_ed25519.pub), or - to read"
                + " it from standard input. Only the public key is sent; a private key file is"
                + " refused here, before anything is sent. Accepted: Ed25519, ECDSA, RSA of 2048"
                + " bits or more, and security keys (sk-...). A key belongs to one account, and"
                + " an account has at most 20. Needs a session ('valise login'), not an API"
                + " token.");
    spec.addPositional(
        PositionalParamSpec.builder()
            .index("0")
            .arity("1")
            .required(true)
            .type(String.class)
            .paramLabel("FILE")
            .description("The .pub file; - for standard input.")
            .build());
    spec.addOption(
        Specs.single(
            "TEXT",
            "Name the key (at most 200 characters); default: the comment in the file.",
            "--comment"));
    Specs.footer(
        spec,
        "Examples:",
        "  valise key ssh add ~/.ssh/id_ed25519.pub",
        "  valise key ssh add lis-nord.pub --comment 'LIS site Nord, night batch'",
        "  ssh-keygen -y -f ~/.ssh/id_ed25519 | valise key ssh add -");
    return spec;
  }

  @Override
  public int run(ParseResult parsed) throws IOException {
    String file = parsed.matchedPositionalValue(0, "-");
    String line = publicKeyLine(file, read(file));
    var s = remote.session();
    SshKeyInfo k = remote.api(s).addSshKey(line, Specs.value(parsed, "--comment"));
    PrintStream out = new PrintStream(env.stdout(), true, StandardCharsets.UTF_8);
    out.println(k.id() + "  " + k.fingerprint());
    env.stderr()
        .println(
            "valise: registered "
                + k.algorithm()
                + " key "
                + k.fingerprint()
                + (k.comment().isEmpty() ? "" : " (" + k.comment() + ")")
                + " for "
                + s.account());
    return 0;
  }

  private byte[] read(String file) throws IOException {
    try (Input in = Input.open(file, env)) {
      InputStream s = in.stream();
      byte[] b = s.readNBytes(MAX_FILE + 1);
      if (b.length > MAX_FILE) {
        throw new CliException(name(file) + ": too big for an SSH public key file");
      }
      return b;
    }
  }

  /**
   * The one key line of a public key file: blank lines and {@code #} comments are skipped.
   *
   * @throws CliException for a private key (never sent), an empty file, or several keys
   */
  static String publicKeyLine(@Nullable String file, byte[] content) throws CliException {
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
