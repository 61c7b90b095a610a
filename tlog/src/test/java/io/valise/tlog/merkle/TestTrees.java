package io.valise.tlog.merkle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Trees for tests: leaf i's data is a few bytes derived from i. */
final class TestTrees {
  private TestTrees() {}

  static byte[] data(int i) {
    return new byte[] {(byte) i, (byte) (i >>> 8), (byte) (i * 7), 0x5a};
  }

  static List<Hash> leaves(int n) {
    List<Hash> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(MerkleHash.leaf(data(i)));
    }
    return out;
  }

  /** A source that remembers perfect subtrees, as a store with interior hashes would. */
  static LeafHashes cached(List<Hash> leaves) {
    Map<Long, Hash> cache = new HashMap<>();
    return new LeafHashes() {
      @Override
      public Hash get(long index) {
        return leaves.get(Math.toIntExact(index));
      }

      @Override
      public Hash perfectSubtree(long start, long size) {
        Long key = start * 1024 + Long.numberOfTrailingZeros(size);
        Hash known = cache.get(key);
        if (known != null) {
          return known;
        }
        Hash computed = LeafHashes.super.perfectSubtree(start, size);
        cache.put(key, computed);
        return computed;
      }
    };
  }
}
