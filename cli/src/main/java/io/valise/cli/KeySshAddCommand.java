package io.valise.cli;

import io.valise.client.api.SshKeyInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code valise key ssh add FILE [--comment TEXT]}: registers an SSH public key ({@code .pub} file,
 * or {@code -} for stdin) for SFTP login; prints its id and fingerprint.
 */
final class KeySshAddCommand implements Command {
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
    String line = SshPublicKeyFile.read(file, env);
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
}
