package io.valise.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.valise.core.audit.AuditRepository;
import io.valise.core.audit.AuditRepository.Position;
import io.valise.core.audit.AuditRepository.Span;
import io.valise.core.bytes.OpaqueBytes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Migration V12 on a log written before it (schema V9): each sequenced entry gets the leaf hash
 * that was its level-0 node, unsequenced entries get none yet, and only the nodes of every eighth
 * level above the leaves stay in audit_node. The log then reads and grows as usual.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class AuditMigrationTest {
  @Parameter @Nullable TestDatabase database;

  @Test
  void leafHashesMoveIntoTheEntriesAndOnlyTileRowsStay() throws Exception {
    TestDatabase db = database;
    if (db == null) {
      throw new IllegalStateException("no database parameter");
    }
    TestDatabase.Empty empty = db.empty();
    try {
      String url = empty.url();
      Flyway.configure()
          .dataSource(url, null, null)
          .locations("classpath:io/valise/store/sql/migration")
          .placeholders(Dialect.of(url).placeholders())
          .target("9")
          .load()
          .migrate();
      try (Connection c = connect(url)) {
        for (int seq = 0; seq < 3; seq++) {
          update(
              c, "INSERT INTO audit_entry (seq, subject, entry) VALUES (?, NULL, ?)", seq, b(seq));
          update(
              c, "INSERT INTO audit_node (level, idx, hash) VALUES (0, ?, ?)", seq, b(100 + seq));
        }
        update(c, "INSERT INTO audit_entry (seq, subject, entry) VALUES (NULL, NULL, ?)", b(3));
        update(c, "INSERT INTO audit_node (level, idx, hash) VALUES (1, 0, ?)", b(110));
        update(c, "INSERT INTO audit_node (level, idx, hash) VALUES (8, 0, ?)", b(180));
        update(c, "INSERT INTO audit_node (level, idx, hash) VALUES (9, 0, ?)", b(190));
        update(c, "INSERT INTO audit_node (level, idx, hash) VALUES (16, 0, ?)", b(160));
      }

      try (SqlStore store = SqlStore.open(url, null, null, Clock.systemUTC())) {
        AuditRepository log = store.audit();
        Map<Position, OpaqueBytes> read =
            log.nodes(
                List.of(
                    new Span(0, 0, 4),
                    new Span(1, 0, 1),
                    new Span(8, 0, 1),
                    new Span(9, 0, 1),
                    new Span(16, 0, 1)));
        assertEquals(
            Map.of(
                new Position(0, 0), OpaqueBytes.of(b(100)),
                new Position(0, 1), OpaqueBytes.of(b(101)),
                new Position(0, 2), OpaqueBytes.of(b(102)),
                new Position(8, 0), OpaqueBytes.of(b(180)),
                new Position(16, 0), OpaqueBytes.of(b(160))),
            read);
        assertEquals(1, log.unsequenced(10).size());
        assertEquals(3, log.entries(0, 10).size());
      }
      try (Connection c = connect(url);
          PreparedStatement p =
              c.prepareStatement("SELECT leaf FROM audit_entry WHERE seq IS NULL");
          ResultSet r = p.executeQuery()) {
        r.next();
        assertNull(r.getBytes(1), "an unsequenced entry gets its leaf hash when sequenced");
      }
    } finally {
      empty.cleanup().run();
    }
  }

  private static Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(url);
  }

  private static void update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        p.setObject(i + 1, args[i]);
      }
      p.executeUpdate();
    }
  }

  /** 32 bytes standing for a hash (or an entry), distinct per {@code n}. */
  private static byte[] b(int n) {
    byte[] h = new byte[32];
    h[0] = (byte) n;
    h[31] = (byte) 0xa5;
    return h;
  }
}
