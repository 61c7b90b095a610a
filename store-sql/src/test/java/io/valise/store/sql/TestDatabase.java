package io.valise.store.sql;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Comparator;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases every contract test runs on. SQLite gets a fresh file per store; PostgreSQL a fresh
 * schema (so runs never see each other's rows), dropped on close. PostgreSQL comes from {@code
 * VALISE_TEST_POSTGRES_URL} (system property or environment); when it is unreachable the tests are
 * skipped, or fail if {@code valise.requireInterop} is true (as in CI).
 */
enum TestDatabase {
  SQLITE,
  POSTGRESQL;

  private static final String DEFAULT_POSTGRES =
      "jdbc:postgresql://localhost:5432/valise_test?user=valise&password=valise";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static @Nullable String unreachable;
  private static boolean probed;

  /** A store on a fresh, empty database of this kind. */
  Opened open(Clock clock) throws Exception {
    return switch (this) {
      case SQLITE -> openSqlite(clock);
      case POSTGRESQL -> openPostgres(clock);
    };
  }

  /** A store and how to throw its database away. */
  record Opened(SqlStore store, String url, Cleanup cleanup) {
    /** A second store on the same database, as another node (or the admin CLI) would open. */
    SqlStore another(Clock clock) {
      return SqlStore.open(url, null, null, clock);
    }

    void close() throws IOException, SQLException {
      store.close();
      cleanup.run();
    }
  }

  /** Throws the database away. */
  @FunctionalInterface
  interface Cleanup {
    void run() throws IOException, SQLException;
  }

  private static Opened openSqlite(Clock clock) throws Exception {
    Path dir = Files.createTempDirectory("valise-sqlite");
    String url = "jdbc:sqlite:" + dir.resolve("valise.db");
    return new Opened(SqlStore.open(url, null, null, clock), url, () -> deleteTree(dir));
  }

  private static Opened openPostgres(Clock clock) throws SQLException {
    String base = postgresUrl();
    requireReachable(base);
    String schema = "t_" + HexFormat.of().formatHex(bytes());
    try (Connection c = DriverManager.getConnection(base);
        Statement s = c.createStatement()) {
      // The name is made here from hex digits, never from input.
      s.execute("CREATE SCHEMA " + schema);
    }
    String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    SqlStore store = SqlStore.open(url, null, null, clock);
    return new Opened(
        store,
        url,
        () -> {
          try (Connection c = DriverManager.getConnection(base);
              Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
          }
        });
  }

  private static byte[] bytes() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return b;
  }

  static String postgresUrl() {
    String url = System.getProperty("VALISE_TEST_POSTGRES_URL");
    if (url == null || url.isBlank()) {
      url = System.getenv("VALISE_TEST_POSTGRES_URL");
    }
    return url == null || url.isBlank() ? DEFAULT_POSTGRES : url;
  }

  /** Probes once per run: a down server should cost one timeout, not one per test. */
  private static synchronized @Nullable String probe(String url) {
    if (!probed) {
      try (Connection c = DriverManager.getConnection(url)) {
        unreachable = c.isValid(5) ? null : "the connection is not valid";
      } catch (SQLException e) {
        unreachable = String.valueOf(e.getMessage());
      }
      probed = true;
    }
    return unreachable;
  }

  private static void requireReachable(String url) {
    String why = probe(url);
    if (why != null) {
      String message =
          "PostgreSQL is not reachable at VALISE_TEST_POSTGRES_URL (%s): %s. Run scripts/postgres-test-setup.sh as root."
              .formatted(url.replaceAll("password=[^&]*", "password=***"), why);
      if (Boolean.getBoolean("valise.requireInterop")) {
        fail(message);
      }
      Assumptions.abort(message);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
