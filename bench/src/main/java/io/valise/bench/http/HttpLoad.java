package io.valise.bench.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A small HTTP load generator, the same client for Valise and for the peer (nginx) so that a ratio
 * compares servers, not clients. Runs as a single source file ({@code java HttpLoad.java ...}),
 * needing nothing but the JDK.
 *
 * <pre>
 * send METHOD URL SECONDS CLIENTS FILE [Name:Value...]
 *     CLIENTS workers each send FILE in a loop for SECONDS; "{n}" in URL becomes a counter.
 *     A header value "v0|v1|..." gives worker c the value v(c mod count): one account each.
 *     Prints: requests, errors, requests/s, median and 99th percentile latency.
 * burst URL COUNT [Name:Value...]
 *     COUNT GETs started at once, each on its own connection; bodies are read and counted.
 *     Prints: completed, errors (with the first few causes), bytes, seconds.
 * </pre>
 *
 * A response other than 2xx counts as an error. Exit status 1 if any request failed.
 */
public final class HttpLoad {
  private static final Pattern BAR = Pattern.compile("\\|");

  private HttpLoad() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      usage();
      return;
    }
    int failed =
        switch (args[0]) {
          case "send" -> send(args);
          case "burst" -> burst(args);
          default -> {
            usage();
            yield 2;
          }
        };
    System.exit(failed == 0 ? 0 : 1);
  }

  private static void usage() {
    System.err.println(
        "usage: HttpLoad send METHOD URL SECONDS CLIENTS FILE [Name:Value...]\n"
            + "       HttpLoad burst URL COUNT [Name:Value...]");
    System.exit(2);
  }

  private static int send(String[] args) throws Exception {
    String method = args[1];
    String url = args[2];
    long seconds = Long.parseLong(args[3]);
    int clients = Integer.parseInt(args[4]);
    byte[] body = Files.readAllBytes(Path.of(args[5]));
    List<String> headers = Arrays.asList(args).subList(6, args.length);
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    AtomicLong counter = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    ConcurrentLinkedQueue<String> causes = new ConcurrentLinkedQueue<>();
    List<long[]> latencies = new ArrayList<>();
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    long start = System.nanoTime();
    List<Future<?>> running = new ArrayList<>();
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < clients; c++) {
        long[] mine = new long[1 << 20];
        latencies.add(mine);
        List<String> own = perClient(headers, c);
        running.add(
            workers.submit(
                () -> {
                  int done = 0;
                  while (System.nanoTime() < deadline) {
                    long n = counter.incrementAndGet();
                    HttpRequest.Builder b =
                        HttpRequest.newBuilder(URI.create(url.replace("{n}", Long.toString(n))))
                            .timeout(Duration.ofSeconds(60))
                            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
                    addHeaders(b, own);
                    long t0 = System.nanoTime();
                    try {
                      HttpResponse<Void> r =
                          http.send(b.build(), HttpResponse.BodyHandlers.discarding());
                      if (r.statusCode() / 100 != 2) {
                        note(errors, causes, "HTTP " + r.statusCode());
                        continue;
                      }
                    } catch (IOException e) {
                      note(errors, causes, e.toString());
                      continue;
                    }
                    if (done < mine.length - 1) {
                      mine[done++] = System.nanoTime() - t0;
                    }
                  }
                  mine[mine.length - 1] = done;
                  return null;
                }));
      }
    }
    for (Future<?> f : running) {
      f.get(); // a worker that died of something other than a failed request stops the run
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long[] all = merge(latencies);
    Arrays.sort(all);
    long ok = all.length;
    System.out.printf(
        Locale.ROOT,
        "requests %d errors %d seconds %.2f per_second %.1f p50_ms %.2f p99_ms %.2f%n",
        ok,
        errors.get(),
        elapsed,
        ok / elapsed,
        percentile(all, 0.50) / 1e6,
        percentile(all, 0.99) / 1e6);
    causes.forEach(c -> System.err.println("error: " + c));
    return (int) Math.min(errors.get(), 1);
  }

  private static int burst(String[] args) throws Exception {
    String url = args[1];
    int count = Integer.parseInt(args[2]);
    List<String> headers = Arrays.asList(args).subList(3, args.length);
    AtomicLong completed = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    ConcurrentLinkedQueue<String> causes = new ConcurrentLinkedQueue<>();
    CountDownLatch ready = new CountDownLatch(count);
    CountDownLatch go = new CountDownLatch(1);
    List<HttpClient> clients = new ArrayList<>();
    long start;
    List<Future<?>> running = new ArrayList<>();
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < count; i++) {
        // One client each: its own connection, so COUNT downloads are really in flight at once.
        HttpClient http =
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(60))
                .build();
        clients.add(http);
        running.add(
            workers.submit(
                () -> {
                  HttpRequest.Builder b =
                      HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).GET();
                  addHeaders(b, headers);
                  ready.countDown();
                  go.await();
                  try {
                    HttpResponse<InputStream> r =
                        http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
                    try (InputStream in = r.body()) {
                      long n = in.transferTo(java.io.OutputStream.nullOutputStream());
                      if (r.statusCode() / 100 != 2) {
                        note(errors, causes, "HTTP " + r.statusCode());
                      } else {
                        bytes.addAndGet(n);
                        completed.incrementAndGet();
                      }
                    }
                  } catch (IOException e) {
                    note(errors, causes, e.toString());
                  }
                  return null;
                }));
      }
      ready.await();
      start = System.nanoTime();
      go.countDown();
    }
    for (Future<?> f : running) {
      f.get();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    clients.forEach(HttpClient::close);
    System.out.printf(
        Locale.ROOT,
        "completed %d errors %d bytes %d seconds %.2f%n",
        completed.get(),
        errors.get(),
        bytes.get(),
        elapsed);
    causes.forEach(c -> System.err.println("error: " + c));
    return (int) Math.min(errors.get(), 1);
  }

  /** The headers of worker {@code c}: each "v0|v1|..." value cut to its {@code c mod n}th part. */
  private static List<String> perClient(List<String> headers, int c) {
    List<String> out = new ArrayList<>();
    for (String h : headers) {
      int colon = h.indexOf(':');
      String[] values = BAR.split(h.substring(colon + 1), -1);
      out.add(h.substring(0, colon + 1) + values[c % values.length]);
    }
    return out;
  }

  private static void addHeaders(HttpRequest.Builder b, List<String> headers) {
    for (String h : headers) {
      int colon = h.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("header [" + h + "] is not Name:Value");
      }
      b.header(h.substring(0, colon), h.substring(colon + 1).strip());
    }
  }

  private static void note(AtomicLong errors, ConcurrentLinkedQueue<String> causes, String cause) {
    if (errors.incrementAndGet() <= 5) {
      causes.add(cause);
    }
  }

  private static long[] merge(List<long[]> perClient) {
    int total = 0;
    for (long[] a : perClient) {
      total += (int) a[a.length - 1];
    }
    long[] all = new long[total];
    int at = 0;
    for (long[] a : perClient) {
      int n = (int) a[a.length - 1];
      System.arraycopy(a, 0, all, at, n);
      at += n;
    }
    return all;
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
  }
}
