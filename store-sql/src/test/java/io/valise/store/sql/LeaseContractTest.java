package io.valise.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.core.lease.Lease;
import io.valise.core.lease.LeaseRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The sweeper's lease, with two independent stores on one database standing for two nodes: only one
 * holds it, the holder renews it, a dead holder's lease runs out and the other node takes it.
 */
class LeaseContractTest extends StoreTest {
  static final Duration TTL = Duration.ofSeconds(30);

  @Test
  void oneNodeHoldsTheLeaseUntilItStopsRenewing() {
    try (SqlStore other = anotherNode()) {
      LeaseRepository a = store().leases();
      LeaseRepository b = other.leases();
      String sweeper = LeaseRepository.SWEEPER;

      assertTrue(a.acquire(sweeper, "node-a", clock.instant(), TTL), "a free lease is taken");
      assertFalse(b.acquire(sweeper, "node-b", clock.instant(), TTL), "held by a");
      assertEquals(
          new Lease(sweeper, "node-a", clock.instant().plus(TTL)),
          b.find(sweeper).orElseThrow(),
          "both nodes see the same row");

      clock.advance(Duration.ofSeconds(20));
      assertTrue(a.acquire(sweeper, "node-a", clock.instant(), TTL), "the holder renews");
      clock.advance(Duration.ofSeconds(20));
      assertFalse(
          b.acquire(sweeper, "node-b", clock.instant(), TTL),
          "renewed 20 s ago for 30 s: still a's");

      // a dies: no more renewals. At exactly the expiry the lease is free.
      clock.advance(Duration.ofSeconds(10));
      assertTrue(b.acquire(sweeper, "node-b", clock.instant(), TTL), "a's lease ran out");
      assertFalse(a.acquire(sweeper, "node-a", clock.instant(), TTL), "a comes back: b holds it");
      assertTrue(b.find(sweeper).orElseThrow().heldBy("node-b", clock.instant()));
    }
  }

  @Test
  void releaseFreesTheLeaseAtOnceButOnlyForItsHolder() {
    LeaseRepository leases = store().leases();
    String sweeper = LeaseRepository.SWEEPER;
    Instant now = clock.instant();
    assertTrue(leases.acquire(sweeper, "node-a", now, TTL));
    assertFalse(leases.release(sweeper, "node-b", now), "not b's to release");
    assertFalse(leases.acquire(sweeper, "node-b", now, TTL));
    assertTrue(leases.release(sweeper, "node-a", now));
    assertFalse(leases.release(sweeper, "node-a", now), "already released");
    assertTrue(leases.acquire(sweeper, "node-b", now, TTL), "free without waiting for the ttl");
  }

  @Test
  void badArgumentsAreRefusedAndChangeNothing() {
    LeaseRepository leases = store().leases();
    Instant now = clock.instant();
    assertThrows(
        IllegalArgumentException.class, () -> leases.acquire("no-such-job", "node-a", now, TTL));
    assertThrows(
        IllegalArgumentException.class,
        () -> leases.acquire(LeaseRepository.SWEEPER, "", now, TTL));
    assertThrows(
        IllegalArgumentException.class,
        () -> leases.acquire(LeaseRepository.SWEEPER, "n".repeat(65), now, TTL));
    assertThrows(
        IllegalArgumentException.class,
        () -> leases.acquire(LeaseRepository.SWEEPER, "node-a", now, Duration.ZERO));
    assertEquals(
        new Lease(LeaseRepository.SWEEPER, "", Instant.EPOCH),
        leases.find(LeaseRepository.SWEEPER).orElseThrow());
  }

  @Test
  void ofNodesRacingForAFreeLeaseExactlyOneWins() throws Exception {
    try (SqlStore other = anotherNode()) {
      List<LeaseRepository> nodes = List.of(store().leases(), other.leases());
      Instant now = clock.instant();
      int racers = 16;
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
        for (int i = 0; i < racers; i++) {
          LeaseRepository node = nodes.get(i % 2);
          String holder = "node-" + i;
          results.add(
              pool.submit(
                  () -> {
                    go.await();
                    return node.acquire(LeaseRepository.SWEEPER, holder, now, TTL);
                  }));
        }
        go.countDown();
        int won = 0;
        for (Future<Boolean> r : results) {
          won += r.get() ? 1 : 0;
        }
        assertEquals(1, won);
      }
    }
  }
}
