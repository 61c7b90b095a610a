package io.valise.server.audit;

import io.valise.core.audit.AuditRepository;
import io.valise.core.audit.AuditRepository.Head;
import io.valise.core.audit.AuditRepository.Node;
import io.valise.core.audit.AuditRepository.Pending;
import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.lease.LeaseRepository;
import io.valise.core.tx.StoreException;
import io.valise.core.tx.Transactions;
import io.valise.tlog.merkle.CompactRange;
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
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Gives appended entries their index and signs checkpoints. Runs on the node holding the {@code
 * sequencer} lease; each pass is two transactions:
 *
 * <ol>
 *   <li>read the head and up to {@value #BATCH} unsequenced entries, extend the tree, then move the
 *       head with a compare-and-set, number the entries and store the completed subtrees. Of two
 *       sequencers that race (a lease that ran out under a slow node), the second finds the head
 *       moved and changes nothing;
 *   <li>sign the head just committed and store the checkpoint (one per size, a primary key). The
 *       signature covers only a committed head, so no two different trees of one size are ever
 *       signed: any later signer of that size reads the same head and, Ed25519 being deterministic,
 *       writes the same note.
 * </ol>
 *
 * <p>Requests on this node call {@link #poke} after committing an entry: the pass starts at once,
 * and entries committed while a pass runs go into the next, so many concurrent senders share one
 * pass. Entries made on other nodes are picked up every {@code interval}.
 */
public final class Sequencer {
  static final int BATCH = 4096;
  private static final Duration LEASE = Duration.ofSeconds(15);

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
    if (now.isBefore(leaseUntil.minus(LEASE.dividedBy(2)))) {
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
   * One pass: sequences up to {@value #BATCH} entries and signs the head if no checkpoint of its
   * size exists yet.
   *
   * @return how many entries it sequenced
   */
  public int pass() {
    Sequenced done = transactions.inTransaction(this::sequence);
    Frontier f = done.frontier();
    if (f == null) {
      signStoredHead(); // nothing new; a head committed just before a crash may lack its note
      return 0;
    }
    frontier = f;
    String note = sign(f.size(), f.root());
    remember(
        new Placement(done.pendingIds(), done.entries(), f.size() - done.count(), f.size(), note));
    return done.count();
  }

  /**
   * Where one pass put its entries: pending ids (ascending) numbered from {@code first}, under the
   * checkpoint {@code note} of tree size {@code size}.
   */
  private record Placement(
      List<Long> pendingIds, List<OpaqueBytes> entries, long first, long size, String note) {}

  /** Where an entry of this node's recent passes went: its index and a checkpoint holding it. */
  public record Placed(long index, OpaqueBytes entry, long size, String note) {}

  /** Entries kept for receipts: a few passes' worth, about 8 MB at most. */
  private static final int REMEMBERED = 16_384;

  private int remembered;
  private final java.util.ArrayDeque<Placement> recent = new java.util.ArrayDeque<>();

  private void remember(Placement p) {
    synchronized (recent) {
      recent.addLast(p);
      remembered += p.entries().size();
      while (remembered > REMEMBERED && recent.size() > 1) {
        remembered -= recent.removeFirst().entries().size();
      }
    }
  }

  /**
   * The index and checkpoint of a pending entry if one of this node's last passes sequenced it: a
   * receipt then needs no search of the store. Empty: look in the store.
   */
  public java.util.Optional<Placed> placed(long pendingId) {
    synchronized (recent) {
      for (Placement p : recent) {
        int i = java.util.Collections.binarySearch(p.pendingIds(), pendingId);
        if (i >= 0) {
          return java.util.Optional.of(
              new Placed(p.first() + i, p.entries().get(i), p.size(), p.note()));
        }
      }
    }
    return java.util.Optional.empty();
  }

  /** The tree's perfect subtree roots at a committed head, kept between passes. */
  private record Frontier(long size, Hash root, List<Hash> nodes) {}

  /** What a pass sequenced (pending ids ascending), and the head it committed (null if none). */
  private record Sequenced(
      int count, List<Long> pendingIds, List<OpaqueBytes> entries, @Nullable Frontier frontier) {}

  private Sequenced sequence() {
    Head head = log.head();
    List<Pending> batch = log.unsequenced(BATCH);
    if (batch.isEmpty()) {
      return new Sequenced(0, List.of(), List.of(), null);
    }
    CompactRange range = CompactRange.resume(head.size(), frontierAt(head));
    List<Node> nodes = new ArrayList<>(batch.size() * 2);
    List<Long> ids = new ArrayList<>(batch.size());
    for (Pending p : batch) {
      ids.add(p.pendingId());
      range.append(
          MerkleHash.leaf(p.entry().toByteArray()),
          (level, index, hash) ->
              nodes.add(new Node(level, index, OpaqueBytes.of(hash.toBytes()))));
    }
    Hash root = range.root();
    if (!log.advanceHead(head.size(), range.size(), root.toBytes())) {
      // Another sequencer moved the head first; this pass changes nothing.
      throw new StoreException("another node sequenced the audit log first; retrying");
    }
    log.assign(ids, head.size());
    log.putNodes(nodes);
    return new Sequenced(
        batch.size(),
        ids,
        batch.stream().map(Pending::entry).toList(),
        new Frontier(range.size(), root, range.nodes()));
  }

  /**
   * The frontier at {@code head}: the one kept from the last pass if it is this head (same size and
   * root, so the same tree), else read from the stored subtrees (after another node sequenced).
   */
  private List<Hash> frontierAt(Head head) {
    Frontier f = frontier;
    OpaqueBytes root = head.root();
    if (f != null
        && f.size() == head.size()
        && root != null
        && f.root().equals(Hash.of(root.toByteArray()))) {
      return f.nodes();
    }
    return tree.frontier(head.size());
  }

  private void signStoredHead() {
    Head head = log.head();
    OpaqueBytes root = head.root();
    if (root != null && log.checkpoint(head.size()).isEmpty()) {
      var unused = sign(head.size(), Hash.of(root.toByteArray()));
    }
  }

  /** Signs a head this or another pass committed and stores the note, once per size. */
  private String sign(long size, Hash root) {
    Checkpoint checkpoint = new Checkpoint(signer.name(), size, RootHash.of(root.toBytes()));
    String note = checkpoint.sign(signer);
    try {
      log.putCheckpoint(size, note.getBytes(StandardCharsets.UTF_8), clock.instant());
    } catch (io.valise.core.tx.ConflictException e) {
      // Another node stored this size first: the same head, so the same note.
    }
    return note;
  }

  /** The tree as stored, for proofs. */
  LogTree tree() {
    return tree;
  }
}
