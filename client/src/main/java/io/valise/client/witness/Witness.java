package io.valise.client.witness;

import io.valise.tlog.merkle.Hash;
import io.valise.tlog.merkle.InvalidProofException;
import io.valise.tlog.merkle.MerkleProofs;
import io.valise.tlog.note.Checkpoint;
import io.valise.tlog.note.Cosigner;
import io.valise.tlog.note.NoteException;
import io.valise.tlog.note.NoteSignature;
import io.valise.tlog.note.NoteVerifier;
import io.valise.tlog.note.SignedNote;
import io.valise.tlog.note.Verifiers;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * One witness of one log. Each {@link #round} fetches the log's latest checkpoint, opens it with
 * the log's key, and compares it with the last checkpoint this witness cosigned:
 *
 * <ul>
 *   <li>none yet: the checkpoint is trusted on first use;
 *   <li>bigger: the log must prove it extends the cosigned tree (RFC 6962 consistency proof);
 *   <li>equal: the root must be the same;
 *   <li>smaller: a rollback.
 * </ul>
 *
 * <p>Only then does it cosign ({@code cosignature/v1}, at the injected clock's time), save the new
 * state, and send the cosignature to the log. The state is saved before the cosignature leaves the
 * process: a witness must never forget a tree it vouched for, or a crash between sending and saving
 * would let it cosign a fork of that tree afterwards. If sending fails, the next round finds the
 * same tree without this witness's cosignature and sends one again.
 *
 * <p>A contradiction raises an {@link Alarm}, stored in the state: from then on nothing is cosigned
 * (even after a restart) until an operator clears it. A failure that is no evidence against the log
 * (unreachable, a note with a bad signature, which anyone on the path could forge, a malformed
 * answer) only fails the round.
 */
public final class Witness {
  private final NoteVerifier logKey;
  private final Cosigner cosigner;
  private final LogEndpoint log;
  private final StateDir state;
  private final Clock clock;

  /**
   * @param logKey the log's verifier key; its name is the log's origin
   * @param cosigner this witness's key
   * @param log where to ask
   * @param state where this witness remembers what it cosigned
   * @param clock the time of cosignatures and alarms
   */
  public Witness(
      NoteVerifier logKey, Cosigner cosigner, LogEndpoint log, StateDir state, Clock clock) {
    this.logKey = logKey;
    this.cosigner = cosigner;
    this.log = log;
    this.state = state;
    this.clock = clock;
  }

  /** One round; never throws: every outcome is a {@link Round}. */
  public Round round() {
    Optional<WitnessState> stored;
    try {
      stored = state.load();
    } catch (IOException e) {
      return new Round.Failed("cannot read the witness state: " + e.getMessage());
    }
    if (stored.isPresent()) {
      WitnessState s = stored.get();
      if (!s.origin().equals(logKey.name())) {
        return new Round.Failed(
            state.dir()
                + " holds the state of the log "
                + s.origin()
                + ", not "
                + logKey.name()
                + ": give each log its own --state directory");
      }
      Alarm alarm = s.alarm();
      if (alarm != null) {
        return new Round.Refused(alarm, true);
      }
    }
    byte[] served;
    try {
      served = log.checkpoint();
    } catch (IOException e) {
      return new Round.Failed("cannot get the checkpoint: " + e.getMessage());
    }
    SignedNote note;
    Checkpoint checkpoint;
    try {
      note = SignedNote.open(served, Verifiers.of(logKey));
      checkpoint = Checkpoint.parse(note.text());
    } catch (NoteException e) {
      return new Round.Failed(
          "refusing the checkpoint served by " + log.describe() + ": " + e.getMessage());
    }
    if (!checkpoint.origin().equals(logKey.name())) {
      return new Round.Failed(
          "refusing the checkpoint served by "
              + log.describe()
              + ": its origin is not "
              + logKey.name());
    }
    if (stored.isEmpty()) {
      return cosign(note, checkpoint, -1);
    }
    WitnessState s = stored.get();
    if (checkpoint.size() < s.size()) {
      return alarm(
          s,
          Alarm.Kind.ROLLBACK,
          checkpoint,
          note,
          "the log now serves size "
              + checkpoint.size()
              + " after this witness cosigned size "
              + s.size()
              + "; a log only grows");
    }
    if (checkpoint.size() == s.size()) {
      if (!checkpoint.rootHash().equals(s.rootHash())) {
        return alarm(
            s,
            Alarm.Kind.FORK,
            checkpoint,
            note,
            "the log signed two different root hashes for size " + s.size());
      }
      return alreadyCosigned(note)
          ? new Round.UpToDate(checkpoint)
          : cosign(note, checkpoint, s.size());
    }
    List<Hash> proof;
    try {
      proof = log.consistencyProof(s.size(), checkpoint.size());
    } catch (IOException e) {
      return new Round.Failed(
          "cannot get the consistency proof from size "
              + s.size()
              + " to "
              + checkpoint.size()
              + ": "
              + e.getMessage());
    }
    try {
      MerkleProofs.verifyConsistency(
          s.size(),
          checkpoint.size(),
          Hash.of(s.rootHash().bytes()),
          Hash.of(checkpoint.rootHash().bytes()),
          proof);
    } catch (InvalidProofException e) {
      return alarm(
          s,
          Alarm.Kind.INCONSISTENT,
          checkpoint,
          note,
          "the log's consistency proof does not verify: " + e.getMessage());
    }
    return cosign(note, checkpoint, s.size());
  }

  /** Clears a raised alarm, keeping the last cosigned checkpoint; false if there was none. */
  public static boolean clearAlarm(StateDir state) throws IOException {
    Optional<WitnessState> stored = state.load();
    if (stored.isEmpty() || stored.get().alarm() == null) {
      return false;
    }
    state.save(stored.get().cleared());
    return true;
  }

  /** True if the served note already carries a valid cosignature by this witness. */
  private boolean alreadyCosigned(SignedNote note) {
    try {
      return cosigner.verifier().find(note).isPresent();
    } catch (NoteException e) {
      return false; // a bad line with this witness's name: send a good one
    }
  }

  private Round cosign(SignedNote note, Checkpoint checkpoint, long previousSize) {
    NoteSignature cosignature = cosigner.cosign(checkpoint, clock);
    WitnessState next =
        new WitnessState(
            checkpoint.origin(), checkpoint.size(), checkpoint.rootHash(), clock.instant(), null);
    try {
      state.save(next);
    } catch (IOException e) {
      return new Round.Failed(
          "cannot save the witness state, so the cosignature is not sent: " + e.getMessage());
    }
    StringBuilder body = new StringBuilder(note.text()).append('\n');
    for (NoteSignature signature : note.verified()) {
      body.append(signature.line());
    }
    body.append(cosignature.line());
    try {
      log.submitCosignature(body.toString());
    } catch (IOException e) {
      return new Round.Failed(
          "cosigned size "
              + checkpoint.size()
              + " but could not deliver the cosignature (sent again next round): "
              + e.getMessage());
    }
    return new Round.Cosigned(checkpoint, previousSize);
  }

  private Round alarm(
      WitnessState s, Alarm.Kind kind, Checkpoint served, SignedNote note, String reason) {
    StringBuilder signed = new StringBuilder(note.text()).append('\n');
    for (NoteSignature signature : note.verified()) {
      signed.append(signature.line());
    }
    Alarm alarm =
        new Alarm(
            kind,
            s.size(),
            s.rootHash(),
            served.size(),
            served.rootHash(),
            reason,
            signed.toString(),
            clock.instant());
    try {
      state.save(s.withAlarm(alarm));
    } catch (IOException e) {
      alarm =
          new Alarm(
              kind,
              s.size(),
              s.rootHash(),
              served.size(),
              served.rootHash(),
              reason + " (and the alarm could not be saved: " + e.getMessage() + ")",
              signed.toString(),
              alarm.detected());
    }
    return new Round.Refused(alarm, false);
  }
}
