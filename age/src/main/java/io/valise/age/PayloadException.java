package io.valise.age;

/** The payload is corrupt, truncated, or has data after its final chunk. */
public final class PayloadException extends AgeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the bad value. */
  public PayloadException(String message) {
    super(message);
  }

  /** Creates the exception with a message and its cause. */
  public PayloadException(String message, Throwable cause) {
    super(message, cause);
  }
}
