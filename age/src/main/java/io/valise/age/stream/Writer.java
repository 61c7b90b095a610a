package io.valise.age.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * The pipeline's writer thread: waits for each batch in stream order, writes it, frees its buffers
 * and reports progress. It stops at the first failure without writing any byte of the failed batch,
 * so no plaintext of a chunk whose tag failed is ever written.
 */
final class Writer implements Runnable {
  private final Pipeline pipeline;
  private final Direction direction;
  private final WritableByteChannel out;
  private final Progress progress;
  private final long total;
  private long done;
  private volatile @Nullable Throwable failure;

  Writer(
      Pipeline pipeline,
      Direction direction,
      WritableByteChannel out,
      Progress progress,
      long total) {
    this.pipeline = pipeline;
    this.direction = direction;
    this.out = out;
    this.progress = progress;
    this.total = total;
  }

  @Override
  public void run() {
    try {
      while (true) {
        Pipeline.Job job = pipeline.nextJob();
        if (job == Pipeline.Job.END) {
          if (done != total) {
            progress.update(done, done); // the total is known now
          }
          return;
        }
        if (pipeline.cancelled()) {
          // Stopping early must read as a failure, or a cut output would look complete.
          fail(Pipeline.cancellation());
          return;
        }
        int n = job.result.join();
        ByteBuffer batch = job.slot.write.clear().limit(n);
        StreamChannels.writeFully(out, batch);
        done = Math.addExact(done, direction.plaintextBytes(job.inLen, n));
        progress.update(done, total);
        pipeline.release(job.slot);
      }
    } catch (CompletionException e) {
      fail(e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause());
    } catch (InterruptedException e) {
      fail(e);
    } catch (IOException | RuntimeException | Error e) {
      fail(e);
    }
  }

  private void fail(@Nullable Throwable t) {
    if (failure == null) { // keep the first cause; a cancellation only follows it
      failure = t == null ? new IllegalStateException("Payload worker failed") : t;
    }
    pipeline.cancel();
  }

  /** Rethrows what stopped the writer, if anything; call after the writer thread ended. */
  void rethrowFailure() throws IOException {
    Throwable t = failure;
    switch (t) {
      case null -> {}
      case IOException e -> throw e;
      case RuntimeException e -> throw e;
      case Error e -> throw e;
      default -> throw new IOException("Payload pipeline failed", t);
    }
  }

  /** Plaintext bytes written; read after the writer thread ended. */
  long plaintextBytes() {
    return done;
  }
}
