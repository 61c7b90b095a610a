package io.valise.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.valise.tlog.merkle.CompactRange;
import io.valise.tlog.merkle.Hash;
import io.valise.tlog.merkle.LeafHashes;
import io.valise.tlog.merkle.MerkleHash;
import io.valise.tlog.merkle.MerkleTree;
import io.valise.tlog.note.Checkpoint;
import io.valise.tlog.note.NoteSigner;
import io.valise.tlog.note.RootHash;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A small HTTP server that speaks the audit routes of docs/api.md over a tree held in memory, so
 * the witness command runs over real HTTP before (and apart from) the real server: checkpoint,
 * consistency proof and cosignature submission. It records what was posted.
 */
final class HttpLog implements AutoCloseable {
  private final NoteSigner key;
  private final List<Hash> leaves = new ArrayList<>();
  private final HttpServer server;
  final List<String> posted = new ArrayList<>();
  volatile long servedSize = -1;
  volatile int cosignatureStatus = 204;
  volatile @Nullable String proofBody;

  HttpLog(NoteSigner key) throws IOException {
    this.key = key;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/audit/checkpoint", this::checkpoint);
    server.createContext("/api/audit/proof/consistency", this::consistency);
    server.createContext("/api/audit/cosignatures", this::cosignatures);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  synchronized HttpLog append(String prefix, int count) {
    for (int i = 0; i < count; i++) {
      leaves.add(MerkleHash.leaf((prefix + " " + leaves.size()).getBytes(StandardCharsets.UTF_8)));
    }
    return this;
  }

  /** Replaces the tree by the first {@code size} leaves (a fork starts from there). */
  synchronized void truncate(int size) {
    leaves.subList(size, leaves.size()).clear();
  }

  synchronized RootHash root(long size) {
    CompactRange range = new CompactRange();
    for (int i = 0; i < size; i++) {
      range.append(leaves.get(i));
    }
    return RootHash.of(range.root().toBytes());
  }

  private synchronized long size() {
    return servedSize >= 0 ? servedSize : leaves.size();
  }

  private void checkpoint(HttpExchange x) throws IOException {
    long size = size();
    String note = new Checkpoint(key.name(), size, root(size)).sign(key);
    answer(x, 200, "text/plain; charset=utf-8", note);
  }

  private void consistency(HttpExchange x) throws IOException {
    String query = x.getRequestURI().getQuery();
    long from = -1;
    long to = -1;
    for (String part : query == null ? List.<String>of() : List.of(query.split("&", -1))) {
      if (part.startsWith("from=")) {
        from = Long.parseLong(part.substring(5));
      } else if (part.startsWith("to=")) {
        to = Long.parseLong(part.substring(3));
      }
    }
    String override = proofBody;
    if (override != null) {
      answer(x, 200, "application/json", override);
      return;
    }
    List<Hash> proof;
    synchronized (this) {
      if (from < 0 || from > to || to > leaves.size()) {
        answer(
            x,
            400,
            "application/problem+json",
            "{\"code\":\"bad_range\",\"detail\":\"bad range\"}");
        return;
      }
      proof = MerkleTree.consistencyProof(LeafHashes.of(leaves), from, to);
    }
    StringBuilder json = new StringBuilder("{\"from\":" + from + ",\"to\":" + to + ",\"proof\":[");
    for (int i = 0; i < proof.size(); i++) {
      json.append(i == 0 ? "\"" : ",\"")
          .append(Base64.getEncoder().encodeToString(proof.get(i).toBytes()))
          .append('"');
    }
    answer(x, 200, "application/json", json.append("]}").toString());
  }

  private void cosignatures(HttpExchange x) throws IOException {
    if (!x.getRequestMethod().equals("POST")) {
      answer(x, 405, "text/plain", "");
      return;
    }
    String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    synchronized (this) {
      posted.add(body);
    }
    if (cosignatureStatus == 204) {
      x.sendResponseHeaders(204, -1);
      x.close();
    } else {
      answer(
          x,
          cosignatureStatus,
          "application/problem+json",
          "{\"code\":\"bad_cosignature\",\"detail\":\"no line from a configured witness\"}");
    }
  }

  private static void answer(HttpExchange x, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", type);
    x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      x.getResponseBody().write(bytes);
    }
    x.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
