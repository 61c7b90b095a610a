package io.valise.age.stream;

import static io.valise.age.stream.Fixtures.CHUNK;
import static io.valise.age.stream.Fixtures.NONCE;
import static io.valise.age.stream.Fixtures.SEALED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.age.PayloadException;
import io.valise.age.aead.AeadBackend;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Failure behaviour of the parallel pipeline: order, containment, propagation, clean shutdown. */
class PipelineTest {
  private static final byte[] PLAIN = Fixtures.plaintext(10 * CHUNK + 5);
  private static final byte[] PAYLOAD = Fixtures.payload(PLAIN);

  @AfterEach
  void noPipelineThreadOutlivesItsCall() throws InterruptedException {
    for (int i = 0; i < 100 && pipelineThreadsAlive(); i++) {
      Thread.sleep(20); // pool threads finish exiting just after awaitTermination returns
    }
    assertTrue(!pipelineThreadsAlive(), "a valise-payload thread is still alive");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.valise.age.stream.Backends#named")
  void decryptionStopsAtTheFirstBadChunkAndWritesNothingOfIt(AeadBackend backend) {
    byte[] bad =
        Fixtures.flip(Fixtures.flip(PAYLOAD, NONCE + 3 * SEALED + 9, 0), NONCE + 7 * SEALED, 3);
    for (int batch = 1; batch <= 3; batch++) {
      for (int round = 0; round < 10; round++) {
        var sink = new ByteArrayOutputStream();
        var config = new Pipeline.Config(2, batch, 4);
        var e =
            assertThrows(
                PayloadException.class,
                () ->
                    Payload.decrypt(
                        new ByteArrayInputStream(bad),
                        sink,
                        Fixtures.fileKey(),
                        backend,
                        Progress.NONE,
                        config));
        assertTrue(String.valueOf(e.getMessage()).contains("Chunk [3]"), e.getMessage());
        byte[] written = sink.toByteArray();
        assertTrue(written.length <= 3 * CHUNK, "wrote " + written.length + " bytes");
        assertArrayEquals(Arrays.copyOf(PLAIN, written.length), written);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.valise.age.stream.Backends#named")
  void readFailuresPropagateAfterEarlierBatches(AeadBackend backend) {
    var boom = new IOException("disk gone");
    for (Direction direction : Direction.values()) {
      byte[] input = direction == Direction.ENCRYPT ? PLAIN : PAYLOAD;
      InputStream failing = new FailingInput(input, 4 * SEALED + 100, boom);
      var sink = new ByteArrayOutputStream();
      var e =
          assertThrows(
              IOException.class, () -> run(direction, failing, sink, backend, Progress.NONE));
      assertSame(boom, e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.valise.age.stream.Backends#named")
  void writeFailuresPropagate(AeadBackend backend) {
    var boom = new IOException("disk full");
    for (Direction direction : Direction.values()) {
      byte[] input = direction == Direction.ENCRYPT ? PLAIN : PAYLOAD;
      var sink = new FailingOutput(3 * SEALED, boom);
      var e =
          assertThrows(
              IOException.class,
              () -> run(direction, new ByteArrayInputStream(input), sink, backend, Progress.NONE));
      assertSame(boom, e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.valise.age.stream.Backends#named")
  void progressFailuresAbort(AeadBackend backend) {
    var boom = new IllegalStateException("progress bar broke");
    Progress failing =
        (done, total) -> {
          if (done > 2 * CHUNK) {
            throw boom;
          }
        };
    var e =
        assertThrows(
            IllegalStateException.class,
            () ->
                run(
                    Direction.ENCRYPT,
                    new ByteArrayInputStream(PLAIN),
                    OutputStream.nullOutputStream(),
                    backend,
                    failing));
    assertSame(boom, e);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.valise.age.stream.Backends#named")
  void interruptingTheCallerStopsThePipeline(AeadBackend backend) {
    InputStream interrupting =
        new FilterInputStream(new ByteArrayInputStream(PLAIN)) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            Thread.currentThread().interrupt();
            return super.read(b, off, len);
          }
        };
    assertEncryptionInterrupted(interrupting, OutputStream.nullOutputStream(), backend);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.valise.age.stream.Backends#named")
  void interruptWhileTheWriterDrainsNeverLooksLikeSuccess(AeadBackend backend) {
    // All input fits in the buffers, so the caller reads it at once and waits for the writer,
    // which a slow sink holds up; the caller is interrupted during that wait. A truncated output
    // must not then be reported as done.
    var writing = new CountDownLatch(1);
    var slow =
        new FilterOutputStream(OutputStream.nullOutputStream()) {
          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            if (len > NONCE) { // the nonce goes out at once, on the caller's thread
              writing.countDown();
              try {
                Thread.sleep(20);
              } catch (InterruptedException e) {
                throw new InterruptedIOException();
              }
            }
          }
        };
    Thread caller = Thread.currentThread();
    Thread interrupter =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    writing.await();
                    Thread.sleep(30);
                  } catch (InterruptedException e) {
                    return;
                  }
                  caller.interrupt();
                });
    try {
      assertThrows(
          InterruptedIOException.class,
          () ->
              Payload.encrypt(
                  new ByteArrayInputStream(PLAIN),
                  slow,
                  Fixtures.fileKey(),
                  new SecureRandom(),
                  backend,
                  Progress.NONE,
                  new Pipeline.Config(2, 1, 16)));
    } finally {
      joinKeepingInterrupt(interrupter);
      Thread.interrupted(); // whichever way the interrupt landed, later tests start clean
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.valise.age.stream.Backends#named")
  void anInterruptAfterTheLastWriteStillFailsTheRun(AeadBackend backend) {
    // The writer interrupts the caller as it writes the payload's last byte: by then the caller
    // has read everything and waits for the writer, or is about to. Everything gets written, but
    // the run must not report success just because the writer was done when the interrupt was seen.
    Thread caller = Thread.currentThread();
    var interrupting =
        new FilterOutputStream(OutputStream.nullOutputStream()) {
          private long written; // the nonce, on the caller's thread, then every chunk

          @Override
          public void write(byte[] b, int off, int len) {
            written += len;
            if (written == PAYLOAD.length) {
              caller.interrupt();
            }
          }
        };
    assertEncryptionInterrupted(new ByteArrayInputStream(PLAIN), interrupting, backend);
  }

  /**
   * Encrypting {@code in} to {@code out}, which interrupt the caller, throws {@link
   * InterruptedIOException} and keeps the interrupt status; later tests start with it clear.
   */
  private static void assertEncryptionInterrupted(
      InputStream in, OutputStream out, AeadBackend backend) {
    try {
      assertThrows(
          InterruptedIOException.class,
          () -> run(Direction.ENCRYPT, in, out, backend, Progress.NONE));
      assertTrue(Thread.currentThread().isInterrupted(), "interrupt status kept");
    } finally {
      Thread.interrupted();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.valise.age.stream.Backends#named")
  void progressIsMonotonicAndEndsAtTheTotal(AeadBackend backend) throws IOException {
    for (Direction direction : Direction.values()) {
      byte[] input = direction == Direction.ENCRYPT ? PLAIN : PAYLOAD;
      var seen = new long[] {-1, 0};
      Progress check =
          (done, total) -> {
            assertTrue(done >= seen[0], "progress went back");
            assertTrue(total == Progress.UNKNOWN || total == PLAIN.length, "total " + total);
            seen[0] = done;
            seen[1] = total;
          };
      long n =
          run(
              direction,
              new ByteArrayInputStream(input),
              OutputStream.nullOutputStream(),
              backend,
              check);
      assertEquals(PLAIN.length, n);
      assertEquals(PLAIN.length, seen[0]);
      assertEquals(PLAIN.length, seen[1]);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.valise.age.stream.Backends#named")
  void totalIsKnownUpFrontForAFileInputStream(AeadBackend backend, @TempDir Path dir)
      throws IOException {
    for (Direction direction : Direction.values()) {
      Path file = dir.resolve(direction.name());
      byte[] input = direction == Direction.ENCRYPT ? PLAIN : PAYLOAD;
      Files.write(file, Reference.concat(new byte[] {1, 2, 3}, input));
      List<Long> totals = new ArrayList<>();
      try (var in = new FileInputStream(file.toFile())) {
        assertEquals(3, in.skip(3)); // the total counts from the stream's position, not 0
        run(direction, in, OutputStream.nullOutputStream(), backend, (d, t) -> totals.add(t));
      }
      assertTrue(totals.size() > 5);
      assertTrue(totals.stream().allMatch(t -> t == PLAIN.length), totals::toString);
    }
  }

  private static long run(
      Direction direction, InputStream in, OutputStream out, AeadBackend backend, Progress progress)
      throws IOException {
    var config = new Pipeline.Config(2, 1, 3);
    return direction == Direction.ENCRYPT
        ? Payload.encrypt(
            in, out, Fixtures.fileKey(), new SecureRandom(), backend, progress, config)
        : Payload.decrypt(in, out, Fixtures.fileKey(), backend, progress, config);
  }

  private static void joinKeepingInterrupt(Thread thread) {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  static boolean pipelineThreadsAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.isAlive() && t.getName().startsWith("valise-payload"));
  }

  /** Serves {@code data} up to {@code failAt}, then throws {@code failure}. */
  private static final class FailingInput extends InputStream {
    private final byte[] data;
    private final int failAt;
    private final IOException failure;
    private int pos;

    FailingInput(byte[] data, int failAt, IOException failure) {
      this.data = data;
      this.failAt = failAt;
      this.failure = failure;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (pos >= failAt) {
        throw failure;
      }
      int n = Math.min(len, Math.min(failAt, data.length) - pos);
      System.arraycopy(data, pos, b, off, n);
      pos += n;
      return n;
    }
  }

  /** Accepts {@code limit} bytes, then throws {@code failure}. */
  private static final class FailingOutput extends FilterOutputStream {
    private final int limit;
    private final IOException failure;
    private int written;

    FailingOutput(int limit, IOException failure) {
      super(OutputStream.nullOutputStream());
      this.limit = limit;
      this.failure = failure;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (written + len > limit) {
        throw failure;
      }
      written += len;
    }
  }
}
