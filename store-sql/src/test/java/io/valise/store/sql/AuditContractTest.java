package io.valise.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.core.audit.AuditEvent;
import io.valise.core.audit.AuditRepository;
import io.valise.core.audit.AuditRepository.Indexed;
import io.valise.core.audit.AuditRepository.Node;
import io.valise.core.audit.AuditRepository.Pending;
import io.valise.core.audit.AuditRepository.Position;
import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.tx.ConflictException;
import io.valise.core.tx.StoreException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The audit log's store as the sequencer uses it: entries appended without an index and numbered
 * once, the head moved only by a compare-and-set on its size and root, subtree hashes stored once
 * and read back several at a time, one checkpoint per size.
 */
class AuditContractTest extends StoreTest {
  private static final String SUBJECT = "00000000000000000000000001";
  private static final byte[] LEGACY = "{\"type\":\"legacy\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void entriesAreNumberedOnceUnderACompareAndSetHead() {
    AuditRepository log = store().audit();
    List<Long> ids = appendFive(log);
    List<Pending> pending = log.unsequenced(3);
    assertEquals(ids.subList(0, 3), pending.stream().map(Pending::pendingId).toList());

    byte[] root1 = hash(1);
    assertFalse(log.advanceHead(0, hash(9), 3, root1), "the empty tree has no root");
    assertFalse(log.advanceHead(1, null, 3, root1), "the head is at size 0");
    assertTrue(log.advanceHead(0, null, 3, root1));
    assertEquals(3, log.head().size());
    long[] first = {ids.get(0), ids.get(1), ids.get(2)};
    log.assign(first, 0);
    if (database == TestDatabase.POSTGRESQL) {
      assertThrows(ConflictException.class, () -> log.assign(first, 0));
    }

    assertFalse(log.advanceHead(3, hash(2), 5, hash(3)), "same size, another root: refused");
    assertTrue(log.advanceHead(3, root1, 5, hash(3)));
    assertEquals(OpaqueBytes.of(hash(3)), log.head().root());
    log.assign(new long[] {ids.get(3), ids.get(4)}, 3);
    assertEquals(List.of(), log.unsequenced(10));
    assertEquals(5, log.entries(0, 10).size());
    assertEquals(4, log.entries(0, 10).get(4).index());
  }

  @Test
  void onlyEntriesUnderTheHeadAreSequenced() {
    AuditRepository log = store().audit();
    List<Long> ids = appendFive(log);
    assertEquals(List.of(), log.entries(0, 10), "nothing sequenced yet");
    assertEquals(List.of(), log.about(SUBJECT));
    assertTrue(log.sequenced(ids.get(0)).isEmpty());

    assertTrue(log.advanceHead(0, null, 2, hash(1)));
    log.assign(new long[] {ids.get(0), ids.get(1)}, 0);
    assertEquals(List.of(0L, 1L), log.entries(0, 10).stream().map(Indexed::index).toList());
    assertEquals(List.of(0L, 1L), log.about(SUBJECT).stream().map(Indexed::index).toList());
    assertEquals(1, log.sequenced(ids.get(1)).orElseThrow().index());
    assertTrue(log.sequenced(ids.get(2)).isEmpty(), "appended after the head: not yet");
    assertEquals(ids.subList(2, 5), log.unsequenced(10).stream().map(Pending::pendingId).toList());
  }

  @Test
  void theSequencersOrderIsTheIndexOrderAndEntriesWithoutSeqAreNumbered() throws Exception {
    AuditRepository log = store().audit();
    List<Long> ids = appendFive(log);
    assertTrue(log.advanceHead(0, null, 2, hash(1)));
    var swapped = new long[] {ids.get(1), ids.get(0)};
    if (database == TestDatabase.SQLITE) {
      // SQLite numbered the entries as they were appended: the pass must take them in that order.
      var e = assertThrows(StoreException.class, () -> log.assign(swapped, 0));
      assertTrue(
          String.valueOf(e.getMessage()).contains("consecutive pending ids"), e.getMessage());
      log.assign(new long[] {ids.get(0), ids.get(1)}, 0);
    } else {
      log.assign(swapped, 0); // PostgreSQL numbers in the pass, in the pass's order
    }
    long second = log.sequenced(ids.get(1)).orElseThrow().index();
    assertEquals(database == TestDatabase.SQLITE ? 1 : 0, second);

    // An entry appended without seq, as PostgreSQL always does and as SQLite did before it
    // numbered at append: the sequencer finds it and numbers it.
    try (Connection c = rawConnection();
        PreparedStatement s =
            c.prepareStatement("INSERT INTO audit_entry (subject, entry) VALUES (?, ?)")) {
      s.setString(1, SUBJECT);
      s.setBytes(2, LEGACY);
      s.executeUpdate();
    }
    List<Long> pending = log.unsequenced(10).stream().map(Pending::pendingId).toList();
    assertEquals(4, pending.size(), "three appended after the head, and the one without seq");
    assertTrue(log.advanceHead(2, hash(1), 6, hash(2)));
    log.assign(pending.stream().mapToLong(Long::longValue).toArray(), 2);
    List<Indexed> entries = log.entries(0, 10);
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), entries.stream().map(Indexed::index).toList());
    assertEquals(OpaqueBytes.of(LEGACY), entries.get(5).entry());
    assertEquals(List.of(), log.unsequenced(10));
  }

  private List<Long> appendFive(AuditRepository log) {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(
          log.append(
              AuditEvent.of("test.event", clock.instant())
                  .put("n", i)
                  .put("envelope", SUBJECT)
                  .build()));
    }
    return ids;
  }

  @Test
  void subtreeHashesAreStoredOnceAndReadSeveralAtATime() {
    AuditRepository log = store().audit();
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      nodes.add(new Node(0, i, OpaqueBytes.of(hash(1000 + i))));
    }
    nodes.add(new Node(8, 0, OpaqueBytes.of(hash(8))));
    log.putNodes(nodes);
    assertThrows(
        ConflictException.class,
        () -> log.putNodes(List.of(new Node(0, 5, OpaqueBytes.of(hash(5))))));

    Map<Position, OpaqueBytes> read =
        log.nodes(List.of(new Position(0, 255), new Position(8, 0), new Position(3, 0)));
    assertEquals(
        Map.of(
            new Position(0, 255), OpaqueBytes.of(hash(1255)),
            new Position(8, 0), OpaqueBytes.of(hash(8))),
        read,
        "a position not stored is absent");
    assertEquals(Map.of(), log.nodes(List.of()));
    List<Position> many = new ArrayList<>();
    for (int i = 0; i <= AuditRepository.MAX_POSITIONS; i++) {
      many.add(new Position(0, i));
    }
    assertThrows(IllegalArgumentException.class, () -> log.nodes(many));
  }

  @Test
  void oneCheckpointPerSize() {
    AuditRepository log = store().audit();
    log.putCheckpoint(3, new byte[] {1}, clock.instant());
    assertThrows(
        ConflictException.class, () -> log.putCheckpoint(3, new byte[] {2}, clock.instant()));
    assertEquals(OpaqueBytes.of(new byte[] {1}), log.checkpoint(3).orElseThrow().note());
    assertEquals(3, log.latestCheckpoint().orElseThrow().size());
  }

  private static byte[] hash(int n) {
    byte[] h = new byte[32];
    h[0] = (byte) n;
    h[31] = (byte) (n >>> 8);
    return h;
  }
}
