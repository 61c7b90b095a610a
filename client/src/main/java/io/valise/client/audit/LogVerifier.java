package io.valise.client.audit;

import io.valise.client.api.LoggedEntry;
import io.valise.tlog.merkle.InvalidProofException;
import io.valise.tlog.merkle.MerkleProofs;
import io.valise.tlog.note.Checkpoint;
import io.valise.tlog.note.CosignatureVerifier;
import io.valise.tlog.note.NoteException;
import io.valise.tlog.note.NoteVerifier;
import io.valise.tlog.note.SignedNote;
import io.valise.tlog.note.Verifiers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Verifies the checkpoints of one server's log against the pinned log key and the last checkpoint
 * this client stored, and keeps the store moving forwards only.
 *
 * <p>A checkpoint is accepted when it is signed by the log key with the key's name as origin, and,
 * if a checkpoint is stored: of the same size with the same root, or larger with a consistency
 * proof from the stored one that verifies. When witnesses are required, it must also carry a valid
 * cosignature of each. The latest checkpoint may never be smaller than the stored one (a rollback);
 * an older checkpoint (a receipt's) must be consistent with the stored one and does not replace it.
 *
 * <p>Not thread-safe; one command uses one.
 */
public final class LogVerifier {
  /** What it means when the check fails, in every such message. */
  static final String FORK =
      "the server's log is not an extension of the one you saw: it rewrote or forked history";

  private final String server;
  private final NoteVerifier key;
  private final CheckpointStore store;
  private final LogSource source;
  private final List<CosignatureVerifier> witnesses;
  private @Nullable VerifiedCheckpoint latest;

  /**
   * @param witnesses witnesses whose cosignatures every latest checkpoint must carry (empty: none)
   */
  public LogVerifier(
      String server,
      NoteVerifier key,
      CheckpointStore store,
      LogSource source,
      List<CosignatureVerifier> witnesses) {
    this.server = server;
    this.key = key;
    this.store = store;
    this.source = source;
    this.witnesses = List.copyOf(witnesses);
  }

  public LogSource source() {
    return source;
  }

  /** The latest checkpoint of this run, fetched and verified on first use. */
  public VerifiedCheckpoint current() throws IOException {
    VerifiedCheckpoint c = latest;
    return c != null ? c : refresh();
  }

  /**
   * Fetches the latest checkpoint (with required witnesses: the latest the first witness cosigned),
   * verifies it and stores it.
   *
   * @throws AuditException if it is badly signed, smaller than the stored one, or not consistent
   */
  public VerifiedCheckpoint refresh() throws IOException {
    String witness = witnesses.isEmpty() ? null : witnesses.get(0).name();
    byte[] note = source.checkpoint(witness);
    VerifiedCheckpoint c = open(note, "the server's latest checkpoint");
    checkWitnesses(note, c);
    Optional<VerifiedCheckpoint> stored = stored();
    if (stored.isPresent() && c.size() < stored.get().size()) {
      throw new AuditException(
          "the server's latest checkpoint ("
              + c.describe()
              + ") is smaller than the one you saw before ("
              + stored.get().describe()
              + "): the server rolled its log back; "
              + FORK);
    }
    consistent(stored, c, true);
    latest = c;
    return c;
  }

  /**
   * Verifies a checkpoint from elsewhere (a receipt's): signed, and consistent with the stored one
   * in whichever direction; stored only if larger.
   */
  public VerifiedCheckpoint accept(String note) throws IOException {
    VerifiedCheckpoint c =
        open(note.getBytes(StandardCharsets.UTF_8), "the checkpoint in the server's answer");
    Optional<VerifiedCheckpoint> stored = stored();
    if (stored.isPresent() && c.size() < stored.get().size()) {
      List<io.valise.tlog.merkle.Hash> proof =
          source.consistencyProof(c.size(), stored.get().size());
      try {
        MerkleProofs.verifyConsistency(
            c.size(), stored.get().size(), c.root(), stored.get().root(), proof);
      } catch (InvalidProofException e) {
        throw fork(c, stored.get(), e);
      }
      return c;
    }
    // With witnesses required, only a witnessed checkpoint is stored: a later witnessed one may
    // lag behind a receipt's and must not look like a rollback.
    consistent(stored, c, witnesses.isEmpty());
    return c;
  }

  /**
   * Proves that {@code entry} is in the log under {@code checkpoint} (asking the server for the
   * audit path).
   *
   * @throws AuditException if its index is not below the checkpoint's size or the proof fails
   */
  public void verifyInclusion(LoggedEntry entry, VerifiedCheckpoint checkpoint, String what)
      throws IOException {
    if (entry.index() >= checkpoint.size()) {
      throw new AuditException(
          what
              + ": index "
              + entry.index()
              + " is not below the log's verified size "
              + checkpoint.size());
    }
    List<io.valise.tlog.merkle.Hash> proof =
        source.inclusionProof(entry.index(), checkpoint.size());
    try {
      MerkleProofs.verifyInclusion(
          entry.index(), checkpoint.size(), entry.entry().leafHash(), proof, checkpoint.root());
    } catch (InvalidProofException e) {
      throw new AuditException(
          what
              + ": the server's proof that entry "
              + entry.index()
              + " is in the log ("
              + checkpoint.describe()
              + ") does not verify: "
              + e.getMessage(),
          e);
    }
  }

  private Optional<VerifiedCheckpoint> stored() throws IOException {
    Optional<String> note = store.load(server);
    if (note.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new VerifiedCheckpoint(
              Checkpoint.open(note.get().getBytes(StandardCharsets.UTF_8), key.name(), key),
              note.get()));
    } catch (NoteException e) {
      throw new AuditException(
          CheckpointStore.NAME
              + ": the stored checkpoint of "
              + server
              + " does not verify with the pinned log key ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  /**
   * Checks {@code c} extends {@code stored} (c at least as large) and, if {@code save}, stores it
   * when larger.
   */
  private void consistent(Optional<VerifiedCheckpoint> stored, VerifiedCheckpoint c, boolean save)
      throws IOException {
    if (stored.isEmpty()) {
      if (save) {
        store.save(server, c.note());
      }
      return;
    }
    VerifiedCheckpoint old = stored.get();
    if (c.size() == old.size()) {
      if (!c.root().equals(old.root())) {
        throw fork(old, c, null);
      }
      return;
    }
    List<io.valise.tlog.merkle.Hash> proof = source.consistencyProof(old.size(), c.size());
    try {
      MerkleProofs.verifyConsistency(old.size(), c.size(), old.root(), c.root(), proof);
    } catch (InvalidProofException e) {
      throw fork(old, c, e);
    }
    if (save) {
      store.save(server, c.note());
    }
  }

  private static AuditException fork(
      VerifiedCheckpoint a, VerifiedCheckpoint b, @Nullable InvalidProofException why) {
    String msg =
        FORK
            + " (checkpoints "
            + a.describe()
            + " and "
            + b.describe()
            + (why == null ? ": same size, different roots" : ": " + why.getMessage())
            + ")";
    return why == null ? new AuditException(msg) : new AuditException(msg, why);
  }

  private VerifiedCheckpoint open(byte[] note, String what) throws AuditException {
    try {
      Checkpoint c = Checkpoint.open(note, key.name(), key);
      return new VerifiedCheckpoint(c, new String(note, StandardCharsets.UTF_8));
    } catch (NoteException | IllegalArgumentException e) {
      throw new AuditException(
          what + " is not signed by the pinned log key " + key.label() + ": " + e.getMessage(), e);
    }
  }

  private void checkWitnesses(byte[] note, VerifiedCheckpoint c) throws AuditException {
    if (witnesses.isEmpty()) {
      return;
    }
    SignedNote opened;
    try {
      opened = SignedNote.open(note, Verifiers.of(key));
    } catch (NoteException e) {
      throw new AuditException("the server's checkpoint: " + e.getMessage(), e);
    }
    for (CosignatureVerifier w : witnesses) {
      try {
        if (w.find(opened).isEmpty()) {
          throw new AuditException(
              "the server's checkpoint ("
                  + c.describe()
                  + ") carries no cosignature of the required witness "
                  + w.label()
                  + ": without it nobody vouches that others see the same log");
        }
      } catch (NoteException e) {
        throw new AuditException(
            "the cosignature of witness " + w.label() + " does not verify: " + e.getMessage(), e);
      }
    }
  }

  @Override
  public String toString() {
    return "LogVerifier[" + server + ", " + key.label() + "]";
  }
}
