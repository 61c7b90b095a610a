package io.valise.bench.aead;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Counts bytes processed and the benchmark thread's CPU time, so throughput can be stated per
 * CPU-second. On a shared machine wall-clock scores drop whenever another process takes the core;
 * {@code openssl speed} sidesteps that by dividing by its own CPU time, and so do we.
 *
 * <p>The CPU clock is read every {@value #EVERY} operations only (a read is a system call), and
 * bytes are credited only inside closed windows between two reads, so the ratio stays exact. JMH
 * reports the public fields as the secondary results {@code cpuNanos} and {@code bytes}.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuMeter {
  private static final int EVERY = 16;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** CPU time of this thread inside closed windows, in this iteration. */
  public long cpuNanos;

  /** Bytes processed inside the same windows. */
  public long bytes;

  private long windowStart = -1;
  private long windowBytes;
  private int calls;

  @Setup(Level.Iteration)
  public void reset() {
    cpuNanos = 0;
    bytes = 0;
    windowStart = -1;
    windowBytes = 0;
    calls = 0;
  }

  /** Records one operation over {@code length} bytes, just finished. */
  void done(int length) {
    windowBytes += length;
    if (++calls % EVERY != 0) {
      return;
    }
    long now = THREADS.getCurrentThreadCpuTime();
    if (windowStart >= 0) {
      cpuNanos += now - windowStart;
      bytes += windowBytes;
    }
    windowStart = now;
    windowBytes = 0;
  }
}
