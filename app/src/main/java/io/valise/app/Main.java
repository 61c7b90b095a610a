package io.valise.app;

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
    System.exit(
        io.valise.cli.Main.commandLine(List.of(ServeCommand.spec(), AdminCommand.spec()))
            .execute(args));
  }
}
