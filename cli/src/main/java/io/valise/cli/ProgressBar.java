package io.valise.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * A one-line progress report on stderr for long runs: bytes read so far, a bar and percentage when
 * the input size is known, and the rate. It counts input bytes, so the percentage is exact for both
 * encryption and decryption. Redrawn at most every {@link #REDRAW_NANOS}; safe to update from the
 * library's reader thread.
 */
final class ProgressBar {
  /** Inputs up to this size finish too quickly to need a report. */
  static final long THRESHOLD = 1L << 20;

  static final long REDRAW_NANOS = 200_000_000L;
  private static final int BAR = 24;
  private static final ProgressBar NONE =
      new ProgressBar(
          new PrintStream(java.io.OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8),
          OptionalLong.empty(),
          () -> 0L);

  private final PrintStream err;
  private final OptionalLong total;
  private final LongSupplier nanos;
  private final long start;
  private long lastDraw;
  private boolean drawn;

  private ProgressBar(PrintStream err, OptionalLong total, LongSupplier nanos) {
    this.err = err;
    this.total = total;
    this.nanos = nanos;
    this.start = nanos.getAsLong();
    this.lastDraw = start - REDRAW_NANOS;
  }

  /**
   * A report for an input of {@code size} bytes (empty if unknown), shown only when stderr is a
   * terminal that nothing else is drawing on (stdout is not that same terminal) and the input is
   * larger than {@link #THRESHOLD}.
   */
  static ProgressBar of(CliEnv env, OptionalLong size, boolean stdoutUsed) {
    Terminal t = env.terminal();
    boolean wanted =
        t.isTerminal(Terminal.Stream.STDERR)
            && !(stdoutUsed && t.isTerminal(Terminal.Stream.STDOUT))
            && (size.isEmpty() || size.getAsLong() > THRESHOLD);
    return wanted ? new ProgressBar(env.stderr(), size, System::nanoTime) : NONE;
  }

  /** A report drawn on {@code err} with the given time source; for tests. */
  static ProgressBar drawingOn(PrintStream err, OptionalLong size, LongSupplier nanos) {
    return new ProgressBar(err, size, nanos);
  }

  /** Wraps {@code in} so that every read updates this report. */
  InputStream count(InputStream in) {
    return this == NONE ? in : new Counting(in, this);
  }

  /** Wraps {@code in} so that every read updates this report. */
  ReadableByteChannel count(ReadableByteChannel in) {
    return this == NONE ? in : new CountingChannel(in, this);
  }

  synchronized void update(long bytes) {
    long now = nanos.getAsLong();
    if (bytes <= THRESHOLD || now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    drawn = true;
    err.print("\r" + line(bytes, total, now - start) + "\u001b[K");
    err.flush();
  }

  /** Erases the report, so that what comes next on stderr starts on a clean line. */
  synchronized void finish() {
    if (drawn) {
      err.print("\r\u001b[K");
      err.flush();
      drawn = false;
    }
  }

  static String line(long bytes, OptionalLong total, long elapsedNanos) {
    StringBuilder b = new StringBuilder("valise: ");
    if (total.isPresent() && total.getAsLong() > 0) {
      long all = total.getAsLong();
      int filled = (int) Math.min(BAR, bytes * BAR / all);
      b.append('[').append("#".repeat(filled)).append("-".repeat(BAR - filled)).append("] ");
      b.append(String.format(Locale.ROOT, "%3d%%  ", Math.min(100, bytes * 100 / all)));
      b.append(size(bytes)).append(" / ").append(size(all));
    } else {
      b.append(size(bytes));
    }
    double seconds = Math.max(elapsedNanos, 1) / 1e9;
    return b.append("  ").append(size((long) (bytes / seconds))).append("/s").toString();
  }

  static String size(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  private static final class Counting extends FilterInputStream {
    private final ProgressBar progress;
    private long count;

    Counting(InputStream in, ProgressBar progress) {
      super(in);
      this.progress = progress;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        progress.update(++count);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = in.read(buf, off, len);
      if (n > 0) {
        count += n;
        progress.update(count);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = in.skip(n);
      count += skipped;
      return skipped;
    }
  }

  private static final class CountingChannel implements ReadableByteChannel {
    private final ReadableByteChannel in;
    private final ProgressBar progress;
    private long count;

    CountingChannel(ReadableByteChannel in, ProgressBar progress) {
      this.in = in;
      this.progress = progress;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      int n = in.read(dst);
      if (n > 0) {
        count += n;
        progress.update(count);
      }
      return n;
    }

    @Override
    public boolean isOpen() {
      return in.isOpen();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
