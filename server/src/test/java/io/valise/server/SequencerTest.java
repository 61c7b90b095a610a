package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.core.audit.AuditEvent;
import io.valise.core.audit.AuditRepository;
import io.valise.core.audit.AuditRepository.Indexed;
import io.valise.server.audit.Sequencer;
import io.valise.store.sql.SqlStore;
import io.valise.tlog.merkle.CompactRange;
import io.valise.tlog.merkle.Hash;
import io.valise.tlog.merkle.MerkleHash;
import io.valise.tlog.note.Checkpoint;
import io.valise.tlog.note.NoteSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sequencer on both databases with two stores standing for two nodes that both believe they
 * sequence (as after a lease that ran out under a slow node): entries written concurrently all get
 * one index each, and every stored checkpoint is the signed head of the entries below its size.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class SequencerTest {
  @Parameter @Nullable TestDatabase database;

  final SecureRandom random = new SecureRandom();
  final TestClock clock = new TestClock(Instant.parse("2026-03-01T09:00:00Z"));
  final List<SqlStore> stores = new ArrayList<>();
  @Nullable Path data;
  @Nullable String url;

  @BeforeEach
  void open() throws Exception {
    Path dir = Files.createTempDirectory("valise-sequencer");
    data = dir;
    url = db().create(dir);
  }

  @AfterEach
  void close() throws Exception {
    stores.forEach(SqlStore::close);
    db().drop(url);
    Path dir = data;
    if (dir != null) {
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private TestDatabase db() {
    TestDatabase d = database;
    if (d == null) {
      throw new IllegalStateException("no database parameter");
    }
    return d;
  }

  private SqlStore node() {
    String u = url;
    Path dir = data;
    if (dir == null) {
      throw new IllegalStateException("not opened");
    }
    SqlStore s =
        SqlStore.open(u == null ? "jdbc:sqlite:" + dir.resolve("valise.db") : u, null, null, clock);
    stores.add(s);
    return s;
  }

  private Sequencer sequencer(SqlStore s, NoteSigner key) {
    return new Sequencer(
        s.audit(),
        s.transactions(),
        s.leases(),
        key,
        clock,
        "node-" + stores.size(),
        Duration.ofSeconds(1),
        System.err);
  }

  @Test
  void twoRacingSequencersNumberEveryEntryOnceAndSignOneTreePerSize() throws Exception {
    SqlStore a = node();
    SqlStore b = node();
    NoteSigner key = NoteSigner.generate("valise.test/race", random);
    Sequencer sa = sequencer(a, key);
    Sequencer sb = sequencer(b, key);
    long writers = 4;
    int each = 150;
    ExecutorService pool = Executors.newFixedThreadPool((int) writers + 2);
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        SqlStore s = writer % 2 == 0 ? a : b;
        jobs.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    var unused =
                        s.audit()
                            .append(
                                AuditEvent.of("test.event", clock.instant())
                                    .put("writer", writer)
                                    .put("n", i)
                                    .build());
                  }
                  return null;
                }));
      }
      for (Sequencer s : List.of(sa, sb)) {
        jobs.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 60; i++) {
                    try {
                      var unused = s.pass();
                    } catch (RuntimeException lostTheRace) {
                      // The other node moved the head first: expected now and then.
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : jobs) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    while (sa.pass() > 0) {
      // Drain what is left.
    }
    AuditRepository log = a.audit();
    assertEquals(writers * each, log.head().size());
    List<Indexed> entries = log.entries(0, writers * each);
    assertEquals(writers * each, (long) entries.size());
    Set<String> distinct = new HashSet<>();
    CompactRange range = new CompactRange();
    List<Hash> roots = new ArrayList<>();
    roots.add(MerkleHash.EMPTY);
    for (int i = 0; i < entries.size(); i++) {
      assertEquals(i, entries.get(i).index());
      byte[] bytes = entries.get(i).entry().toByteArray();
      assertTrue(distinct.add(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
      range.append(MerkleHash.leaf(bytes));
      roots.add(range.root());
    }
    // Every checkpoint either node stored is the head of exactly the entries below its size.
    int checked = 0;
    for (long size = 1; size <= entries.size(); size++) {
      var stored = log.checkpoint(size);
      if (stored.isPresent()) {
        Checkpoint c =
            Checkpoint.open(stored.get().note().toByteArray(), key.name(), key.verifier());
        assertEquals(roots.get((int) size), Hash.of(c.rootHash().bytes()), "size " + size);
        checked++;
      }
    }
    assertTrue(checked > 0);
    assertEquals(entries.size(), log.latestCheckpoint().orElseThrow().size());
  }

  @Test
  void aHeadChangedBehindTheServersBackIsNeitherBuiltOnNorSigned() throws Exception {
    SqlStore a = node();
    NoteSigner key = NoteSigner.generate("valise.test/head", random);
    Sequencer running = sequencer(a, key);
    for (int i = 0; i < 3; i++) {
      var unused =
          a.audit().append(AuditEvent.of("test.event", clock.instant()).put("n", i).build());
    }
    assertEquals(3, running.pass());
    AuditRepository log = a.audit();
    assertEquals(3, log.latestCheckpoint().orElseThrow().size());

    // One entry more under the head than the tree holds, its root left as it was.
    String u = url;
    Path dir = data;
    try (Connection c =
            DriverManager.getConnection(
                u != null
                    ? u
                    : "jdbc:sqlite:" + java.util.Objects.requireNonNull(dir).resolve("valise.db"));
        Statement st = c.createStatement()) {
      assertEquals(1, st.executeUpdate("UPDATE audit_head SET size = size + 1 WHERE id = 1"));
    }
    // A restart with nothing new would sign the stored head, which lacks a checkpoint: it does
    // not. Then, with an entry to sequence, the sequencer that remembers the real head finds it
    // moved and rereads it: it builds nothing on it.
    Sequencer restarted = sequencer(a, key);
    assertThrows(IllegalStateException.class, restarted::pass);
    var unused = a.audit().append(AuditEvent.of("test.event", clock.instant()).put("n", 3).build());
    assertThrows(IllegalStateException.class, running::pass);
    assertEquals(3, log.latestCheckpoint().orElseThrow().size(), "nothing signed past the tree");
    assertTrue(log.checkpoint(4).isEmpty());
    assertEquals(4, log.head().size(), "the changed head is left for an operator to see");
  }
}
