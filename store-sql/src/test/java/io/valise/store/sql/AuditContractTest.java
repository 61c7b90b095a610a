package io.valise.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.core.audit.AuditEvent;
import io.valise.core.audit.AuditRepository;
import io.valise.core.audit.AuditRepository.Node;
import io.valise.core.audit.AuditRepository.Pending;
import io.valise.core.audit.AuditRepository.Position;
import io.valise.core.audit.AuditRepository.Span;
import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.tx.ConflictException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The audit log's store as the sequencer uses it: entries appended without an index, numbered with
 * their leaf hashes, the head moved only by a compare-and-set on size and root, interior hashes
 * stored above level 0, spans of hashes read back from both places, one checkpoint per size.
 */
class AuditContractTest extends StoreTest {
  @Test
  void entriesAreNumberedWithTheirLeafHashesUnderACompareAndSetHead() {
    AuditRepository log = store().audit();
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(log.append(AuditEvent.of("test.event", clock.instant()).put("n", i).build()));
    }
    List<Pending> pending = log.unsequenced(3);
    assertEquals(ids.subList(0, 3), pending.stream().map(Pending::pendingId).toList());

    byte[] root1 = hash(1);
    assertFalse(log.advanceHead(0, hash(9), 3, root1), "the empty tree has no root");
    assertFalse(log.advanceHead(1, null, 3, root1), "the head is at size 0");
    assertTrue(log.advanceHead(0, null, 3, root1));
    assertEquals(3, log.head().size());
    long[] first = {ids.get(0), ids.get(1), ids.get(2)};
    log.assign(first, List.of(leaf(0), leaf(1), leaf(2)), 0);
    assertThrows(
        ConflictException.class, () -> log.assign(first, List.of(leaf(0), leaf(1), leaf(2)), 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> log.assign(new long[] {ids.get(3)}, List.of(leaf(3), leaf(4)), 3));

    assertFalse(log.advanceHead(3, hash(2), 5, hash(3)), "same size, another root: refused");
    assertTrue(log.advanceHead(3, root1, 5, hash(3)));
    log.assign(new long[] {ids.get(3), ids.get(4)}, List.of(leaf(3), leaf(4)), 3);
    assertEquals(List.of(), log.unsequenced(10));
    assertEquals(5, log.entries(0, 10).size());
    assertEquals(4, log.entries(0, 10).get(4).index());
  }

  @Test
  void spansReadLeafHashesFromEntriesAndHigherLevelsFromNodes() {
    AuditRepository log = store().audit();
    long[] ids = new long[300];
    List<OpaqueBytes> leaves = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      ids[i] = log.append(AuditEvent.of("test.event", clock.instant()).put("n", i).build());
      leaves.add(leaf(i));
    }
    assertTrue(log.advanceHead(0, null, 300, hash(1)));
    log.assign(ids, leaves, 0);
    assertThrows(
        IllegalArgumentException.class,
        () -> log.putNodes(List.of(new Node(0, 0, OpaqueBytes.of(hash(5))))),
        "leaf hashes live with their entries");
    log.putNodes(List.of());
    log.putNodes(
        List.of(new Node(8, 0, OpaqueBytes.of(hash(8))), new Node(1, 7, OpaqueBytes.of(hash(7)))));

    Map<Position, OpaqueBytes> read =
        log.nodes(List.of(new Span(0, 250, 260), new Span(0, 0, 2), new Span(8, 0, 4)));
    assertEquals(10 + 2 + 1, read.size(), "" + read.keySet());
    assertEquals(leaf(255), read.get(new Position(0, 255)));
    assertEquals(leaf(1), read.get(new Position(0, 1)));
    assertEquals(OpaqueBytes.of(hash(8)), read.get(new Position(8, 0)));
    assertEquals(
        OpaqueBytes.of(hash(7)), log.nodes(List.of(new Span(1, 7, 8))).get(new Position(1, 7)));
    assertEquals(Map.of(), log.nodes(List.of(new Span(0, 300, 556))), "nothing past the tree");
    assertEquals(Map.of(), log.nodes(List.of()));

    assertThrows(IllegalArgumentException.class, () -> new Span(0, 0, 257));
    assertThrows(IllegalArgumentException.class, () -> new Span(0, 5, 4));
    List<Span> many = new ArrayList<>();
    for (int i = 0; i <= AuditRepository.MAX_SPANS; i++) {
      many.add(new Span(0, i, i + 1));
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

  private static OpaqueBytes leaf(int n) {
    byte[] h = hash(n);
    h[1] = 0x4c;
    return OpaqueBytes.of(h);
  }
}
