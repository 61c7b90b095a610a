package io.valise.app;

import io.valise.age.secret.Passphrase;
import io.valise.cli.CliEnv;
import io.valise.cli.HelpOptions;
import io.valise.core.account.Account;
import io.valise.core.account.AccountKind;
import io.valise.server.wiring.LocalAdmin;
import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code valise admin user add NAME [--admin] [--system] [--password-stdin] [--data DIR] [--config
 * FILE]}.
 */
final class AdminCommand implements Callable<Integer> {
  private @Nullable CommandSpec spec;

  private final CliEnv env;

  private AdminCommand(CliEnv env) {
    this.env = env;
  }

  /** {@code admin}, wired to a run's streams, environment, clock and random source. */
  static CommandSpec spec(CliEnv env) {
    CommandSpec group = GroupCommand.spec(env);
    CommandSpec add = addSpec(env);
    CommandSpec user = HelpOptions.addTo(CommandSpec.create().name("user"));
    user.usageMessage().description("Manage accounts.");
    user.addSubcommand("add", new CommandLine(add));
    user.addSubcommand("totp", new CommandLine(TotpCommand.spec()));
    user.addSubcommand("ssh-key", new CommandLine(SshKeyCommand.spec(env)));
    CommandSpec admin = HelpOptions.addTo(CommandSpec.create().name("admin"));
    admin
        .usageMessage()
        .description(
            "Administer a server's data directory (or its configured database) directly; groups"
                + " also through the API with --remote.");
    admin.addSubcommand("user", new CommandLine(user));
    admin.addSubcommand("group", new CommandLine(group));
    admin.addSubcommand("retention", new CommandLine(RetentionCommand.spec()));
    return admin;
  }

  private static CommandSpec addSpec(CliEnv env) {
    AdminCommand command = new AdminCommand(env);
    CommandSpec spec =
        CommandSpec.wrapWithoutInspection(command).name("add").mixinStandardHelpOptions(true);
    command.spec = spec;
    spec.usageMessage()
        .description(
            "Create an account with an argon2id password hash. Asks for the password on the"
                + " terminal, or reads one line from standard input with --password-stdin.");
    spec.addPositional(
        PositionalParamSpec.builder()
            .paramLabel("NAME")
            .type(String.class)
            .description("Account name: 1 to 64 characters of a-z 0-9 . _ -")
            .build());
    spec.addOption(
        OptionSpec.builder("--admin")
            .arity("0")
            .type(boolean.class)
            .description("Make it an administrator.")
            .build());
    spec.addOption(
        OptionSpec.builder("--system")
            .arity("0")
            .type(boolean.class)
            .description(
                "A system account (a lab's batch job, an integration) rather than a person;"
                    + " it usually works with API tokens.")
            .build());
    spec.addOption(
        OptionSpec.builder("--password-stdin")
            .arity("0")
            .type(boolean.class)
            .description("Read the password from the first line of standard input.")
            .build());
    DataOptions.add(spec);
    return spec;
  }

  @Override
  public Integer call() throws Exception {
    CommandSpec s = DataOptions.required(spec, "admin user add");
    String name = DataOptions.accountName(s);
    boolean admin = Boolean.TRUE.equals(s.findOption("--admin").getValue());
    boolean stdin = Boolean.TRUE.equals(s.findOption("--password-stdin").getValue());
    AccountKind kind =
        Boolean.TRUE.equals(s.findOption("--system").getValue())
            ? AccountKind.SYSTEM
            : AccountKind.PERSON;
    char[] password = stdin ? readLine(env.stdin()) : prompt();
    try (Passphrase p = Passphrase.of(password)) {
      Account a =
          LocalAdmin.addUser(
              DataOptions.config(s), name, kind, admin, p, env.clock(), env.random());
      PrintStream out = new PrintStream(env.stdout(), true, StandardCharsets.UTF_8);
      out.println(
          "valise: created "
              + (a.kind() == AccountKind.SYSTEM ? "system " : "")
              + (a.admin() ? "administrator " : "account ")
              + a.name());
    } finally {
      Arrays.fill(password, '\0');
    }
    return 0;
  }

  private static char[] readLine(InputStream in) throws java.io.IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line = r.readLine();
    if (line == null || line.isEmpty()) {
      throw new IllegalArgumentException("no password on standard input");
    }
    return line.toCharArray();
  }

  @SuppressWarnings("SystemConsoleNull") // null before JDK 22; isTerminal() is the real check
  private static char[] prompt() {
    Console console = System.console();
    if (console == null || !console.isTerminal()) {
      throw new IllegalArgumentException(
          "no terminal to ask for the password; use --password-stdin");
    }
    char[] first = console.readPassword("Password: ");
    char[] again = console.readPassword("Again: ");
    if (first == null || again == null || !Arrays.equals(first, again)) {
      throw new IllegalArgumentException("the passwords differ");
    }
    Arrays.fill(again, '\0');
    return first;
  }
}
