package io.valise.cli;

/**
 * The command line asks for something impossible (for example {@code -p} with {@code -r}) in a way
 * the parser cannot see. Exit code 2, with a hint to {@code --help}, like a parse error.
 */
final class UsageException extends CliException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
