package io.valise.client.witness;

import io.valise.tlog.note.Checkpoint;

/** What one round of the witness did. */
public sealed interface Round {
  /** One line (or, for an alarm, several) for the operator. */
  String describe();

  /**
   * It verified and cosigned {@code checkpoint} and delivered the cosignature.
   *
   * @param previousSize the size cosigned before, or -1 for the first checkpoint (trusted on first
   *     use)
   */
  record Cosigned(Checkpoint checkpoint, long previousSize) implements Round {
    @Override
    public String describe() {
      String from =
          previousSize < 0
              ? "first checkpoint, trusted on first use"
              : previousSize == checkpoint.size()
                  ? "same tree as before, cosignature sent again"
                  : "consistent with size " + previousSize;
      return "cosigned "
          + checkpoint.origin()
          + " size "
          + checkpoint.size()
          + " root "
          + checkpoint.rootHash().base64()
          + " ("
          + from
          + ")";
    }
  }

  /** The log has not grown and already serves this witness's cosignature. */
  record UpToDate(Checkpoint checkpoint) implements Round {
    @Override
    public String describe() {
      return "up to date: "
          + checkpoint.origin()
          + " size "
          + checkpoint.size()
          + " is cosigned already";
    }
  }

  /**
   * The log contradicted what this witness cosigned; nothing was cosigned.
   *
   * @param alarm the evidence
   * @param raisedBefore true when the alarm was already in the state (the log was not asked)
   */
  record Refused(Alarm alarm, boolean raisedBefore) implements Round {
    @Override
    public String describe() {
      return (raisedBefore
              ? "REFUSING TO COSIGN: an alarm raised earlier is still in the state\n"
              : "ALARM: NOT COSIGNING\n")
          + alarm.describe();
    }
  }

  /**
   * The round could not finish (log unreachable, bad signature, a refusal by the server): nothing
   * is evidence against the log, and the next round tries again.
   */
  record Failed(String message) implements Round {
    @Override
    public String describe() {
      return message;
    }
  }
}
