package io.valise.cli;

import io.valise.client.api.SshKeyInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** {@code valise key ssh list}: the SSH keys registered for my account. */
final class KeySshListCommand implements Command {
  private final CliEnv env;
  private final Remote remote;

  KeySshListCommand(CliEnv env) {
    this.env = env;
    this.remote = new Remote(env);
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec =
        Specs.command(
            this,
            "list",
            "List the SSH public keys registered for your account, oldest first: one line per"
                + " key with its id, algorithm, fingerprint (as 'ssh-keygen -l' prints it), when it"
                + " was added, and its comment.");
    Specs.footer(
        spec,
        "Examples:",
        "  valise key ssh list",
        "  ssh-keygen -lf ~/.ssh/id_ed25519.pub     # compare the fingerprint");
    return spec;
  }

  @Override
  public int run(ParseResult parsed) throws IOException {
    var s = remote.session();
    List<SshKeyInfo> keys = remote.api(s).sshKeys();
    if (keys.isEmpty()) {
      env.stderr().println("valise: no SSH key registered for " + s.account());
      return 0;
    }
    PrintStream out = new PrintStream(env.stdout(), true, StandardCharsets.UTF_8);
    for (SshKeyInfo k : keys) {
      out.println(
          String.join(
                  "  ", k.id(), k.algorithm(), k.fingerprint(), k.addedAt().toString(), k.comment())
              .strip());
    }
    return 0;
  }
}
