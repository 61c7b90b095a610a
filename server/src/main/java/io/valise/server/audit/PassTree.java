package io.valise.server.audit;

import io.valise.core.audit.AuditRepository.Node;
import io.valise.core.audit.AuditRepository.Position;
import io.valise.core.bytes.OpaqueBytes;
import io.valise.tlog.merkle.CompactRange;
import io.valise.tlog.merkle.Hash;
import io.valise.tlog.merkle.LeafHashes;
import io.valise.tlog.merkle.MerkleTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One sequencer pass's growth of the tree: from the frontier at {@link #start} (the roots of the
 * perfect subtrees covering the leaves before the pass), it appends the pass's leaves, collects the
 * perfect subtrees they complete (to store), and keeps every subtree hash it knew. Those are enough
 * for the inclusion proof of any leaf of the pass in the tree of {@link #size} leaves: such a proof
 * asks only for perfect subtrees that end before {@code start}, which are then subtrees of the
 * frontier (RFC 6962's split puts the boundary between them), or that end at or after {@code
 * start}, which the pass then completed. {@code PassTreeTest} checks every case against the whole
 * tree. Not thread-safe while appending; read-only once the pass is committed.
 */
final class PassTree {
  private final long start;
  private final CompactRange range;
  private final Map<Position, Hash> known = new HashMap<>();
  private final List<Node> completed = new ArrayList<>();

  /** Resumes the tree of {@code size} leaves from its frontier, largest subtree first. */
  PassTree(long size, List<Hash> frontier) {
    this.start = size;
    this.range = CompactRange.resume(size, frontier);
    long first = 0;
    int i = 0;
    for (int level = 62; level >= 0; level--) {
      long width = 1L << level;
      if ((size & width) != 0) {
        known.put(new Position(level, first >>> level), frontier.get(i++));
        first += width;
      }
    }
  }

  /** Appends a leaf hash. */
  void append(Hash leaf) {
    range.append(
        leaf,
        (level, index, hash) -> {
          completed.add(new Node(level, index, OpaqueBytes.of(hash.toBytes())));
          known.put(new Position(level, index), hash);
        });
  }

  /** The tree size before the pass: the index of its first leaf. */
  long start() {
    return start;
  }

  /** The tree size now. */
  long size() {
    return range.size();
  }

  /** The tree head now. */
  Hash root() {
    return range.root();
  }

  /** The perfect subtree roots now, largest first. */
  List<Hash> frontier() {
    return range.nodes();
  }

  /** The perfect subtrees the pass completed (level 0: its leaves), to store. */
  List<Node> completed() {
    return completed;
  }

  /**
   * The inclusion proof of leaf {@code index} of this pass in the tree of {@link #size} leaves.
   *
   * @throws IllegalArgumentException if the leaf is not one of this pass's
   */
  List<Hash> inclusion(long index) {
    if (index < start || index >= size()) {
      throw new IllegalArgumentException(
          "leaf %d is not in this pass [%d, %d)".formatted(index, start, size()));
    }
    return MerkleTree.inclusionProof(new Known(known), index, size());
  }

  private static Position position(long start, long size) {
    int level = Long.numberOfTrailingZeros(size);
    return new Position(level, start >>> level);
  }

  /** The subtree hashes a pass knew; being asked for another one is a bug, not a missing row. */
  private record Known(Map<Position, Hash> nodes) implements LeafHashes {
    @Override
    public Hash get(long index) {
      return perfectSubtree(index, 1);
    }

    @Override
    public Hash perfectSubtree(long start, long size) {
      Hash h = nodes.get(position(start, size));
      if (h == null) {
        throw new IllegalStateException(
            "the sequencer's pass did not keep subtree [%d, %d)".formatted(start, start + size));
      }
      return h;
    }
  }
}
