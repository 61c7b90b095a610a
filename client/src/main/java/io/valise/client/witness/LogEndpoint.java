package io.valise.client.witness;

import io.valise.tlog.merkle.Hash;
import java.io.IOException;
import java.util.List;

/**
 * What a witness asks of the log: the three public routes of {@code docs/api.md} "Audit log". All
 * answers are untrusted; {@link Witness} verifies them. {@link WitnessHttp} calls a real server;
 * tests answer from an in-memory tree.
 */
public interface LogEndpoint {
  /** {@code GET /api/audit/checkpoint}: the latest signed checkpoint note, as served. */
  byte[] checkpoint() throws IOException;

  /** {@code GET /api/audit/proof/consistency?from=M&to=N}: the RFC 6962 consistency proof. */
  List<Hash> consistencyProof(long from, long to) throws IOException;

  /**
   * {@code POST /api/audit/cosignatures}: a checkpoint note with this witness's cosignature line.
   */
  void submitCosignature(String note) throws IOException;

  /** Where the log is, for messages. */
  String describe();
}
