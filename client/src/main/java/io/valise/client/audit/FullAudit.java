package io.valise.client.audit;

import io.valise.client.api.EntryPage;
import io.valise.client.api.LogEntry;
import io.valise.tlog.merkle.CompactRange;
import io.valise.tlog.merkle.Hash;
import io.valise.tlog.merkle.InvalidProofException;
import io.valise.tlog.merkle.LeafHashes;
import io.valise.tlog.merkle.MerkleProofs;
import io.valise.tlog.merkle.MerkleTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Downloads every entry below a verified checkpoint, recomputes every leaf hash and the root with
 * {@code tlog}, and compares with the checkpoint. On a mismatch it can find the first bad entry by
 * binary search: the first {@code m} entries are good when the server's consistency proof from the
 * root computed here over them to the checkpoint's root verifies. Gaps and overlaps in what the
 * server served are reported too. When the served entries stop at a first missing index {@code F},
 * {@code F} is the first bad entry only if the entries before it are consistent with the checkpoint
 * (checked the same way); otherwise the search runs over {@code [0,F)}: an entry deleted and the
 * later ones renumbered down shows only as a missing tail.
 *
 * <p>Holds every entry in memory (a log of 10^6 entries of about 300 bytes needs about 300 MB).
 */
public final class FullAudit {
  private FullAudit() {}

  /** Told after each page. */
  @FunctionalInterface
  public interface Progress {
    void fetched(long done, long total);
  }

  /**
   * What the full check found.
   *
   * @param entries entry {@code i} at position {@code i} (complete only when {@link #ok})
   * @param computed the root computed from the entries, null when some were missing
   * @param problems gaps, overlaps and conflicting duplicates in the served ranges
   * @param firstBad the first index that is missing or differs from the logged one, if searched for
   *     and found
   */
  public record Result(
      VerifiedCheckpoint checkpoint,
      List<LogEntry> entries,
      @org.jspecify.annotations.Nullable Hash computed,
      List<String> problems,
      OptionalLong firstBad) {
    public Result {
      entries = List.copyOf(entries);
      problems = List.copyOf(problems);
    }

    /** Every entry was served once and the recomputed root is the checkpoint's. */
    public boolean ok() {
      Hash c = computed;
      return problems.isEmpty() && c != null && checkpoint.root().equals(c);
    }
  }

  /**
   * Runs the check against {@code checkpoint}.
   *
   * @param search whether to look for the first bad entry when the roots differ or entries are
   *     missing (asks the server for consistency proofs)
   */
  public static Result run(
      LogSource source, VerifiedCheckpoint checkpoint, boolean search, Progress progress)
      throws IOException {
    long n = checkpoint.size();
    if (n > Integer.MAX_VALUE - 8) {
      throw new AuditException("a log of " + n + " entries is too large to check in memory");
    }
    LogEntry[] all = new LogEntry[(int) n];
    List<String> problems = new ArrayList<>();
    long next = 0;
    while (next < n) {
      EntryPage page = source.entries(next, n);
      long start = page.start();
      int count = page.entries().size();
      if (count == 0) {
        problems.add(
            "entries " + range(next, n - 1) + " missing: the server served none from " + next);
        break;
      }
      if (start > next) {
        problems.add(
            "entries "
                + range(next, start - 1)
                + " missing: asked from "
                + next
                + ", the server served from "
                + start);
      } else if (start < next) {
        problems.add(
            "entries "
                + range(start, Math.min(next, start + count) - 1)
                + " served twice: asked from "
                + next
                + ", the server served from "
                + start);
      }
      for (int i = 0; i < count; i++) {
        long index = start + i;
        if (index < 0 || index >= n) {
          continue;
        }
        LogEntry e = page.entries().get(i);
        LogEntry had = all[(int) index];
        if (had == null) {
          all[(int) index] = e;
        } else if (!had.equals(e)) {
          problems.add("entry " + index + " served twice with different content");
        }
      }
      long end = start + count;
      if (end <= next) {
        problems.add("entries from " + next + " missing: the server serves no further entries");
        break;
      }
      next = end;
      progress.fetched(Math.min(next, n), n);
    }
    List<LogEntry> entries = new ArrayList<>(all.length);
    List<Hash> leaves = new ArrayList<>(all.length);
    CompactRange range = new CompactRange();
    for (LogEntry e : all) {
      if (e == null) {
        break;
      }
      entries.add(e);
      Hash leaf = e.leafHash();
      leaves.add(leaf);
      range.append(leaf);
    }
    if (entries.size() < n) {
      // The served entries stop at the first missing index F. F is not necessarily the first bad
      // one: a deleted entry with the later ones renumbered down leaves no gap, only a short tail.
      return new Result(
          checkpoint,
          List.of(),
          null,
          problems,
          search
              ? firstBadOfPrefix(source, checkpoint, leaves, range, problems)
              : OptionalLong.empty());
    }
    Hash computed = range.root();
    if (computed.equals(checkpoint.root()) || !search) {
      return new Result(checkpoint, entries, computed, problems, OptionalLong.empty());
    }
    return new Result(
        checkpoint,
        entries,
        computed,
        problems,
        OptionalLong.of(firstBad(source, checkpoint, leaves)));
  }

  /**
   * The first bad index when only the entries {@code [0,F)} were served ({@code F = leaves.size() <
   * checkpoint.size()}): F itself when the server's consistency proof from the root computed over
   * them to the checkpoint's root verifies, otherwise the binary search over {@code [0,F)}. Says
   * which in {@code problems}, with the sizes and roots.
   */
  private static OptionalLong firstBadOfPrefix(
      LogSource source,
      VerifiedCheckpoint checkpoint,
      List<Hash> leaves,
      CompactRange range,
      List<String> problems)
      throws IOException {
    long f = leaves.size();
    if (f == 0) {
      return OptionalLong.of(0); // the empty prefix is always consistent
    }
    Hash prefix = range.root();
    long n = checkpoint.size();
    String served =
        "entries "
            + range(0, f - 1)
            + " as served recompute to root "
            + prefix.hex()
            + " (size "
            + f
            + "), which the server's consistency proof ";
    String to = " the checkpoint (size " + n + ", root " + checkpoint.root().hex() + ")";
    if (consistent(source, checkpoint, f, prefix)) {
      problems.add(served + "links to" + to + ": the first bad entry is the first missing, " + f);
      return OptionalLong.of(f);
    }
    long bad = firstBad(source, checkpoint, leaves);
    problems.add(
        served
            + "does not link to"
            + to
            + ": entries were changed, deleted or renumbered; the first bad entry is "
            + bad);
    return OptionalLong.of(bad);
  }

  /**
   * Whether the server's consistency proof from size {@code m} with root {@code prefix} to the
   * checkpoint verifies.
   */
  private static boolean consistent(
      LogSource source, VerifiedCheckpoint checkpoint, long m, Hash prefix) throws IOException {
    List<Hash> proof = source.consistencyProof(m, checkpoint.size());
    try {
      MerkleProofs.verifyConsistency(m, checkpoint.size(), prefix, checkpoint.root(), proof);
      return true;
    } catch (InvalidProofException e) {
      return false;
    }
  }

  /**
   * The first index whose entry differs from the logged one, given that the served entries {@code
   * leaves} (all of the log, or its first {@code F} when the rest were not served) are not
   * consistent with the checkpoint: the largest {@code m < leaves.size()} such that the first
   * {@code m} entries are.
   */
  static long firstBad(LogSource source, VerifiedCheckpoint checkpoint, List<Hash> leaves)
      throws IOException {
    LeafHashes hashes = LeafHashes.of(leaves);
    long good = 0; // the empty prefix is always consistent
    long bad = leaves.size(); // the whole served list is not
    while (bad - good > 1) {
      long mid = good + (bad - good) / 2;
      if (consistent(source, checkpoint, mid, MerkleTree.root(hashes, mid))) {
        good = mid;
      } else {
        bad = mid;
      }
    }
    return good;
  }

  private static String range(long first, long last) {
    return first == last ? Long.toString(first) : first + ".." + last;
  }
}
