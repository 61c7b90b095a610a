package io.valise.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases the server tests run on, as in store-sql's tests: SQLite in the test's data
 * directory, PostgreSQL in a fresh schema (from {@code VALISE_TEST_POSTGRES_URL}) dropped after.
 */
public enum TestDatabase {
  SQLITE,
  POSTGRESQL;

  private static final String DEFAULT_POSTGRES =
      "jdbc:postgresql://localhost:5432/valise_test?user=valise&password=valise";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static @Nullable String unreachable;
  private static boolean probed;

  /** A JDBC URL for a fresh database, or null for the SQLite default of {@code dataDir}. */
  public @Nullable String create(Path dataDir) throws SQLException {
    if (this == SQLITE) {
      return null;
    }
    String base = postgresUrl();
    requireReachable(base);
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    String schema = "t_" + HexFormat.of().formatHex(b);
    try (Connection c = DriverManager.getConnection(base);
        Statement s = c.createStatement()) {
      // The name is made here from hex digits, never from input.
      s.execute("CREATE SCHEMA " + schema);
    }
    return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** Drops what {@link #create} made. */
  public void drop(@Nullable String url) throws SQLException {
    if (url == null || this == SQLITE) {
      return;
    }
    String schema = url.substring(url.lastIndexOf("currentSchema=") + "currentSchema=".length());
    if (!schema.matches("t_[0-9a-f]{16}")) {
      throw new IllegalStateException("Not a test schema: " + schema);
    }
    try (Connection c = DriverManager.getConnection(postgresUrl());
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }

  static String postgresUrl() {
    String url = System.getProperty("VALISE_TEST_POSTGRES_URL");
    if (url == null || url.isBlank()) {
      url = System.getenv("VALISE_TEST_POSTGRES_URL");
    }
    return url == null || url.isBlank() ? DEFAULT_POSTGRES : url;
  }

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
          "PostgreSQL is not reachable at VALISE_TEST_POSTGRES_URL: %s. Run scripts/postgres-test-setup.sh as root."
              .formatted(why);
      if (Boolean.getBoolean("valise.requireInterop")) {
        fail(message);
      }
      Assumptions.abort(message);
    }
  }
}
