package io.valise.server.audit;

import io.valise.core.audit.AuditRepository;
import io.valise.core.audit.AuditRepository.Position;
import io.valise.core.audit.AuditRepository.Span;
import io.valise.core.bytes.OpaqueBytes;
import io.valise.tlog.merkle.Hash;
import io.valise.tlog.merkle.LeafHashes;
import io.valise.tlog.merkle.MerkleHash;
import io.valise.tlog.merkle.MerkleTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The sequenced tree as stored. Like C2SP tlog-tiles, the store keeps the hashes of every eighth
 * level only: leaf hashes (level 0, with the entries), then the subtrees of 2^8, 2^16, ... leaves,
 * each the bottom row of a tile of height 8; the seven levels in between are computed from at most
 * 255 hashes of the row below when a proof asks for them. A tree head or a proof needs O(log n)
 * perfect subtrees, so it reads at most about 255 hashes per tile level (a million entries: three),
 * in one or two queries: the computation runs twice, first to learn which stored hashes it needs
 * (the positions do not depend on the hashes), then over the hashes read.
 */
final class LogTree {
  /** The height of a tile: stored levels are multiples of it. */
  static final int TILE_HEIGHT = 8;

  private static final Hash PLACEHOLDER = Hash.of(new byte[Hash.SIZE]);

  private final AuditRepository log;

  LogTree(AuditRepository log) {
    this.log = log;
  }

  /** Whether the store keeps the subtrees of 2^level leaves. */
  static boolean stored(int level) {
    return level % TILE_HEIGHT == 0;
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
    Recorder wanted = new Recorder();
    var unused = computation.apply(wanted);
    Map<Position, OpaqueBytes> stored = log.nodes(wanted.spans());
    return computation.apply(new Stored(stored));
  }

  private static Position position(long start, long size) {
    int level = Long.numberOfTrailingZeros(size);
    return new Position(level, start >>> level);
  }

  /** Notes the stored subtrees asked for, directly or to compute one that is not stored. */
  private static final class Recorder implements LeafHashes {
    /** By level and tile (index / 256): the least and greatest index asked for. */
    private final Map<Position, long[]> tiles = new TreeMap<>(Recorder::compare);

    @Override
    public Hash get(long index) {
      return perfectSubtree(index, 1);
    }

    @Override
    public Hash perfectSubtree(long start, long size) {
      note(start, size);
      return PLACEHOLDER;
    }

    private void note(long start, long size) {
      Position p = position(start, size);
      if (!stored(p.level())) {
        long half = size >>> 1;
        note(start, half);
        note(start + half, half);
        return;
      }
      long[] range =
          tiles.computeIfAbsent(
              new Position(p.level(), p.index() / AuditRepository.MAX_SPAN),
              k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
      range[0] = Math.min(range[0], p.index());
      range[1] = Math.max(range[1], p.index());
    }

    /** One span per level and tile touched: a proof touches one or two tiles per level. */
    List<Span> spans() {
      List<Span> out = new ArrayList<>();
      tiles.forEach((tile, range) -> out.add(new Span(tile.level(), range[0], range[1] + 1)));
      return out;
    }

    private static int compare(Position a, Position b) {
      int c = Integer.compare(a.level(), b.level());
      return c != 0 ? c : Long.compare(a.index(), b.index());
    }
  }

  /**
   * Answers from the hashes read, computing the levels between stored ones; a missing stored hash
   * means the store lost part of the tree.
   */
  private record Stored(Map<Position, OpaqueBytes> nodes) implements LeafHashes {
    @Override
    public Hash get(long index) {
      return perfectSubtree(index, 1);
    }

    @Override
    public Hash perfectSubtree(long start, long size) {
      Position p = position(start, size);
      if (!stored(p.level())) {
        long half = size >>> 1;
        return MerkleHash.node(perfectSubtree(start, half), perfectSubtree(start + half, half));
      }
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
