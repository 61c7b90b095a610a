package io.valise.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.core.audit.AuditEvent;
import io.valise.core.audit.AuditRepository.Indexed;
import io.valise.server.TestDatabase;
import io.valise.store.sql.SqlStore;
import io.valise.tlog.merkle.CompactRange;
import io.valise.tlog.merkle.Hash;
import io.valise.tlog.merkle.LeafHashes;
import io.valise.tlog.merkle.MerkleHash;
import io.valise.tlog.merkle.MerkleTree;
import io.valise.tlog.note.NoteSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Proofs from the stored tree: over a log of 65,836 entries sequenced in passes of many sizes,
 * inclusion and consistency proofs and frontiers read from the store equal those of the whole tree
 * in memory, and a sequencer started afresh (another node) continues the tree from the stored
 * frontier. On SQLite and PostgreSQL.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class LogTreeTest {
  @Parameter @Nullable TestDatabase database;

  private @Nullable Path dir;
  private @Nullable String url;
  private final List<SqlStore> stores = new ArrayList<>();
  private final NoteSigner key = NoteSigner.generate("valise.test/stored-tree", new SecureRandom());

  @BeforeEach
  void open() throws Exception {
    Path d = Files.createTempDirectory("valise-logtree");
    dir = d;
    url = db().create(d);
  }

  @AfterEach
  void close() throws Exception {
    stores.forEach(SqlStore::close);
    db().drop(url);
    Path d = dir;
    if (d != null) {
      try (var paths = Files.walk(d)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  @Test
  void proofsFromTheStoredTilesEqualTheWholeTrees() {
    SqlStore store = node();
    Sequencer sequencer = sequencer(store);
    // Passes of odd sizes, then full batches past 2^16 entries.
    int[] passes = {1, 3, 254, 2, 300, 139, 4096, 4096, 4096, 4096, 4096, 4096, 4096, 4096};
    int total = 65_836;
    List<Hash> leaves = new ArrayList<>();
    int appended = 0;
    Random pick = new Random(962);
    for (int p = 0; appended < total; p++) {
      int n = p < passes.length ? passes[p] : Math.min(4096, total - appended);
      append(store, appended, n);
      appended += n;
      while (sequencer.pass() > 0) {
        // A full batch of 4,096 may leave more.
      }
      for (Indexed e : store.audit().entries(leaves.size(), appended)) {
        leaves.add(MerkleHash.leaf(e.entry().toByteArray()));
      }
      assertEquals(appended, leaves.size());
      check(sequencer.tree(), leaves, pick);
    }
    // Another node, knowing nothing, continues from the stored frontier.
    SqlStore other = node();
    Sequencer next = sequencer(other);
    append(other, appended, 5);
    assertEquals(5, next.pass());
    for (Indexed e : other.audit().entries(appended, appended + 5)) {
      leaves.add(MerkleHash.leaf(e.entry().toByteArray()));
    }
    LeafHashes whole = LeafHashes.of(leaves);
    assertEquals(
        MerkleTree.root(whole, leaves.size()),
        Hash.of(java.util.Objects.requireNonNull(other.audit().head().root()).toByteArray()),
        "the head another node computed from the stored frontier");
  }

  /** Frontier, and inclusion and consistency proofs at the current size and a few before. */
  private static void check(LogTree stored, List<Hash> leaves, Random pick) {
    LeafHashes whole = WholeTree.memoized(leaves);
    long size = leaves.size();
    assertEquals(frontier(leaves), stored.frontier(size), "frontier of " + size);
    for (int i = 0; i < 12; i++) {
      long n = i == 0 ? size : 1 + pick.nextLong(size);
      long index = i % 3 == 0 ? n - 1 : pick.nextLong(n);
      assertEquals(
          MerkleTree.inclusionProof(whole, index, n), stored.inclusion(index, n), index + "/" + n);
      long from = i % 4 == 0 ? n - 1 : pick.nextLong(n + 1);
      assertEquals(
          MerkleTree.consistencyProof(whole, from, n),
          stored.consistency(from, n),
          from + " to " + n);
    }
    assertTrue(size > 0);
  }

  private static List<Hash> frontier(List<Hash> leaves) {
    CompactRange range = new CompactRange();
    leaves.forEach(range::append);
    return range.nodes();
  }

  private void append(SqlStore store, int from, int count) {
    store
        .transactions()
        .inTransaction(
            () -> {
              for (int i = from; i < from + count; i++) {
                var unused =
                    store
                        .audit()
                        .append(
                            AuditEvent.of("test.event", Clock.systemUTC().instant())
                                .put("n", i)
                                .build());
              }
              return Boolean.TRUE;
            });
  }

  private SqlStore node() {
    Path d = dir;
    if (d == null) {
      throw new IllegalStateException("not opened");
    }
    String u = url;
    SqlStore s =
        SqlStore.open(
            u == null ? "jdbc:sqlite:" + d.resolve("valise.db") : u, null, null, Clock.systemUTC());
    stores.add(s);
    return s;
  }

  private Sequencer sequencer(SqlStore s) {
    return new Sequencer(
        s.audit(),
        s.transactions(),
        s.leases(),
        key,
        Clock.systemUTC(),
        "node-" + stores.size(),
        Duration.ofSeconds(1),
        System.err);
  }

  private TestDatabase db() {
    TestDatabase d = database;
    if (d == null) {
      throw new IllegalStateException("no database parameter");
    }
    return d;
  }
}
