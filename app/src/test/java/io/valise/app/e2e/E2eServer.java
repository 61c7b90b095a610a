package io.valise.app.e2e;

import io.valise.age.secret.Passphrase;
import io.valise.server.config.ServerConfig;
import io.valise.server.wiring.LocalAdmin;
import io.valise.server.wiring.ValiseServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Starts the real server in-process on 127.0.0.1:0, on SQLite and on PostgreSQL, and gives each
 * test people with their own $VALISE_HOME who run the valise command against it.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Database.class)
abstract class E2eServer {
  static final String PASSWORD = "correct horse battery staple";

  @Parameter @Nullable Database database;

  final SecureRandom random = new SecureRandom();
  @Nullable Path dir;
  @Nullable String url;
  @Nullable ServerConfig config;
  @Nullable ValiseServer server;

  @BeforeEach
  void startServer() throws Exception {
    Database db = database;
    if (db == null) {
      throw new IllegalStateException("no database parameter");
    }
    Assumptions.assumeTrue(
        runsOn(db), () -> getClass().getSimpleName() + " does not run on " + db + ": " + why());
    Path d = Files.createTempDirectory("valise-e2e");
    dir = d;
    url = db.create(d.resolve("server"));
    ServerConfig c = ServerConfig.defaults(d.resolve("server")).withListen("127.0.0.1:0");
    String u = url;
    if (u != null) {
      c = c.withDatabase(u, null, null);
    }
    c = configure(c);
    config = c;
    server = ValiseServer.start(c, serverClock(), random, System.err);
  }

  /** A test class's changes to the configuration the server starts with. */
  ServerConfig configure(ServerConfig c) {
    return c;
  }

  /**
   * Whether this class runs on {@code db}. Every class runs on both, except one whose subject does
   * not touch the database (a browser's memory, a page's layout): it may leave one out and say
   * {@link #why()}, and that run is reported as skipped with the reason.
   */
  boolean runsOn(Database db) {
    return true;
  }

  String why() {
    return "";
  }

  /** The server's clock; a test that moves time (link expiry) gives its own. */
  Clock serverClock() {
    return Clock.systemUTC();
  }

  @AfterEach
  void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
    if (database != null) {
      database.drop(url);
    }
    if (dir != null) {
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  String serverUrl() {
    ValiseServer s = server;
    if (s == null) {
      throw new IllegalStateException("not started");
    }
    return "http://127.0.0.1:" + s.port();
  }

  Path dir() {
    Path d = dir;
    if (d == null) {
      throw new IllegalStateException("not started");
    }
    return d;
  }

  /** Creates the account {@code name} on the server and a person with a fresh $VALISE_HOME. */
  Person person(String name, boolean admin) throws Exception {
    ServerConfig c = config;
    if (c == null) {
      throw new IllegalStateException("not started");
    }
    try (Passphrase p = Passphrase.of(PASSWORD.toCharArray())) {
      LocalAdmin.addUser(c, name, admin, p, Clock.systemUTC(), random);
    }
    return new Person(name, dir().resolve("home-" + name).resolve("valise"));
  }

  Person person(String name) throws Exception {
    return person(name, false);
  }

  /** A person who logged in and published a fresh identity. */
  Person ready(String name) throws Exception {
    Person p = person(name);
    login(p);
    p.ok("key", "publish");
    return p;
  }

  void login(Person p) {
    p.okWithInput(PASSWORD + "\n", "login", serverUrl(), "--user", p.name, "--password-stdin");
  }

  /** A working directory for a person's files. */
  Path files(Person p) throws Exception {
    return Files.createDirectories(dir().resolve("files-" + p.name));
  }
}
