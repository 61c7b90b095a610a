package io.valise.age;

/** The header is malformed or breaks a rule of the specification. */
public final class HeaderException extends AgeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the bad value. */
  public HeaderException(String message) {
    super(message);
  }

  /** Creates the exception with a message and its cause. */
  public HeaderException(String message, Throwable cause) {
    super(message, cause);
  }
}
