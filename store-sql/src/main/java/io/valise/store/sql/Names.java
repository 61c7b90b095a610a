package io.valise.store.sql;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The one namespace of account and group names ({@code principal_name}): a name is claimed in the
 * transaction that creates the account or group, so its primary key refuses a second claim however
 * the creations interleave.
 */
final class Names {
  private static final String CLAIM = "INSERT INTO principal_name (name) VALUES (?)";
  private static final String RELEASE = "DELETE FROM principal_name WHERE name = ?";

  private Names() {}

  /** Claims {@code name}; a unique violation (mapped to a conflict) if it is taken. */
  static void claim(Connection c, String name) throws SQLException {
    Sql.update(c, CLAIM, s -> s.setString(1, name));
  }

  /** Gives {@code name} back. */
  static void release(Connection c, String name) throws SQLException {
    Sql.update(c, RELEASE, s -> s.setString(1, name));
  }
}
