package io.valise.store.sql;

import io.valise.core.audit.AuditRepository.Node;
import io.valise.core.tx.StoreException;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;

/**
 * SQLite: one writer at a time, so pending ids are taken in commit order and without gaps (a
 * rolled-back insert gives its id back). The append writes {@code seq = pending_id - 1} at once,
 * the index the sequencer will give the entry, and the sequencer only checks that: an upload's
 * commit writes the entry's row and two index entries (not the partial unsequenced index), and a
 * pass rewrites no entry row. The entry still counts as sequenced only once the head covers it.
 */
final class SqliteAuditSequencing implements AuditSequencing {
  /** The pending id the insert takes is one more than the largest, and seq one less. */
  private static final String APPEND =
      "INSERT INTO audit_entry (subject, entry, seq)"
          + " VALUES (?, ?, (SELECT COALESCE(MAX(pending_id), 0) FROM audit_entry))"
          + " RETURNING pending_id";

  /** The entries after the head, by pending id (the rowid), so no index is needed. */
  private static final String UNSEQUENCED =
      "SELECT pending_id, entry FROM audit_entry WHERE pending_id > "
          + SqlAudit.SIZE
          + " ORDER BY pending_id LIMIT ?";

  /**
   * Sets {@code seq = pending_id - 1} on a pass's pending ids where it is not so already: entries
   * appended by a version that left {@code seq} to the sequencer. Reads only the pass's rows,
   * through the rowid.
   */
  private static final String NUMBER =
      "UPDATE audit_entry SET seq = pending_id - 1 WHERE pending_id > ? AND pending_id <= ?"
          + " AND (seq IS NULL OR seq <> pending_id - 1)";

  /**
   * A pass's subtree hashes in one statement: a JSON array of {@code [level, index, "hex hash"]},
   * so that a pass of a few dozen nodes costs one execution instead of one per row (the PostgreSQL
   * statement takes arrays for the same reason).
   */
  private static final String PUT_NODES =
      "INSERT INTO audit_node (level, idx, hash)"
          + " SELECT value ->> 0, value ->> 1, unhex(value ->> 2) FROM json_each(?)";

  private final Db db;

  SqliteAuditSequencing(Db db) {
    this.db = db;
  }

  @Override
  public String appendSql() {
    return APPEND;
  }

  @Override
  public String unsequencedSql() {
    return UNSEQUENCED;
  }

  /**
   * Checks that the sequencer's order is the append order (the pending ids follow the head without
   * a gap) and numbers entries left without {@code seq} by an older version.
   */
  @Override
  public void assign(long[] pendingIds, long first) {
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
                  NUMBER,
                  s -> {
                    s.setLong(1, first);
                    s.setLong(2, first + pendingIds.length);
                  }));
    }
  }

  @Override
  public void putNodes(List<Node> nodes) {
    if (nodes.isEmpty()) {
      return;
    }
    HexFormat hex = HexFormat.of();
    StringBuilder json = new StringBuilder(nodes.size() * 80).append('[');
    for (Node n : nodes) {
      if (json.length() > 1) {
        json.append(',');
      }
      json.append('[').append(n.level()).append(',').append(n.index()).append(",\"");
      hex.formatHex(json, n.hash().toByteArray());
      json.append("\"]");
    }
    json.append(']');
    String rows = json.toString();
    db.write(
        "store audit tree nodes",
        c -> {
          int stored = Sql.update(c, PUT_NODES, s -> s.setString(1, rows));
          if (stored != nodes.size()) {
            throw new SQLException(
                "%d of %d audit tree nodes stored".formatted(stored, nodes.size()), "23505");
          }
          return Boolean.TRUE;
        });
  }
}
