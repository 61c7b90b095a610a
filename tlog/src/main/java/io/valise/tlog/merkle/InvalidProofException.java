package io.valise.tlog.merkle;

/**
 * A proof that does not verify, or that is malformed (an index outside the tree, a shrinking log, a
 * path of the wrong length). The message names the index or sizes and, when the path was followed,
 * the expected and computed hashes.
 */
public final class InvalidProofException extends Exception {
  private static final long serialVersionUID = 1L;

  InvalidProofException(String message) {
    super(message);
  }
}
