package io.valise.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

/** The settings every SQLite connection of the store's pools gets. */
class SqlitePoolsTest {
  @TempDir Path dir;

  @Test
  void writerAndReaderConnectionsAreDurableAndFetchNoGeneratedKeys() throws SQLException {
    String url = "jdbc:sqlite:" + dir.resolve("t.db");
    try (HikariDataSource writer = SqlStore.Pools.writer(Dialect.SQLITE, url, null, null);
        HikariDataSource reader = SqlStore.Pools.sqliteReader(url)) {
      for (HikariDataSource pool : new HikariDataSource[] {writer, reader}) {
        try (Connection c = pool.getConnection()) {
          assertEquals("wal", pragma(c, "journal_mode"), pool.getPoolName());
          assertEquals("2", pragma(c, "synchronous"), pool.getPoolName() + ": FULL");
          assertEquals("1", pragma(c, "foreign_keys"), pool.getPoolName());
          // Nothing calls getGeneratedKeys; the driver would otherwise query after every INSERT.
          assertFalse(
              c.unwrap(SQLiteConnection.class).getDatabase().getConfig().isGetGeneratedKeys(),
              pool.getPoolName());
        }
      }
    }
  }

  private static String pragma(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA " + name)) {
      r.next();
      return r.getString(1);
    }
  }
}
