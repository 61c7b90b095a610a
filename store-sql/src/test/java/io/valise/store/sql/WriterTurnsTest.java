package io.valise.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Turns on SQLite's writer: one at a time, and work with precedence ahead of the queue. */
class WriterTurnsTest {
  private static final Duration LONG = Duration.ofSeconds(30);

  @Test
  void aTurnWithPrecedenceGoesAheadOfOrdinaryTurnsAlreadyWaiting() throws Exception {
    WriterTurns turns = new WriterTurns();
    assertTrue(turns.take(false, LONG));
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    List<Thread> waiting = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      waiting.add(taker(turns, false, "ordinary", order));
    }
    awaitWaiting(waiting);
    Thread first = taker(turns, true, "first", order);
    awaitWaiting(List.of(first));
    turns.release();
    first.join();
    for (Thread t : waiting) {
      t.join();
    }
    assertEquals("first", order.getFirst(), order.toString());
    assertEquals(4, order.size());
  }

  @Test
  void oneTurnAtATimeAndAWaitThatRunsOutTakesNothing() throws Exception {
    WriterTurns turns = new WriterTurns();
    assertTrue(turns.take(true, LONG));
    assertFalse(turns.take(false, Duration.ofMillis(20)));
    assertFalse(turns.take(true, Duration.ofMillis(20)));
    turns.release();
    assertTrue(turns.take(false, Duration.ofMillis(20)), "the ones that gave up took nothing");
    turns.release();
  }

  @Test
  void ordinaryTurnsGoOnWhenATurnWithPrecedenceGivesUp() throws Exception {
    WriterTurns turns = new WriterTurns();
    assertTrue(turns.take(false, LONG));
    CountDownLatch gaveUp = new CountDownLatch(1);
    Thread first =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    assertFalse(turns.take(true, Duration.ofMillis(50)));
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  gaveUp.countDown();
                });
    awaitWaiting(List.of(first));
    gaveUp.await();
    turns.release();
    assertTrue(turns.take(false, Duration.ofSeconds(5)), "not held back by a turn now gone");
    turns.release();
  }

  private static Thread taker(WriterTurns turns, boolean first, String name, List<String> order) {
    return Thread.ofPlatform()
        .start(
            () -> {
              try {
                if (turns.take(first, LONG)) {
                  order.add(name);
                  turns.release();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
  }

  /** Waits until every thread is parked in {@link WriterTurns#take}. */
  private static void awaitWaiting(List<Thread> threads) throws InterruptedException {
    for (Thread t : threads) {
      while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
        Thread.sleep(1);
      }
    }
  }
}
