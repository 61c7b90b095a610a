package io.valise.client.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.client.api.LogEntry;
import io.valise.client.api.Receipt;
import io.valise.client.state.ClientHome;
import io.valise.tlog.note.NoteSigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiptsTest {
  static final String UPLOAD =
      "{\"actor\":\"acc1\",\"actorName\":\"alice\",\"envelope\":\"env1\",\"time\":\"2026-11-25T13:04:05.123Z\",\"type\":\"envelope.upload\",\"v\":1}";
  static final Map<String, String> EXPECTED =
      Map.of("type", "envelope.upload", "envelope", "env1", "actorName", "alice");

  @TempDir Path tmp;

  final NoteSigner key = NoteSigner.generate("valise.example.org/log", LogVerifierTest.RANDOM);

  LogVerifier verifier(TestLog log) {
    return new LogVerifier(
        LogVerifierTest.SERVER,
        key.verifier(),
        new CheckpointStore(new ClientHome(tmp)),
        log,
        List.of());
  }

  TestLog logWithUpload() {
    TestLog log = new TestLog(key).fill(10);
    log.add(UPLOAD);
    log.fill(3);
    return log;
  }

  @Test
  void aGoodReceiptVerifiesAndStoresItsCheckpoint() throws Exception {
    TestLog log = logWithUpload();
    Receipts.Verified v = Receipts.verify(log.receipt(10), EXPECTED, verifier(log), "the upload");
    assertEquals(10, v.index());
    assertEquals(14, v.checkpoint().size());
    assertEquals("index 10, tree size 14, root " + log.root(14).hex(), v.describe());
    assertEquals(14, verifier(log).current().size());
  }

  @Test
  void aReceiptForAnotherEntryIsRefused() throws Exception {
    TestLog log = logWithUpload();
    for (var wrong :
        List.of(
            Map.of("type", "envelope.download"),
            Map.of("envelope", "env2"),
            Map.of("actorName", "mallory"))) {
      Map<String, String> expected = new java.util.HashMap<>(EXPECTED);
      expected.putAll(wrong);
      AuditException e =
          assertThrows(
              AuditException.class,
              () -> Receipts.verify(log.receipt(10), expected, verifier(log), "the upload"));
      String field = wrong.keySet().iterator().next();
      assertTrue(e.getMessage().contains("\"" + field + "\""), e.getMessage());
    }
    // An entry that proves, but is another one of the log.
    AuditException e =
        assertThrows(
            AuditException.class,
            () -> Receipts.verify(log.receipt(3), EXPECTED, verifier(log), "the upload"));
    assertTrue(e.getMessage().contains("log entry 3 is not the expected one"), e.getMessage());
  }

  @Test
  void anEntryNotInTheTreeIsRefused() throws Exception {
    TestLog log = logWithUpload();
    Receipt r = log.receipt(10);
    Receipt forged =
        new Receipt(
            10,
            LogEntry.of(UPLOAD.replace("13:04", "13:05").getBytes(StandardCharsets.UTF_8)),
            r.checkpoint(),
            r.proof());
    AuditException e =
        assertThrows(
            AuditException.class, () -> Receipts.verify(forged, EXPECTED, verifier(log), "x"));
    assertTrue(e.getMessage().contains("not proved to be in the log at index 10"), e.getMessage());
    Receipt badProof = new Receipt(10, r.entry(), r.checkpoint(), TestLog.flip(r.proof()));
    assertThrows(
        AuditException.class, () -> Receipts.verify(badProof, EXPECTED, verifier(log), "x"));
    Receipt otherIndex = new Receipt(11, r.entry(), r.checkpoint(), r.proof());
    assertThrows(
        AuditException.class, () -> Receipts.verify(otherIndex, EXPECTED, verifier(log), "x"));
    Receipt beyond = new Receipt(14, r.entry(), r.checkpoint(), r.proof());
    assertThrows(AuditException.class, () -> Receipts.verify(beyond, EXPECTED, verifier(log), "x"));
  }

  @Test
  void aReceiptFromAForkIsRefused() throws Exception {
    TestLog log = logWithUpload();
    verifier(log).refresh(); // the client saw size 14
    TestLog fork = new TestLog(key).fill(9);
    fork.add("{\"hidden\":\"the server dropped an entry\"}");
    fork.add(UPLOAD);
    fork.fill(5);
    AuditException e =
        assertThrows(
            AuditException.class,
            () -> Receipts.verify(fork.receipt(10), EXPECTED, verifier(fork), "the upload"));
    assertTrue(e.getMessage().contains(LogVerifier.FORK), e.getMessage());
  }

  @Test
  void aReceiptSignedByAnotherKeyIsRefused() throws Exception {
    TestLog log = logWithUpload();
    TestLog other = new TestLog(NoteSigner.generate(key.name(), LogVerifierTest.RANDOM));
    other.entries.addAll(log.entries);
    assertThrows(
        AuditException.class,
        () -> Receipts.verify(other.receipt(10), EXPECTED, verifier(log), "the upload"));
  }
}
