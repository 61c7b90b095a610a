package io.valise.cli;

import io.valise.age.Identity;
import io.valise.age.secret.Passphrase;
import io.valise.client.api.ApiProblem;
import io.valise.client.api.AuditApi;
import io.valise.client.api.Member;
import io.valise.client.api.PublishedKey;
import io.valise.client.api.ValiseApi;
import io.valise.client.audit.AuditException;
import io.valise.client.audit.CheckpointStore;
import io.valise.client.audit.KeyCheck;
import io.valise.client.audit.LogKeys;
import io.valise.client.audit.LogSource;
import io.valise.client.audit.LogVerifier;
import io.valise.client.keys.Pins;
import io.valise.client.state.ClientHome;
import io.valise.client.state.Session;
import io.valise.client.state.SessionFile;
import io.valise.tlog.note.CosignatureVerifier;
import io.valise.tlog.note.NoteException;
import io.valise.tlog.note.NoteVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the client commands share: the state directory, the stored session, the HTTP client (made on
 * first use, so local commands never start one), the default identity file, and reading a secret
 * from standard input or the terminal.
 */
final class Remote {
  private final CliEnv env;

  /** The file listing required witnesses' cosignature keys. */
  static final String WITNESSES = "witnesses";

  private @Nullable HttpClient http;
  private @Nullable NoteVerifier logKey;

  Remote(CliEnv env) {
    this.env = env;
  }

  ClientHome home() {
    return ClientHome.resolve(env.environment(), System.getProperty("user.home", "."));
  }

  HttpClient http() {
    HttpClient h = http;
    if (h == null) {
      h =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(15))
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
      http = h;
    }
    return h;
  }

  /**
   * The stored session.
   *
   * @throws CliException if nobody is logged in
   */
  Session session() throws IOException {
    return new SessionFile(home())
        .load()
        .orElseThrow(
            () ->
                new CliException(
                    "not logged in: run 'valise login URL --user NAME' first (state in "
                        + home().dir()
                        + ")"));
  }

  /** The API of the session's server without checking its log key (logout only). */
  ValiseApi unchecked(Session s) {
    return ValiseApi.authenticated(http(), s.server(), s.token());
  }

  /**
   * The API of the session's server, once its audit log key has been checked against the pin (and
   * pinned on first use), so that a changed log key stops every command.
   *
   * @throws LogKeyChangedException if the server serves another log key than the pinned one
   */
  ValiseApi api(Session s) throws IOException {
    ValiseApi api = ValiseApi.authenticated(http(), s.server(), s.token());
    logKey(s.server(), api.audit(), null);
    return api;
  }

  /**
   * The log key of {@code server}: the served one checked against the pin, pinned on first use (a
   * note on stderr says so). With {@code given} (login's {@code --log-key}), the served key must be
   * that one, which replaces any earlier pin.
   */
  NoteVerifier logKey(String server, AuditApi audit, @Nullable String given) throws IOException {
    NoteVerifier k = logKey;
    if (k != null) {
      return k;
    }
    String served;
    try {
      served = audit.logKey();
    } catch (ApiProblem p) {
      if (p.status() != 404) {
        throw p;
      }
      throw new AuditException(
          server
              + " has no audit log (GET /api/audit/key answered 404): this client verifies every"
              + " server's log and cannot work with this one");
    }
    LogKeys keys = new LogKeys(home());
    if (given != null) {
      NoteVerifier mine = LogKeys.parse(given, "the key given with --log-key");
      NoteVerifier theirs = LogKeys.parse(served, "the server's log key");
      if (!mine.equals(theirs)) {
        throw new AuditException(
            "the audit log key of "
                + server
                + " is "
                + theirs.encode()
                + ", not the one given with --log-key ("
                + mine.encode()
                + ")");
      }
      keys.pin(server, mine);
      k = mine;
    } else {
      boolean first = keys.pinned(server).isEmpty();
      k = keys.check(server, served);
      if (first) {
        env.stderr()
            .println(
                "valise: pinned the audit log key of " + server + " (first use): " + k.encode());
      }
    }
    logKey = k;
    return k;
  }

  /**
   * The verifier of the session's log: the pinned key, the stored checkpoint and the witnesses of
   * {@code $VALISE_HOME/witnesses}.
   */
  LogVerifier log(String server, AuditApi audit) throws IOException {
    return new LogVerifier(
        server,
        logKey(server, audit, null),
        new CheckpointStore(home()),
        LogSource.of(audit),
        witnesses());
  }

  /**
   * The witnesses whose cosignature every latest checkpoint must carry: one cosignature verifier
   * key per line of {@code $VALISE_HOME/witnesses} (blank lines and {@code #} comments skipped);
   * none when the file does not exist.
   */
  List<CosignatureVerifier> witnesses() throws IOException {
    var bytes = home().read(WITNESSES);
    if (bytes.isEmpty()) {
      return List.of();
    }
    List<CosignatureVerifier> out = new ArrayList<>();
    for (String line : new String(bytes.get(), StandardCharsets.UTF_8).lines().toList()) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      try {
        out.add(CosignatureVerifier.parse(l));
      } catch (NoteException | IllegalArgumentException e) {
        throw new CliException(
            home().file(WITNESSES) + ": not a witness cosignature key: " + e.getMessage());
      }
    }
    return out;
  }

  /**
   * Members whose keys all carry their log entry: fetched again every half second, for up to about
   * 10 s, while some key has {@code "log": null} (the server sequences entries a moment after the
   * action). Returns the last fetch; {@link KeyCheck} refuses keys still without one.
   */
  List<Member> logged(MemberFetch fetch) throws IOException {
    List<Member> members = fetch.get();
    for (int attempt = 0; attempt < 20 && !allLogged(members); attempt++) {
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for keys to be logged", e);
      }
      members = fetch.get();
    }
    return members;
  }

  private static boolean allLogged(List<Member> members) {
    return members.stream().flatMap(m -> m.keys().stream()).allMatch(k -> k.log() != null);
  }

  /** Checks every key of every member with {@link KeyCheck}. */
  static void checkKeys(List<Member> members, LogVerifier log) throws IOException {
    for (Member m : members) {
      for (PublishedKey k : m.keys()) {
        KeyCheck.verify(m.account(), k, log);
      }
    }
  }

  /** Fetches members and their keys. */
  @FunctionalInterface
  interface MemberFetch {
    List<Member> get() throws IOException;
  }

  Pins pins() throws IOException {
    return Pins.load(home());
  }

  /**
   * The identities to decrypt with: those in {@code file} when given, else the default identity
   * file {@code $VALISE_HOME/identity}.
   *
   * @throws CliException if neither exists
   */
  List<Identity> identities(@Nullable String file) throws IOException {
    return KeyFiles.identityFile(identityFile(file), new PassphraseSource(env.terminal(), null));
  }

  /** The identities as {@link #identities}, or an empty list when there is no identity file. */
  List<Identity> identitiesIfAny(@Nullable String file) throws IOException {
    if (file == null && !Files.exists(home().file(ClientHome.IDENTITY))) {
      return List.of();
    }
    return identities(file);
  }

  private String identityFile(@Nullable String file) throws CliException {
    if (file != null) {
      return file;
    }
    Path def = home().file(ClientHome.IDENTITY);
    if (!Files.exists(def)) {
      throw new CliException(
          "no identity: give one with -i FILE, or run 'valise key publish' to create "
              + def
              + " and publish its key");
    }
    return def.toString();
  }

  /**
   * A secret: the first line of standard input when {@code fromStdin}, else asked on the terminal.
   *
   * @throws CliException if it is empty or there is no terminal
   */
  Passphrase secret(boolean fromStdin, String prompt, String flag) throws IOException {
    char[] chars;
    if (fromStdin) {
      chars = firstLine(env.stdin());
    } else {
      try {
        chars = env.terminal().readSecret(prompt);
      } catch (CliException e) {
        throw new CliException(
            "no terminal to ask for it: give it on standard input with " + flag, e);
      }
    }
    try {
      if (chars.length == 0) {
        throw new CliException(
            "empty " + prompt.replace(":", "").strip().toLowerCase(java.util.Locale.ROOT));
      }
      return Passphrase.of(chars);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  private static char[] firstLine(InputStream in) throws IOException {
    byte[] buf = new byte[4096];
    int n = 0;
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (n == buf.length) {
        Arrays.fill(buf, (byte) 0);
        throw new CliException("the first line of standard input is too long for a password");
      }
      buf[n++] = (byte) b;
    }
    if (n > 0 && buf[n - 1] == '\r') {
      n--;
    }
    try {
      return Secrets.decodeUtf8(buf, n);
    } finally {
      Arrays.fill(buf, (byte) 0);
    }
  }

  /** Splits {@code a,b} and repeated options into names. */
  static List<String> names(List<String> values) {
    return values.stream()
        .flatMap(v -> Arrays.stream(v.split(",")))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .distinct()
        .toList();
  }
}
