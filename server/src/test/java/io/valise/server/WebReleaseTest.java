package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.valise.server.config.ServerConfig;
import io.valise.server.wiring.ValiseServer;
import io.valise.tlog.merkle.Hash;
import io.valise.tlog.merkle.MerkleHash;
import io.valise.tlog.merkle.MerkleProofs;
import io.valise.tlog.note.Checkpoint;
import io.valise.tlog.note.NoteVerifier;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The web app's release, public: its file list recomputes to the bundle hash, every file is served
 * as listed, and the {@code web.release} entry that published it is in the log, once per bundle.
 */
class WebReleaseTest extends ServerTest {
  private JsonNode release() throws Exception {
    HttpResponse<String> r = get("/api/web/release", null);
    assertEquals(200, r.statusCode(), r.body());
    return json(r.body());
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @Test
  void theReleaseListsWhatIsServedAndItsHash() throws Exception {
    JsonNode release = release();
    StringBuilder manifest = new StringBuilder();
    for (JsonNode f : release.get("files")) {
      manifest
          .append(f.get("path").asText())
          .append('\t')
          .append(f.get("type").asText())
          .append('\t')
          .append(f.get("sha256").asText())
          .append('\n');
      String path = f.get("path").asText().equals("/index.html") ? "/" : f.get("path").asText();
      HttpResponse<byte[]> served =
          http.send(
              HttpRequest.newBuilder(uri(path)).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, served.statusCode(), path);
      assertEquals(f.get("sha256").asText(), sha256(served.body()), path);
      assertEquals(f.get("type").asText(), served.headers().firstValue("Content-Type").orElse(""));
    }
    assertEquals(
        release.get("bundle").asText(),
        sha256(manifest.toString().getBytes(StandardCharsets.UTF_8)));
    List<String> paths = new ArrayList<>();
    release.get("files").forEach(f -> paths.add(f.get("path").asText()));
    assertTrue(paths.containsAll(List.of("/index.html", "/sw.js")), paths.toString());
    assertEquals(paths.stream().sorted().toList(), paths, "sorted as files.txt is");
  }

  @Test
  void theReleaseEntryIsPublicWithItsProofAndOtherEntriesAreNot() throws Exception {
    JsonNode release = release();
    long index = release.get("entry").get("index").asLong();
    HttpResponse<String> r = get("/api/audit/web-releases/" + index, null);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode receipt = json(r.body());
    assertEquals(index, receipt.get("index").asLong());

    NoteVerifier key = NoteVerifier.parse(get("/api/audit/key", null).body().strip());
    Checkpoint c =
        Checkpoint.open(
            receipt.get("checkpoint").asText().getBytes(StandardCharsets.UTF_8), key.name(), key);
    byte[] entry = Base64.getDecoder().decode(receipt.get("entry").asText());
    List<Hash> proof = new ArrayList<>();
    receipt.get("proof").forEach(h -> proof.add(Hash.of(Base64.getDecoder().decode(h.asText()))));
    MerkleProofs.verifyInclusion(
        index, c.size(), MerkleHash.leaf(entry), proof, Hash.of(c.rootHash().bytes()));
    JsonNode fields = json(new String(entry, StandardCharsets.UTF_8));
    assertEquals("web.release", fields.get("type").asText());
    assertEquals(release.get("bundle").asText(), fields.get("web").asText());
    assertEquals("server", fields.get("via").asText());
    assertEquals(release.get("files").size(), fields.get("files").asInt());
    assertFalse(fields.has("from"), fields.toString());

    // server.start (index 0 here) names the policy and more: not public.
    assertTrue(index > 0, "server.start comes first");
    assertProblem(get("/api/audit/web-releases/0", null), 404, "not_found");
    assertProblem(get("/api/audit/web-releases/999999", null), 404, "not_found");
    assertProblem(get("/api/audit/web-releases/-1", null), 404, "not_found");
    assertProblem(get("/api/audit/web-releases/x", null), 404, "not_found");
  }

  @Test
  void aRestartWithTheSameBundlePublishesNothingNew() throws Exception {
    long index = release().get("entry").get("index").asLong();
    server().close();
    server = ValiseServer.start(Objects.requireNonNull(config), clock, random, System.err);
    assertEquals(index, release().get("entry").get("index").asLong());
    ServerConfig c = Objects.requireNonNull(config);
    assertEquals(1, StoredEntries.ofType(c, "web.release").size());
    List<JsonNode> starts = StoredEntries.ofType(c, "server.start");
    assertEquals(2, starts.size());
    for (JsonNode s : starts) {
      assertEquals(release().get("bundle").asText(), s.get("web").asText());
    }
  }
}
