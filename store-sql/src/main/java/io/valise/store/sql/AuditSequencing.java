package io.valise.store.sql;

import io.valise.core.audit.AuditRepository.Node;
import java.util.List;

/**
 * The sequencer's side of the audit log where the two databases differ: how an entry is appended,
 * found while pending, numbered, and how a pass stores its subtree hashes. {@link SqlAudit} does
 * the rest the same way on both.
 */
sealed interface AuditSequencing permits SqliteAuditSequencing, PostgresAuditSequencing {
  /** The append: binds {@code subject} then {@code entry}, returns {@code pending_id}. */
  String appendSql();

  /**
   * The pending entries, oldest append first ({@link
   * io.valise.core.audit.AuditRepository#unsequenced}): binds the limit, returns {@code pending_id}
   * and {@code entry}.
   */
  String unsequencedSql();

  /** See {@link io.valise.core.audit.AuditRepository#assign}. */
  void assign(long[] pendingIds, long first);

  /** See {@link io.valise.core.audit.AuditRepository#putNodes}. */
  void putNodes(List<Node> nodes);
}
