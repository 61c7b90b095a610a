package io.valise.server.http;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Content;

/**
 * Reads and drops what a refused request left of its body, so that the refusal reaches the client.
 *
 * <p>A server that answers before reading the body and then closes the connection with those bytes
 * still unread makes the kernel send a TCP reset, which can destroy the answer before the client
 * reads it: the client sees a broken connection instead of "413 quota exceeded". A small body is
 * therefore read to its end first, and the connection stays open; a large one is not worth
 * receiving, and the answer closes the connection (a client that asked {@code Expect: 100-continue}
 * has not sent it at all).
 */
final class BodyDrain {
  /** The most a refusal reads of a body it will not use. */
  static final long LIMIT = 1024 * 1024;

  /** How long a refusal waits for that body to arrive. */
  static final Duration WAIT = Duration.ofSeconds(2);

  private BodyDrain() {}

  /**
   * Reads {@code source} to its end if it holds at most {@code limit} more bytes and they arrive
   * within {@code wait}.
   *
   * @return true if the body was read to its end, false if it was larger, slower or failed
   */
  static boolean drain(Content.Source source, long limit, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    long left = limit;
    while (true) {
      Content.Chunk c = source.read();
      if (c == null) {
        if (!arrives(source, deadline - System.nanoTime())) {
          return false;
        }
        continue;
      }
      if (Content.Chunk.isFailure(c)) {
        return false;
      }
      left -= c.remaining();
      boolean last = c.isLast();
      c.release();
      if (left < 0) {
        return false;
      }
      if (last) {
        return true;
      }
    }
  }

  /** Waits up to {@code nanos} for more of {@code source}; false on time-out or interrupt. */
  private static boolean arrives(Content.Source source, long nanos) {
    if (nanos <= 0) {
      return false;
    }
    CompletableFuture<Void> more = new CompletableFuture<>();
    source.demand(() -> more.complete(null));
    try {
      more.get(nanos, TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
