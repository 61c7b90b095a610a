package io.valise.cli;

import java.io.IOException;

/**
 * A failure whose message is written for the user as is: {@code valise: error: <message>}, exit
 * code 1. Messages name the problem and the file or value involved, never a secret.
 *
 * <p>An {@link IOException} so that it travels through the same paths as the I/O failures it often
 * explains.
 */
class CliException extends IOException {
  private static final long serialVersionUID = 1L;

  CliException(String message) {
    super(message);
  }

  CliException(String message, Throwable cause) {
    super(message, cause);
  }
}
