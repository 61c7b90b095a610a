package io.valise.tlog.note;

/**
 * A note, key or checkpoint was refused: malformed text, a bad signature, or no signature from a
 * known key. The message says which, and names the key when there is one; it never holds secrets.
 */
public final class NoteException extends Exception {
  private static final long serialVersionUID = 1L;

  public NoteException(String message) {
    super(message);
  }
}
