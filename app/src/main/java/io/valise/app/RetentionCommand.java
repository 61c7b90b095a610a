package io.valise.app;

import io.valise.cli.HelpOptions;
import io.valise.core.retention.AccountRetention;
import io.valise.core.retention.RetainedEnvelope;
import io.valise.core.retention.RetentionReport;
import io.valise.server.retention.RetentionJson;
import io.valise.server.wiring.LocalAdmin;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code valise admin retention [--data DIR] [--config FILE] [--json]}: what is stored, for whom,
 * until when, read from the database directly (safe while the server runs).
 */
final class RetentionCommand implements Callable<Integer> {
  private final Clock clock;
  private final PrintStream out;
  private @Nullable CommandSpec spec;

  private RetentionCommand(Clock clock, PrintStream out) {
    this.clock = clock;
    this.out = out;
  }

  static CommandSpec spec() {
    return spec(Clock.systemUTC(), System.out);
  }

  /** With a clock and an output of the caller's (tests). */
  static CommandSpec spec(Clock clock, PrintStream out) {
    RetentionCommand command = new RetentionCommand(clock, out);
    CommandSpec spec =
        HelpOptions.addTo(CommandSpec.wrapWithoutInspection(command).name("retention"));
    command.spec = spec;
    spec.usageMessage()
        .description(
            "Report what is stored, for whom, until when: every envelope (sender, recipients,"
                + " size, created, expires, downloads, live share links) and totals per account."
                + " Expired envelopes stay listed until the sweeper purges them.");
    spec.addOption(
        OptionSpec.builder("--json")
            .arity("0")
            .type(boolean.class)
            .description("Print the report as one JSON object.")
            .build());
    DataOptions.add(spec);
    return spec;
  }

  @Override
  public Integer call() throws Exception {
    CommandSpec s = DataOptions.required(spec, "admin retention");
    boolean json = Boolean.TRUE.equals(s.findOption("--json").getValue());
    RetentionReport report = LocalAdmin.retention(DataOptions.config(s), clock);
    if (json) {
      out.println(RetentionJson.of(report).toPrettyString());
    } else {
      text(report);
    }
    out.flush();
    return 0;
  }

  private void text(RetentionReport r) {
    out.printf(
        Locale.ROOT,
        "%d envelope(s), %s stored, at %s%n",
        r.envelopes().size(),
        bytes(r.totalBytes()),
        time(r.at()));
    if (r.envelopes().isEmpty()) {
      return;
    }
    out.println();
    String row = "%-26s  %-16s  %-24s  %10s  %-20s  %-20s  %9s  %5s%n";
    out.printf(
        Locale.ROOT,
        row,
        "ENVELOPE",
        "SENDER",
        "RECIPIENTS",
        "SIZE",
        "CREATED",
        "EXPIRES",
        "DOWNLOADS",
        "LINKS");
    for (RetainedEnvelope e : r.envelopes()) {
      Integer max = e.maxDownloads();
      out.printf(
          Locale.ROOT,
          row,
          e.id().text(),
          e.sender(),
          String.join(",", e.recipients()),
          bytes(e.size()),
          time(e.createdAt()),
          time(e.expiresAt()) + (e.expiresAt().isAfter(r.at()) ? "" : " (expired)"),
          e.downloads() + "/" + (max == null ? "-" : max.toString()),
          e.liveLinks());
    }
    out.println();
    String total = "%-16s  %5s  %10s  %8s  %14s  %-20s  %-20s%n";
    out.printf(
        Locale.ROOT,
        total,
        "ACCOUNT",
        "SENT",
        "SENT SIZE",
        "RECEIVED",
        "RECEIVED SIZE",
        "EARLIEST EXPIRY",
        "LATEST EXPIRY");
    for (AccountRetention a : r.accounts()) {
      out.printf(
          Locale.ROOT,
          total,
          a.account(),
          a.sent(),
          bytes(a.sentBytes()),
          a.received(),
          bytes(a.receivedBytes()),
          time(a.earliestExpiry()),
          time(a.latestExpiry()));
    }
  }

  private static String time(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** Bytes in binary units, exact below 1 KiB. */
  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
