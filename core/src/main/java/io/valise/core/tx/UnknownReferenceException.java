package io.valise.core.tx;

/**
 * A write refers to something that does not exist: a recipient account, a group or an envelope that
 * is not (or no longer) stored. Nothing was written.
 */
public final class UnknownReferenceException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** With a message that names the missing reference. */
  public UnknownReferenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
