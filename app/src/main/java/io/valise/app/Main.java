package io.valise.app;

import io.valise.cli.CliEnv;
import java.util.List;

/**
 * The {@code valise} command with every subcommand: the CLI's ({@code keygen}, {@code encrypt},
 * {@code decrypt}) and the server's ({@code serve}, {@code admin}). The CLI module keeps no
 * dependency on the server; this module joins them.
 */
public final class Main {
  private Main() {}

  /** Runs the command and exits with its code. */
  public static void main(String[] args) {
    Logs.configure();
    CliEnv env = CliEnv.system();
    System.exit(
        io.valise.cli.Main.commandLine(env, List.of(ServeCommand.spec(), AdminCommand.spec(env)))
            .execute(args));
  }

  /**
   * Runs the command in {@code env} (its streams, environment variables, clock and random source
   * for the admin group commands) and returns its exit code; never throws. For tests and programs
   * that run the command in-process.
   */
  public static int run(CliEnv env, String... args) {
    return io.valise.cli.Main.commandLine(env, List.of(ServeCommand.spec(), AdminCommand.spec(env)))
        .execute(args);
  }
}
