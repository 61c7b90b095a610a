package io.valise.store.sql;

import io.valise.core.tx.ConflictException;
import io.valise.core.tx.StoreException;
import io.valise.core.tx.UnknownReferenceException;
import java.sql.SQLException;
import java.util.Map;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * What differs between the two databases: the byte column type, an increasing integer key, and how
 * errors are reported.
 */
enum Dialect {
  SQLITE("BLOB", "INTEGER PRIMARY KEY AUTOINCREMENT"),
  POSTGRESQL("BYTEA", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY");

  private final String bytesType;
  private final String identityKey;

  Dialect(String bytesType, String identityKey) {
    this.bytesType = bytesType;
    this.identityKey = identityKey;
  }

  /**
   * @throws IllegalArgumentException for a URL of another database
   */
  static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException(
        "Unsupported database URL: expected jdbc:sqlite:FILE or jdbc:postgresql://...");
  }

  /** The Flyway placeholders that make one migration set fit both databases. */
  Map<String, String> placeholders() {
    return Map.of("bytes", bytesType, "identity", identityKey);
  }

  /** Turns a driver error into the store's exceptions, so callers never see SQL types. */
  StoreException translate(String doing, SQLException e) {
    return switch (classify(e)) {
      case UNIQUE -> new ConflictException(doing + ": already exists", e);
      case FOREIGN_KEY -> new UnknownReferenceException(doing + ": refers to nothing", e);
      case OTHER -> new StoreException(doing + ": " + e.getMessage(), e);
    };
  }

  private enum Kind {
    UNIQUE,
    FOREIGN_KEY,
    OTHER
  }

  private Kind classify(SQLException e) {
    if (this == SQLITE && e instanceof SQLiteException s) {
      SQLiteErrorCode code = s.getResultCode();
      return switch (code) {
        case SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY -> Kind.UNIQUE;
        case SQLITE_CONSTRAINT_FOREIGNKEY -> Kind.FOREIGN_KEY;
        default -> Kind.OTHER;
      };
    }
    String state = e.getSQLState();
    if ("23505".equals(state)) {
      return Kind.UNIQUE;
    }
    if ("23503".equals(state)) {
      return Kind.FOREIGN_KEY;
    }
    return Kind.OTHER;
  }
}
