package io.valise.cli;

import io.valise.client.api.ValiseApi;
import io.valise.client.audit.AuditException;
import io.valise.client.audit.FullAudit;
import io.valise.client.audit.LogVerifier;
import io.valise.client.audit.VerifiedCheckpoint;
import io.valise.client.state.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code valise audit verify [--full]}: the server's latest checkpoint against the one stored here;
 * with {@code --full}, every entry recomputed into the checkpoint's root.
 */
final class AuditVerifyCommand implements Command {
  private final CliEnv env;
  private final Remote remote;

  AuditVerifyCommand(CliEnv env) {
    this.env = env;
    this.remote = new Remote(env);
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec =
        Specs.command(
            this,
            "verify",
            "Check that the server's audit log only grew since you last looked: its latest"
                + " checkpoint is signed by the pinned log key and extends the checkpoint stored"
                + " in $VALISE_HOME/checkpoints.json (which it then replaces).",
            "",
            "Prints the verified tree size and root. With --full (administrators) it downloads"
                + " every entry, recomputes every leaf hash and the root, and compares them with"
                + " the checkpoint; if they differ, it finds the first entry the server changed"
                + " by binary search with the server's consistency proofs, and reports entries"
                + " missing from or repeated in what the server served.",
            "",
            "Exit codes: 0 verified; 3 the log does not verify (a rollback, a fork, a bad proof,"
                + " a changed log key, or 'first bad entry: index I'); 1 other failures.");
    spec.addOption(
        Specs.flag(
            "Download every entry (needs an administrator) and recompute the whole tree.",
            "--full"));
    Specs.footer(
        spec,
        "Examples:",
        "  valise audit verify",
        "  valise audit verify --full     # as an administrator; progress on stderr",
        "  valise audit verify || alert 'the Valise log did not verify'");
    return spec;
  }

  @Override
  public int run(ParseResult parsed) throws IOException {
    Session s = remote.session();
    ValiseApi api = remote.api(s);
    LogVerifier log = remote.log(s.server(), api.audit());
    VerifiedCheckpoint c = log.refresh();
    if (Specs.isSet(parsed, "--full")) {
      full(log, c);
    }
    String line = "audit log of " + s.server() + " verified: " + c.describe() + "\n";
    env.stdout().write(line.getBytes(StandardCharsets.UTF_8));
    env.stdout().flush();
    return 0;
  }

  private void full(LogVerifier log, VerifiedCheckpoint c) throws IOException {
    FullAudit.Result r = full(env, log, c, true);
    if (r.ok()) {
      env.stderr()
          .println("valise: all " + c.size() + " entries recompute to the checkpoint's root");
      return;
    }
    for (String p : r.problems()) {
      env.stderr().println("valise: " + p);
    }
    var computed = r.computed();
    String why =
        computed == null
            ? "entries are missing"
            : "the entries recompute to root " + computed.hex() + ", not the checkpoint's";
    throw new AuditException(
        "the log's entries do not match its checkpoint ("
            + c.describe()
            + "): "
            + why
            + (r.firstBad().isPresent()
                ? "; first bad entry: index " + r.firstBad().getAsLong()
                : ""));
  }

  /** Downloads and recomputes the log below {@code c}, with progress on stderr. */
  static FullAudit.Result full(CliEnv env, LogVerifier log, VerifiedCheckpoint c, boolean search)
      throws IOException {
    long[] shown = {0};
    return FullAudit.run(
        log.source(),
        c,
        search,
        (done, total) -> {
          if (done == total || done - shown[0] >= 10_000) {
            shown[0] = done;
            env.stderr().println("valise: fetched " + done + " of " + total + " entries");
          }
        });
  }
}
