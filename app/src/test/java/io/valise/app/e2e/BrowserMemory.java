package io.valise.app.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the memory of a Chromium's processes (from /proc) at a fixed period, and their CPU time.
 *
 * <p>The page's memory is taken as Chrome's own task manager counts a tab: its <em>private memory
 * footprint</em>, the anonymous and shared-memory pages it has resident plus its swap ({@code
 * RssAnon + RssShmem + VmSwap}), summed over every renderer process: the page's, the service
 * worker's (which fetches and decrypts a download) and any idle spare one, so it errs high. The
 * resident set ({@code VmRSS}) is kept too; it also counts the browser's code mapped from disk,
 * about 100 MiB in every process, which is shared between them and not the page's doing.
 */
final class BrowserMemory implements AutoCloseable {
  private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

  /** What one sample found, in bytes. */
  record Peaks(long rendererPrivate, long rendererRss, long allRss, String atPeak) {}

  private final ProcessHandle browser;
  private final ScheduledExecutorService timer;
  private final ScheduledFuture<?> task;
  private final Map<Long, Long> cpuAtStart = new HashMap<>();
  private volatile Peaks peaks = new Peaks(0, 0, 0, "");
  private final AtomicLong samples = new AtomicLong();

  private BrowserMemory(ProcessHandle browser, Duration period) {
    this.browser = browser;
    for (ProcessHandle p : tree()) {
      cpuAtStart.put(p.pid(), cpuTicks(p));
    }
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("browser-memory").unstarted(r));
    task = timer.scheduleAtFixedRate(this::sample, 0, period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Starts sampling {@code browser} and its descendants every {@code period}. */
  static BrowserMemory watch(ProcessHandle browser, Duration period) {
    return new BrowserMemory(browser, period);
  }

  private void sample() {
    long rendererPrivate = 0;
    long rendererRss = 0;
    long allRss = status(browser).getOrDefault("VmRSS", 0L);
    StringBuilder renderers = new StringBuilder();
    for (ProcessHandle p : browser.descendants().toList()) {
      Map<String, Long> s = status(p);
      long rss = s.getOrDefault("VmRSS", 0L);
      allRss += rss;
      if (type(p).equals("renderer")) {
        long own =
            s.getOrDefault("RssAnon", 0L)
                + s.getOrDefault("RssShmem", 0L)
                + s.getOrDefault("VmSwap", 0L);
        rendererPrivate += own;
        rendererRss += rss;
        renderers.append(renderers.isEmpty() ? "" : ", ").append(own >> 20).append(" MiB");
      }
    }
    Peaks before = peaks;
    peaks =
        new Peaks(
            Math.max(before.rendererPrivate(), rendererPrivate),
            Math.max(before.rendererRss(), rendererRss),
            Math.max(before.allRss(), allRss),
            rendererPrivate > before.rendererPrivate() ? renderers.toString() : before.atPeak());
    samples.incrementAndGet();
  }

  /**
   * The process's Chromium type ({@code renderer}, {@code utility}, {@code zygote}...). Processes
   * forked from the zygote rewrite their command line as one string, so it is searched as text.
   */
  static String type(ProcessHandle p) {
    String cmd = String.join(" ", Chromium.commandLine(p));
    int at = cmd.indexOf("--type=");
    if (at < 0) {
      return "browser";
    }
    int end = cmd.indexOf(' ', at);
    return cmd.substring(at + "--type=".length(), end < 0 ? cmd.length() : end);
  }

  /** The {@code kB} fields of /proc/PID/status, in bytes; empty once the process is gone. */
  private static Map<String, Long> status(ProcessHandle p) {
    Map<String, Long> out = new HashMap<>();
    try {
      for (String line :
          Files.readAllLines(
              Path.of("/proc", Long.toString(p.pid()), "status"), StandardCharsets.UTF_8)) {
        if (line.endsWith(" kB")) {
          int colon = line.indexOf(':');
          String n = line.substring(colon + 1, line.length() - 3).strip();
          out.put(line.substring(0, colon), Long.parseLong(n) * 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // the process ended between listing and reading
    }
    return out;
  }

  /** User and system CPU time of {@code p} in clock ticks (fields 14 and 15 of its stat). */
  private static long cpuTicks(ProcessHandle p) {
    try {
      String stat =
          Files.readString(
              Path.of("/proc", Long.toString(p.pid()), "stat"), StandardCharsets.UTF_8);
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private List<ProcessHandle> tree() {
    List<ProcessHandle> all = new ArrayList<>(browser.descendants().toList());
    all.add(browser);
    return all;
  }

  /** CPU seconds each process type used since sampling started, for the report. */
  String cpuByType() {
    Map<String, Long> ticks = new TreeMap<>();
    for (ProcessHandle p : tree()) {
      long used = cpuTicks(p) - cpuAtStart.getOrDefault(p.pid(), 0L);
      ticks.merge(type(p), used, Long::sum);
    }
    StringBuilder b = new StringBuilder();
    ticks.forEach(
        (type, t) ->
            b.append(b.isEmpty() ? "" : ", ")
                .append(type)
                .append(' ')
                .append(String.format(Locale.ROOT, "%.1f s", (double) t / TICKS_PER_SECOND)));
    return b.toString();
  }

  Peaks peaks() {
    return peaks;
  }

  long samples() {
    return samples.get();
  }

  /** Stops sampling; the peaks stay readable. */
  void stop() {
    task.cancel(false);
    timer.shutdown();
    try {
      task.get();
    } catch (CancellationException e) {
      // stopped as asked
    } catch (ExecutionException e) {
      throw new IllegalStateException("the memory sampler failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    try {
      if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the memory sampler did not stop");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
