package io.valise.lab.incident;

import java.io.IOException;

/** Input the assessment cannot use (a malformed entry, a bad file); the message says where. */
public final class IncidentException extends IOException {
  private static final long serialVersionUID = 1L;

  /** With a message that names the place and the problem, never personal data. */
  public IncidentException(String message) {
    super(message);
  }
}
