package io.valise.server.audit;

import io.valise.core.audit.AuditRepository;
import io.valise.core.audit.AuditRepository.Head;
import io.valise.core.audit.AuditRepository.Pending;
import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.lease.LeaseRepository;
import io.valise.core.tx.StoreException;
import io.valise.core.tx.Transactions;
import io.valise.tlog.merkle.Hash;
import io.valise.tlog.merkle.MerkleHash;
import io.valise.tlog.note.Checkpoint;
import io.valise.tlog.note.NoteSigner;
import io.valise.tlog.note.RootHash;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Gives appended entries their index and signs checkpoints. Runs on the node holding the {@code
 * sequencer} lease. A pass reads up to {@value #BATCH} unsequenced entries, extends the tree from
 * the frontier this node kept (or read from the store) and signs the new head; then, in one
 * transaction, it moves the head with a compare-and-set on its size and root, numbers the entries,
 * and stores the completed subtrees and the checkpoint (one per size, a primary key). The reads,
 * hashing and signature come first so that the transaction holds SQLite's one writer only to write.
 * Of two sequencers that race (a lease that ran out under a slow node), the second finds the head
 * moved, changes nothing and signs nothing that leaves the process; it starts again from the stored
 * head. A note is only ever handed out or stored for a head committed with it, so no two different
 * trees of one size are signed.
 *
 * <p>Each pass also keeps, for a while, where its entries went and the subtree hashes it knew (the
 * frontier before and every subtree completed), so that a receipt's inclusion proof for an entry of
 * a recent pass is computed in memory ({@link #placed}).
 *
 * <p>Requests on this node call {@link #poke} after committing an entry: the pass starts at once,
 * or, if the last one started less than {@value #SPACING_MILLIS} ms ago, when that time is up; and
 * entries committed while a pass runs go into the next, so many concurrent senders share one pass.
 * Entries made on other nodes are picked up every {@code interval}.
 */
public final class Sequencer {
  static final int BATCH = 4096;

  /**
   * The least time between the starts of two passes, in milliseconds. Under a steady stream of
   * uploads, passes are then at most 200 a second, so their fixed cost (a transaction, a signature,
   * a checkpoint row) is bounded per second instead of paid by every few uploads: each pass takes
   * the entries of a few milliseconds (about twice as many as passes started on every commit took,
   * on a loaded machine). A pass that follows none in that time starts at once, so an upload waits
   * at most this much longer for its receipt, and a lone sender usually nothing.
   */
  static final int SPACING_MILLIS = 5;

  private static final long SPACING_NANOS = Duration.ofMillis(SPACING_MILLIS).toNanos();

  private static final Duration LEASE = Duration.ofSeconds(15);

  /** The lease is renewed once less than this is left of it. */
  private static final Duration RENEW_WITHIN = LEASE.dividedBy(2);

  private final AuditRepository log;
  private final Transactions transactions;
  private final LeaseRepository leases;
  private final NoteSigner signer;
  private final Clock clock;
  private final String node;
  private final Duration interval;
  private final PrintStream out;
  private final LogTree tree;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final Condition progress = lock.newCondition();
  private boolean poked;
  private boolean stopping;
  private long passes;
  private volatile Instant leaseUntil = Instant.EPOCH;
  private String lastError = "";
  private volatile @Nullable Frontier frontier;
  private final RecentPasses recent = new RecentPasses();
  private long lastPassStart = System.nanoTime() - SPACING_NANOS;

  public Sequencer(
      AuditRepository log,
      Transactions transactions,
      LeaseRepository leases,
      NoteSigner signer,
      Clock clock,
      String node,
      Duration interval,
      PrintStream out) {
    this.log = log;
    this.transactions = transactions;
    this.leases = leases;
    this.signer = signer;
    this.clock = clock;
    this.node = node;
    this.interval = interval;
    this.out = out;
    this.tree = new LogTree(log);
  }

  /** Asks for a pass now: an entry was just committed on this node. */
  public void poke() {
    lock.lock();
    try {
      poked = true;
      work.signal();
    } finally {
      lock.unlock();
    }
  }

  /** How many passes this node finished (or tried); see {@link #awaitPass}. */
  public long passes() {
    lock.lock();
    try {
      return passes;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until this node finishes a pass after the {@code seen}-th, or {@code millis} pass,
   * whichever is first. Read {@link #passes} before looking at the store, then wait with it, so a
   * pass that ends in between is not missed. A node that does not hold the lease still counts its
   * (idle) passes every interval; its caller polls the store.
   */
  public void awaitPass(long seen, long millis) throws InterruptedException {
    lock.lock();
    try {
      long nanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(millis);
      while (passes == seen && nanos > 0 && !stopping) {
        nanos = progress.awaitNanos(nanos);
      }
    } finally {
      lock.unlock();
    }
  }

  /** The loop: run by one thread until {@link #stop}. */
  public void run() {
    while (true) {
      lock.lock();
      try {
        if (!poked && !stopping) {
          var unused = work.awaitNanos(interval.toNanos());
        }
        if (stopping) {
          return;
        }
        poked = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        lock.unlock();
      }
      long early = lastPassStart + SPACING_NANOS - System.nanoTime();
      if (early > 0) {
        try {
          Thread.sleep(Duration.ofNanos(early));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      lastPassStart = System.nanoTime();
      passSafely();
    }
  }

  /** Ends the loop after the current pass and gives the lease up. */
  public void stop() {
    lock.lock();
    try {
      stopping = true;
      work.signalAll();
      progress.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Gives the lease up (after {@link #stop} and the loop's end). */
  public void release() {
    try {
      var unused = leases.release(LeaseRepository.SEQUENCER, node, clock.instant());
    } catch (StoreException e) {
      // It runs out by itself.
    }
  }

  private void passSafely() {
    try {
      if (holdLease()) {
        while (pass() == BATCH) {
          // A full batch: more may be waiting.
        }
      }
      lastError = "";
    } catch (RuntimeException e) {
      String message = e.getMessage() + "";
      if (!message.equals(lastError)) {
        out.println("valise: audit sequencer: " + message);
        lastError = message;
      }
    } finally {
      lock.lock();
      try {
        passes++;
        progress.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Whether this node holds the sequencer lease (as of its last renewal). */
  public boolean sequencing() {
    return clock.instant().isBefore(leaseUntil);
  }

  /** Takes or renews the lease when less than half of it is left. */
  private boolean holdLease() {
    Instant now = clock.instant();
    if (now.isBefore(leaseUntil.minus(RENEW_WITHIN))) {
      return true;
    }
    if (leases.acquire(LeaseRepository.SEQUENCER, node, now, LEASE)) {
      leaseUntil = now.plus(LEASE);
      return true;
    }
    leaseUntil = Instant.EPOCH;
    return false;
  }

  /**
   * One pass: sequences up to {@value #BATCH} entries, signs the new head and stores its
   * checkpoint, all in one transaction; signs a committed head that lacks its checkpoint when there
   * is nothing new (a database written by an older version).
   *
   * @return how many entries it sequenced
   */
  public int pass() {
    Sequenced done;
    try {
      done = sequence();
    } catch (StaleHeadException e) {
      // Another node moved the head since this one last sequenced: start again from the store.
      frontier = null;
      done = sequence();
    }
    Frontier f = done.frontier();
    RecentPasses.Pass p = done.pass();
    if (f == null || p == null) {
      signStoredHead();
      return 0;
    }
    frontier = f;
    recent.remember(p);
    return p.count();
  }

  /**
   * The index, checkpoint and inclusion proof of a pending entry if one of this node's last passes
   * sequenced it: a receipt then needs no read of the store. Empty: look in the store.
   */
  public Optional<RecentPasses.Placed> placed(long pendingId) {
    return recent.placed(pendingId);
  }

  /** The tree's perfect subtree roots at a committed head, kept between passes. */
  private record Frontier(long size, Hash root, List<Hash> nodes) {}

  /** What a pass sequenced, and the head it committed (both null if nothing). */
  private record Sequenced(RecentPasses.@Nullable Pass pass, @Nullable Frontier frontier) {}

  /** The head moved under this pass: another node sequenced. The transaction rolls back. */
  private static final class StaleHeadException extends StoreException {
    private static final long serialVersionUID = 1L;

    StaleHeadException() {
      super("another node sequenced the audit log first; retrying");
    }
  }

  /**
   * Reads the pending entries, extends the tree and signs its new head before the transaction, and
   * only writes in it: on SQLite the transaction holds the database's one writer, which every
   * upload's commit waits for, so reading, hashing and signing there would make them all wait
   * longer. The compare-and-set on the head makes that safe: if another sequencer moved it after
   * this one's reads, the transaction changes nothing, and the note signed for it is dropped
   * without ever leaving the process.
   */
  private Sequenced sequence() {
    List<Pending> batch = log.unsequenced(BATCH);
    if (batch.isEmpty()) {
      return new Sequenced(null, null);
    }
    // The head this node committed last, if any; else the stored one. The compare-and-set below
    // checks size and root, so a head another node moved since makes the pass start again.
    Frontier from = frontier;
    if (from == null) {
      from = storedFrontier();
    }
    PassTree tree = new PassTree(from.size(), from.nodes());
    long[] ids = new long[batch.size()];
    List<OpaqueBytes> entries = new ArrayList<>(batch.size());
    for (int i = 0; i < ids.length; i++) {
      Pending p = batch.get(i);
      ids[i] = p.pendingId();
      entries.add(p.entry());
      tree.append(MerkleHash.leaf(p.entry().toByteArray()));
    }
    Hash root = tree.root();
    // Handed out or stored only with the head it signs, once that head is committed: a note for a
    // head that loses the compare-and-set is dropped here.
    String note = sign(tree.size(), root);
    Frontier start = from;
    transactions.inTransaction(
        () -> {
          byte @Nullable [] fromRoot = start.size() == 0 ? null : start.root().toBytes();
          if (!log.advanceHead(start.size(), fromRoot, tree.size(), root.toBytes())) {
            throw new StaleHeadException();
          }
          log.assign(ids, start.size());
          log.putNodes(tree.completed());
          // A checkpoint of this size already stored (a tampered database) fails the pass rather
          // than store a second one.
          log.putCheckpoint(tree.size(), note.getBytes(StandardCharsets.UTF_8), clock.instant());
          return Boolean.TRUE;
        });
    return new Sequenced(
        new RecentPasses.Pass(ids, entries, note, tree),
        new Frontier(tree.size(), root, tree.frontier()));
  }

  /**
   * The committed head and its perfect subtree roots, read from the store, once their hashes are
   * checked to make its root: a head row changed behind the server's back is never built on or
   * signed.
   *
   * @throws StoreException if they do not
   */
  private Frontier storedFrontier() {
    return storedFrontier(log.head());
  }

  private Frontier storedFrontier(Head head) {
    OpaqueBytes stored = head.root();
    Hash root = stored == null ? MerkleHash.EMPTY : Hash.of(stored.toByteArray());
    List<Hash> nodes = tree.frontier(head.size());
    if (!new PassTree(head.size(), nodes).root().equals(root)) {
      throw new StoreException(
          "The audit log's head (size %d) does not match its stored subtree hashes: the database was changed outside Valise; nothing is sequenced or signed until it is restored"
              .formatted(head.size()));
    }
    return new Frontier(head.size(), root, nodes);
  }

  private void signStoredHead() {
    Head head = log.head();
    if (head.root() != null && log.checkpoint(head.size()).isEmpty()) {
      String note = sign(head.size(), storedFrontier(head).root());
      try {
        log.putCheckpoint(head.size(), note.getBytes(StandardCharsets.UTF_8), clock.instant());
      } catch (io.valise.core.tx.ConflictException e) {
        // Another node stored this size first: the same committed head, so the same note.
      }
    }
  }

  /** The checkpoint note of a head. */
  private String sign(long size, Hash root) {
    return new Checkpoint(signer.name(), size, RootHash.of(root.toBytes())).sign(signer);
  }

  /** The tree as stored, for proofs. */
  LogTree tree() {
    return tree;
  }
}
