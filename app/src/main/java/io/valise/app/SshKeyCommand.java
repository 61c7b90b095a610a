package io.valise.app;

import io.valise.cli.CliEnv;
import io.valise.cli.HelpOptions;
import io.valise.cli.SshPublicKeyFile;
import io.valise.core.sshkey.SshKey;
import io.valise.server.wiring.LocalAdmin;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code valise admin user ssh-key add|list|remove NAME ...}: an operator registers the SSH key of
 * an account (a lab system that never signs in) on the data directory directly, with the same rules
 * and audit entries as the API.
 */
final class SshKeyCommand {
  private SshKeyCommand() {}

  /** What a leaf does with its parsed spec. */
  @FunctionalInterface
  private interface Action {
    void run(CommandSpec spec, PrintStream out) throws Exception;
  }

  /** A leaf: its spec is set once built, then {@link #call} runs the action. */
  private static final class Leaf implements Callable<Integer> {
    private final CliEnv env;
    private final Action action;
    private @Nullable CommandSpec spec;

    Leaf(CliEnv env, Action action) {
      this.env = env;
      this.action = action;
    }

    @Override
    public Integer call() throws Exception {
      CommandSpec s = DataOptions.required(spec, "admin user ssh-key");
      action.run(s, new PrintStream(env.stdout(), true, StandardCharsets.UTF_8));
      return 0;
    }
  }

  /** {@code ssh-key}, wired to a run's streams, clock and random source. */
  static CommandSpec spec(CliEnv env) {
    CommandSpec group = HelpOptions.addTo(CommandSpec.create().name("ssh-key"));
    group
        .usageMessage()
        .description(
            "Register the SSH public keys an account logs in to the SFTP gateway with, on the"
                + " data directory (or the database of --config) directly; safe while the server"
                + " runs. Recorded in the audit log as sshkey.add and sshkey.remove.");
    group.addSubcommand(
        "add",
        leaf(
            env,
            "add",
            "Register a public key (.pub file, or - for standard input) for an account, for"
                + " example a lab system that never signs in. Prints the key's id and"
                + " fingerprint.",
            List.of(
                "valise admin user ssh-key add lab-roche lis.pub --data /var/lib/valise",
                "valise admin user ssh-key add lab-roche - --comment 'LIS Nord' < lis.pub"),
            List.of("FILE", "The .pub file; - for standard input."),
            true,
            (s, out) -> {
              String file = positional(s, 1);
              SshKey k =
                  LocalAdmin.addSshKey(
                      DataOptions.config(s),
                      DataOptions.accountName(s),
                      SshPublicKeyFile.read(file, env),
                      s.findOption("--comment").getValue(),
                      env.clock(),
                      env.random());
              out.println(k.id().text() + "  " + k.fingerprint());
            }));
    group.addSubcommand(
        "list",
        leaf(
            env,
            "list",
            "List an account's SSH keys, oldest first: id, algorithm, fingerprint, added,"
                + " comment.",
            List.of("valise admin user ssh-key list lab-roche --data /var/lib/valise"),
            List.of(),
            false,
            (s, out) -> {
              for (SshKey k :
                  LocalAdmin.sshKeys(
                      DataOptions.config(s), DataOptions.accountName(s), env.clock())) {
                out.println(
                    String.join(
                            "  ",
                            k.id().text(),
                            k.publicKey().algorithm(),
                            k.fingerprint(),
                            k.addedAt().toString(),
                            k.comment())
                        .strip());
              }
            }));
    group.addSubcommand(
        "remove",
        leaf(
            env,
            "remove",
            "Remove one of an account's SSH keys, by id or fingerprint (SHA256:...).",
            List.of(
                "valise admin user ssh-key remove lab-roche SHA256:+3jXewIYA/EcOKP+3vOIwDzF..."),
            List.of("ID-OR-FINGERPRINT", "The key's id or fingerprint."),
            false,
            (s, out) -> {
              SshKey k =
                  LocalAdmin.removeSshKey(
                      DataOptions.config(s),
                      DataOptions.accountName(s),
                      positional(s, 1),
                      env.clock(),
                      env.random());
              out.println("valise: removed " + k.fingerprint() + " " + k.id().text());
            }));
    return group;
  }

  private static CommandLine leaf(
      CliEnv env,
      String name,
      String description,
      List<String> examples,
      List<String> second,
      boolean comment,
      Action action) {
    Leaf leaf = new Leaf(env, action);
    CommandSpec spec = HelpOptions.addTo(CommandSpec.wrapWithoutInspection(leaf).name(name));
    leaf.spec = spec;
    spec.usageMessage()
        .description(description)
        .footerHeading("%nExamples:%n")
        .footer(examples.stream().map(e -> "  " + e).toArray(String[]::new));
    spec.addPositional(
        PositionalParamSpec.builder()
            .index("0")
            .arity("1")
            .required(true)
            .paramLabel("NAME")
            .type(String.class)
            .description("Account name")
            .build());
    if (!second.isEmpty()) {
      spec.addPositional(
          PositionalParamSpec.builder()
              .index("1")
              .arity("1")
              .required(true)
              .paramLabel(second.get(0))
              .type(String.class)
              .description(second.get(1))
              .build());
    }
    if (comment) {
      spec.addOption(
          OptionSpec.builder("--comment")
              .paramLabel("TEXT")
              .type(String.class)
              .description("Name the key; default: the comment in the file.")
              .build());
    }
    DataOptions.add(spec);
    return new CommandLine(spec);
  }

  private static String positional(CommandSpec s, int index) {
    String v = s.positionalParameters().get(index).getValue();
    if (v == null) {
      throw new IllegalArgumentException(
          s.positionalParameters().get(index).paramLabel() + " is required");
    }
    return v;
  }
}
