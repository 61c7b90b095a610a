package io.valise.store.sql;

import io.valise.core.audit.AuditEvent;
import io.valise.core.audit.AuditRepository;
import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.tx.StoreException;
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
 * entries bounds {@code seq} by it. How {@code seq} gets its value differs:
 *
 * <ul>
 *   <li>PostgreSQL: transactions commit in another order than they took their pending ids, so an
 *       entry is appended without {@code seq} and the sequencer numbers a pass's entries in one
 *       {@code UPDATE}, finding them through the partial index on {@code seq IS NULL}.
 *   <li>SQLite: one writer at a time, so pending ids are taken in commit order and without gaps (a
 *       rolled-back insert gives its id back). The append writes {@code seq = pending_id - 1} at
 *       once, the index the sequencer will give it, and the sequencer only checks that: an upload's
 *       commit writes the entry's row and two index entries instead of four, and a pass rewrites no
 *       entry row.
 * </ul>
 */
final class SqlAudit implements AuditRepository {
  /** The head's size: entries with {@code seq} below it are sequenced. */
  private static final String SIZE = "(SELECT size FROM audit_head WHERE id = 1)";

  private static final String APPEND =
      "INSERT INTO audit_entry (subject, entry) VALUES (?, ?) RETURNING pending_id";

  /** SQLite: the pending id the insert takes is one more than the largest, and seq one less. */
  private static final String APPEND_NUMBERED =
      "INSERT INTO audit_entry (subject, entry, seq)"
          + " VALUES (?, ?, (SELECT COALESCE(MAX(pending_id), 0) FROM audit_entry))"
          + " RETURNING pending_id";

  private static final String SEQUENCED =
      "SELECT seq, entry FROM audit_entry WHERE pending_id = ? AND seq < " + SIZE;
  private static final String HEAD = "SELECT size, root FROM audit_head WHERE id = 1";
  private static final String UNSEQUENCED =
      "SELECT pending_id, entry FROM audit_entry WHERE seq IS NULL ORDER BY pending_id LIMIT ?";

  /** SQLite: the entries after the head, by pending id (the rowid), so no index is needed. */
  private static final String UNSEQUENCED_NUMBERED =
      "SELECT pending_id, entry FROM audit_entry WHERE pending_id > "
          + SIZE
          + " ORDER BY pending_id LIMIT ?";

  private static final String ADVANCE =
      "UPDATE audit_head SET size = ?, root = ? WHERE id = 1 AND size = ? AND root = ?";
  private static final String ADVANCE_FROM_EMPTY =
      "UPDATE audit_head SET size = ?, root = ? WHERE id = 1 AND size = ? AND root IS NULL";

  /**
   * PostgreSQL: numbers a pass's entries in one statement (pending ids and indexes as two arrays),
   * rather than one per entry: each statement is a round of parse, plan and execute on the server.
   */
  private static final String ASSIGN_ALL =
      "UPDATE audit_entry SET seq = v.seq FROM unnest(?::bigint[], ?::bigint[]) AS v(id, seq)"
          + " WHERE audit_entry.pending_id = v.id AND audit_entry.seq IS NULL";

  /**
   * SQLite: sets {@code seq = pending_id - 1} on the pending ids of a pass where it is not so
   * already: entries appended by a version that left {@code seq} to the sequencer. Reads only the
   * pass's rows, through the rowid.
   */
  private static final String ASSIGN_NUMBERED =
      "UPDATE audit_entry SET seq = pending_id - 1 WHERE pending_id > ? AND pending_id <= ?"
          + " AND (seq IS NULL OR seq <> pending_id - 1)";

  private static final String PUT_NODE =
      "INSERT INTO audit_node (level, idx, hash) VALUES (?, ?, ?)";

  /** PostgreSQL: a pass's subtree hashes in one statement, as three arrays. */
  private static final String PUT_NODES =
      "INSERT INTO audit_node (level, idx, hash)"
          + " SELECT * FROM unnest(?::smallint[], ?::bigint[], ?::bytea[])";

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

  /** Whether the append numbers the entry (SQLite), rather than the sequencer (PostgreSQL). */
  private final boolean numberedAtAppend;

  SqlAudit(Db db) {
    this.db = db;
    this.numberedAtAppend = db.dialect() == Dialect.SQLITE;
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
                    numberedAtAppend ? APPEND_NUMBERED : APPEND,
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
                numberedAtAppend ? UNSEQUENCED_NUMBERED : UNSEQUENCED,
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
    if (numberedAtAppend) {
      checkNumbered(pendingIds, first);
      return;
    }
    if (pendingIds.length == 0) {
      return;
    }
    db.write(
        "sequence audit entries",
        c -> {
          Long[] ids = new Long[pendingIds.length];
          Long[] seqs = new Long[pendingIds.length];
          for (int i = 0; i < ids.length; i++) {
            ids[i] = pendingIds[i];
            seqs[i] = first + i;
          }
          int numbered =
              Sql.update(
                  c,
                  ASSIGN_ALL,
                  s -> {
                    s.setArray(1, c.createArrayOf("bigint", ids));
                    s.setArray(2, c.createArrayOf("bigint", seqs));
                  });
          if (numbered != ids.length) {
            throw new SQLException("audit entry already sequenced", "23505");
          }
          return Boolean.TRUE;
        });
  }

  @Override
  public void putNodes(List<Node> nodes) {
    if (nodes.isEmpty()) {
      return;
    }
    if (db.dialect() == Dialect.POSTGRESQL) {
      putNodesAtOnce(nodes);
      return;
    }
    db.write(
        "store audit tree nodes",
        c -> {
          int[] counts =
              Sql.batch(
                  c,
                  PUT_NODE,
                  nodes,
                  (s, n) -> {
                    s.setInt(1, n.level());
                    s.setLong(2, n.index());
                    s.setBytes(3, n.hash().toByteArray());
                  });
          checkAll(counts, "audit tree node not stored");
          return Boolean.TRUE;
        });
  }

  /**
   * SQLite: the entries were numbered by their append, {@code seq = pending_id - 1}; checks that
   * the sequencer's order is that one (the pending ids follow the head without a gap) and numbers
   * entries left without {@code seq} by an older version.
   */
  private void checkNumbered(long[] pendingIds, long first) {
    for (int i = 0; i < pendingIds.length; i++) {
      if (pendingIds[i] != first + 1 + i) {
        throw new StoreException(
            "Audit entry with pending id %d cannot take index %d: entries after the head must have consecutive pending ids, so the database was changed outside Valise"
                .formatted(pendingIds[i], first + i));
      }
    }
    if (pendingIds.length > 0) {
      db.write(
          "number audit entries",
          c ->
              Sql.update(
                  c,
                  ASSIGN_NUMBERED,
                  s -> {
                    s.setLong(1, first);
                    s.setLong(2, first + pendingIds.length);
                  }));
    }
  }

  /** PostgreSQL: {@link #putNodes} in one statement. */
  private void putNodesAtOnce(List<Node> nodes) {
    Short[] levels = new Short[nodes.size()];
    Long[] indexes = new Long[nodes.size()];
    byte[][] hashes = new byte[nodes.size()][];
    for (int i = 0; i < levels.length; i++) {
      Node n = nodes.get(i);
      levels[i] = (short) n.level();
      indexes[i] = n.index();
      hashes[i] = n.hash().toByteArray();
    }
    db.write(
        "store audit tree nodes",
        c ->
            Sql.update(
                c,
                PUT_NODES,
                s -> {
                  s.setArray(1, c.createArrayOf("smallint", levels));
                  s.setArray(2, c.createArrayOf("bigint", indexes));
                  s.setArray(3, c.createArrayOf("bytea", hashes));
                }));
  }

  private static void checkAll(int[] counts, String message) throws SQLException {
    for (int n : counts) {
      // SUCCESS_NO_INFO (-2) is a success whose count the driver does not know.
      if (n == 0 || n == java.sql.Statement.EXECUTE_FAILED) {
        throw new SQLException(message, "23505");
      }
    }
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
