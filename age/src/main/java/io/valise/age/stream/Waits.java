package io.valise.age.stream;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Waits that an interrupt cannot cut short. The pipeline must not return while its threads still
 * touch the caller's streams or the payload key, so it waits them out and passes the interrupt on.
 */
final class Waits {
  private Waits() {}

  /** Waits for {@code thread} to end, running {@code onInterrupt} at each interrupt. */
  static void join(Thread thread, Runnable onInterrupt) {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
        onInterrupt.run();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits for {@code pool}, already shut down, to finish its tasks. */
  static void terminate(ExecutorService pool) {
    boolean interrupted = false;
    while (true) {
      try {
        if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
