package io.valise.client.audit;

import io.valise.tlog.merkle.Hash;
import io.valise.tlog.note.Checkpoint;

/**
 * A checkpoint signed by the pinned log key and consistent with every checkpoint this client saw
 * before.
 *
 * @param note the signed note as served (with any cosignature lines)
 */
public record VerifiedCheckpoint(Checkpoint checkpoint, String note) {
  public long size() {
    return checkpoint.size();
  }

  public Hash root() {
    return Hash.of(checkpoint.rootHash().bytes());
  }

  /** {@code size N, root <hex>}, for messages. */
  public String describe() {
    return "size " + size() + ", root " + root().hex();
  }
}
