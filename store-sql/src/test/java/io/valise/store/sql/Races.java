package io.valise.store.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Runs one attempt on many threads released at the same instant, and counts the successes. */
final class Races {
  private Races() {}

  static int successes(int threads, BooleanSupplier attempt) throws Exception {
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<Boolean> task =
            () -> {
              ready.countDown();
              go.await();
              return attempt.getAsBoolean();
            };
        results.add(pool.submit(task));
      }
      ready.await();
      go.countDown();
      int wins = 0;
      for (Future<Boolean> f : results) {
        if (f.get(60, TimeUnit.SECONDS)) {
          wins++;
        }
      }
      return wins;
    } finally {
      pool.shutdownNow();
    }
  }
}
