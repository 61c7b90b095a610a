package io.valise.server.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.core.audit.AuditRepository;
import io.valise.core.audit.AuditRepository.Indexed;
import io.valise.core.audit.AuditRepository.StoredCheckpoint;
import io.valise.server.http.Json;
import io.valise.tlog.merkle.Hash;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Receipts: an entry, its index, a signed checkpoint whose tree holds it, and the inclusion proof
 * that ties them, so that the client can check its action was logged without trusting the server.
 */
public final class Receipts {
  private static final long POLL_MILLIS = 100;

  private final AuditRepository log;
  private final Sequencer sequencer;
  private final Duration wait;

  public Receipts(AuditRepository log, Sequencer sequencer, Duration wait) {
    this.log = log;
    this.sequencer = sequencer;
    this.wait = wait;
  }

  /**
   * The receipt of the entry with pending id {@code pendingId}, waiting up to the configured time
   * for the sequencer to number it and sign a checkpoint that holds it.
   */
  public Optional<ObjectNode> await(long pendingId) throws InterruptedException {
    if (pendingId < 0) {
      return Optional.empty(); // not logged (the benchmark's baseline)
    }
    long deadline = System.nanoTime() + wait.toNanos();
    sequencer.poke();
    // Fast path: this node sequenced it, and the sequencer says where, with the entry, the
    // checkpoint it signed and the proof, computed from the hashes the pass knew: no store read.
    long first = sequencer.passes();
    while (sequencer.sequencing() || sequencer.passes() == first) {
      long seen = sequencer.passes();
      Optional<RecentPasses.Placed> placed = sequencer.placed(pendingId);
      if (placed.isPresent()) {
        RecentPasses.Placed p = placed.get();
        return Optional.of(receipt(p.index(), p.entry().toByteArray(), p.note(), p.proof()));
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || seen > first + 2) {
        // Two whole passes of this node ended without it: another node sequences (or this one
        // had a backlog); look in the store.
        break;
      }
      sequencer.awaitPass(seen, Math.min(POLL_MILLIS, Math.max(1, left / 1_000_000)));
    }
    // Another node sequences, or this one had a backlog: the store has the entry and checkpoint.
    return poll(() -> log.sequenced(pendingId), deadline);
  }

  /**
   * Waits until {@code find} gives a sequenced entry and a checkpoint covers it, then makes its
   * receipt; empty if the wait ran out.
   */
  Optional<ObjectNode> poll(Supplier<Optional<Indexed>> find) throws InterruptedException {
    return poll(find, System.nanoTime() + wait.toNanos());
  }

  private Optional<ObjectNode> poll(Supplier<Optional<Indexed>> find, long deadline)
      throws InterruptedException {
    sequencer.poke();
    while (true) {
      long seen = sequencer.passes();
      Optional<Indexed> entry = find.get();
      Optional<StoredCheckpoint> checkpoint = log.latestCheckpoint();
      if (entry.isPresent()
          && checkpoint.isPresent()
          && checkpoint.get().size() > entry.get().index()) {
        return Optional.of(
            receipt(entry.get(), checkpoint.get().size(), withCosignatures(log, checkpoint.get())));
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return Optional.empty();
      }
      sequencer.awaitPass(seen, Math.min(POLL_MILLIS, Math.max(1, left / 1_000_000)));
    }
  }

  private ObjectNode receipt(Indexed entry, long size, String checkpoint) {
    return receipt(
        entry.index(),
        entry.entry().toByteArray(),
        checkpoint,
        sequencer.tree().inclusion(entry.index(), size));
  }

  private static ObjectNode receipt(long index, byte[] entry, String checkpoint, List<Hash> proof) {
    ObjectNode r = Json.object();
    r.put("index", index);
    r.put("entry", Base64.getEncoder().encodeToString(entry));
    r.put("checkpoint", checkpoint);
    r.set("proof", hashes(proof));
    return r;
  }

  /** The stored note followed by the witnesses' cosignature lines for its size. */
  static String withCosignatures(AuditRepository log, StoredCheckpoint checkpoint) {
    StringBuilder note =
        new StringBuilder(new String(checkpoint.note().toByteArray(), StandardCharsets.UTF_8));
    for (String line : log.cosignatures(checkpoint.size())) {
      note.append(line).append('\n');
    }
    return note.toString();
  }

  static ArrayNode hashes(List<Hash> proof) {
    ArrayNode out = Json.object().arrayNode();
    for (Hash h : proof) {
      out.add(Base64.getEncoder().encodeToString(h.toBytes()));
    }
    return out;
  }
}
