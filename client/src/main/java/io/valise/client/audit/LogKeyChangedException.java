package io.valise.client.audit;

/**
 * The server now serves another audit log key than the one pinned for it: every checkpoint it signs
 * with the new key would be accepted, so nothing goes on until the user decides.
 */
public final class LogKeyChangedException extends AuditException {
  private static final long serialVersionUID = 1L;

  public LogKeyChangedException(String server, String pinned, String served) {
    super(
        "the audit log key of "
            + server
            + " changed: pinned "
            + pinned
            + ", the server now serves "
            + served
            + "; a server that changes its log key can rewrite its history unseen. If the"
            + " operator confirms a new key (by another channel), run 'valise login "
            + server
            + " --user NAME --log-key "
            + served
            + "'");
  }
}
