package io.valise.core.tx;

/**
 * A metadata store failed (unreachable, out of space, a broken invariant). Repositories throw it or
 * one of its subclasses; callers map it to a server error, never to a client error, unless it is
 * one of the subclasses that describe a conflict with the request.
 */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With a message that says what was being done. */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** With a message and no cause. */
  public StoreException(String message) {
    super(message);
  }
}
