package io.valise.age;

/** The header MAC does not match: the header was modified or the file key is wrong. */
public final class HeaderMacException extends AgeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the bad value. */
  public HeaderMacException(String message) {
    super(message);
  }

  /** Creates the exception with a message and its cause. */
  public HeaderMacException(String message, Throwable cause) {
    super(message, cause);
  }
}
