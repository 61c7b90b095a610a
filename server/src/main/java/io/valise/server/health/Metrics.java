package io.valise.server.health;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Hand-rolled counters, written in the Prometheus text exposition format (version 0.0.4). */
public final class Metrics {
  private final ConcurrentHashMap<Integer, LongAdder> requests = new ConcurrentHashMap<>();
  private final LongAdder uploads = new LongAdder();
  private final LongAdder uploadRefused = new LongAdder();
  private final LongAdder downloads = new LongAdder();
  private final LongAdder loginFailures = new LongAdder();
  private final LongAdder purged = new LongAdder();

  /** Counts a response by status. */
  public void request(int status) {
    requests.computeIfAbsent(status, s -> new LongAdder()).increment();
  }

  public void upload() {
    uploads.increment();
  }

  public void uploadRefused() {
    uploadRefused.increment();
  }

  public void download() {
    downloads.increment();
  }

  public void loginFailure() {
    loginFailures.increment();
  }

  public void purged(int n) {
    purged.add(n);
  }

  /** The exposition text. */
  public String render() {
    StringBuilder b = new StringBuilder();
    b.append("# HELP valise_http_responses_total HTTP responses by status.\n");
    b.append("# TYPE valise_http_responses_total counter\n");
    Map<Integer, LongAdder> sorted = new TreeMap<>(requests);
    sorted.forEach(
        (s, n) ->
            b.append("valise_http_responses_total{status=\"")
                .append(s)
                .append("\"} ")
                .append(n.sum())
                .append('\n'));
    counter(b, "valise_envelopes_uploaded_total", "Envelopes stored.", uploads.sum());
    counter(b, "valise_uploads_refused_total", "Uploads refused.", uploadRefused.sum());
    counter(b, "valise_downloads_total", "Downloads started.", downloads.sum());
    counter(b, "valise_login_failures_total", "Failed logins.", loginFailures.sum());
    counter(b, "valise_envelopes_purged_total", "Envelopes purged.", purged.sum());
    return b.toString();
  }

  private static void counter(StringBuilder b, String name, String help, long value) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n');
    b.append("# TYPE ").append(name).append(" counter\n");
    b.append(name).append(' ').append(value).append('\n');
  }
}
