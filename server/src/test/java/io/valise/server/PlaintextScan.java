package io.valise.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Looks for sensitive strings in raw bytes: every file under a directory, and every value of every
 * row of every table of a SQLite or PostgreSQL database. Returns where each one was found, so a
 * failure names the leak.
 */
final class PlaintextScan {
  private PlaintextScan() {}

  /** Every hit as {@code "needle in place"}, empty when nothing is found. */
  static List<String> files(Path root, List<String> needles) throws IOException {
    List<String> hits = new ArrayList<>();
    try (var paths = Files.walk(root)) {
      for (Path p : paths.filter(Files::isRegularFile).sorted().toList()) {
        hits.addAll(bytes(Files.readAllBytes(p), needles, root.relativize(p).toString()));
      }
    }
    return hits;
  }

  /** Every hit in any column of any row of any table of the SQLite database at {@code db}. */
  static List<String> sqliteRows(Path db, List<String> needles) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      return rows(c, "SELECT name FROM sqlite_master WHERE type = 'table'", needles);
    }
  }

  /**
   * Every hit in any column of any row of any table of the PostgreSQL schema that {@code url} names
   * ({@code currentSchema}), the whole database as the server sees it.
   */
  static List<String> postgresRows(String url, List<String> needles) throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      return rows(
          c,
          "SELECT table_name FROM information_schema.tables"
              + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
          needles);
    }
  }

  private static List<String> rows(Connection c, String listTables, List<String> needles)
      throws SQLException {
    List<String> hits = new ArrayList<>();
    List<String> tables = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(listTables)) {
      while (r.next()) {
        tables.add(r.getString(1));
      }
    }
    if (tables.isEmpty()) {
      throw new AssertionError("no tables: scanning the wrong database?");
    }
    for (String table : tables) {
      // Names come from the database's own catalogue, quoted; never from input.
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT * FROM \"" + table.replace("\"", "\"\"") + "\"")) {
        ResultSetMetaData m = r.getMetaData();
        while (r.next()) {
          for (int i = 1; i <= m.getColumnCount(); i++) {
            Object v = r.getObject(i);
            byte[] raw =
                v instanceof byte[] b ? b : String.valueOf(v).getBytes(StandardCharsets.UTF_8);
            hits.addAll(bytes(raw, needles, table + "." + m.getColumnName(i)));
          }
        }
      }
    }
    return hits;
  }

  private static List<String> bytes(byte[] haystack, List<String> needles, String where) {
    // ISO-8859-1 maps each byte to one char, so indexOf is a byte search of the UTF-8 needle.
    String h = new String(haystack, StandardCharsets.ISO_8859_1);
    List<String> hits = new ArrayList<>();
    for (String n : needles) {
      String latin = new String(n.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
      if (h.contains(latin)) {
        hits.add(n + " in " + where);
      }
    }
    return hits;
  }
}
