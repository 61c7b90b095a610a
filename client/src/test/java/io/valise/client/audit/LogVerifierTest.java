package io.valise.client.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.client.state.ClientHome;
import io.valise.tlog.note.Checkpoint;
import io.valise.tlog.note.CosignatureVerifier;
import io.valise.tlog.note.Cosigner;
import io.valise.tlog.note.NoteSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogVerifierTest {
  static final String SERVER = "https://valise.example.org";
  static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path tmp;

  final NoteSigner key = NoteSigner.generate("valise.example.org/log", RANDOM);

  LogVerifier verifier(TestLog log, List<CosignatureVerifier> witnesses) {
    return new LogVerifier(
        SERVER, key.verifier(), new CheckpointStore(new ClientHome(tmp)), log, witnesses);
  }

  LogVerifier verifier(TestLog log) {
    return verifier(log, List.of());
  }

  long storedSize() throws Exception {
    String note = new CheckpointStore(new ClientHome(tmp)).load(SERVER).orElseThrow();
    return Checkpoint.parse(note.substring(0, note.indexOf("\n\n") + 1)).size();
  }

  @Test
  void firstUseStoresTheCheckpointPrivately() throws Exception {
    TestLog log = new TestLog(key).fill(5);
    VerifiedCheckpoint c = verifier(log).refresh();
    assertEquals(5, c.size());
    assertEquals(log.root(5), c.root());
    assertEquals(5, storedSize());
    Path file = tmp.resolve(CheckpointStore.NAME);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void aGrowingLogIsAcceptedWithAConsistencyProof() throws Exception {
    TestLog log = new TestLog(key).fill(5);
    verifier(log).refresh();
    log.fill(17);
    assertEquals(22, verifier(log).refresh().size());
    assertEquals(22, storedSize());
    assertEquals(22, verifier(log).refresh().size()); // same size, same root
  }

  @Test
  void aRollbackIsRefusedNamingBothCheckpoints() throws Exception {
    TestLog log = new TestLog(key).fill(9);
    verifier(log).refresh();
    log.servedNote = log.note(6);
    AuditException e = assertThrows(AuditException.class, () -> verifier(log).refresh());
    assertTrue(e.getMessage().contains("rolled its log back"), e.getMessage());
    assertTrue(e.getMessage().contains("size 6, root " + log.root(6).hex()), e.getMessage());
    assertTrue(e.getMessage().contains("size 9, root " + log.root(9).hex()), e.getMessage());
    assertTrue(e.getMessage().contains("rewrote or forked history"), e.getMessage());
    assertEquals(9, storedSize(), "never goes backwards");
  }

  @Test
  void aForkOfTheSameSizeIsRefused() throws Exception {
    TestLog log = new TestLog(key).fill(8);
    verifier(log).refresh();
    TestLog fork = new TestLog(key).fill(7);
    fork.add("{\"n\":7,\"type\":\"other\",\"v\":1}");
    AuditException e = assertThrows(AuditException.class, () -> verifier(fork).refresh());
    assertTrue(e.getMessage().contains(LogVerifier.FORK), e.getMessage());
    assertTrue(e.getMessage().contains(log.root(8).hex()), e.getMessage());
    assertTrue(e.getMessage().contains(fork.root(8).hex()), e.getMessage());
    assertEquals(log.root(8), verifier(log).refresh().root(), "the stored one stays");
  }

  @Test
  void aForkThatGrewIsRefused() throws Exception {
    TestLog log = new TestLog(key).fill(8);
    verifier(log).refresh();
    TestLog fork = new TestLog(key).fill(3);
    fork.add("{\"rewritten\":\"yes\"}");
    fork.fill(20);
    AuditException e = assertThrows(AuditException.class, () -> verifier(fork).refresh());
    assertTrue(e.getMessage().contains(LogVerifier.FORK), e.getMessage());
    assertTrue(e.getMessage().contains("size 8, root " + log.root(8).hex()), e.getMessage());
    assertTrue(e.getMessage().contains("size 24, root " + fork.root(24).hex()), e.getMessage());
    assertEquals(8, storedSize());
  }

  @Test
  void aBadConsistencyProofIsRefused() throws Exception {
    TestLog log = new TestLog(key).fill(8);
    verifier(log).refresh();
    log.fill(5);
    log.consistencyTamper = TestLog::flip;
    assertThrows(AuditException.class, () -> verifier(log).refresh());
    log.consistencyTamper = p -> p.subList(0, p.size() - 1);
    assertThrows(AuditException.class, () -> verifier(log).refresh());
    assertEquals(8, storedSize());
  }

  @Test
  void aCheckpointSignedByAnotherKeyIsRefused() throws Exception {
    TestLog log = new TestLog(key).fill(3);
    NoteSigner other = NoteSigner.generate(key.name(), RANDOM);
    log.servedNote = log.checkpointOf(3).sign(other);
    AuditException e = assertThrows(AuditException.class, () -> verifier(log).refresh());
    assertTrue(e.getMessage().contains("not signed by the pinned log key"), e.getMessage());
    TestLog otherOrigin = new TestLog(NoteSigner.generate("elsewhere/log", RANDOM)).fill(3);
    assertThrows(AuditException.class, () -> verifier(otherOrigin).refresh());
  }

  @Test
  void anOlderCheckpointMustBeConsistentAndIsNotStored() throws Exception {
    TestLog log = new TestLog(key).fill(4);
    String old = log.note(4);
    log.fill(6);
    verifier(log).refresh();
    assertEquals(4, verifier(log).accept(old).size());
    assertEquals(10, storedSize());
    TestLog fork = new TestLog(key).fill(2);
    fork.add("{}");
    fork.fill(1);
    assertThrows(AuditException.class, () -> verifier(log).accept(fork.note(4)));
  }

  @Test
  void aRequiredWitnessMustHaveCosigned() throws Exception {
    TestLog log = new TestLog(key).fill(4);
    NoteSigner witnessKey = NoteSigner.generate("witness.example", RANDOM);
    Cosigner witness = Cosigner.of(witnessKey);
    List<CosignatureVerifier> required = List.of(witness.verifier());
    AuditException e = assertThrows(AuditException.class, () -> verifier(log, required).refresh());
    assertTrue(e.getMessage().contains("witness.example"), e.getMessage());
    assertEquals("witness.example", log.lastWitness);

    Clock clock = Clock.fixed(Instant.parse("2026-11-25T13:00:00Z"), ZoneOffset.UTC);
    log.servedNote = log.note(4) + witness.cosign(log.checkpointOf(4), clock).line();
    assertEquals(4, verifier(log, required).refresh().size());

    NoteSigner impostor = NoteSigner.generate("witness.example", RANDOM);
    log.servedNote = log.note(4) + fakeCosignature(witnessKey, impostor, log, clock);
    assertThrows(AuditException.class, () -> verifier(log, required).refresh());
  }

  @Test
  void theStoreIsPerServerAndAForgedStoredCheckpointIsRefused() throws Exception {
    TestLog log = new TestLog(key).fill(3);
    verifier(log).refresh();
    CheckpointStore store = new CheckpointStore(new ClientHome(tmp));
    assertTrue(store.load("https://other.example.org").isEmpty());
    NoteSigner forger = NoteSigner.generate(key.name(), RANDOM);
    store.save(SERVER, log.checkpointOf(3).sign(forger));
    AuditException e = assertThrows(AuditException.class, () -> verifier(log).refresh());
    assertTrue(e.getMessage().contains("stored checkpoint"), e.getMessage());
  }

  @Test
  void withWitnessesAReceiptsNewerCheckpointIsNotStored() throws Exception {
    TestLog log = new TestLog(key).fill(4);
    Cosigner witness = Cosigner.of(NoteSigner.generate("witness.example", RANDOM));
    Clock clock = Clock.fixed(Instant.parse("2026-11-25T13:00:00Z"), ZoneOffset.UTC);
    log.servedNote = log.note(4) + witness.cosign(log.checkpointOf(4), clock).line();
    List<CosignatureVerifier> required = List.of(witness.verifier());
    verifier(log, required).refresh();
    log.fill(3);
    assertEquals(7, verifier(log, required).accept(log.note(7)).size());
    assertEquals(4, storedSize(), "not witnessed: not stored");
    assertEquals(4, verifier(log, required).refresh().size(), "the witnessed one is no rollback");
  }

  /** A cosignature line with the witness's name and key id but signed by another key. */
  private static String fakeCosignature(
      NoteSigner real, NoteSigner impostor, TestLog log, Clock clock) {
    String good = Cosigner.of(real).cosign(log.checkpointOf(4), clock).line();
    String bad = Cosigner.of(impostor).cosign(log.checkpointOf(4), clock).line();
    String goodB64 = good.substring(good.lastIndexOf(' ') + 1).strip();
    String badB64 = bad.substring(bad.lastIndexOf(' ') + 1).strip();
    byte[] g = java.util.Base64.getDecoder().decode(goodB64);
    byte[] b = java.util.Base64.getDecoder().decode(badB64);
    System.arraycopy(g, 0, b, 0, 4); // the real witness's key id
    return good.substring(0, good.lastIndexOf(' ') + 1)
        + java.util.Base64.getEncoder().encodeToString(b)
        + "\n";
  }
}
