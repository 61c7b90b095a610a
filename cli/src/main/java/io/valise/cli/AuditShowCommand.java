package io.valise.cli;

import io.valise.client.api.EnvelopeHistory;
import io.valise.client.api.LoggedEntry;
import io.valise.client.api.ValiseApi;
import io.valise.client.audit.AuditException;
import io.valise.client.audit.LogVerifier;
import io.valise.client.audit.VerifiedCheckpoint;
import io.valise.client.state.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/** {@code valise audit show ID}: an envelope's history, each entry proved in the log. */
final class AuditShowCommand implements Command {
  /** Fields that have their own column, or say nothing new. */
  private static final Set<String> SHOWN =
      Set.of("v", "type", "time", "actor", "actorName", "from", "via", "envelope");

  private final CliEnv env;
  private final Remote remote;

  AuditShowCommand(CliEnv env) {
    this.env = env;
    this.remote = new Remote(env);
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec =
        Specs.command(
            this,
            "show",
            "Show what happened to one envelope, from the audit log: upload, downloads (with the"
                + " byte range), shares, links, purge.",
            "",
            "Each entry is proved to be in the log under the latest checkpoint, which is"
                + " verified against the one stored here first. Open to the envelope's sender and"
                + " recipients (even after it was purged) and to administrators.");
    spec.addPositional(
        PositionalParamSpec.builder()
            .index("0")
            .arity("1")
            .required(true)
            .type(String.class)
            .paramLabel("ID")
            .description("The envelope id.")
            .build());
    Specs.footer(
        spec,
        "Examples:",
        "  valise audit show 3q2z7x5k4c...",
        "Columns: INDEX (in the log), TIME (UTC), TYPE, ACTOR (account name, or - for the"
            + " server), FROM (client address), DETAILS (the entry's other fields).");
    return spec;
  }

  @Override
  public int run(ParseResult parsed) throws IOException {
    String id = ValiseApi.segment(parsed.matchedPositionalValue(0, ""));
    Session s = remote.session();
    ValiseApi api = remote.api(s);
    LogVerifier log = remote.log(s.server(), api.audit());
    EnvelopeHistory h = api.audit().envelopeHistory(id);
    VerifiedCheckpoint c = log.refresh();
    if (h.entries().stream().anyMatch(e -> e.index() >= c.size())) {
      throw new AuditException(
          "the server's history of "
              + id
              + " has entries beyond its latest checkpoint ("
              + c.describe()
              + ")");
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"INDEX", "TIME", "TYPE", "ACTOR", "FROM", "DETAILS"});
    for (LoggedEntry e : h.entries()) {
      log.verifyInclusion(e, c, "the history of envelope " + id);
      Map<String, String> f = e.entry().fields();
      if (!id.equals(f.get("envelope"))) {
        throw new AuditException(
            "the history of envelope "
                + id
                + ": log entry "
                + e.index()
                + " is about another envelope");
      }
      List<String> details = new ArrayList<>();
      f.forEach(
          (k, v) -> {
            if (!SHOWN.contains(k)) {
              details.add(k + "=" + v);
            }
          });
      rows.add(
          new String[] {
            Long.toString(e.index()),
            f.getOrDefault("time", "?"),
            f.getOrDefault("type", "?"),
            f.getOrDefault("actorName", "-"),
            f.getOrDefault("from", "-"),
            String.join(" ", details)
          });
    }
    StringBuilder out = new StringBuilder();
    int[] width = new int[5];
    for (String[] r : rows) {
      for (int i = 0; i < 5; i++) {
        r[i] = safe(r[i]);
        width[i] = Math.max(width[i], r[i].length());
      }
      r[5] = safe(r[5]);
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < 5; i++) {
        line.append(r[i]).append(" ".repeat(width[i] - r[i].length() + 2));
      }
      out.append(line.append(r[5]).toString().stripTrailing()).append('\n');
    }
    env.stdout().write(out.toString().getBytes(StandardCharsets.UTF_8));
    env.stderr()
        .println(
            "valise: "
                + h.entries().size()
                + " entries, each proved in the log at "
                + c.describe());
    return 0;
  }

  /** Text from the server, made safe for a terminal. */
  static String safe(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            c ->
                b.appendCodePoint(
                    Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                        ? '?'
                        : c));
    return b.toString();
  }
}
