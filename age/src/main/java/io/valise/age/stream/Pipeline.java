package io.valise.age.stream;

import io.valise.age.PayloadException;
import io.valise.age.aead.AeadBackend;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Seals or opens a whole payload on all cores. The calling thread reads batches of chunks, a fixed
 * pool transforms them, and one writer thread writes them in order, so reading, crypto and writing
 * overlap. Memory is bounded by {@link Config#batchesInFlight()} pairs of batch buffers whatever
 * the payload size: the reader must take a free buffer pair before reading, and the writer frees
 * one only after writing it.
 *
 * <p>Errors surface in stream order: the writer stops at the first batch that failed and writes
 * nothing of it, and a read error is reported only after the batches read before it.
 */
final class Pipeline {
  /**
   * Sizes of the pipeline.
   *
   * @param workers threads doing crypto
   * @param chunksPerBatch chunks handed to a worker at once
   * @param batchesInFlight buffer pairs; bounds memory at about {@code 2 * 64 KiB * chunksPerBatch}
   *     each
   */
  record Config(int workers, int chunksPerBatch, int batchesInFlight) {
    Config {
      if (workers < 1 || chunksPerBatch < 1 || batchesInFlight < 1) {
        throw new IllegalArgumentException(
            "Pipeline sizes [%d, %d, %d] must be positive"
                .formatted(workers, chunksPerBatch, batchesInFlight));
      }
    }

    /** One worker per core (at most 16), 1 MiB batches, two batches queued per worker. */
    static Config forThisMachine() {
      int cores = Math.clamp(Runtime.getRuntime().availableProcessors(), 1, 16);
      return new Config(cores, 16, 2 * cores + 2);
    }
  }

  private static final Slot POISON = new Slot(new byte[0], new byte[0]);

  private final Direction direction;
  private final PayloadKey key;
  private final AeadBackend backend;
  private final Config config;
  private final BlockingQueue<Slot> free = new LinkedBlockingQueue<>();
  private final BlockingQueue<Job> ordered = new LinkedBlockingQueue<>();
  private volatile boolean cancelled;
  private int slots; // buffer pairs allocated so far; the reader's alone

  Pipeline(Direction direction, PayloadKey key, AeadBackend backend, Config config) {
    this.direction = direction;
    this.key = key;
    this.backend = backend;
    this.config = config;
  }

  /**
   * Transforms everything in {@code in} into {@code out}, then flushes {@code out}; neither is
   * closed. Returns the plaintext byte count.
   *
   * @throws PayloadException if the payload is corrupt, truncated or has trailing data (decryption)
   * @throws InterruptedIOException if the calling thread is interrupted; its interrupt status is
   *     kept
   * @throws IOException if reading or writing fails
   */
  long run(InputStream in, OutputStream out, Progress progress, long total) throws IOException {
    ExecutorService workers =
        Executors.newFixedThreadPool(
            config.workers(), Thread.ofPlatform().name("valise-payload-", 0).daemon().factory());
    try {
      Writer writer = new Writer(this, direction, out, progress, total);
      Thread writerThread =
          Thread.ofPlatform().name("valise-payload-writer").daemon().start(writer);
      IOException readFailure = null;
      try {
        readAll(in, workers);
      } catch (IOException e) {
        readFailure = e;
      } finally {
        ordered.add(Job.END); // lets the writer drain what was read, then stop
        Waits.join(writerThread, this::cancel); // an interrupt cancels, but we still wait
      }
      writer.rethrowFailure(); // earlier in stream order than any read failure
      if (readFailure != null) {
        throw readFailure;
      }
      return writer.plaintextBytes();
    } finally {
      workers.shutdownNow(); // only batches after a failure can remain; they stop unused
      Waits.terminate(workers);
    }
  }

  private void readAll(InputStream in, ExecutorService workers) throws IOException {
    ChunkReader reader = new ChunkReader(in);
    long index = 0;
    while (!cancelled) {
      Slot slot = takeFree();
      if (slot == POISON) {
        return;
      }
      int len = reader.fill(slot.in);
      boolean last = reader.atEnd();
      long first = index;
      index = Math.addExact(index, direction.chunkCount(len));
      var result = CompletableFuture.supplyAsync(() -> transform(slot, first, last, len), workers);
      ordered.add(new Job(slot, len, result));
      if (last) {
        return;
      }
    }
  }

  private int transform(Slot slot, long first, boolean last, int len) {
    if (cancelled) {
      throw new UncheckedIOException(cancellation()); // the writer must never take it as done
    }
    try (ChunkCipher cipher = new ChunkCipher(key, backend)) {
      return direction.transform(cipher, first, last, slot.in, len, slot.out);
    } catch (PayloadException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns a free buffer pair, allocating one while fewer than the configured number exist, so a
   * small payload costs one pair rather than all of them.
   */
  private Slot takeFree() throws InterruptedIOException {
    Slot slot = free.poll();
    if (slot != null) {
      return slot;
    }
    if (slots < config.batchesInFlight()) {
      slots++;
      return new Slot(
          new byte[config.chunksPerBatch() * direction.inUnit],
          new byte[config.chunksPerBatch() * direction.outUnit]);
    }
    try {
      return free.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel();
      throw cancellation();
    }
  }

  static InterruptedIOException cancellation() {
    return new InterruptedIOException("Interrupted while encrypting or decrypting a payload");
  }

  /** Stops the pipeline: the writer writes nothing more and the reader takes no more batches. */
  void cancel() {
    cancelled = true;
    free.add(POISON);
  }

  boolean cancelled() {
    return cancelled;
  }

  Job nextJob() throws InterruptedException {
    return ordered.take();
  }

  void release(Slot slot) {
    free.add(slot);
  }

  /** A pair of batch buffers, reused for the whole run; compared by identity. */
  static final class Slot {
    final byte[] in;
    final byte[] out;

    Slot(byte[] in, byte[] out) {
      this.in = in;
      this.out = out;
    }
  }

  /** One batch in stream order: its buffers, input length, and the pending transform. */
  static final class Job {
    static final Job END = new Job(POISON, 0, CompletableFuture.completedFuture(0));

    final Slot slot;
    final int inLen;
    final CompletableFuture<Integer> result;

    Job(Slot slot, int inLen, CompletableFuture<Integer> result) {
      this.slot = slot;
      this.inLen = inLen;
      this.result = result;
    }
  }
}
