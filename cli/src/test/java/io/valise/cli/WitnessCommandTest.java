package io.valise.cli;

import static io.valise.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.client.witness.StateDir;
import io.valise.client.witness.WitnessKey;
import io.valise.tlog.note.Checkpoint;
import io.valise.tlog.note.CosignatureVerifier;
import io.valise.tlog.note.NoteSigner;
import io.valise.tlog.note.SignedNote;
import io.valise.tlog.note.Verifiers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code valise witness} over HTTP against a log that speaks the audit routes of docs/api.md. */
class WitnessCommandTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;

  private final NoteSigner logKey = NoteSigner.generate("log.example.org/audit", RANDOM);
  private final HttpLog log;

  WitnessCommandTest() throws java.io.IOException {
    log = new HttpLog(logKey);
  }

  @AfterEach
  void stop() {
    log.close();
    logKey.destroy();
  }

  private Path key() {
    return dir.resolve("witness.key");
  }

  private Path state() {
    return dir.resolve("state");
  }

  /** Makes the witness key; returns the printed cosignature verifier key. */
  private CosignatureVerifier keygen() throws Exception {
    Cli.Result r =
        cli().run("witness", "keygen", "--name", "witness.example.net", "-o", key().toString());
    assertEquals(0, r.exitCode(), r::toString);
    return CosignatureVerifier.parse(r.out().strip());
  }

  private Cli.Result once(String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "witness",
                "--log",
                log.url(),
                "--log-key",
                logKey.verifier().encode(),
                "--key",
                key().toString(),
                "--state",
                state().toString(),
                "--once"));
    args.addAll(List.of(extra));
    return cli().run(args.toArray(String[]::new));
  }

  @Test
  void keygenWritesAPrivateKeyAndPrintsItsCosignatureKey() throws Exception {
    CosignatureVerifier printed = keygen();

    assertEquals("witness.example.net", printed.name());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key())));
    String text = Files.readString(key());
    assertTrue(text.startsWith("PRIVATE+KEY+witness.example.net+"), "key file shape");
    try (NoteSigner k = WitnessKey.read(key())) {
      assertEquals(printed, io.valise.tlog.note.Cosigner.of(k).verifier());
    }

    Cli.Result again =
        cli().run("witness", "keygen", "--name", "witness.example.net", "-o", key().toString());
    assertEquals(1, again.exitCode());
    assertTrue(again.err().contains("already exists"), again.err());
    assertEquals(text, Files.readString(key()));
  }

  @Test
  void keygenNeedsANameAndAFile() {
    Cli.Result noName = cli().run("witness", "keygen", "-o", key().toString());
    assertEquals(2, noName.exitCode());
    assertTrue(noName.err().contains("missing --name"), noName.err());
    Cli.Result badName =
        cli().run("witness", "keygen", "--name", "two words", "-o", key().toString());
    assertEquals(2, badName.exitCode());
    assertFalse(Files.exists(key()));
  }

  @Test
  void onceCosignsAndPostsTheCheckpointThenIsUpToDate() throws Exception {
    CosignatureVerifier witness = keygen();
    log.append("entry", 5);

    Cli.Result r = once();

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().contains("cosigned log.example.org/audit size 5"), r.out());
    assertEquals(1, log.posted.size());
    SignedNote note = SignedNote.open(log.posted.get(0), Verifiers.of(logKey.verifier()));
    assertEquals(OptionalLong.of(Cli.NOW.getEpochSecond()), witness.find(note));
    assertEquals(log.root(5), Checkpoint.parse(note.text()).rootHash());
    assertEquals(
        "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state())));

    log.append("entry", 4);
    Cli.Result grown = once();
    assertEquals(0, grown.exitCode(), grown::toString);
    assertTrue(grown.out().contains("size 9 "), grown.out());
    assertTrue(grown.out().contains("consistent with size 5"), grown.out());
  }

  @Test
  void forkRaisesALoudAlarmExitsThreeAndStaysRefusing() throws Exception {
    keygen();
    log.append("entry", 6);
    assertEquals(0, once().exitCode());
    String cosignedRoot = log.root(6).base64();
    log.truncate(4);
    log.append("other", 2);
    String forkRoot = log.root(6).base64();

    Cli.Result r = once();

    assertEquals(3, r.exitCode(), r::toString);
    assertTrue(r.err().contains("ALARM"), r.err());
    assertTrue(r.err().contains("FORK"), r.err());
    assertTrue(r.err().contains("size 6, root " + cosignedRoot), r.err());
    assertTrue(r.err().contains("size 6, root " + forkRoot), r.err());
    assertTrue(r.err().contains("--clear-alarm"), r.err());
    assertEquals(1, log.posted.size());
    String saved = Files.readString(state().resolve(StateDir.STATE));
    assertTrue(saved.contains("\"alarm\""), saved);

    // the honest tree again, and a restart: still refusing until cleared
    log.truncate(0);
    log.append("entry", 7);
    Cli.Result again = once();
    assertEquals(3, again.exitCode(), again::toString);
    assertTrue(again.err().contains("raised earlier"), again.err());
    assertEquals(1, log.posted.size());

    Cli.Result cleared = cli().run("witness", "--clear-alarm", "--state", state().toString());
    assertEquals(0, cleared.exitCode(), cleared::toString);
    assertTrue(cleared.err().contains("alarm cleared"), cleared.err());
    Cli.Result resumed = once();
    assertEquals(0, resumed.exitCode(), resumed::toString);
    assertTrue(resumed.out().contains("size 7"), resumed.out());
  }

  @Test
  void loopKeepsRefusingAfterAnAlarmUntilStopped() throws Exception {
    keygen();
    log.append("entry", 6);
    assertEquals(0, once().exitCode());
    log.truncate(4);
    log.append("other", 3);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    CliEnv env =
        new CliEnv(
            new java.io.ByteArrayInputStream(new byte[0]),
            out,
            new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8),
            FakeTerminal.none(),
            RANDOM,
            java.time.Clock.systemUTC(),
            false,
            java.util.Map.of());
    int[] code = {-1};
    Thread loop =
        new Thread(
            () ->
                code[0] =
                    Main.run(
                        env,
                        "witness",
                        "--log",
                        log.url(),
                        "--log-key",
                        logKey.verifier().encode(),
                        "--key",
                        key().toString(),
                        "--state",
                        state().toString(),
                        "--interval",
                        "1s"));
    loop.start();
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!err.toString(java.nio.charset.StandardCharsets.UTF_8).contains("still raised")
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    loop.interrupt();
    loop.join(20_000);

    String e = err.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertFalse(loop.isAlive());
    assertEquals(0, code[0], e);
    assertTrue(e.contains("witnessing log.example.org/audit"), e);
    assertTrue(e.contains("INCONSISTENT") || e.contains("does not extend"), e);
    assertTrue(e.contains("ALARM still raised, NOT COSIGNING"), e);
    assertEquals(1, e.split("served by the log now", -1).length - 1, "the full alarm once: " + e);
    assertEquals("", out.toString(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(1, log.posted.size());
  }

  @Test
  void rollbackRaisesTheAlarm() throws Exception {
    keygen();
    log.append("entry", 8);
    assertEquals(0, once().exitCode());
    log.servedSize = 3;

    Cli.Result r = once();

    assertEquals(3, r.exitCode(), r::toString);
    assertTrue(r.err().contains("ROLLBACK"), r.err());
    assertTrue(r.err().contains("size 8") && r.err().contains("size 3"), r.err());
  }

  @Test
  void refusalByTheServerIsAnErrorNamingItsCode() throws Exception {
    keygen();
    log.append("entry", 2);
    log.cosignatureStatus = 400;

    Cli.Result r = once();

    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.err().contains("HTTP 400 [bad_cosignature]"), r.err());
    assertTrue(r.err().contains("sent again next round"), r.err());
  }

  @Test
  void wrongLogKeyIsRefusedWithoutAlarm() throws Exception {
    keygen();
    log.append("entry", 2);
    try (NoteSigner other = NoteSigner.generate("log.example.org/audit", RANDOM)) {
      Cli.Result r =
          cli()
              .run(
                  "witness",
                  "--log",
                  log.url(),
                  "--log-key",
                  other.verifier().encode(),
                  "--key",
                  key().toString(),
                  "--state",
                  state().toString(),
                  "--once");
      assertEquals(1, r.exitCode(), r::toString);
      assertTrue(r.err().contains("no signature from a known key"), r.err());
    }
    assertEquals(List.of(), log.posted);
    assertFalse(Files.exists(state().resolve(StateDir.STATE)));
  }

  @Test
  void malformedProofAnswerFailsTheRoundWithoutAlarm() throws Exception {
    keygen();
    log.append("entry", 3);
    assertEquals(0, once().exitCode());
    String before = Files.readString(state().resolve(StateDir.STATE));
    log.append("entry", 3);
    for (String body :
        List.of(
            "not json",
            "{\"from\":3,\"to\":6}",
            "{\"from\":2,\"to\":6,\"proof\":[]}",
            "{\"from\":3,\"to\":6,\"proof\":[\"AAAA\"]}",
            "{\"from\":3,\"to\":6,\"proof\":[7]}")) {
      log.proofBody = body;

      Cli.Result r = once();

      assertEquals(1, r.exitCode(), () -> body + ": " + r);
      assertTrue(r.err().contains("cannot get the consistency proof from size 3 to 6"), r.err());
      assertEquals(before, Files.readString(state().resolve(StateDir.STATE)));
    }
    log.proofBody = null;
    assertEquals(0, once().exitCode());
    assertEquals(1 + 1, log.posted.size());
  }

  @Test
  void missingKeyFileSaysHowToMakeOne() {
    Cli.Result r = once();
    assertEquals(1, r.exitCode(), r::toString);
    assertEquals(
        "valise: error: " + key() + ": no such file (make one with 'valise witness keygen')\n",
        r.err());
  }

  @Test
  void badKeyFileIsNamedNeverQuoted() throws Exception {
    String secretLooking = "PRIVATE+KEY+witness+00000000+QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=";
    Files.writeString(key(), secretLooking + "\n");
    log.append("entry", 1);

    Cli.Result r = once();

    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.err().contains(key() + ": not a witness key"), r.err());
    assertFalse(r.err().contains("QUJDREVG"), r.err());
    assertEquals(List.of(), log.posted);
  }

  @Test
  void unreachableLogIsAClearErrorAndChangesNothing() throws Exception {
    keygen();
    log.append("entry", 2);
    String url = log.url();
    log.close();

    Cli.Result r =
        cli()
            .run(
                "witness",
                "--log",
                url,
                "--log-key",
                logKey.verifier().encode(),
                "--key",
                key().toString(),
                "--state",
                state().toString(),
                "--once");

    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.err().contains("cannot connect to " + url), r.err());
    assertTrue(r.err().contains("nothing cosigned"), r.err());
    assertFalse(Files.exists(state().resolve(StateDir.STATE)));
  }

  @Test
  void badCommandLinesAreUsageErrors() throws Exception {
    keygen();
    String k = logKey.verifier().encode();
    String[][] cases = {
      {"witness", "--log", log.url(), "--key", key().toString(), "--once"},
      {"witness", "--log", log.url(), "--log-key", "nonsense", "--key", key().toString()},
      {"witness", "--log", "ftp://x", "--log-key", k, "--key", key().toString()},
      {"witness", "--log", log.url(), "--log-key", k, "--key", key().toString(), "--interval", "5"},
      {
        "witness",
        "--log",
        log.url(),
        "--log-key",
        k,
        "--key",
        key().toString(),
        "--interval",
        "10ms"
      },
      {"witness", "--clear-alarm", "--once"},
    };
    for (String[] args : cases) {
      Cli.Result r = cli().run(args);
      assertEquals(2, r.exitCode(), () -> String.join(" ", args) + ": " + r);
      assertTrue(r.err().contains("see 'valise witness --help'"), r.err());
    }
    assertEquals(List.of(), log.posted);
  }

  @Test
  void intervalsReadAsWritten() throws Exception {
    assertEquals(java.time.Duration.ofSeconds(10), WitnessCommand.interval(null));
    assertEquals(java.time.Duration.ofMillis(1500), WitnessCommand.interval("1500ms"));
    assertEquals(java.time.Duration.ofMinutes(5), WitnessCommand.interval("5m"));
    assertEquals(java.time.Duration.ofHours(1), WitnessCommand.interval("1h"));
  }

  @Test
  void helpTeaches() {
    Cli.Result r = cli().run("witness", "--help");
    assertEquals(0, r.exitCode());
    for (String needle :
        List.of("split view", "consistency proof", "--clear-alarm", "audit.witnesses", "ALARM")) {
      assertTrue(r.out().contains(needle), needle);
    }
  }
}
