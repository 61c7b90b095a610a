package io.valise.client.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.tlog.merkle.Hash;
import io.valise.tlog.note.Checkpoint;
import io.valise.tlog.note.CosignatureVerifier;
import io.valise.tlog.note.Cosigner;
import io.valise.tlog.note.NoteSigner;
import io.valise.tlog.note.SignedNote;
import io.valise.tlog.note.Verifiers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The witness against logs held in memory (real trees, real signatures, real proofs): what it
 * cosigns, what it refuses, and what it remembers.
 */
class WitnessTest {
  private static final Instant NOW = Instant.parse("2026-11-25T14:00:00Z");
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path tmp;

  private final NoteSigner logKey = NoteSigner.generate("valise.example.org/audit", RANDOM);
  private final NoteSigner witnessKey = NoteSigner.generate("witness.example.net", RANDOM);
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  @AfterEach
  void wipe() {
    logKey.destroy();
    witnessKey.destroy();
  }

  private StateDir state() {
    return new StateDir(tmp.resolve("state"));
  }

  private Witness witness(LogEndpoint log) {
    return new Witness(logKey.verifier(), Cosigner.of(witnessKey), log, state(), clock);
  }

  private CosignatureVerifier witnessVerifier() {
    return Cosigner.of(witnessKey).verifier();
  }

  private WitnessState saved() throws Exception {
    return state().load().orElseThrow();
  }

  private String stateFile() throws Exception {
    return Files.readString(state().dir().resolve(StateDir.STATE));
  }

  /** The submitted note: signed by the log, and cosigned by the witness at the clock's time. */
  private Checkpoint assertCosigned(String submitted) throws Exception {
    SignedNote note = SignedNote.open(submitted, Verifiers.of(logKey.verifier()));
    OptionalLong time = witnessVerifier().find(note);
    assertEquals(OptionalLong.of(NOW.getEpochSecond()), time, submitted);
    return Checkpoint.parse(note.text());
  }

  @Test
  void firstCheckpointIsTrustedOnFirstUseAndCosigned() throws Exception {
    MemoryLog log = new MemoryLog(logKey).append("entry", 5);

    Round r = witness(log).round();

    Round.Cosigned c = assertInstanceOf(Round.Cosigned.class, r, r.describe());
    assertEquals(-1, c.previousSize());
    assertEquals(5, c.checkpoint().size());
    assertEquals(1, log.submitted.size());
    assertEquals(log.checkpointOf(5), assertCosigned(log.submitted.get(0)));
    assertEquals(List.of(), log.proofsAsked);
    WitnessState s = saved();
    assertEquals("valise.example.org/audit", s.origin());
    assertEquals(5, s.size());
    assertEquals(log.root(5), s.rootHash());
    assertEquals(NOW, s.cosignedAt());
    assertEquals(null, s.alarm());
    assertTrue(r.describe().contains("size 5"), r.describe());
  }

  @Test
  void growthIsCosignedOnlyWithAConsistencyProof() throws Exception {
    MemoryLog log = new MemoryLog(logKey).append("entry", 3);
    assertInstanceOf(Round.Cosigned.class, witness(log).round());
    log.append("entry", 7);

    Round r = witness(log).round();

    Round.Cosigned c = assertInstanceOf(Round.Cosigned.class, r, r.describe());
    assertEquals(3, c.previousSize());
    assertEquals(List.of("3-10"), log.proofsAsked);
    assertEquals(log.checkpointOf(10), assertCosigned(log.submitted.get(1)));
    assertEquals(10, saved().size());
    assertEquals(log.root(10), saved().rootHash());
  }

  @Test
  void unchangedLogAlreadyCosignedIsUpToDate() throws Exception {
    MemoryLog log = new MemoryLog(logKey).append("entry", 4);
    witness(log).round();

    Round r = witness(log).round();

    assertInstanceOf(Round.UpToDate.class, r, r.describe());
    assertEquals(1, log.submitted.size());
  }

  @Test
  void cosignatureThatWasNotDeliveredIsSentAgain() throws Exception {
    MemoryLog log = new MemoryLog(logKey).append("entry", 4);
    log.refuseCosignatures = true;

    Round failed = witness(log).round();

    Round.Failed f = assertInstanceOf(Round.Failed.class, failed, failed.describe());
    assertTrue(f.message().contains("bad_cosignature"), f.message());
    assertTrue(f.message().contains("sent again next round"), f.message());
    // saved before sending: the witness never forgets a tree it vouched for
    assertEquals(4, saved().size());

    log.refuseCosignatures = false;
    Round r = witness(log).round();
    Round.Cosigned c = assertInstanceOf(Round.Cosigned.class, r, r.describe());
    assertEquals(4, c.previousSize());
    assertEquals(log.checkpointOf(4), assertCosigned(log.submitted.get(0)));
    assertInstanceOf(Round.UpToDate.class, witness(log).round());
  }

  @Test
  void forkOfTheSameSizeIsRefused() throws Exception {
    MemoryLog log = new MemoryLog(logKey).append("entry", 6);
    MemoryLog fork = log.copy(4).append("other", 2); // same key, size 6, another root
    witness(log).round();
    WitnessState before = saved();

    Round r = witness(fork).round();

    Round.Refused refused = assertInstanceOf(Round.Refused.class, r, r.describe());
    Alarm a = refused.alarm();
    assertEquals(Alarm.Kind.FORK, a.kind());
    assertEquals(6, a.cosignedSize());
    assertEquals(log.root(6), a.cosignedRoot());
    assertEquals(6, a.servedSize());
    assertEquals(fork.root(6), a.servedRoot());
    assertTrue(r.describe().contains(log.root(6).base64()), r.describe());
    assertTrue(r.describe().contains(fork.root(6).base64()), r.describe());
    assertEquals(List.of(), fork.submitted);
    assertAlarmStoredAndCheckpointKept(before, Alarm.Kind.FORK);
    // the evidence is the log's own signature over the other tree
    Checkpoint evidence =
        Checkpoint.open(
            a.servedNote().getBytes(StandardCharsets.UTF_8), logKey.name(), logKey.verifier());
    assertEquals(fork.checkpointOf(6), evidence);
  }

  @Test
  void biggerForkFailsItsConsistencyProofAndIsRefused() throws Exception {
    MemoryLog log = new MemoryLog(logKey).append("entry", 5);
    MemoryLog fork = log.copy(3).append("other", 6); // diverges at 3, grows to 9
    witness(log).round();
    WitnessState before = saved();

    Round r = witness(fork).round();

    Round.Refused refused = assertInstanceOf(Round.Refused.class, r, r.describe());
    assertEquals(Alarm.Kind.INCONSISTENT, refused.alarm().kind());
    assertEquals(5, refused.alarm().cosignedSize());
    assertEquals(9, refused.alarm().servedSize());
    assertEquals(List.of("5-9"), fork.proofsAsked);
    assertEquals(List.of(), fork.submitted);
    assertAlarmStoredAndCheckpointKept(before, Alarm.Kind.INCONSISTENT);
  }

  @Test
  void rollbackIsRefused() throws Exception {
    MemoryLog log = new MemoryLog(logKey).append("entry", 7);
    witness(log).round();
    WitnessState before = saved();
    log.servedSize = 4; // the log signs an older head again: a truncated history

    Round r = witness(log).round();

    Round.Refused refused = assertInstanceOf(Round.Refused.class, r, r.describe());
    assertEquals(Alarm.Kind.ROLLBACK, refused.alarm().kind());
    assertEquals(7, refused.alarm().cosignedSize());
    assertEquals(4, refused.alarm().servedSize());
    assertTrue(r.describe().contains("size 7") && r.describe().contains("size 4"), r.describe());
    assertEquals(1, log.submitted.size());
    assertAlarmStoredAndCheckpointKept(before, Alarm.Kind.ROLLBACK);
  }

  @Test
  void wrongProofIsRefused() throws Exception {
    MemoryLog log = new MemoryLog(logKey).append("entry", 5);
    witness(log).round();
    log.append("entry", 6);
    log.proofFilter =
        proof -> {
          List<Hash> bad = new ArrayList<>(proof);
          byte[] b = bad.get(0).toBytes();
          b[7] ^= 1;
          bad.set(0, Hash.of(b));
          return bad;
        };

    Round r = witness(log).round();

    Round.Refused refused = assertInstanceOf(Round.Refused.class, r, r.describe());
    assertEquals(Alarm.Kind.INCONSISTENT, refused.alarm().kind());
    assertTrue(refused.alarm().reason().contains("does not verify"), refused.alarm().reason());
    assertEquals(1, log.submitted.size());
    assertEquals(5, saved().size());
  }

  @Test
  void truncatedProofIsRefused() throws Exception {
    MemoryLog log = new MemoryLog(logKey).append("entry", 5);
    witness(log).round();
    log.append("entry", 6);
    log.proofFilter = proof -> proof.subList(0, proof.size() - 1);

    Round r = witness(log).round();

    assertEquals(
        Alarm.Kind.INCONSISTENT,
        assertInstanceOf(Round.Refused.class, r, r.describe()).alarm().kind());
    assertEquals(1, log.submitted.size());
  }

  @Test
  void checkpointSignedByAnotherKeyIsRefusedWithoutAlarm() throws Exception {
    MemoryLog log = new MemoryLog(logKey).append("entry", 5);
    witness(log).round();
    String before = stateFile();
    try (NoteSigner impostor = NoteSigner.generate(logKey.name(), RANDOM)) {
      MemoryLog forged = log.copy(5, impostor).append("other", 3); // same name, other key

      Round r = witness(forged).round();

      Round.Failed f = assertInstanceOf(Round.Failed.class, r, r.describe());
      assertTrue(f.message().contains("no signature from a known key"), f.message());
      assertEquals(List.of(), forged.submitted);
      assertEquals(List.of(), forged.proofsAsked);
    }
    assertEquals(before, stateFile());
  }

  @Test
  void tamperedCheckpointIsRefusedWithoutAlarm() throws Exception {
    MemoryLog log = new MemoryLog(logKey).append("entry", 5);
    witness(log).round();
    String before = stateFile();
    log.append("entry", 1);
    log.noteFilter = note -> note.replaceFirst("\n6\n", "\n7\n");

    Round r = witness(log).round();

    Round.Failed f = assertInstanceOf(Round.Failed.class, r, r.describe());
    assertTrue(f.message().contains("invalid signature"), f.message());
    assertEquals(before, stateFile());
    assertEquals(1, log.submitted.size());
  }

  @Test
  void unreachableLogFailsTheRoundAndChangesNothing() throws Exception {
    MemoryLog log = new MemoryLog(logKey).append("entry", 5);
    witness(log).round();
    String before = stateFile();
    log.append("entry", 2);
    log.offline = true;

    Round r = witness(log).round();

    Round.Failed f = assertInstanceOf(Round.Failed.class, r, r.describe());
    assertTrue(f.message().contains("cannot get the checkpoint"), f.message());
    assertTrue(f.message().contains("is the log running?"), f.message());
    assertEquals(before, stateFile());

    log.offline = false;
    assertInstanceOf(Round.Cosigned.class, witness(log).round());
  }

  @Test
  void alarmSurvivesARestartUntilAnOperatorClearsIt() throws Exception {
    MemoryLog log = new MemoryLog(logKey).append("entry", 6);
    MemoryLog fork = log.copy(4).append("other", 2);
    witness(log).round();
    witness(fork).round();
    int asked = log.checkpointsAsked;

    // a new process on the same state, pointed at the honest log again: still refusing
    Round r = witness(log).round();
    Round.Refused refused = assertInstanceOf(Round.Refused.class, r, r.describe());
    assertTrue(refused.raisedBefore());
    assertEquals(Alarm.Kind.FORK, refused.alarm().kind());
    assertEquals(asked, log.checkpointsAsked);
    assertEquals(1, log.submitted.size());

    assertTrue(Witness.clearAlarm(state()));
    assertFalse(Witness.clearAlarm(state()));
    assertEquals(6, saved().size());
    assertEquals(log.root(6), saved().rootHash());
    // cleared, the fork is still refused; the honest log goes on
    assertInstanceOf(Round.Refused.class, witness(fork).round());
    assertTrue(Witness.clearAlarm(state()));
    log.append("entry", 1);
    assertInstanceOf(Round.Cosigned.class, witness(log).round());
  }

  @Test
  void stateOfAnotherLogIsNotUsed() throws Exception {
    MemoryLog log = new MemoryLog(logKey).append("entry", 2);
    witness(log).round();
    try (NoteSigner otherKey = NoteSigner.generate("other.example.org/audit", RANDOM)) {
      MemoryLog other = new MemoryLog(otherKey).append("entry", 9);
      Witness w = new Witness(otherKey.verifier(), Cosigner.of(witnessKey), other, state(), clock);

      Round r = w.round();

      Round.Failed f = assertInstanceOf(Round.Failed.class, r, r.describe());
      assertTrue(f.message().contains("give each log its own --state"), f.message());
      assertEquals(0, other.checkpointsAsked);
    }
  }

  private void assertAlarmStoredAndCheckpointKept(WitnessState was, Alarm.Kind kind)
      throws Exception {
    WitnessState s = saved();
    assertEquals(was.size(), s.size());
    assertEquals(was.rootHash(), s.rootHash());
    assertEquals(was.cosignedAt(), s.cosignedAt());
    Alarm a = s.alarm();
    assertTrue(a != null && a.kind() == kind, stateFile());
  }
}
