package io.valise.client.api;

import io.valise.tlog.merkle.Hash;
import java.util.List;

/**
 * The server's claim that an action was logged (docs/api.md, "Receipts"): the entry, its index, a
 * signed checkpoint (note text) and the inclusion proof of the entry under that checkpoint. Nothing
 * in it is trusted until {@code io.valise.client.audit.Receipts} verified it.
 */
public record Receipt(long index, LogEntry entry, String checkpoint, List<Hash> proof) {
  public Receipt {
    proof = List.copyOf(proof);
  }
}
