package io.valise.client.witness;

import io.valise.tlog.merkle.CompactRange;
import io.valise.tlog.merkle.Hash;
import io.valise.tlog.merkle.LeafHashes;
import io.valise.tlog.merkle.MerkleHash;
import io.valise.tlog.merkle.MerkleTree;
import io.valise.tlog.note.Checkpoint;
import io.valise.tlog.note.NoteSigner;
import io.valise.tlog.note.RootHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A log in memory that answers like the server's audit routes: its leaves, a checkpoint of its
 * current size signed by its key, consistency proofs from {@link MerkleTree}, and the cosignature
 * lines it was sent, served back with the checkpoint of their size. Tests make it lie: serve
 * another size, tamper with a proof, fail on the network.
 */
final class MemoryLog implements LogEndpoint {
  private final NoteSigner key;
  private final List<Hash> leaves = new ArrayList<>();
  private final Map<Long, Map<String, String>> cosignatures = new HashMap<>();
  final List<String> submitted = new ArrayList<>();
  final List<String> proofsAsked = new ArrayList<>();
  int checkpointsAsked;
  long servedSize = -1;
  UnaryOperator<List<Hash>> proofFilter = p -> p;
  UnaryOperator<String> noteFilter = n -> n;
  boolean offline;
  boolean refuseCosignatures;
  boolean echoCosignatures = true;

  MemoryLog(NoteSigner key) {
    this.key = key;
  }

  /** Appends {@code count} entries named {@code prefix N}. */
  MemoryLog append(String prefix, int count) {
    for (int i = 0; i < count; i++) {
      String entry = prefix + " " + leaves.size();
      leaves.add(MerkleHash.leaf(entry.getBytes(StandardCharsets.UTF_8)));
    }
    return this;
  }

  /**
   * A log with the same key and the first {@code size} leaves of this one (a copy that can fork).
   */
  MemoryLog copy(int size) {
    return copy(size, key);
  }

  /** As {@link #copy(int)}, signing with {@code signer}. */
  MemoryLog copy(int size, NoteSigner signer) {
    MemoryLog other = new MemoryLog(signer);
    other.leaves.addAll(leaves.subList(0, size));
    return other;
  }

  long size() {
    return servedSize >= 0 ? servedSize : leaves.size();
  }

  RootHash root(long size) {
    CompactRange range = new CompactRange();
    for (int i = 0; i < size; i++) {
      range.append(leaves.get(i));
    }
    return RootHash.of(range.root().toBytes());
  }

  Checkpoint checkpointOf(long size) {
    return new Checkpoint(key.name(), size, root(size));
  }

  @Override
  public byte[] checkpoint() throws IOException {
    checkpointsAsked++;
    if (offline) {
      throw new LogUnavailableException("cannot connect to memory: is the log running?");
    }
    long size = size();
    String note = checkpointOf(size).sign(key);
    StringBuilder served = new StringBuilder(note);
    for (String line : cosignatures.getOrDefault(size, Map.of()).values()) {
      served.append(line);
    }
    return noteFilter.apply(served.toString()).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public List<Hash> consistencyProof(long from, long to) throws IOException {
    proofsAsked.add(from + "-" + to);
    if (offline) {
      throw new LogUnavailableException("cannot connect to memory: is the log running?");
    }
    if (from < 0 || from > to || to > leaves.size()) {
      throw new LogUnavailableException("HTTP 400 [bad_range]");
    }
    return proofFilter.apply(MerkleTree.consistencyProof(LeafHashes.of(leaves), from, to));
  }

  @Override
  public void submitCosignature(String note) throws IOException {
    if (offline) {
      throw new LogUnavailableException("cannot connect to memory: is the log running?");
    }
    if (refuseCosignatures) {
      throw new LogUnavailableException("HTTP 400 [bad_cosignature]: not a configured witness");
    }
    submitted.add(note);
    if (echoCosignatures) {
      // as the server: keep the lines after the log's own signature, for that checkpoint's size
      int blank = note.indexOf("\n\n");
      long size = Long.parseLong(note.substring(0, blank).lines().toList().get(1));
      Map<String, String> lines = cosignatures.computeIfAbsent(size, s -> new LinkedHashMap<>());
      List<String> signatures = note.substring(blank + 2).lines().toList();
      for (String line : signatures.subList(1, signatures.size())) {
        lines.put(line.substring(2, line.indexOf(' ', 2)), line + "\n"); // one per witness name
      }
    }
  }

  @Override
  public String describe() {
    return "memory";
  }
}
