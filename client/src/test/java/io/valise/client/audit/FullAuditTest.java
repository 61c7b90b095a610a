package io.valise.client.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.client.state.ClientHome;
import io.valise.tlog.note.NoteSigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FullAuditTest {
  @TempDir Path tmp;

  final NoteSigner key = NoteSigner.generate("valise.example.org/log", LogVerifierTest.RANDOM);

  VerifiedCheckpoint checkpoint(TestLog log) throws Exception {
    return new LogVerifier(
            LogVerifierTest.SERVER,
            key.verifier(),
            new CheckpointStore(new ClientHome(tmp)),
            log,
            List.of())
        .refresh();
  }

  @Test
  void aCleanLogRecomputesToTheCheckpoint() throws Exception {
    TestLog log = new TestLog(key).fill(2345);
    log.page = 1000;
    List<Long> progress = new ArrayList<>();
    FullAudit.Result r =
        FullAudit.run(log, checkpoint(log), true, (done, total) -> progress.add(done));
    assertTrue(r.ok(), r.toString());
    assertEquals(2345, r.entries().size());
    assertEquals(List.of(1000L, 2000L, 2345L), progress);
    assertTrue(r.firstBad().isEmpty());
  }

  @Test
  void theFirstChangedEntryIsFoundByBinarySearch() throws Exception {
    for (int bad : new int[] {0, 1, 37, 63, 64, 98, 99}) {
      TestLog log = new TestLog(key).fill(100);
      VerifiedCheckpoint c = checkpoint(log);
      // The database now serves other bytes for `bad` and after (a rewrite), with proofs of the
      // original tree still answered by the server's stored hashes.
      TestLog served = new TestLog(key);
      served.entries.addAll(log.entries);
      served.entries.set(bad, "{\"n\":-1}".getBytes(StandardCharsets.UTF_8));
      if (bad + 1 < 100) {
        served.entries.set(bad + 1, "{\"n\":-2}".getBytes(StandardCharsets.UTF_8));
      }
      LogSource mixed = new Mixed(served, log);
      FullAudit.Result r = FullAudit.run(mixed, c, true, (d, t) -> {});
      assertFalse(r.ok());
      assertEquals(bad, r.firstBad().orElseThrow(), "bad entry " + bad);
    }
  }

  @Test
  void gapsAndRepeatsInTheServedRangesAreReported() throws Exception {
    TestLog log = new TestLog(key).fill(30);
    log.page = 7;
    log.hidden.add(10L);
    VerifiedCheckpoint c = checkpoint(log);
    FullAudit.Result r = FullAudit.run(log, c, true, (d, t) -> {});
    assertFalse(r.ok());
    assertEquals(10, r.firstBad().orElseThrow());
    assertTrue(r.problems().get(0).contains("entries 10 missing"), r.problems().toString());

    TestLog repeating =
        new TestLog(key) {
          @Override
          public io.valise.client.api.EntryPage entries(long start, long end) {
            return super.entries(start == 14 ? 12 : start, end);
          }
        };
    repeating.entries.addAll(log.entries);
    repeating.page = 7;
    FullAudit.Result again = FullAudit.run(repeating, c, true, (d, t) -> {});
    assertFalse(again.ok());
    assertTrue(
        again.problems().get(0).contains("entries 12..13 served twice"),
        again.problems().toString());
  }

  /** Serves entries from one log and proofs from another. */
  private record Mixed(TestLog entries, TestLog proofs) implements LogSource {
    @Override
    public byte[] checkpoint(@org.jspecify.annotations.Nullable String witness) {
      return proofs.checkpoint(witness);
    }

    @Override
    public List<io.valise.tlog.merkle.Hash> consistencyProof(long from, long to) {
      return proofs.consistencyProof(from, to);
    }

    @Override
    public List<io.valise.tlog.merkle.Hash> inclusionProof(long index, long size) {
      return proofs.inclusionProof(index, size);
    }

    @Override
    public io.valise.client.api.EntryPage entries(long start, long end) {
      return entries.entries(start, end);
    }
  }
}
