package io.valise.cli;

import io.valise.client.state.ClientHome;
import io.valise.client.witness.Round;
import io.valise.client.witness.StateDir;
import io.valise.client.witness.Witness;
import io.valise.client.witness.WitnessHttp;
import io.valise.client.witness.WitnessKey;
import io.valise.tlog.note.CosignatureVerifier;
import io.valise.tlog.note.Cosigner;
import io.valise.tlog.note.NoteException;
import io.valise.tlog.note.NoteSigner;
import io.valise.tlog.note.NoteVerifier;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code valise witness}: an independent witness of a Valise server's audit log. It runs apart from
 * the server (another machine, another operator), checks that every checkpoint the log publishes
 * extends the last one it cosigned, and only then sends the log its cosignature. With {@code
 * keygen}, it makes the witness's key.
 *
 * <p>Exit codes with {@code --once}: 0 cosigned or up to date, 1 the round failed (log unreachable,
 * bad signature...; nothing is known against the log), {@value #ALARM} the log contradicted what
 * this witness cosigned.
 */
final class WitnessCommand implements Command {
  /** Exit code of a round that found the log inconsistent. */
  static final int ALARM = 3;

  private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
  private static final Pattern INTERVAL = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");
  private static final String PREFIX = Main.NAME + " witness: ";

  private final CliEnv env;

  WitnessCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec =
        Specs.command(
            this,
            "witness",
            "Watch a Valise audit log as an independent witness, and cosign each checkpoint that"
                + " extends the last one this witness cosigned.",
            "",
            "The log signs checkpoints (its size and Merkle root hash). A dishonest or hacked"
                + " server could show one history to some clients and another to others (a split"
                + " view), or roll its history back. Each round, the witness fetches the latest"
                + " checkpoint, checks the log's signature, and asks the log to prove (RFC 6962"
                + " consistency proof) that the new tree extends the one it cosigned last. Only"
                + " then does it cosign and send its cosignature to the log, which serves it with"
                + " the checkpoint. A client that requires this witness's cosignature knows that"
                + " the tree it sees is the one everybody else sees.",
            "",
            "On a fork, a rollback or a proof that fails, the witness prints an ALARM naming both"
                + " sizes and roots, keeps it in its state directory, and cosigns nothing more"
                + " until an operator clears it (--clear-alarm), even after a restart. Network"
                + " errors only skip a round.",
            "",
            "Exit codes with --once: 0 cosigned or up to date, 1 the round failed, 3 ALARM.");
    spec.addOption(
        Specs.single(
            "URL", "The log: the Valise server's base URL (https://valise.example.org).", "--log"));
    spec.addOption(
        Specs.single(
            "VERIFIER_KEY",
            "The log's verifier key, <origin>+<key id>+<base64>. Get it from the log's operator"
                + " by a channel you trust (GET /api/audit/key shows it, but a witness that trusts"
                + " the server for the key witnesses nothing).",
            "--log-key"));
    spec.addOption(
        Specs.single(
            "FILE",
            "The witness's private key, made by 'valise witness keygen' (mode 0600).",
            "--key"));
    spec.addOption(
        Specs.single(
            "DIR",
            "Where the witness remembers the last checkpoint it cosigned and any alarm (mode"
                + " 0700). One directory per log; default: $VALISE_HOME/witness. Keep it: a"
                + " witness that loses its state trusts the log anew.",
            "--state"));
    spec.addOption(
        Specs.single(
            "DURATION",
            "Time between rounds: 500ms, 10s, 5m, 1h (default 10s; at least 1s).",
            "--interval"));
    spec.addOption(Specs.flag("Run one round and exit (for cron, tests, monitoring).", "--once"));
    spec.addOption(
        Specs.flag(
            "Clear the alarm in --state after you have investigated it, and exit. The last"
                + " cosigned checkpoint stays: a log that is still forked raises it again.",
            "--clear-alarm"));
    Specs.footer(
        spec,
        "Examples:",
        "  valise witness keygen --name witness.example.net -o /etc/valise/witness.key",
        "      # prints the cosignature key for the log's audit.witnesses setting",
        "  valise witness --log https://valise.example.org \\",
        "      --log-key 'valise.example.org/audit+1a2b3c4d+AYtq...' \\",
        "      --key /etc/valise/witness.key --state /var/lib/valise-witness",
        "  valise witness --clear-alarm --state /var/lib/valise-witness",
        "",
        "See docs/audit.md, \"Running a witness\".");
    Keygen keygen = new Keygen(env);
    spec.addSubcommand("keygen", new CommandLine(keygen.spec()));
    return spec;
  }

  @Override
  public int run(ParseResult parsed) throws IOException {
    Path stateDir = stateDir(Specs.value(parsed, "--state"));
    if (Specs.isSet(parsed, "--clear-alarm")) {
      for (String other : new String[] {"--log", "--log-key", "--key", "--interval", "--once"}) {
        if (Specs.isSet(parsed, other)) {
          throw new UsageException("--clear-alarm takes only --state, not " + other);
        }
      }
      return clearAlarm(new StateDir(stateDir));
    }
    String url = required(parsed, "--log", "the log's URL");
    String logKeyText = required(parsed, "--log-key", "the log's verifier key");
    String keyFile = required(parsed, "--key", "the witness key file");
    Duration interval = interval(Specs.value(parsed, "--interval"));
    NoteVerifier logKey;
    try {
      logKey = NoteVerifier.parse(logKeyText.strip());
    } catch (NoteException e) {
      throw new UsageException(
          "--log-key is not a note verifier key <origin>+<key id>+<base64>: " + e.getMessage());
    }
    WitnessHttp log;
    try {
      log = WitnessHttp.of(url);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--log: " + e.getMessage());
    }
    Path keyPath = Path.of(keyFile);
    StateDir state = new StateDir(stateDir);
    NoteSigner key;
    try {
      key = WitnessKey.read(keyPath);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new CliException(keyFile + ": no such file (make one with 'valise witness keygen')", e);
    } catch (IOException e) {
      throw new CliException(String.valueOf(e.getMessage()), e);
    }
    StateDir.Lock lock;
    try {
      lock = state.lock();
    } catch (IOException e) {
      key.destroy();
      throw new CliException(String.valueOf(e.getMessage()), e);
    }
    try (key) {
      if (!WitnessKey.isPrivate(keyPath)) {
        env.stderr()
            .println(
                PREFIX
                    + "warning: "
                    + keyFile
                    + " can be read by others; run chmod 600 "
                    + keyFile);
      }
      Witness witness = new Witness(logKey, Cosigner.of(key), log, state, env.clock());
      if (Specs.isSet(parsed, "--once")) {
        return report(witness.round(), state, true);
      }
      env.stderr()
          .println(
              PREFIX
                  + "witnessing "
                  + logKey.name()
                  + " at "
                  + log.describe()
                  + " as "
                  + Cosigner.of(key).verifier().label()
                  + " every "
                  + interval.toString().substring(2).toLowerCase(Locale.ROOT)
                  + ", state in "
                  + state.dir());
      return loop(witness, state, interval);
    } finally {
      lock.close();
    }
  }

  private int loop(Witness witness, StateDir state, Duration interval) throws IOException {
    boolean first = true;
    while (true) {
      Round round = witness.round();
      boolean quiet = !first && round instanceof Round.Refused refused && refused.raisedBefore();
      if (quiet) {
        env.stderr()
            .println(
                stamp()
                    + "ALARM still raised, NOT COSIGNING (see above, or "
                    + state.dir().resolve(StateDir.STATE)
                    + ")");
      } else {
        report(round, state, first);
      }
      first = false;
      try {
        Thread.sleep(interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      }
    }
  }

  /** Prints the round's outcome; returns its exit code. */
  private int report(Round round, StateDir state, boolean full) {
    PrintStream err = env.stderr();
    return switch (round) {
      case Round.Cosigned c -> {
        out(stamp() + c.describe());
        yield 0;
      }
      case Round.UpToDate u -> {
        out(stamp() + u.describe());
        yield 0;
      }
      case Round.Failed f -> {
        err.println(stamp() + "error: " + f.message() + " (nothing cosigned)");
        yield ErrorMapper.FAILED;
      }
      case Round.Refused r -> {
        String bar = "!".repeat(72);
        err.println(PREFIX + bar);
        if (full) {
          for (String line : r.describe().lines().toList()) {
            err.println(PREFIX + line);
          }
        }
        err.println(
            PREFIX
                + "The alarm is kept in "
                + state.dir().resolve(StateDir.STATE)
                + " with the log's signed checkpoint as evidence. This witness cosigns nothing"
                + " until an operator has investigated and run: valise witness --clear-alarm"
                + " --state "
                + state.dir());
        err.println(PREFIX + bar);
        err.flush();
        yield ALARM;
      }
    };
  }

  private void out(String line) {
    try {
      env.stdout().write((line + "\n").getBytes(StandardCharsets.UTF_8));
      env.stdout().flush();
    } catch (IOException e) {
      env.stderr().println(PREFIX + "cannot write to standard output: " + e.getMessage());
    }
  }

  private String stamp() {
    return DateTimeFormatter.ISO_INSTANT.format(
            env.clock().instant().truncatedTo(ChronoUnit.SECONDS))
        + " ";
  }

  private int clearAlarm(StateDir state) throws IOException {
    if (Witness.clearAlarm(state)) {
      env.stderr()
          .println(
              PREFIX
                  + "alarm cleared in "
                  + state.dir()
                  + "; the next round checks the log against the last cosigned checkpoint again");
    } else {
      env.stderr().println(PREFIX + "no alarm in " + state.dir());
    }
    return 0;
  }

  private Path stateDir(@Nullable String option) {
    if (option != null) {
      return Path.of(option);
    }
    return ClientHome.resolve(env.environment(), System.getProperty("user.home", "."))
        .file("witness");
  }

  private static String required(ParseResult parsed, String option, String what)
      throws UsageException {
    String value = Specs.value(parsed, option);
    if (value == null || value.isBlank()) {
      throw new UsageException("missing " + option + " (" + what + ")");
    }
    return value;
  }

  static Duration interval(@Nullable String text) throws UsageException {
    if (text == null) {
      return DEFAULT_INTERVAL;
    }
    Matcher m = INTERVAL.matcher(text);
    if (!m.matches()) {
      throw new UsageException(
          "--interval " + text + ": give a number and a unit, like 500ms, 10s, 5m or 1h");
    }
    long n = Long.parseLong(m.group(1));
    Duration d =
        switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new UsageException("--interval " + text + " is too short: at least 1s");
    }
    return d;
  }

  /** {@code valise witness keygen}: a new witness key, and the verifier key for the log. */
  static final class Keygen implements Command {
    private final CliEnv env;

    Keygen(CliEnv env) {
      this.env = env;
    }

    @Override
    public CommandSpec spec() {
      CommandSpec spec =
          Specs.command(
              this,
              "keygen",
              "Generate a witness key (Ed25519) and print its cosignature verifier key.",
              "",
              "The key file holds PRIVATE+KEY+<name>+<key id>+<base64> (C2SP signed-note),"
                  + " mode 0600; keep it on the witness's machine only. The line printed on"
                  + " standard output, <name>+<key id>+<base64> (a cosignature/v1 key, type"
                  + " 0x04), is public: give it to the log's operator, who adds it to the server's"
                  + " audit.witnesses setting, and to the clients that should require this"
                  + " witness's cosignature.");
      spec.addOption(
          Specs.single(
              "NAME",
              "The witness's name, which clients see on its cosignatures: a name you control,"
                  + " such as witness.example.net (no spaces or '+').",
              "--name"));
      spec.addOption(
          Specs.single(
              "FILE",
              "Where to write the private key (mode 0600). An existing file is never"
                  + " overwritten.",
              "-o",
              "--output"));
      Specs.footer(
          spec,
          "Example:",
          "  valise witness keygen --name witness.example.net -o witness.key",
          "  # stdout: witness.example.net+1a2b3c4d+BPx...");
      return spec;
    }

    @Override
    public int run(ParseResult parsed) throws IOException {
      String name = required(parsed, "--name", "the witness's name, such as witness.example.net");
      String output = required(parsed, "-o", "the key file to write");
      NoteSigner key;
      try {
        key = NoteSigner.generate(name, env.random());
      } catch (IllegalArgumentException e) {
        throw new UsageException(
            "--name " + name + " is not a key name (printable, no spaces, no '+')");
      }
      try (key) {
        CosignatureVerifier verifier = Cosigner.of(key).verifier();
        try {
          WitnessKey.create(Path.of(output), key);
        } catch (FileAlreadyExistsException e) {
          throw new CliException(output + ": already exists; refusing to overwrite it", e);
        }
        out(verifier.encode());
        env.stderr()
            .println(
                "Cosignature verifier key written above; give it to the log's operator for"
                    + " audit.witnesses. Private key in "
                    + output
                    + ".");
      }
      return 0;
    }

    private void out(String line) throws IOException {
      env.stdout().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
      env.stdout().flush();
    }
  }
}
