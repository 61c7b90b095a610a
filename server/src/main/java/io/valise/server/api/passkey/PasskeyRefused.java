package io.valise.server.api.passkey;

/**
 * A WebAuthn ceremony that failed a check. {@link #reason()} is a short stable word for the audit
 * log ({@code origin}, {@code signature}, {@code counter}...); the message says what is wrong in
 * words safe to show the caller (it never echoes more than a short, printable part of the input).
 */
public final class PasskeyRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String reason;

  public PasskeyRefused(String reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  /** What failed, for the audit log. */
  public String reason() {
    return reason;
  }
}
