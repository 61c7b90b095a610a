package io.valise.age;

/** No identity could unwrap the file key. */
public final class NoIdentityMatchException extends AgeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the bad value. */
  public NoIdentityMatchException(String message) {
    super(message);
  }

  /** Creates the exception with a message and its cause. */
  public NoIdentityMatchException(String message, Throwable cause) {
    super(message, cause);
  }
}
