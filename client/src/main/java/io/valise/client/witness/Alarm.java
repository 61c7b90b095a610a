package io.valise.client.witness;

import io.valise.tlog.note.RootHash;
import java.time.Instant;

/**
 * Evidence that the log is inconsistent with what this witness cosigned: a rollback, two different
 * trees of the same size, or a bigger tree that does not extend the cosigned one. Once raised it
 * stays in the witness's state, and the witness cosigns nothing until an operator clears it.
 *
 * @param kind what went wrong
 * @param cosignedSize the size this witness last cosigned
 * @param cosignedRoot its root hash
 * @param servedSize the size the log served
 * @param servedRoot the root hash the log served, signed with the log's key
 * @param reason one line of detail (the proof's failure, say)
 * @param servedNote the signed checkpoint note as served: the log's signature over the conflicting
 *     tree, for whoever investigates
 * @param detected when the witness saw it
 */
public record Alarm(
    Kind kind,
    long cosignedSize,
    RootHash cosignedRoot,
    long servedSize,
    RootHash servedRoot,
    String reason,
    String servedNote,
    Instant detected) {

  /** What the log did. */
  public enum Kind {
    /** It served a smaller tree than one this witness cosigned. */
    ROLLBACK,
    /** It signed two different trees of the same size. */
    FORK,
    /** It served a bigger tree that does not extend the cosigned one (the proof fails). */
    INCONSISTENT
  }

  /** The alarm, several lines, each naming both sizes and roots. */
  public String describe() {
    String what =
        switch (kind) {
          case ROLLBACK -> "ROLLBACK: the log went back to a smaller tree than one it had";
          case FORK -> "FORK (split view): the log signed two different trees of the same size";
          case INCONSISTENT ->
              "FORK (split view): the log's new tree does not extend the tree it had";
        };
    return what
        + "\n  cosigned by this witness: size "
        + cosignedSize
        + ", root "
        + cosignedRoot.base64()
        + "\n  served by the log now:    size "
        + servedSize
        + ", root "
        + servedRoot.base64()
        + "\n  "
        + reason
        + "\n  detected "
        + detected;
  }
}
