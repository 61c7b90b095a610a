package io.valise.client.witness;

import io.valise.tlog.note.RootHash;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a witness remembers of one log: the last checkpoint it cosigned (size and root hash), and an
 * alarm, if it ever saw the log contradict that. With an alarm the witness refuses to cosign.
 *
 * @param origin the log's origin (its key's name)
 * @param size the tree size last cosigned
 * @param rootHash the root hash last cosigned
 * @param cosignedAt when it cosigned it
 * @param alarm the inconsistency seen, if any
 */
public record WitnessState(
    String origin, long size, RootHash rootHash, Instant cosignedAt, @Nullable Alarm alarm) {

  /** The same state with {@code alarm} raised; the cosigned checkpoint stays. */
  public WitnessState withAlarm(Alarm raised) {
    return new WitnessState(origin, size, rootHash, cosignedAt, raised);
  }

  /** The same state with the alarm cleared (by an operator, after investigating). */
  public WitnessState cleared() {
    return new WitnessState(origin, size, rootHash, cosignedAt, null);
  }
}
