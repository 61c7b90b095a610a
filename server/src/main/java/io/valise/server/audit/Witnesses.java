package io.valise.server.audit;

import io.valise.core.audit.AuditRepository;
import io.valise.core.audit.AuditRepository.StoredCheckpoint;
import io.valise.server.http.ApiException;
import io.valise.tlog.note.Checkpoint;
import io.valise.tlog.note.CosignatureVerifier;
import io.valise.tlog.note.NoteException;
import io.valise.tlog.note.NoteSignature;
import io.valise.tlog.note.NoteVerifier;
import io.valise.tlog.note.SignedNote;
import io.valise.tlog.note.Verifiers;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The witnesses the operator configured ({@code audit.witnesses}) and the cosignatures they send
 * back. A cosignature is kept only if it verifies over a checkpoint this log signed, byte for byte.
 */
public final class Witnesses {
  static final int MAX_NOTE = 16 * 1024;

  private final AuditRepository log;
  private final NoteVerifier logKey;
  private final List<CosignatureVerifier> keys;
  private final Clock clock;

  public Witnesses(
      AuditRepository log, NoteVerifier logKey, List<CosignatureVerifier> keys, Clock clock) {
    this.log = log;
    this.logKey = logKey;
    this.keys = List.copyOf(keys);
    this.clock = clock;
  }

  /** Parses {@code audit.witnesses} keys. */
  public static List<CosignatureVerifier> parse(List<String> texts) throws NoteException {
    List<CosignatureVerifier> out = new java.util.ArrayList<>();
    for (String t : texts) {
      out.add(CosignatureVerifier.parse(t));
    }
    return out;
  }

  /** Checks and stores every configured witness's cosignature found in {@code body}. */
  void accept(byte[] body) {
    SignedNote note;
    Checkpoint checkpoint;
    try {
      note = SignedNote.open(body, Verifiers.of(logKey));
      checkpoint = Checkpoint.parse(note.text());
    } catch (NoteException e) {
      throw new ApiException.BadRequest(
          "bad_checkpoint", "Not a checkpoint signed by this log: " + e.getMessage());
    }
    Optional<StoredCheckpoint> ours = log.checkpoint(checkpoint.size());
    if (ours.isEmpty() || !signedText(ours.get()).equals(note.text())) {
      throw new ApiException.BadRequest(
          "bad_checkpoint",
          "This log signed no checkpoint of size %d with that text".formatted(checkpoint.size()));
    }
    int stored = 0;
    for (CosignatureVerifier witness : keys) {
      for (NoteSignature s : note.unverified()) {
        if (!s.name().equals(witness.name()) || s.keyId() != witness.keyId()) {
          continue;
        }
        try {
          var unused = witness.verify(checkpoint, s);
        } catch (NoteException e) {
          throw new ApiException.BadRequest("bad_cosignature", e.getMessage() + "");
        }
        String line = s.line().stripTrailing();
        log.putCosignature(checkpoint.size(), witness.name(), line, clock.instant());
        stored++;
      }
    }
    if (stored == 0) {
      throw new ApiException.BadRequest(
          "bad_cosignature",
          "No cosignature from a configured witness (configured: %s)"
              .formatted(keys.stream().map(CosignatureVerifier::label).toList()));
    }
  }

  private String signedText(StoredCheckpoint c) {
    try {
      return SignedNote.open(c.note().toByteArray(), Verifiers.of(logKey)).text();
    } catch (NoteException e) {
      throw new IllegalStateException("A stored checkpoint does not verify: " + e.getMessage(), e);
    }
  }
}
