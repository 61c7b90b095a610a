package io.valise.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statements kept per SQLite connection by {@link Sql}'s helpers. */
class SqliteStatementsTest {
  @TempDir Path dir;
  private Connection reader;
  private Connection writer;

  @BeforeEach
  void open() throws SQLException {
    String url = "jdbc:sqlite:" + dir.resolve("t.db");
    writer = DriverManager.getConnection(url);
    try (Statement s = writer.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("CREATE TABLE t (n INTEGER PRIMARY KEY, v TEXT)");
    }
    reader = DriverManager.getConnection(url);
  }

  @AfterEach
  void close() throws SQLException {
    reader.close();
    writer.close();
  }

  @Test
  void aStatementIsPreparedOncePerConnectionAndKeepsNoParameter() throws SQLException {
    assertEquals(
        List.of("x"), Sql.list(reader, "SELECT ?", s -> s.setString(1, "x"), r -> r.getString(1)));
    assertEquals(1, SqliteStatements.keptFor(reader));
    // Run again without binding: the last use's parameter must not come back.
    assertNull(Sql.list(reader, "SELECT ?", s -> {}, r -> r.getString(1)).getFirst());
    assertEquals(1, SqliteStatements.keptFor(reader), "the same statement, reused");
    assertEquals(1, Sql.update(writer, "INSERT INTO t (v) VALUES (?)", s -> s.setString(1, "a")));
    assertEquals(1, Sql.update(writer, "INSERT INTO t (v) VALUES (?)", s -> s.setString(1, "b")));
    assertEquals(1, SqliteStatements.keptFor(writer));
  }

  @Test
  void aKeptStatementHoldsNoSnapshot() throws SQLException {
    Sql.update(writer, "INSERT INTO t (v) VALUES (?)", s -> s.setString(1, "a"));
    assertEquals(1, count());
    Sql.update(writer, "INSERT INTO t (v) VALUES (?)", s -> s.setString(1, "b"));
    // A reader still in a read transaction would see 1 and keep the WAL from being truncated.
    assertEquals(2, count());
    try (Statement s = writer.createStatement();
        ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
      assertTrue(r.next());
      assertEquals(0, r.getInt(1), "checkpoint not blocked by a reader");
    }
  }

  @Test
  void theSameSqlRunWhileItsRowsAreReadGetsAStatementOfItsOwn() throws SQLException {
    for (String v : List.of("a", "b")) {
      Sql.update(writer, "INSERT INTO t (v) VALUES (?)", s -> s.setString(1, v));
    }
    String sql = "SELECT v FROM t WHERE n >= ? ORDER BY n";
    List<String> pairs =
        Sql.list(
            reader,
            sql,
            s -> s.setInt(1, 1),
            r -> r.getString(1) + Sql.list(reader, sql, s -> s.setInt(1, 2), q -> q.getString(1)));
    assertEquals(List.of("a[b]", "b[b]"), pairs);
  }

  @Test
  void aFailedStatementIsNotKept() throws SQLException {
    Sql.update(writer, "INSERT INTO t (n, v) VALUES (?, ?)", bind(1));
    assertEquals(1, SqliteStatements.keptFor(writer));
    assertThrows(
        SQLException.class,
        () -> Sql.update(writer, "INSERT INTO t (n, v) VALUES (?, ?)", bind(1)));
    assertEquals(0, SqliteStatements.keptFor(writer), "closed, not handed back");
    assertEquals(1, Sql.update(writer, "INSERT INTO t (n, v) VALUES (?, ?)", bind(2)));
  }

  @Test
  void statementsOfAClosedConnectionAreForgotten() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("t.db");
    Connection other = DriverManager.getConnection(url);
    assertEquals(List.of(1), Sql.list(other, "SELECT 1", s -> {}, r -> r.getInt(1)));
    other.close();
    // A connection seen for the first time makes the closed ones' entries go.
    try (Connection fresh = DriverManager.getConnection(url)) {
      assertEquals(List.of(1), Sql.list(fresh, "SELECT 1", s -> {}, r -> r.getInt(1)));
    }
    assertEquals(0, SqliteStatements.keptFor(other));
  }

  private int count() throws SQLException {
    return Sql.one(reader, "SELECT COUNT(*) FROM t", s -> {}, r -> r.getInt(1)).orElseThrow();
  }

  private static Sql.Binder bind(int n) {
    return s -> {
      s.setInt(1, n);
      s.setString(2, "v" + n);
    };
  }
}
