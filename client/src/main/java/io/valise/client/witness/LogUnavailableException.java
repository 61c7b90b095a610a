package io.valise.client.witness;

import java.io.IOException;

/**
 * The log could not be asked or did not answer as the API says: unreachable, an HTTP error, a
 * malformed answer. Never evidence against the log (anyone on the path can cause it): the witness
 * retries next round.
 */
public final class LogUnavailableException extends IOException {
  private static final long serialVersionUID = 1L;

  public LogUnavailableException(String message) {
    super(message);
  }

  public LogUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
