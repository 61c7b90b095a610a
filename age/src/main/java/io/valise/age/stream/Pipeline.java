package io.valise.age.stream;

import io.valise.age.PayloadException;
import io.valise.age.aead.AeadBackend;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Seals or opens a whole payload on all cores. The calling thread reads batches of chunks, a fixed
 * pool transforms them, and one writer thread writes them in order, so reading, crypto and writing
 * overlap. Memory is bounded by {@link Config#batchesInFlight()} batch slots whatever the payload
 * size: the reader must take a free slot before reading, and the writer frees one only after
 * writing it.
 *
 * <p>Batches live off the heap, in one arena per run: a {@code FileChannel} reads into them and
 * writes from them directly, and OpenSSL seals and opens them where they are, so a byte is copied
 * only between the kernel and the batch. Sealing works in place (see {@link Direction}). The
 * buffers are wiped and freed when the run ends.
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
   * @param batchesInFlight batch slots; bounds memory at about {@code 64 KiB * chunksPerBatch} each
   *     for encryption, twice that for decryption
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
      // One worker more than cores: the reading thread spends much of its time in read(2), and
      // an extra worker keeps every core sealing meanwhile. 2 MiB batches halve the hand-offs.
      // Measured on 2 cores, 4 GiB: 1.46 s with (2, 16, 6), 1.28 to 1.31 s with (3, 32, 8).
      int workers = cores + 1;
      return new Config(workers, 32, 2 * workers + 2);
    }
  }

  private static final Slot POISON =
      new Slot(MemorySegment.ofArray(new byte[0]), MemorySegment.ofArray(new byte[0]), 0, 0);

  private final Direction direction;
  private final PayloadKey key;
  private final AeadBackend backend;
  private final Config config;
  private final BlockingQueue<Slot> free = new LinkedBlockingQueue<>();
  private final BlockingQueue<Job> ordered = new LinkedBlockingQueue<>();
  private volatile boolean cancelled;
  private final List<Slot> slots = new ArrayList<>(); // allocated so far; the reader's alone

  Pipeline(Direction direction, PayloadKey key, AeadBackend backend, Config config) {
    this.direction = direction;
    this.key = key;
    this.backend = backend;
    this.config = config;
  }

  /**
   * Transforms everything in {@code in}, a blocking channel, into {@code out}; neither is closed.
   * Returns the plaintext byte count.
   *
   * @throws PayloadException if the payload is corrupt, truncated or has trailing data (decryption)
   * @throws InterruptedIOException if the calling thread is interrupted; its interrupt status is
   *     kept
   * @throws IOException if reading or writing fails
   */
  long run(ReadableByteChannel in, WritableByteChannel out, Progress progress, long total)
      throws IOException {
    // Shared: the reader fills a batch, a worker transforms it, the writer drains it.
    try (Arena arena = Arena.ofShared()) {
      try {
        return runIn(arena, in, out, progress, total);
      } finally {
        for (Slot slot : slots) {
          slot.wipe(); // plaintext must not outlive the run in freed memory
        }
      }
    }
  }

  private long runIn(
      Arena arena, ReadableByteChannel in, WritableByteChannel out, Progress progress, long total)
      throws IOException {
    ExecutorService workers =
        Executors.newFixedThreadPool(
            config.workers(), Thread.ofPlatform().name("valise-payload-", 0).daemon().factory());
    try {
      Writer writer = new Writer(this, direction, out, progress, total);
      Thread writerThread =
          Thread.ofPlatform().name("valise-payload-writer").daemon().start(writer);
      IOException readFailure = null;
      try {
        readAll(arena, in, workers);
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
      if (Thread.currentThread().isInterrupted()) {
        // The writer may have finished before the join saw the interrupt; an interrupted run
        // still reports it rather than success, whatever the timing.
        throw cancellation();
      }
      return writer.plaintextBytes();
    } finally {
      workers.shutdownNow(); // only batches after a failure can remain; they stop unused
      Waits.terminate(workers); // no thread touches a batch once this returns
    }
  }

  private void readAll(Arena arena, ReadableByteChannel in, ExecutorService workers)
      throws IOException {
    BatchReader reader = new BatchReader(in);
    long index = 0;
    while (!cancelled) {
      Slot slot = takeFree(arena);
      if (slot == POISON) {
        return;
      }
      int len = reader.fill(slot.reads);
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
   * Returns a free slot, allocating one while fewer than the configured number exist, so a small
   * payload costs one slot rather than all of them.
   */
  private Slot takeFree(Arena arena) throws InterruptedIOException {
    Slot slot = free.poll();
    if (slot != null) {
      return slot;
    }
    if (slots.size() < config.batchesInFlight()) {
      int chunks = config.chunksPerBatch();
      MemorySegment in = arena.allocate((long) chunks * Direction.IN_STRIDE, PAGE);
      MemorySegment out =
          direction.inPlace ? in : arena.allocate((long) chunks * direction.outUnit, PAGE);
      Slot fresh = new Slot(in, out, chunks, direction.inUnit);
      slots.add(fresh);
      return fresh;
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

  private static final long PAGE = 4096;

  /**
   * One batch's memory, reused for the whole run; compared by identity. {@code in} and {@code out}
   * are the same segment when the direction works in place.
   */
  static final class Slot {
    final MemorySegment in;
    final MemorySegment out;

    /** Views of the input chunk positions, for one vectored read per batch. */
    final ByteBuffer[] reads;

    /** A view of all of {@code out}, for the writer. */
    final ByteBuffer write;

    Slot(MemorySegment in, MemorySegment out, int chunks, int inUnit) {
      this.in = in;
      this.out = out;
      this.reads = new ByteBuffer[chunks];
      for (int k = 0; k < chunks; k++) {
        reads[k] = in.asSlice((long) k * Direction.IN_STRIDE, inUnit).asByteBuffer();
      }
      this.write = out.asByteBuffer();
    }

    void wipe() {
      in.fill((byte) 0);
      out.fill((byte) 0);
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
