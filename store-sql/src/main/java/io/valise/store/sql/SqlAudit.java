package io.valise.store.sql;

import io.valise.core.audit.AuditEvent;
import io.valise.core.audit.AuditRepository;
import io.valise.core.bytes.OpaqueBytes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The audit log in tables {@code audit_entry}, {@code audit_node}, {@code audit_head}, ...
 *
 * <p>An entry counts as sequenced when its {@code seq} is below the head's size: the sequencer
 * moves the head in the transaction that numbers the entries, so every query that shows sequenced
 * entries bounds {@code seq} by it. How {@code seq} gets its value differs by database: {@link
 * SqliteAuditSequencing}, {@link PostgresAuditSequencing}.
 */
final class SqlAudit implements AuditRepository {
  /** The head's size: entries with {@code seq} below it are sequenced. */
  static final String SIZE = "(SELECT size FROM audit_head WHERE id = 1)";

  private static final String SEQUENCED =
      "SELECT seq, entry FROM audit_entry WHERE pending_id = ? AND seq < " + SIZE;
  private static final String HEAD = "SELECT size, root FROM audit_head WHERE id = 1";

  private static final String ADVANCE =
      "UPDATE audit_head SET size = ?, root = ? WHERE id = 1 AND size = ? AND root = ?";
  private static final String ADVANCE_FROM_EMPTY =
      "UPDATE audit_head SET size = ?, root = ? WHERE id = 1 AND size = ? AND root IS NULL";

  private static final String NODE = "SELECT hash FROM audit_node WHERE level = ? AND idx = ?";
  private static final String NODES = "SELECT level, idx, hash FROM audit_node WHERE ";
  private static final String NODE_TERM = "(level = ? AND idx = ?)";
  private static final String PUT_CHECKPOINT =
      "INSERT INTO audit_checkpoint (size, note, signed_at) VALUES (?, ?, ?)";
  private static final String ENTRIES =
      "SELECT seq, entry FROM audit_entry WHERE seq >= ? AND seq < ? AND seq < "
          + SIZE
          + " ORDER BY seq";
  private static final String ABOUT =
      "SELECT seq, entry FROM audit_entry WHERE subject = ? AND seq < " + SIZE + " ORDER BY seq";
  private static final String LATEST_CHECKPOINT =
      "SELECT size, note, signed_at FROM audit_checkpoint ORDER BY size DESC LIMIT 1";
  private static final String CHECKPOINT =
      "SELECT size, note, signed_at FROM audit_checkpoint WHERE size = ?";
  private static final String DROP_COSIGNATURE =
      "DELETE FROM audit_cosignature WHERE size = ? AND witness = ?";
  private static final String PUT_COSIGNATURE =
      "INSERT INTO audit_cosignature (size, witness, line, received_at) VALUES (?, ?, ?, ?)";
  private static final String COSIGNATURES =
      "SELECT line FROM audit_cosignature WHERE size = ? ORDER BY witness";
  private static final String LATEST_COSIGNED =
      "SELECT MAX(size) AS size FROM audit_cosignature WHERE witness = ?";

  private final Db db;
  private final AuditSequencing sequencing;

  SqlAudit(Db db) {
    this.db = db;
    this.sequencing =
        db.dialect() == Dialect.SQLITE
            ? new SqliteAuditSequencing(db)
            : new PostgresAuditSequencing(db);
  }

  @Override
  public long append(AuditEvent event) {
    byte[] entry = event.entry();
    String subject = event.subject();
    return db.write(
        "append audit entry " + event.type(),
        c ->
            Sql.one(
                    c,
                    sequencing.appendSql(),
                    s -> {
                      s.setString(1, subject != null && subject.length() <= 26 ? subject : null);
                      s.setBytes(2, entry);
                    },
                    r -> r.getLong(1))
                .orElseThrow());
  }

  @Override
  public Optional<Indexed> sequenced(long pendingId) {
    return db.read(
        "find audit entry " + pendingId,
        c -> Sql.one(c, SEQUENCED, s -> s.setLong(1, pendingId), SqlAudit::indexed));
  }

  @Override
  public Head head() {
    return db.read(
        "read audit head",
        c ->
            Sql.one(c, HEAD, s -> {}, r -> new Head(r.getLong(1), Sql.bytesOrNull(r, "root")))
                .orElseThrow());
  }

  @Override
  public List<Pending> unsequenced(int limit) {
    return db.read(
        "list unsequenced audit entries",
        c ->
            Sql.list(
                c,
                sequencing.unsequencedSql(),
                s -> s.setInt(1, limit),
                r -> new Pending(r.getLong(1), Sql.bytes(r, "entry"))));
  }

  @Override
  public boolean advanceHead(long fromSize, byte @Nullable [] fromRoot, long toSize, byte[] root) {
    return db.write(
            "advance audit head",
            c ->
                Sql.update(
                    c,
                    fromRoot == null ? ADVANCE_FROM_EMPTY : ADVANCE,
                    s -> {
                      s.setLong(1, toSize);
                      s.setBytes(2, root);
                      s.setLong(3, fromSize);
                      if (fromRoot != null) {
                        s.setBytes(4, fromRoot);
                      }
                    }))
        == 1;
  }

  @Override
  public void assign(long[] pendingIds, long first) {
    sequencing.assign(pendingIds, first);
  }

  @Override
  public void putNodes(List<Node> nodes) {
    sequencing.putNodes(nodes);
  }

  @Override
  public Optional<OpaqueBytes> node(int level, long index) {
    return db.read(
        "read audit tree node",
        c ->
            Sql.one(
                c,
                NODE,
                s -> {
                  s.setInt(1, level);
                  s.setLong(2, index);
                },
                r -> Sql.bytes(r, "hash")));
  }

  @Override
  public Map<Position, OpaqueBytes> nodes(Collection<Position> positions) {
    if (positions.size() > MAX_POSITIONS) {
      throw new IllegalArgumentException(
          "At most %d tree nodes at once, not %d".formatted(MAX_POSITIONS, positions.size()));
    }
    Map<Position, OpaqueBytes> out = new HashMap<>();
    if (positions.isEmpty()) {
      return out;
    }
    List<Position> wanted = List.copyOf(positions);
    // Placeholders only: one "(level = ? AND idx = ?)" per position, values bound below.
    String sql =
        NODES + String.join(" OR ", java.util.Collections.nCopies(wanted.size(), NODE_TERM));
    return db.read(
        "read audit tree nodes",
        c -> {
          for (Node n :
              Sql.list(
                  c,
                  sql,
                  s -> {
                    int i = 1;
                    for (Position p : wanted) {
                      s.setInt(i++, p.level());
                      s.setLong(i++, p.index());
                    }
                  },
                  r -> new Node(r.getInt(1), r.getLong(2), Sql.bytes(r, "hash")))) {
            out.put(new Position(n.level(), n.index()), n.hash());
          }
          return out;
        });
  }

  @Override
  public void putCheckpoint(long size, byte[] note, Instant signedAt) {
    db.write(
        "store checkpoint " + size,
        c ->
            Sql.update(
                c,
                PUT_CHECKPOINT,
                s -> {
                  s.setLong(1, size);
                  s.setBytes(2, note);
                  Sql.time(s, 3, signedAt);
                }));
  }

  @Override
  public List<Indexed> entries(long start, long end) {
    return db.read(
        "read audit entries",
        c ->
            Sql.list(
                c,
                ENTRIES,
                s -> {
                  s.setLong(1, start);
                  s.setLong(2, end);
                },
                SqlAudit::indexed));
  }

  @Override
  public List<Indexed> about(String subject) {
    return db.read(
        "read audit entries about " + subject,
        c -> Sql.list(c, ABOUT, s -> s.setString(1, subject), SqlAudit::indexed));
  }

  private static Indexed indexed(ResultSet r) throws SQLException {
    return new Indexed(r.getLong(1), Sql.bytes(r, "entry"));
  }

  @Override
  public Optional<StoredCheckpoint> latestCheckpoint() {
    return db.read(
        "read latest checkpoint", c -> Sql.one(c, LATEST_CHECKPOINT, s -> {}, SqlAudit::stored));
  }

  @Override
  public Optional<StoredCheckpoint> checkpoint(long size) {
    return db.read(
        "read checkpoint " + size,
        c -> Sql.one(c, CHECKPOINT, s -> s.setLong(1, size), SqlAudit::stored));
  }

  private static StoredCheckpoint stored(ResultSet r) throws SQLException {
    return new StoredCheckpoint(r.getLong(1), Sql.bytes(r, "note"), Sql.time(r, "signed_at"));
  }

  @Override
  public void putCosignature(long size, String witness, String line, Instant receivedAt) {
    db.write(
        "store cosignature of " + witness,
        c -> {
          Sql.update(
              c,
              DROP_COSIGNATURE,
              s -> {
                s.setLong(1, size);
                s.setString(2, witness);
              });
          return Sql.update(
              c,
              PUT_COSIGNATURE,
              s -> {
                s.setLong(1, size);
                s.setString(2, witness);
                s.setString(3, line);
                Sql.time(s, 4, receivedAt);
              });
        });
  }

  @Override
  public List<String> cosignatures(long size) {
    return db.read(
        "read cosignatures of " + size,
        c -> Sql.list(c, COSIGNATURES, s -> s.setLong(1, size), r -> r.getString(1)));
  }

  @Override
  public OptionalLong latestCosigned(String witness) {
    return db.read(
        "read latest cosigned size of " + witness,
        c -> {
          try (PreparedStatement s = c.prepareStatement(LATEST_COSIGNED)) {
            s.setString(1, witness);
            try (ResultSet r = s.executeQuery()) {
              r.next();
              long size = r.getLong(1);
              return r.wasNull() ? OptionalLong.empty() : OptionalLong.of(size);
            }
          }
        });
  }
}
