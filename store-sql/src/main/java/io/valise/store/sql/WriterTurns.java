package io.valise.store.sql;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Whose turn it is to use SQLite's one writer connection, with precedence for short periodic work
 * that many requests wait on (the audit sequencer's pass: every upload waits for it to get its
 * receipt). Without it, the pass would queue in the pool behind every upload already waiting, each
 * holding the writer for a transaction, and every one of those uploads, and the ones behind them,
 * would wait that much longer for their receipts. Taking a turn before the pool's connection leaves
 * at most one holder, so the pool's own queue is never used.
 *
 * <p>Ordinary turns go in no particular order among themselves, as the pool's did. A turn with
 * precedence waits only for the current holder. Work with precedence must be brief and infrequent,
 * or ordinary turns would wait behind it.
 */
final class WriterTurns {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition released = lock.newCondition();
  private boolean taken;
  private int firstWaiting;

  /**
   * Waits for the writer's turn, at most {@code timeout}; with {@code first}, ahead of every
   * ordinary turn waiting.
   *
   * @return false if the time ran out (the turn is not taken)
   */
  boolean take(boolean first, Duration timeout) throws InterruptedException {
    long left = timeout.toNanos();
    lock.lock();
    try {
      if (first) {
        firstWaiting++;
      }
      try {
        while (taken || (!first && firstWaiting > 0)) {
          if (left <= 0) {
            return false;
          }
          left = released.awaitNanos(left);
        }
      } finally {
        if (first) {
          firstWaiting--;
          if (firstWaiting == 0) {
            released.signalAll(); // ordinary turns held back by this one may go, if it gave up
          }
        }
      }
      taken = true;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Ends the current turn. */
  void release() {
    lock.lock();
    try {
      taken = false;
      released.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
