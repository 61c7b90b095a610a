package io.valise.cli;

import java.io.IOException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * A subcommand of {@code valise}: its picocli model, built in code (no annotation scanning, no
 * reflection on fields), and what it does with a parse result.
 */
interface Command {
  /** The command's options, parameters and help text; its user object is this command. */
  CommandSpec spec();

  /**
   * Runs the command.
   *
   * @return the exit code (0 on success)
   * @throws IOException for any failure; {@link ErrorMapper} turns it into a message and an exit
   *     code
   */
  int run(ParseResult parsed) throws IOException;
}
