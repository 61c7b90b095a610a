package io.valise.server.audit;

import io.valise.core.audit.AuditRepository;
import io.valise.core.audit.AuditRepository.Position;
import io.valise.core.bytes.OpaqueBytes;
import io.valise.tlog.merkle.Hash;
import io.valise.tlog.merkle.LeafHashes;
import io.valise.tlog.merkle.MerkleTree;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The sequenced tree as stored: every perfect subtree the sequencer completed is one row. A tree
 * head or a proof needs O(log n) of them; they are read in one query by running the computation
 * twice, first to learn which subtrees it asks for (the positions do not depend on the hashes),
 * then over the hashes read.
 */
final class LogTree {
  private static final Hash PLACEHOLDER = Hash.of(new byte[Hash.SIZE]);

  private final AuditRepository log;

  LogTree(AuditRepository log) {
    this.log = log;
  }

  List<Hash> inclusion(long index, long size) {
    return read(t -> MerkleTree.inclusionProof(t, index, size));
  }

  List<Hash> consistency(long from, long to) {
    return read(t -> MerkleTree.consistencyProof(t, from, to));
  }

  /** The perfect subtree roots of a tree of {@code size} leaves, largest first. */
  List<Hash> frontier(long size) {
    return read(t -> frontier(t, size));
  }

  private static List<Hash> frontier(LeafHashes tree, long size) {
    List<Hash> nodes = new ArrayList<>();
    long start = 0;
    for (int level = 62; level >= 0; level--) {
      long width = 1L << level;
      if ((size & width) != 0) {
        nodes.add(tree.perfectSubtree(start, width));
        start += width;
      }
    }
    return nodes;
  }

  private <T> T read(Function<LeafHashes, T> computation) {
    Set<Position> wanted = new LinkedHashSet<>();
    var unused = computation.apply(new Recorder(wanted));
    Map<Position, OpaqueBytes> stored = log.nodes(wanted);
    return computation.apply(new Stored(stored));
  }

  private static Position position(long start, long size) {
    int level = Long.numberOfTrailingZeros(size);
    return new Position(level, start >>> level);
  }

  /** Notes the subtrees asked for. */
  private record Recorder(Set<Position> wanted) implements LeafHashes {
    @Override
    public Hash get(long index) {
      wanted.add(new Position(0, index));
      return PLACEHOLDER;
    }

    @Override
    public Hash perfectSubtree(long start, long size) {
      wanted.add(position(start, size));
      return PLACEHOLDER;
    }
  }

  /** Answers from the subtrees read; a missing one means the store lost part of the tree. */
  private record Stored(Map<Position, OpaqueBytes> nodes) implements LeafHashes {
    @Override
    public Hash get(long index) {
      return perfectSubtree(index, 1);
    }

    @Override
    public Hash perfectSubtree(long start, long size) {
      Position p = position(start, size);
      OpaqueBytes hash = nodes.get(p);
      if (hash == null) {
        throw new IllegalStateException(
            "The audit log is damaged: tree node level %d index %d is missing"
                .formatted(p.level(), p.index()));
      }
      return Hash.of(hash.toByteArray());
    }
  }
}
