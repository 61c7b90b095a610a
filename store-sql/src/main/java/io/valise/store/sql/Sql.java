package io.valise.store.sql;

import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.id.Id;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Binding and reading helpers. Values only ever reach SQL as parameters; times are epoch
 * milliseconds so that SQLite and PostgreSQL compare them identically.
 */
final class Sql {
  private Sql() {}

  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement s) throws SQLException;
  }

  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet r) throws SQLException;
  }

  static <T> List<T> list(java.sql.Connection c, String sql, Binder binder, RowReader<T> reader)
      throws SQLException {
    try (SqliteStatements.Use use = SqliteStatements.prepare(c, sql)) {
      try {
        PreparedStatement s = use.statement;
        binder.bind(s);
        try (ResultSet r = s.executeQuery()) {
          List<T> out = new ArrayList<>();
          while (r.next()) {
            out.add(reader.read(r));
          }
          return out;
        }
      } catch (SQLException | RuntimeException e) {
        use.discard();
        throw e;
      }
    }
  }

  static <T> Optional<T> one(java.sql.Connection c, String sql, Binder binder, RowReader<T> reader)
      throws SQLException {
    List<T> rows = list(c, sql, binder, reader);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
  }

  static int update(java.sql.Connection c, String sql, Binder binder) throws SQLException {
    try (SqliteStatements.Use use = SqliteStatements.prepare(c, sql)) {
      try {
        PreparedStatement s = use.statement;
        binder.bind(s);
        return s.executeUpdate();
      } catch (SQLException | RuntimeException e) {
        use.discard();
        throw e;
      }
    }
  }

  static void id(PreparedStatement s, int i, Id id) throws SQLException {
    s.setString(i, id.text());
  }

  static void time(PreparedStatement s, int i, Instant t) throws SQLException {
    s.setLong(i, t.toEpochMilli());
  }

  static void timeOrNull(PreparedStatement s, int i, @Nullable Instant t) throws SQLException {
    if (t == null) {
      s.setNull(i, Types.BIGINT);
    } else {
      s.setLong(i, t.toEpochMilli());
    }
  }

  static void intOrNull(PreparedStatement s, int i, @Nullable Integer v) throws SQLException {
    if (v == null) {
      s.setNull(i, Types.INTEGER);
    } else {
      s.setInt(i, v);
    }
  }

  static void bytesOrNull(PreparedStatement s, int i, @Nullable OpaqueBytes b) throws SQLException {
    if (b == null) {
      s.setNull(i, Types.BINARY);
    } else {
      s.setBytes(i, b.toByteArray());
    }
  }

  static Instant time(ResultSet r, String column) throws SQLException {
    return Instant.ofEpochMilli(r.getLong(column));
  }

  static @Nullable Instant timeOrNull(ResultSet r, String column) throws SQLException {
    long v = r.getLong(column);
    return r.wasNull() ? null : Instant.ofEpochMilli(v);
  }

  static @Nullable Integer intOrNull(ResultSet r, String column) throws SQLException {
    int v = r.getInt(column);
    return r.wasNull() ? null : v;
  }

  static OpaqueBytes bytes(ResultSet r, String column) throws SQLException {
    byte[] v = r.getBytes(column);
    if (v == null) {
      // SQLite may hand back a zero-length BLOB as null; only a real NULL is an error here.
      if (r.wasNull()) {
        throw new SQLException("Column [%s] is null".formatted(column));
      }
      return OpaqueBytes.of(new byte[0]);
    }
    return OpaqueBytes.of(v);
  }

  static @Nullable OpaqueBytes bytesOrNull(ResultSet r, String column) throws SQLException {
    byte[] v = r.getBytes(column);
    return v == null ? null : OpaqueBytes.of(v);
  }

  static String string(ResultSet r, String column) throws SQLException {
    String v = r.getString(column);
    if (v == null) {
      throw new SQLException("Column [%s] is null".formatted(column));
    }
    return v;
  }
}
