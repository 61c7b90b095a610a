package io.valise.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConnection;

/**
 * Prepared statements kept per SQLite connection, by their SQL text. sqlite-jdbc parses and plans
 * every statement it is asked to prepare, and neither it nor HikariCP keeps them: under uploads,
 * preparing was a sixth of the server's CPU. PostgreSQL's driver keeps its own prepared statements,
 * so this is for SQLite only; any other connection gets a statement of its own each time.
 *
 * <p>Why reuse is safe: a pool hands a connection to one thread at a time, so a connection's
 * statements are only ever used by the thread that holds it; sqlite-jdbc resets a statement when
 * its result set closes, so a kept statement holds no read snapshot; parameters are cleared when a
 * statement is handed back. A statement already in use (the same SQL run again while its rows are
 * read) is prepared afresh. The statements live on the driver's connection, not HikariCP's proxy,
 * so the pool does not close them when it takes the connection back; they go when the connection
 * closes, and so does their entry here.
 */
final class SqliteStatements {
  /** Distinct statements kept per connection; the least recently used goes first. */
  static final int PER_CONNECTION = 128;

  /** Guarded by itself. A handful of connections: the writer and the readers of each store. */
  private static final IdentityHashMap<SQLiteConnection, Kept> KEPT = new IdentityHashMap<>();

  private SqliteStatements() {}

  /** A statement to use once, then {@link Use#close}. */
  static Use prepare(Connection c, String sql) throws SQLException {
    if (!c.isWrapperFor(SQLiteConnection.class)) {
      return new Use(c.prepareStatement(sql), null);
    }
    Kept kept = kept(c.unwrap(SQLiteConnection.class));
    PreparedStatement s = kept.take(sql);
    return s != null ? new Use(s, kept) : new Use(c.prepareStatement(sql), null);
  }

  /** How many statements are kept for {@code c}; for tests. */
  static int keptFor(Connection c) throws SQLException {
    synchronized (KEPT) {
      Kept kept = KEPT.get(c.unwrap(SQLiteConnection.class));
      return kept == null ? 0 : kept.size();
    }
  }

  private static Kept kept(SQLiteConnection raw) throws SQLException {
    synchronized (KEPT) {
      Kept kept = KEPT.get(raw);
      if (kept == null) {
        forgetClosed();
        kept = new Kept(raw);
        KEPT.put(raw, kept);
      }
      return kept;
    }
  }

  /** Drops the entries of closed connections (the pool retires connections now and then). */
  private static void forgetClosed() throws SQLException {
    List<SQLiteConnection> closed = new ArrayList<>();
    for (SQLiteConnection c : KEPT.keySet()) {
      if (c.isClosed()) {
        closed.add(c);
      }
    }
    closed.forEach(KEPT::remove);
  }

  /** One use of a statement: closing it hands a kept statement back, or closes a fresh one. */
  static final class Use implements AutoCloseable {
    final PreparedStatement statement;
    private final @Nullable Kept kept;
    private boolean discard;

    private Use(PreparedStatement statement, @Nullable Kept kept) {
      this.statement = statement;
      this.kept = kept;
    }

    /** The use failed: close the statement rather than keep it, whatever state it was left in. */
    void discard() {
      discard = true;
    }

    @Override
    public void close() throws SQLException {
      Kept k = kept;
      if (k == null) {
        statement.close();
      } else {
        k.giveBack(statement, discard);
      }
    }
  }

  /**
   * The statements of one connection, used only by the thread holding it; the lock is for the rare
   * moment the pool hands the connection to another thread.
   */
  private static final class Kept {
    private final SQLiteConnection connection;
    private final LinkedHashMap<String, PreparedStatement> idle =
        new LinkedHashMap<>(16, 0.75f, true);
    private final IdentityHashMap<PreparedStatement, String> busy = new IdentityHashMap<>();

    Kept(SQLiteConnection connection) {
      this.connection = connection;
    }

    /** A statement for {@code sql} that is not in use, or null if one is. */
    synchronized @Nullable PreparedStatement take(String sql) throws SQLException {
      PreparedStatement s = idle.remove(sql);
      if (s == null || s.isClosed()) {
        if (busy.containsValue(sql)) {
          return null;
        }
        s = connection.prepareStatement(sql);
      }
      busy.put(s, sql);
      return s;
    }

    synchronized void giveBack(PreparedStatement s, boolean discard) throws SQLException {
      String sql = busy.remove(s);
      if (sql == null || s.isClosed()) {
        return;
      }
      if (discard) {
        s.close();
        return;
      }
      s.clearParameters();
      idle.put(sql, s);
      if (idle.size() > PER_CONNECTION) {
        var eldest = idle.entrySet().iterator().next();
        idle.remove(eldest.getKey());
        eldest.getValue().close();
      }
    }

    synchronized int size() {
      return idle.size() + busy.size();
    }
  }
}
