package io.valise.store.sql;

import io.valise.core.audit.AuditRepository.Node;
import java.sql.SQLException;
import java.util.List;

/**
 * PostgreSQL: transactions commit in another order than they took their pending ids, so an entry is
 * appended without {@code seq}, found through the partial index on {@code seq IS NULL}, and
 * numbered by the sequencer's pass. A pass numbers its entries and stores its subtree hashes in one
 * statement each (arrays through {@code unnest}), not one per row: every statement is a round of
 * parse, plan and execute on the server, which is where the log's cost goes there.
 */
final class PostgresAuditSequencing implements AuditSequencing {
  private static final String APPEND =
      "INSERT INTO audit_entry (subject, entry) VALUES (?, ?) RETURNING pending_id";

  private static final String UNSEQUENCED =
      "SELECT pending_id, entry FROM audit_entry WHERE seq IS NULL ORDER BY pending_id LIMIT ?";

  private static final String NUMBER =
      "UPDATE audit_entry SET seq = v.seq FROM unnest(?::bigint[], ?::bigint[]) AS v(id, seq)"
          + " WHERE audit_entry.pending_id = v.id AND audit_entry.seq IS NULL";

  private static final String PUT_NODES =
      "INSERT INTO audit_node (level, idx, hash)"
          + " SELECT * FROM unnest(?::smallint[], ?::bigint[], ?::bytea[])";

  private final Db db;

  PostgresAuditSequencing(Db db) {
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

  @Override
  public void assign(long[] pendingIds, long first) {
    if (pendingIds.length == 0) {
      return;
    }
    Long[] ids = new Long[pendingIds.length];
    Long[] seqs = new Long[pendingIds.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = pendingIds[i];
      seqs[i] = first + i;
    }
    db.write(
        "sequence audit entries",
        c -> {
          int numbered =
              Sql.update(
                  c,
                  NUMBER,
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
}
