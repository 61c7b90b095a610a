package io.valise.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.age.secret.Passphrase;
import io.valise.server.config.ServerConfig;
import io.valise.server.wiring.LocalAdmin;
import io.valise.server.wiring.ValiseServer;
import io.valise.tlog.note.Checkpoint;
import io.valise.tlog.note.CosignatureVerifier;
import io.valise.tlog.note.NoteVerifier;
import io.valise.tlog.note.SignedNote;
import io.valise.tlog.note.Verifiers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * {@code valise witness} against the real server on SQLite and PostgreSQL: the server, told the
 * witness's key in {@code audit.witnesses}, accepts its cosignature and serves it with the
 * checkpoint; a second server with the same log key but another history (a fork, as a server
 * restored from another copy of its data would be) is refused, with an alarm that outlives a
 * restart of the witness.
 */
class WitnessE2ETest extends E2eServer {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String WITNESS = "witness.e2e.example";

  private @Nullable Person witness;
  private @Nullable String witnessKey;

  /** The witness: its own home, its key, and its cosignature verifier key. */
  private Person witness() throws Exception {
    Person w = witness;
    if (w != null) {
      return w;
    }
    w = new Person("witness", dir().resolve("witness-home"));
    Files.createDirectories(w.home);
    Run keygen = w.ok("witness", "keygen", "--name", WITNESS, "-o", keyFile(w).toString());
    witnessKey = keygen.out().strip();
    witness = w;
    return w;
  }

  private static Path keyFile(Person w) {
    return w.home.resolve("witness.key");
  }

  private CosignatureVerifier witnessVerifier() throws Exception {
    witness();
    return CosignatureVerifier.parse(String.valueOf(witnessKey));
  }

  /** The server's settings with this witness in audit.witnesses. */
  private ServerConfig withWitness(ServerConfig c, Path dataDir) throws Exception {
    witness();
    Path file = dataDir.resolve("witness.properties");
    Files.createDirectories(dataDir);
    Files.writeString(file, "audit.witnesses=" + witnessKey + "\n");
    return c.withFile(file);
  }

  /** Restarts the fixture's server (same data, same database) with the witness configured. */
  private void restartWithWitness() throws Exception {
    ValiseServer s = server;
    ServerConfig c = config;
    if (s == null || c == null) {
      throw new IllegalStateException("not started");
    }
    s.close();
    server = null;
    ServerConfig w = withWitness(c, dir().resolve("server")).withListen("127.0.0.1:0");
    config = w;
    server = ValiseServer.start(w, Clock.systemUTC(), random, System.err);
  }

  private static String get(String url) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertEquals(200, r.statusCode(), () -> url + ": " + r.body());
    return r.body();
  }

  private static NoteVerifier logKey(String base) throws Exception {
    return NoteVerifier.parse(get(base + "/api/audit/key").strip());
  }

  private static SignedNote note(String base) throws Exception {
    return SignedNote.open(get(base + "/api/audit/checkpoint"), Verifiers.of(logKey(base)));
  }

  /** The latest checkpoint's size; 0 before the first one is signed. */
  private static long size(String base) throws Exception {
    HttpResponse<Void> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/api/audit/checkpoint")).build(),
            HttpResponse.BodyHandlers.discarding());
    if (r.statusCode() == 404) {
      return 0;
    }
    return Checkpoint.parse(note(base).text()).size();
  }

  /** Waits for the sequencer to sign a checkpoint of at least {@code atLeast} entries. */
  private static long awaitSize(String base, long atLeast) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    long size;
    while ((size = size(base)) < atLeast) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(base + ": checkpoint stuck at size " + size + " < " + atLeast);
      }
      Thread.sleep(100);
    }
    return size;
  }

  /** Waits until the log's checkpoint stops growing for a moment (all entries sequenced). */
  private static long settle(String base) throws Exception {
    long size = awaitSize(base, 1);
    for (int stable = 0; stable < 5; ) {
      Thread.sleep(200);
      long now = size(base);
      stable = now == size ? stable + 1 : 0;
      size = now;
    }
    return size;
  }

  private Run witnessOnce(String base, String logKey, Path state) throws Exception {
    return witness()
        .run(
            "witness",
            "--log",
            base,
            "--log-key",
            logKey,
            "--key",
            keyFile(witness()).toString(),
            "--state",
            state.toString(),
            "--once");
  }

  /**
   * Adds an entry to the log of the server at {@code base} (configured by {@code c}): a new account
   * logs in and publishes its key ({@code key.publish}).
   */
  private void publishOn(ServerConfig c, String base, String name) throws Exception {
    try (Passphrase p = Passphrase.of(PASSWORD.toCharArray())) {
      LocalAdmin.addUser(c, name, false, p, Clock.systemUTC(), random);
    }
    Person person = new Person(name, dir().resolve("home-" + name).resolve("valise"));
    person.okWithInput(PASSWORD + "\n", "login", base, "--user", name, "--password-stdin");
    person.ok("key", "publish");
  }

  /** Adds entries on {@code base} until its checkpoint is bigger than {@code size}. */
  private long growPast(ServerConfig c, String base, String prefix, long size) throws Exception {
    for (int i = 0; size(base) <= size; i++) {
      if (i == 20) {
        throw new AssertionError(base + ": the log does not grow past " + size);
      }
      publishOn(c, base, prefix + i);
      awaitSize(base, 1);
    }
    return settle(base);
  }

  @Test
  void witnessCosignsAndTheServerServesTheCosignature() throws Exception {
    restartWithWitness();
    String base = serverUrl();
    ready("alice");
    long first = settle(base);
    String logKey = logKey(base).encode();
    Path state = dir().resolve("witness-state");

    Run r = witnessOnce(base, logKey, state);

    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("cosigned " + logKey(base).name() + " size " + first), r.out());
    SignedNote served = note(base);
    assertEquals(first, Checkpoint.parse(served.text()).size());
    OptionalLong time = witnessVerifier().find(served);
    assertTrue(time.isPresent(), "the checkpoint carries the witness's cosignature: " + served);
    SignedNote byWitness =
        SignedNote.open(
            get(base + "/api/audit/checkpoint?witness=" + WITNESS), Verifiers.of(logKey(base)));
    assertTrue(witnessVerifier().find(byWitness).isPresent(), byWitness.toString());
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));

    Run again = witnessOnce(base, logKey, state);
    assertEquals(0, again.code(), again.toString());
    assertTrue(again.out().contains("up to date"), again.out());

    ready("bob");
    long grown = settle(base);
    assertTrue(grown > first, grown + " > " + first);
    Run next = witnessOnce(base, logKey, state);
    assertEquals(0, next.code(), next.toString());
    assertTrue(next.out().contains("consistent with size " + first), next.out());
    assertTrue(witnessVerifier().find(note(base)).isPresent());
  }

  @Test
  void aForkedOrRolledBackLogIsRefused() throws Exception {
    restartWithWitness();
    String a = serverUrl();
    long early = settle(a);
    String logKey = logKey(a).encode();
    Path earlyState = dir().resolve("state-early");
    String rootA = Checkpoint.parse(note(a).text()).rootHash().base64();
    Run cosigned = witnessOnce(a, logKey, earlyState);
    assertEquals(0, cosigned.code(), cosigned.toString());
    assertTrue(cosigned.out().contains("size " + early + " root " + rootA), cosigned.out());

    // Server B: the same installation key (so the same log key) but its own database, whose
    // history differs from A's from the first entry: what a second copy of the server would sign.
    Path dataB = dir().resolve("server-b");
    Path secrets = Files.createDirectories(dataB.resolve("secrets"));
    Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rwx------"));
    Files.copy(
        dir().resolve("server").resolve("secrets").resolve("server.key"),
        secrets.resolve("server.key"),
        StandardCopyOption.COPY_ATTRIBUTES);
    Database db = database;
    if (db == null) {
      throw new IllegalStateException("no database");
    }
    String urlB = db.create(dataB);
    try {
      ServerConfig cb = ServerConfig.defaults(dataB);
      if (urlB != null) {
        cb = cb.withDatabase(urlB, null, null);
      }
      cb = withWitness(cb, dataB).withListen("127.0.0.1:0");
      ValiseServer b = ValiseServer.start(cb, Clock.systemUTC(), random, System.err);
      try {
        String bUrl = "http://127.0.0.1:" + b.port();
        assertEquals(logKey, logKey(bUrl).encode(), "B signs with the same log key");

        // B grows past the size the witness cosigned on A, with other entries: a fork
        long sizeB = growPast(cb, bUrl, "b", early);

        Run fork = witnessOnce(bUrl, logKey, earlyState);

        assertEquals(3, fork.code(), fork.toString());
        assertTrue(fork.err().contains("ALARM"), fork.err());
        assertTrue(fork.err().contains("does not extend"), fork.err());
        assertTrue(fork.err().contains("size " + early + ", root " + rootA), fork.err());
        assertTrue(fork.err().contains("size " + sizeB + ", root "), fork.err());
        assertFalse(witnessVerifier().find(note(bUrl)).isPresent(), "B got no cosignature");
        // restarted against the honest A: still refusing until an operator clears the alarm
        Run still = witnessOnce(a, logKey, earlyState);
        assertEquals(3, still.code(), still.toString());
        assertTrue(still.err().contains("raised earlier"), still.err());

        // Rollback: A grows past B, the witness cosigns A, then is shown B's smaller tree.
        Path late = dir().resolve("state-late");
        long sizeA = growPast(config(), a, "a", sizeB);
        assertEquals(0, witnessOnce(a, logKey, late).code());
        Run rollback = witnessOnce(bUrl, logKey, late);
        assertEquals(3, rollback.code(), rollback.toString());
        assertTrue(rollback.err().contains("ROLLBACK"), rollback.err());
        assertTrue(
            rollback.err().contains("size " + sizeA) && rollback.err().contains("size " + sizeB),
            rollback.err());
      } finally {
        b.close();
      }
    } finally {
      db.drop(urlB);
    }
  }

  private ServerConfig config() {
    ServerConfig c = config;
    if (c == null) {
      throw new IllegalStateException("not started");
    }
    return c;
  }
}
