package io.valise.server.audit;

import io.valise.core.bytes.OpaqueBytes;
import io.valise.tlog.merkle.Hash;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The sequencer's last passes, so that an upload's receipt needs no read of the store: where each
 * entry went, the checkpoint signed with it, and the pass's subtree hashes for its inclusion proof
 * ({@link PassTree}). Thread-safe.
 */
final class RecentPasses {
  /** Entries kept: a few passes' worth, about 8 MB of entries and hashes at most. */
  private static final int REMEMBERED = 16_384;

  /** Passes kept: a waiting upload finds its entry in the last one or two. */
  private static final int PASSES = 256;

  /**
   * One committed pass: pending ids (ascending, in leaf order), their entries, the checkpoint it
   * signed and its tree. Never changed once made.
   */
  static final class Pass {
    private final long[] pendingIds;
    private final List<OpaqueBytes> entries;
    private final String note;
    private final PassTree tree;

    Pass(long[] pendingIds, List<OpaqueBytes> entries, String note, PassTree tree) {
      if (pendingIds.length != entries.size() || tree.size() - tree.start() != entries.size()) {
        throw new IllegalArgumentException("a pass's ids, entries and leaves differ in number");
      }
      this.pendingIds = pendingIds.clone();
      this.entries = List.copyOf(entries);
      this.note = note;
      this.tree = tree;
    }

    int count() {
      return pendingIds.length;
    }
  }

  /**
   * Where an entry of a recent pass went, under the checkpoint {@code note} of size {@code size}.
   */
  record Placed(long index, OpaqueBytes entry, long size, String note, List<Hash> proof) {}

  private final ArrayDeque<Pass> passes = new ArrayDeque<>();
  private int remembered;

  void remember(Pass p) {
    synchronized (passes) {
      passes.addLast(p);
      remembered += p.count();
      while ((remembered > REMEMBERED || passes.size() > PASSES) && passes.size() > 1) {
        remembered -= passes.removeFirst().count();
      }
    }
  }

  /**
   * Where the entry of {@code pendingId} went, with its inclusion proof, if a remembered pass
   * sequenced it. Looks at the newest passes first: a waiting upload's entry is almost always in
   * the last one.
   */
  Optional<Placed> placed(long pendingId) {
    Pass found = null;
    int i = -1;
    synchronized (passes) {
      for (Iterator<Pass> it = passes.descendingIterator(); it.hasNext(); ) {
        Pass p = it.next();
        long[] ids = p.pendingIds;
        if (ids.length > 0 && ids[0] <= pendingId && pendingId <= ids[ids.length - 1]) {
          i = Arrays.binarySearch(ids, pendingId);
          if (i >= 0) {
            found = p;
            break;
          }
        }
      }
    }
    if (found == null) {
      return Optional.empty();
    }
    // Outside the lock: a pass is never changed once remembered.
    PassTree tree = found.tree;
    long index = tree.start() + i;
    return Optional.of(
        new Placed(index, found.entries.get(i), tree.size(), found.note, tree.inclusion(index)));
  }
}
