package io.valise.cli;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The {@code valise} command: {@code keygen}, {@code encrypt} and {@code decrypt}, with the age
 * tool's flags. This is the composition root: it creates the one {@link java.security.SecureRandom}
 * and {@link java.time.Clock} of the process and hands them to the commands.
 *
 * <p>Exit codes: 0 on success, 1 when the operation fails (bad key, corrupt file, unreadable
 * file...), 2 for a command line that cannot work, 3 when the server's audit log does not verify.
 * Failures print one line, {@code valise: error: ...}, and a stack trace only when {@code
 * VALISE_DEBUG=1}.
 */
public final class Main {
  static final String NAME = "valise";

  private Main() {}

  /** Runs the command and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(CliEnv.system(), args));
  }

  /** Runs the command in {@code env} and returns its exit code; never throws. */
  public static int run(CliEnv env, String... args) {
    return commandLine(env).execute(args);
  }

  /**
   * The {@code valise} command line of this process with {@code extra} subcommands added (the
   * server's {@code serve} and {@code admin}, from a module the CLI does not depend on). Each extra
   * leaf's user object is a {@link Callable} returning the exit code; its failures go through the
   * same error mapping as the built-in commands.
   */
  public static CommandLine commandLine(List<CommandSpec> extra) {
    return commandLine(CliEnv.system(), extra);
  }

  /** As {@link #commandLine(List)}, wired to {@code env} (tests). */
  public static CommandLine commandLine(CliEnv env, List<CommandSpec> extra) {
    CommandLine cl = commandLine(env);
    for (CommandSpec spec : extra) {
      cl.addSubcommand(spec.name(), new CommandLine(spec));
    }
    // Set again: picocli hands the streams only to the subcommands present when they are set.
    cl.setOut(writer(env.stdout())).setErr(writer(env.stderr()));
    return cl;
  }

  /** The command line wired to {@code env}; tests call {@code execute} on it. */
  static CommandLine commandLine(CliEnv env) {
    CommandSpec root = HelpOptions.addTo(CommandSpec.create().name(NAME));
    root.version(Version.line());
    root.usageMessage()
        .description(
            "Encrypt and decrypt files in the age format, for health data that must stay"
                + " sealed end to end, and exchange them through a Valise server that cannot"
                + " read them.",
            "",
            "  valise login https://valise.example.org --user alice",
            "  valise key publish",
            "  valise send results.csv --to bob",
            "  valise inbox && valise get ID",
            "",
            "Run 'valise COMMAND --help' to learn a command.")
        .commandListHeading("%nCommands:%n");
    CommandLine cl = new CommandLine(root);
    for (Command c :
        new Command[] {
          new KeygenCommand(env),
          new EncryptCommand(env),
          new DecryptCommand(env),
          new LoginCommand(env),
          new LogoutCommand(env),
          new SendCommand(env),
          new BoxCommand(env, true),
          new BoxCommand(env, false),
          new GetCommand(env),
          new ShareCommand(env),
          new RevokeCommand(env),
          new VerifyWebCommand(env),
          new WitnessCommand(env)
        }) {
      CommandSpec spec = c.spec();
      cl.addSubcommand(spec.name(), new CommandLine(spec));
    }
    cl.addSubcommand("key", new CommandLine(keyGroup(env)));
    cl.addSubcommand("audit", new CommandLine(auditGroup(env)));
    cl.addSubcommand("lab", new CommandLine(labGroup(env)));
    cl.addSubcommand("incident", new CommandLine(incidentGroup(env)));
    cl.setOut(writer(env.stdout())).setErr(writer(env.stderr()));
    cl.setParameterExceptionHandler((ex, args) -> usageError(ex, env));
    cl.setExecutionStrategy(parsed -> execute(parsed, cl, env));
    return cl;
  }

  /** {@code valise key publish|trust|list|ssh}. */
  private static CommandSpec keyGroup(CliEnv env) {
    CommandSpec key = HelpOptions.addTo(CommandSpec.create().name("key"));
    key.version(Version.line());
    key.usageMessage()
        .description(
            "Publish your key and manage the keys you trust for others (pinned on first use in"
                + " $VALISE_HOME/pins.json); 'key ssh' registers SSH keys for SFTP login.")
        .commandListHeading("%nCommands:%n");
    for (Command c :
        new Command[] {
          new KeyPublishCommand(env), new KeyTrustCommand(env), new KeyListCommand(env)
        }) {
      key.addSubcommand(c.spec().name(), new CommandLine(c.spec()));
    }
    key.addSubcommand("ssh", new CommandLine(sshKeyGroup(env)));
    return key;
  }

  /** {@code valise key ssh add|list|remove}. */
  private static CommandSpec sshKeyGroup(CliEnv env) {
    CommandSpec ssh = HelpOptions.addTo(CommandSpec.create().name("ssh"));
    ssh.version(Version.line());
    ssh.usageMessage()
        .description(
            "Register the SSH public keys that log in to the server's SFTP gateway as you.")
        .commandListHeading("%nCommands:%n");
    for (Command c :
        new Command[] {
          new KeySshAddCommand(env), new KeySshListCommand(env), new KeySshRemoveCommand(env)
        }) {
      ssh.addSubcommand(c.spec().name(), new CommandLine(c.spec()));
    }
    return ssh;
  }

  /** {@code valise audit verify|show|export}. */
  private static CommandSpec auditGroup(CliEnv env) {
    CommandSpec audit = HelpOptions.addTo(CommandSpec.create().name("audit"));
    audit.version(Version.line());
    audit
        .usageMessage()
        .description(
            "Check the server's audit log (a Merkle tree with signed checkpoints) and read it."
                + " Every command first checks that the log only grew since you last looked.")
        .commandListHeading("%nCommands:%n");
    for (Command c :
        new Command[] {
          new AuditVerifyCommand(env), new AuditShowCommand(env), new AuditExportCommand(env)
        }) {
      audit.addSubcommand(c.spec().name(), new CommandLine(c.spec()));
    }
    return audit;
  }

  /** {@code valise lab send}, {@code synth} and {@code hash-key}. */
  private static CommandSpec labGroup(CliEnv env) {
    CommandSpec lab = HelpOptions.addTo(CommandSpec.create().name("lab"));
    lab.version(Version.line());
    lab.usageMessage()
        .description(
            "Tools for medical-lab result files (see docs/lab.md): send them to their recipients"
                + " with a manifest, make the manifests' hash key, make synthetic test data.")
        .commandListHeading("%nCommands:%n");
    for (Command c :
        List.<Command>of(
            new LabSendCommand(env), new LabSynthCommand(env), new LabHashKeyCommand(env))) {
      lab.addSubcommand(c.spec().name(), new CommandLine(c.spec()));
    }
    return lab;
  }

  /** {@code valise incident assess|notify} (docs/lab.md, "Incident assessment"). */
  private static CommandSpec incidentGroup(CliEnv env) {
    CommandSpec incident = HelpOptions.addTo(CommandSpec.create().name("incident"));
    incident.version(Version.line());
    incident
        .usageMessage()
        .description(
            "Assess an incident from the audit log and list the people to notify (see"
                + " docs/lab.md, \"Incident assessment\").")
        .commandListHeading("%nCommands:%n");
    for (Command c :
        new Command[] {new IncidentAssessCommand(env), new IncidentNotifyCommand(env)}) {
      incident.addSubcommand(c.spec().name(), new CommandLine(c.spec()));
    }
    return incident;
  }

  private static PrintWriter writer(OutputStream out) {
    return new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
  }

  private static int execute(ParseResult parsed, CommandLine root, CliEnv env) {
    Integer help = CommandLine.executeHelpRequest(parsed);
    if (help != null) {
      return help;
    }
    ParseResult leaf = parsed;
    while (leaf.subcommand() != null) {
      leaf = leaf.subcommand();
    }
    Object user = leaf.commandSpec().userObject();
    if (!(user instanceof Command) && !(user instanceof Callable<?>)) {
      throw new ParameterException(root, "missing command; see --help for the list");
    }
    try {
      if (user instanceof Command command) {
        return command.run(leaf);
      }
      return (Integer) ((Callable<?>) user).call();
    } catch (Exception | OutOfMemoryError e) {
      return report(e, leaf.commandSpec().qualifiedName(), env);
    }
  }

  private static int report(Throwable t, String command, CliEnv env) {
    ErrorMapper.Failure f = ErrorMapper.map(t);
    env.stderr().println(NAME + ": error: " + f.message());
    if (f.exitCode() == ErrorMapper.USAGE) {
      env.stderr().println(NAME + ": see '" + command + " --help' for usage");
    }
    if (env.debug()) {
      t.printStackTrace(env.stderr());
    }
    env.stderr().flush();
    return f.exitCode();
  }

  private static int usageError(ParameterException ex, CliEnv env) {
    String command = ex.getCommandLine().getCommandSpec().qualifiedName();
    env.stderr().println(NAME + ": error: " + ex.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, writer(env.stderr()));
    env.stderr().println(NAME + ": see '" + command + " --help' for usage");
    if (env.debug()) {
      ex.printStackTrace(env.stderr());
    }
    env.stderr().flush();
    return ErrorMapper.USAGE;
  }
}
