package io.valise.server.audit;

import io.valise.core.audit.AuditRepository;
import io.valise.tlog.merkle.Hash;
import io.valise.tlog.merkle.LeafHashes;
import io.valise.tlog.merkle.MerkleTree;
import java.util.List;

/**
 * The sequenced tree as stored: every perfect subtree the sequencer completed is one row, so a tree
 * head or a proof reads O(log n) rows whatever the log's size.
 */
final class LogTree implements LeafHashes {
  private final AuditRepository log;

  LogTree(AuditRepository log) {
    this.log = log;
  }

  @Override
  public Hash get(long index) {
    return node(0, index);
  }

  @Override
  public Hash perfectSubtree(long start, long size) {
    int level = Long.numberOfTrailingZeros(size);
    return node(level, start >>> level);
  }

  private Hash node(int level, long index) {
    return Hash.of(
        log.node(level, index)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "The audit log is damaged: tree node level %d index %d is missing"
                            .formatted(level, index)))
            .toByteArray());
  }

  List<Hash> inclusion(long index, long size) {
    return MerkleTree.inclusionProof(this, index, size);
  }

  List<Hash> consistency(long from, long to) {
    return MerkleTree.consistencyProof(this, from, to);
  }

  /** The perfect subtree roots of a tree of {@code size} leaves, largest first. */
  List<Hash> frontier(long size) {
    List<Hash> nodes = new java.util.ArrayList<>();
    long start = 0;
    for (int level = 63; level >= 0; level--) {
      long width = 1L << level;
      if ((size & width) != 0) {
        nodes.add(perfectSubtree(start, width));
        start += width;
      }
    }
    return nodes;
  }
}
