package io.valise.cli;

import io.valise.client.api.SshKeyInfo;
import io.valise.client.api.ValiseApi;
import java.io.IOException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/** {@code valise key ssh remove ID-OR-FINGERPRINT}: removes one of my SSH keys. */
final class KeySshRemoveCommand implements Command {
  private final CliEnv env;
  private final Remote remote;

  KeySshRemoveCommand(CliEnv env) {
    this.env = env;
    this.remote = new Remote(env);
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec =
        Specs.command(
            this,
            "remove",
            "Remove one of your SSH keys: it no longer opens the SFTP gateway, at once.");
    spec.addPositional(
        PositionalParamSpec.builder()
            .index("0")
            .arity("1")
            .required(true)
            .type(String.class)
            .paramLabel("ID-OR-FINGERPRINT")
            .description(
                "The key's id or its fingerprint (SHA256:...), as 'valise key ssh list' shows.")
            .build());
    Specs.footer(
        spec,
        "Examples:",
        "  valise key ssh remove 5cq3mzv0...",
        "  valise key ssh remove SHA256:+3jXewIYA/EcOKP+3vOIwDzF3E/X0etlfULON8FX41k");
    return spec;
  }

  @Override
  public int run(ParseResult parsed) throws IOException {
    String wanted = parsed.matchedPositionalValue(0, "");
    var s = remote.session();
    ValiseApi api = remote.api(s);
    SshKeyInfo key =
        api.sshKeys().stream()
            .filter(k -> k.id().equals(wanted) || k.fingerprint().equals(wanted))
            .findFirst()
            .orElseThrow(
                () ->
                    new CliException(
                        "you have no SSH key "
                            + wanted
                            + " ('valise key ssh list' shows ids and fingerprints)"));
    api.removeSshKey(key.id());
    env.stderr()
        .println(
            "valise: removed " + key.algorithm() + " key " + key.fingerprint() + " " + key.id());
    return 0;
  }
}
