package io.valise.cli;

import java.io.IOException;

/**
 * The user's terminal, if there is one: whether each standard stream is attached to it, and a way
 * to ask for a secret without echoing it. An interface so that tests can play a terminal.
 */
interface Terminal {
  /** The three standard streams, by POSIX file descriptor. */
  enum Stream {
    STDIN(0),
    STDOUT(1),
    STDERR(2);

    final int fd;

    Stream(int fd) {
      this.fd = fd;
    }
  }

  /** Whether {@code stream} is a terminal (POSIX {@code isatty}). */
  boolean isTerminal(Stream stream);

  /**
   * Shows {@code prompt} on the terminal and reads one line without echo. The caller wipes the
   * returned array.
   *
   * @throws CliException if there is no terminal to ask on
   * @throws IOException if reading from the terminal fails
   */
  char[] readSecret(String prompt) throws IOException;
}
