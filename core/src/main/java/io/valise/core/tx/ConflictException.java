package io.valise.core.tx;

/** A write would break a uniqueness rule: an id or a name that is already taken. */
public final class ConflictException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** With a message that names the value already taken. */
  public ConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
