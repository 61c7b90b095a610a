package io.valise.store.sql;

import io.valise.core.tx.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Connections and transactions. A transaction's connection is bound to the calling thread with a
 * {@link ScopedValue}, so that repository calls made inside {@link #inTransaction} join it without
 * passing it around. Writes go through {@code writer} (a single connection on SQLite, whose
 * database has one writer at a time anyway: queueing in the pool is fairer and cheaper than
 * SQLITE_BUSY retries); reads outside a transaction use {@code reader}.
 */
final class Db implements Transactions {
  /** Per instance, so that two stores in one process never share a transaction. */
  private final ScopedValue<Connection> current = ScopedValue.newInstance();

  private final Dialect dialect;
  private final DataSource writer;
  private final DataSource reader;

  Db(Dialect dialect, DataSource writer, DataSource reader) {
    this.dialect = dialect;
    this.writer = writer;
    this.reader = reader;
  }

  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  Dialect dialect() {
    return dialect;
  }

  /** Runs a read on the current transaction's connection, or on a pooled reader. */
  <T> T read(String doing, SqlWork<T> work) {
    try {
      if (current.isBound()) {
        return work.run(current.get());
      }
      try (Connection c = reader.getConnection()) {
        return work.run(c);
      }
    } catch (SQLException e) {
      throw dialect.translate(doing, e);
    }
  }

  /** Runs a write in the current transaction, or in a transaction of its own. */
  <T> T write(String doing, SqlWork<T> work) {
    return inTransaction(
        () -> {
          try {
            return work.run(current.get());
          } catch (SQLException e) {
            throw dialect.translate(doing, e);
          }
        });
  }

  @Override
  public <T, X extends Exception> T inTransaction(Work<T, X> work) throws X {
    if (current.isBound()) {
      return work.run();
    }
    Connection c = begin();
    try {
      T result;
      try {
        result = ScopedValue.where(current, c).call(work::run);
      } catch (Throwable e) {
        rollback(c, e);
        throw e;
      }
      commit(c);
      return result;
    } finally {
      close(c);
    }
  }

  private Connection begin() {
    try {
      Connection c = writer.getConnection();
      try {
        c.setAutoCommit(false);
      } catch (SQLException e) {
        close(c);
        throw e;
      }
      return c;
    } catch (SQLException e) {
      throw dialect.translate("begin a transaction", e);
    }
  }

  private void commit(Connection c) {
    try {
      c.commit();
    } catch (SQLException e) {
      rollback(c, e);
      throw dialect.translate("commit", e);
    }
  }

  private static void rollback(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static void close(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // The pool discards a connection that fails to close; the work's outcome stands.
    }
  }
}
