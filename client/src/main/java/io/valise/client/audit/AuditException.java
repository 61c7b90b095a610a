package io.valise.client.audit;

import java.io.IOException;

/**
 * The server's audit log did not verify: a checkpoint not signed by the pinned key, a log that does
 * not extend the one seen before, a bad proof, an entry that is not the expected one, a key missing
 * from the log. The message says what failed and what it means, for the user to read as is.
 */
public class AuditException extends IOException {
  private static final long serialVersionUID = 1L;

  public AuditException(String message) {
    super(message);
  }

  public AuditException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The message, never null. */
  @Override
  public String getMessage() {
    return String.valueOf(super.getMessage());
  }
}
