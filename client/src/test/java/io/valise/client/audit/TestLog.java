package io.valise.client.audit;

import io.valise.client.api.EntryPage;
import io.valise.client.api.LogEntry;
import io.valise.client.api.LoggedEntry;
import io.valise.client.api.Receipt;
import io.valise.tlog.merkle.Hash;
import io.valise.tlog.merkle.LeafHashes;
import io.valise.tlog.merkle.MerkleHash;
import io.valise.tlog.merkle.MerkleTree;
import io.valise.tlog.note.Checkpoint;
import io.valise.tlog.note.NoteSigner;
import io.valise.tlog.note.RootHash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A log held in memory and proved with tlog, as a server would: entries, checkpoints signed with a
 * real Ed25519 key, proofs from {@link MerkleTree}. Tests make it lie: serve another note, tamper
 * with proofs, skip entries.
 */
class TestLog implements LogSource {
  final NoteSigner signer;
  final List<byte[]> entries = new ArrayList<>();

  /** When set, served instead of the latest checkpoint. */
  @Nullable String servedNote;

  /** Applied to every consistency proof served. */
  UnaryOperator<List<Hash>> consistencyTamper = UnaryOperator.identity();

  /** Applied to every inclusion proof served. */
  UnaryOperator<List<Hash>> inclusionTamper = UnaryOperator.identity();

  /** Entries per page of {@link #entries}. */
  int page = 1000;

  /** Indexes {@link #entries} leaves out. */
  final List<Long> hidden = new ArrayList<>();

  String lastWitness = "";

  TestLog(NoteSigner signer) {
    this.signer = signer;
  }

  /** Appends an entry; returns its index. */
  long add(String json) {
    entries.add(json.getBytes(StandardCharsets.UTF_8));
    return entries.size() - 1L;
  }

  /** Appends {@code n} numbered entries. */
  TestLog fill(int n) {
    for (int i = 0; i < n; i++) {
      add("{\"n\":" + entries.size() + ",\"type\":\"test\",\"v\":1}");
    }
    return this;
  }

  List<Hash> leaves() {
    return entries.stream().map(MerkleHash::leaf).toList();
  }

  Hash root(long size) {
    return MerkleTree.root(LeafHashes.of(leaves()), size);
  }

  Checkpoint checkpointOf(long size) {
    return new Checkpoint(signer.name(), size, RootHash.of(root(size).toBytes()));
  }

  String note(long size) {
    return checkpointOf(size).sign(signer);
  }

  LoggedEntry logged(long index) {
    return new LoggedEntry(index, LogEntry.of(entries.get((int) index)));
  }

  Receipt receipt(long index) {
    long size = entries.size();
    return new Receipt(
        index,
        LogEntry.of(entries.get((int) index)),
        note(size),
        MerkleTree.inclusionProof(LeafHashes.of(leaves()), index, size));
  }

  @Override
  public byte[] checkpoint(@Nullable String witness) {
    lastWitness = witness == null ? "" : witness;
    String n = servedNote;
    return (n != null ? n : note(entries.size())).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public List<Hash> consistencyProof(long from, long to) {
    return consistencyTamper.apply(MerkleTree.consistencyProof(LeafHashes.of(leaves()), from, to));
  }

  @Override
  public List<Hash> inclusionProof(long index, long size) {
    return inclusionTamper.apply(MerkleTree.inclusionProof(LeafHashes.of(leaves()), index, size));
  }

  @Override
  public EntryPage entries(long start, long end) {
    long s = start;
    while (hidden.contains(s)) {
      s++;
    }
    List<LogEntry> out = new ArrayList<>();
    for (long i = s; i < Math.min(end, s + page) && i < entries.size(); i++) {
      if (hidden.contains(i)) {
        break;
      }
      out.add(LogEntry.of(entries.get((int) i)));
    }
    return new EntryPage(s, out);
  }

  /** A proof with its first hash's first byte flipped. */
  static List<Hash> flip(List<Hash> proof) {
    if (proof.isEmpty()) {
      return proof;
    }
    List<Hash> out = new ArrayList<>(proof);
    byte[] b = out.get(0).toBytes();
    b[0] ^= 1;
    out.set(0, Hash.of(b));
    return out;
  }
}
