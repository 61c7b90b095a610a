package io.valise.age;

/** The ASCII armor is malformed or not canonical. */
public final class ArmorException extends AgeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the bad value. */
  public ArmorException(String message) {
    super(message);
  }

  /** Creates the exception with a message and its cause. */
  public ArmorException(String message, Throwable cause) {
    super(message, cause);
  }
}
