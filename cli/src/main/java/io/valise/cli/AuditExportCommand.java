package io.valise.cli;

import io.valise.client.api.LogEntry;
import io.valise.client.api.ValiseApi;
import io.valise.client.audit.AuditException;
import io.valise.client.audit.FullAudit;
import io.valise.client.audit.LogVerifier;
import io.valise.client.audit.VerifiedCheckpoint;
import io.valise.client.state.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code valise audit export}: every entry of the log, verified against the checkpoint, as JSON
 * lines or CSV.
 */
final class AuditExportCommand implements Command {
  /** The CSV's first columns, in this order; the other keys follow alphabetically. */
  static final List<String> FIRST_COLUMNS =
      List.of("index", "time", "type", "actor", "actorName", "from", "via", "v");

  private final CliEnv env;
  private final Remote remote;

  AuditExportCommand(CliEnv env) {
    this.env = env;
    this.remote = new Remote(env);
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec =
        Specs.command(
            this,
            "export",
            "Export the audit log (administrators): every entry, after checking that all of"
                + " them recompute to the latest verified checkpoint's root.",
            "",
            "jsonl (default): one line per entry, the entry's JSON exactly as logged with"
                + " \"index\" added first. csv: a header line, then one row per entry; columns"
                + " index, time, type, actor, actorName, from, via, v, then every other key of"
                + " the exported entries in alphabetical order (empty where an entry lacks it)."
                + " Cells starting with = + - @ get a leading ' so spreadsheets do not run"
                + " them.");
    spec.addOption(
        Specs.single(
            "TIME",
            "Only entries at or after TIME (ISO-8601 UTC, e.g. 2026-11-25T00:00:00Z). All"
                + " entries are still downloaded and verified.",
            "--since"));
    spec.addOption(Specs.single("FORMAT", "jsonl or csv.", "--format"));
    spec.addOption(
        Specs.single("FILE", "Write to FILE (mode 0600, never replaced) instead of stdout.", "-o"));
    Specs.footer(
        spec,
        "Examples:",
        "  valise audit export -o audit.jsonl",
        "  valise audit export --since 2026-11-01T00:00:00Z --format csv -o november.csv");
    return spec;
  }

  @Override
  public int run(ParseResult parsed) throws IOException {
    String format = Specs.value(parsed, "--format");
    if (format == null) {
      format = "jsonl";
    }
    if (!format.equals("jsonl") && !format.equals("csv")) {
      throw new UsageException("--format is jsonl or csv, not " + format);
    }
    @Nullable Instant since = null;
    String sinceText = Specs.value(parsed, "--since");
    if (sinceText != null) {
      try {
        since = Instant.parse(sinceText);
      } catch (DateTimeParseException e) {
        throw new UsageException("--since needs an ISO-8601 UTC time, e.g. 2026-11-25T00:00:00Z");
      }
    }
    Session s = remote.session();
    ValiseApi api = remote.api(s);
    LogVerifier log = remote.log(s.server(), api.audit());
    VerifiedCheckpoint c = log.refresh();
    FullAudit.Result r = AuditVerifyCommand.full(env, log, c, false);
    if (!r.ok()) {
      throw new AuditException(
          "the log's entries do not match its checkpoint ("
              + c.describe()
              + "); nothing exported: run 'valise audit verify --full' to find the first bad"
              + " entry");
    }
    List<Long> indexes = new ArrayList<>();
    List<Map<String, String>> rows = new ArrayList<>();
    List<LogEntry> kept = new ArrayList<>();
    for (int i = 0; i < r.entries().size(); i++) {
      LogEntry e = r.entries().get(i);
      Map<String, String> f = e.fields();
      if (since != null && !atOrAfter(f.get("time"), since)) {
        continue;
      }
      indexes.add((long) i);
      rows.add(f);
      kept.add(e);
    }
    try (Output out = Output.open(Specs.value(parsed, "-o"), env, Output.Existing.REFUSE)) {
      OutputStream o = out.stream();
      if (format.equals("jsonl")) {
        for (int i = 0; i < kept.size(); i++) {
          o.write(jsonLine(indexes.get(i), kept.get(i)).getBytes(StandardCharsets.UTF_8));
        }
      } else {
        List<String> columns = columns(rows);
        o.write(csvLine(columns).getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < rows.size(); i++) {
          List<String> cells = new ArrayList<>();
          for (String col : columns) {
            cells.add(
                col.equals("index")
                    ? Long.toString(indexes.get(i))
                    : rows.get(i).getOrDefault(col, ""));
          }
          o.write(csvLine(cells).getBytes(StandardCharsets.UTF_8));
        }
      }
      o.flush();
      out.commit();
    }
    env.stderr()
        .println("valise: exported " + kept.size() + " entries, verified at " + c.describe());
    return 0;
  }

  private static boolean atOrAfter(@Nullable String time, Instant since) {
    if (time == null) {
      return false;
    }
    try {
      return !Instant.parse(time).isBefore(since);
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** The entry's JSON with {@code "index"} added first; the rest is exactly as logged. */
  static String jsonLine(long index, LogEntry e) {
    String text = e.text().strip();
    String rest = text.substring(1);
    return "{\"index\":" + index + (rest.equals("}") ? "" : ",") + rest + "\n";
  }

  /** {@link #FIRST_COLUMNS}, then every other key in alphabetical order. */
  static List<String> columns(List<Map<String, String>> rows) {
    Set<String> others = new TreeSet<>();
    for (Map<String, String> r : rows) {
      others.addAll(r.keySet());
    }
    Set<String> all = new LinkedHashSet<>(FIRST_COLUMNS);
    all.addAll(others);
    return new ArrayList<>(all);
  }

  /** One RFC 4180 line: cells quoted when needed, formula-like cells defused. */
  static String csvLine(List<String> cells) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      String c = cells.get(i);
      if (!c.isEmpty() && "=+-@".indexOf(c.charAt(0)) >= 0) {
        c = "'" + c;
      }
      if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
        c = "\"" + c.replace("\"", "\"\"") + "\"";
      }
      b.append(c);
    }
    return b.append("\r\n").toString();
  }
}
