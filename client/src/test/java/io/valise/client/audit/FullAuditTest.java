package io.valise.client.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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

  @Test
  void aDeletedEntryWithTheLaterOnesRenumberedIsNamedNotTheHoleAtTheEnd() throws Exception {
    for (int deleted : new int[] {0, 1, 37, 63, 64, 98, 99}) {
      TestLog log = new TestLog(key).fill(100);
      VerifiedCheckpoint c = checkpoint(log);
      // The database lost `deleted` and renumbered the later entries down: the entries route serves
      // 99 entries with no gap; the server's stored hashes still answer proofs of the logged tree.
      TestLog served = new TestLog(key);
      served.entries.addAll(log.entries);
      served.entries.remove(deleted);
      served.page = 7;
      FullAudit.Result r = FullAudit.run(new Mixed(served, log), c, true, (d, t) -> {});
      assertFalse(r.ok());
      assertNull(r.computed());
      assertEquals(deleted, r.firstBad().orElseThrow(), "deleted entry " + deleted);
      assertEquals(2, r.problems().size(), r.problems().toString());
      assertTrue(
          r.problems().get(0).contains("entries 99 missing: the server served none from 99"),
          r.problems().toString());
      String prefix =
          "entries 0..98 as served recompute to root "
              + served.root(99).hex()
              + " (size 99), which the server's consistency proof ";
      String checkpoint = " the checkpoint (size 100, root " + log.root(100).hex() + ")";
      String expected =
          deleted == 99
              // Deleting the last entry renumbers nothing: the served prefix is the logged one.
              ? prefix + "links to" + checkpoint + ": the first bad entry is the first missing, 99"
              : prefix
                  + "does not link to"
                  + checkpoint
                  + ": entries were changed, deleted or renumbered; the first bad entry is "
                  + deleted;
      assertEquals(expected, r.problems().get(1));
    }
  }

  @Test
  void aDeletedEntryLeavingAGapIsNamedByTheGap() throws Exception {
    for (long deleted : new long[] {0, 1, 13, 14, 29}) {
      TestLog log = new TestLog(key).fill(30);
      log.page = 7;
      VerifiedCheckpoint c = checkpoint(log);
      log.hidden.add(deleted);
      FullAudit.Result r = FullAudit.run(log, c, true, (d, t) -> {});
      assertFalse(r.ok());
      assertEquals(deleted, r.firstBad().orElseThrow(), "deleted entry " + deleted);
      assertTrue(
          r.problems().get(0).startsWith("entries " + deleted + " missing: "),
          r.problems().toString());
      if (deleted > 0) {
        assertTrue(
            r.problems()
                .getLast()
                .endsWith(
                    "links to the checkpoint (size 30, root "
                        + log.root(30).hex()
                        + ")"
                        + ": the first bad entry is the first missing, "
                        + deleted),
            r.problems().toString());
      }
    }
  }

  @Test
  void aChangedEntryBeforeAGapIsNamedNotTheGap() throws Exception {
    TestLog log = new TestLog(key).fill(100);
    VerifiedCheckpoint c = checkpoint(log);
    TestLog served = new TestLog(key);
    served.entries.addAll(log.entries);
    served.entries.set(20, "{\"n\":-1}".getBytes(StandardCharsets.UTF_8));
    served.hidden.add(50L);
    FullAudit.Result r = FullAudit.run(new Mixed(served, log), c, true, (d, t) -> {});
    assertFalse(r.ok());
    assertEquals(20, r.firstBad().orElseThrow());
    assertTrue(r.problems().get(0).contains("entries 50 missing"), r.problems().toString());
    assertTrue(
        r.problems().getLast().contains("(size 50), which the server's consistency proof does not"),
        r.problems().toString());
  }

  @Test
  void aTruncatedTailIsNamedByItsFirstMissingIndex() throws Exception {
    for (int kept : new int[] {0, 1, 37, 64, 99}) {
      TestLog log = new TestLog(key).fill(100);
      VerifiedCheckpoint c = checkpoint(log);
      TestLog served = new TestLog(key);
      served.entries.addAll(log.entries.subList(0, kept));
      served.page = 10;
      FullAudit.Result r = FullAudit.run(new Mixed(served, log), c, true, (d, t) -> {});
      assertFalse(r.ok());
      assertEquals(kept, r.firstBad().orElseThrow(), "kept " + kept);
      assertTrue(
          r.problems()
              .get(0)
              .contains(
                  "entries "
                      + (kept == 99 ? "99" : kept + "..99")
                      + " missing: the server served none from "
                      + kept),
          r.problems().toString());
      // Without the search nothing is named, and no proof is asked for.
      TestLog noProofs = new TestLog(key);
      noProofs.entries.addAll(log.entries);
      noProofs.consistencyTamper =
          p -> {
            throw new AssertionError("no proof should be asked for without the search");
          };
      FullAudit.Result quick = FullAudit.run(new Mixed(served, noProofs), c, false, (d, t) -> {});
      assertFalse(quick.ok());
      assertTrue(quick.firstBad().isEmpty());
    }
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
