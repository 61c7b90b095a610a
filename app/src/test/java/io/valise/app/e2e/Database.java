package io.valise.app.e2e;

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
 * The two databases every end-to-end class runs on: SQLite in the server's data directory, and
 * PostgreSQL in a fresh schema (from {@code VALISE_TEST_POSTGRES_URL}) dropped afterwards. Without
 * a reachable PostgreSQL the PostgreSQL run fails under {@code -Dvalise.requireInterop=true}.
 */
enum Database {
  SQLITE,
  POSTGRESQL;

  private static final String DEFAULT_POSTGRES =
      "jdbc:postgresql://localhost:5432/valise_test?user=valise&password=valise";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A JDBC URL for a fresh database, or null for the SQLite default of the data directory. */
  @Nullable String create(Path dataDir) throws SQLException {
    if (this == SQLITE) {
      return null;
    }
    String base = postgresUrl();
    try (Connection c = DriverManager.getConnection(base)) {
      byte[] b = new byte[8];
      RANDOM.nextBytes(b);
      String schema = "e2e_" + HexFormat.of().formatHex(b);
      try (Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA " + schema); // hex digits made here, never input
      }
      return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    } catch (SQLException e) {
      String message =
          "PostgreSQL is not reachable at VALISE_TEST_POSTGRES_URL ("
              + e.getMessage()
              + "): run scripts/postgres-test-setup.sh as root";
      if (Boolean.getBoolean("valise.requireInterop")) {
        fail(message);
      }
      Assumptions.abort(message);
      throw e;
    }
  }

  void drop(@Nullable String url) throws SQLException {
    if (url == null || this == SQLITE) {
      return;
    }
    String schema = url.substring(url.lastIndexOf("currentSchema=") + "currentSchema=".length());
    if (!schema.matches("e2e_[0-9a-f]{16}")) {
      throw new IllegalStateException("Not a test schema: " + schema);
    }
    try (Connection c = DriverManager.getConnection(postgresUrl());
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }

  private static String postgresUrl() {
    String url = System.getProperty("VALISE_TEST_POSTGRES_URL");
    if (url == null || url.isBlank()) {
      url = System.getenv("VALISE_TEST_POSTGRES_URL");
    }
    return url == null || url.isBlank() ? DEFAULT_POSTGRES : url;
  }
}
