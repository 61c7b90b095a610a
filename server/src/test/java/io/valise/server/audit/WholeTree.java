package io.valise.server.audit;

import io.valise.tlog.merkle.Hash;
import io.valise.tlog.merkle.LeafHashes;
import io.valise.tlog.merkle.MerkleHash;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reference hashes for the audit tests: a whole tree held in memory. */
final class WholeTree {
  private WholeTree() {}

  /** The whole tree's perfect subtrees, each hashed once. */
  static LeafHashes memoized(List<Hash> leaves) {
    Map<Long, Hash> memo = new HashMap<>();
    return new LeafHashes() {
      @Override
      public Hash get(long index) {
        return leaves.get(Math.toIntExact(index));
      }

      @Override
      public Hash perfectSubtree(long start, long size) {
        if (size == 1) {
          return get(start);
        }
        long key = start * 64 + Long.numberOfTrailingZeros(size);
        Hash h = memo.get(key);
        if (h == null) {
          long half = size >>> 1;
          h = MerkleHash.node(perfectSubtree(start, half), perfectSubtree(start + half, half));
          memo.put(key, h);
        }
        return h;
      }
    };
  }
}
