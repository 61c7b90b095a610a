package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.valise.age.x25519.X25519Identity;
import io.valise.server.config.AuditConfig;
import io.valise.server.config.ServerConfig;
import io.valise.tlog.merkle.CompactRange;
import io.valise.tlog.merkle.Hash;
import io.valise.tlog.merkle.MerkleHash;
import io.valise.tlog.merkle.MerkleProofs;
import io.valise.tlog.note.Checkpoint;
import io.valise.tlog.note.Cosigner;
import io.valise.tlog.note.NoteSignature;
import io.valise.tlog.note.NoteSigner;
import io.valise.tlog.note.NoteVerifier;
import io.valise.tlog.note.SignedNote;
import io.valise.tlog.note.Verifiers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The audit log end to end over HTTP: receipts verify against the log's own key, checkpoints grow
 * consistently, entries rebuild the signed root, keys carry their publication entry, and a
 * configured witness's cosignature is kept and served.
 */
class AuditLogTest extends ServerTest {
  private static final NoteSigner WITNESS =
      NoteSigner.generate("witness.example", new SecureRandom());

  @Override
  ServerConfig configure(ServerConfig c) {
    return c.withAudit(
        new AuditConfig(
            "valise.test/audit",
            List.of(Cosigner.of(WITNESS).verifier().encode()),
            Duration.ofMillis(200),
            Duration.ofSeconds(10)));
  }

  private NoteVerifier logKey() throws Exception {
    HttpResponse<String> r = get("/api/audit/key", null);
    assertEquals(200, r.statusCode(), r.body());
    NoteVerifier key = NoteVerifier.parse(r.body().strip());
    assertEquals("valise.test/audit", key.name());
    return key;
  }

  private static List<Hash> hashes(JsonNode proof) {
    List<Hash> out = new ArrayList<>();
    proof.forEach(h -> out.add(Hash.of(Base64.getDecoder().decode(h.asText()))));
    return out;
  }

  private static Hash root(Checkpoint c) {
    return Hash.of(c.rootHash().bytes());
  }

  /** Checks a receipt as a client does; returns its checkpoint. */
  private static Checkpoint verifyReceipt(JsonNode receipt, NoteVerifier key) throws Exception {
    Checkpoint c =
        Checkpoint.open(
            receipt.get("checkpoint").asText().getBytes(StandardCharsets.UTF_8), key.name(), key);
    byte[] entry = Base64.getDecoder().decode(receipt.get("entry").asText());
    MerkleProofs.verifyInclusion(
        receipt.get("index").asLong(),
        c.size(),
        MerkleHash.leaf(entry),
        hashes(receipt.get("proof")),
        root(c));
    return c;
  }

  @Test
  void uploadsAndKeysComeWithReceiptsThatVerify() throws Exception {
    addUser("alice");
    addUser("bob");
    String alice = session("alice");
    NoteVerifier key = logKey();
    X25519Identity bob = X25519Identity.generate(random);
    HttpResponse<String> published =
        call(
            "POST",
            "/api/keys",
            session("bob"),
            ("{\"recipient\":\"" + bob.recipient() + "\"}").getBytes(StandardCharsets.UTF_8),
            "Content-Type",
            "application/json");
    assertEquals(201, published.statusCode(), published.body());
    JsonNode k = json(published.body());
    verifyReceipt(k.get("receipt"), key);
    String keyEntry =
        new String(
            Base64.getDecoder().decode(k.get("receipt").get("entry").asText()),
            StandardCharsets.UTF_8);
    assertTrue(keyEntry.contains("\"type\":\"key.publish\""), keyEntry);
    assertTrue(keyEntry.contains("\"recipient\":\"" + bob.recipient() + "\""), keyEntry);
    // The directory shows the same entry.
    JsonNode dir = json(get("/api/directory/bob", alice).body());
    JsonNode log = dir.get("members").get(0).get("keys").get(0).get("log");
    assertEquals(k.get("receipt").get("index").asLong(), log.get("index").asLong());

    byte[] file = Ages.encrypt(random, "results".getBytes(StandardCharsets.UTF_8), bob);
    HttpResponse<String> up = upload(alice, "to=bob", file);
    assertEquals(201, up.statusCode(), up.body());
    JsonNode envelope = json(up.body());
    Checkpoint first = verifyReceipt(envelope.get("receipt"), key);
    String entry =
        new String(
            Base64.getDecoder().decode(envelope.get("receipt").get("entry").asText()),
            StandardCharsets.UTF_8);
    assertTrue(entry.contains("\"envelope\":\"" + envelope.get("id").asText() + "\""), entry);
    assertTrue(entry.contains("\"type\":\"envelope.upload\""), entry);
    assertTrue(entry.contains("\"payloadSha256\":\""), entry);

    // The receipt route gives the same entry again.
    HttpResponse<String> again = get("/api/audit/receipts/" + envelope.get("id").asText(), alice);
    assertEquals(200, again.statusCode(), again.body());
    verifyReceipt(json(again.body()), key);
    assertEquals(
        404,
        get("/api/audit/receipts/" + envelope.get("id").asText(), session("bob")).statusCode());

    // Later checkpoints are consistent with the first.
    upload(alice, "to=bob", file);
    Checkpoint latest = checkpoint(key);
    assertTrue(latest.size() > first.size());
    JsonNode proof =
        json(
            get("/api/audit/proof/consistency?from=" + first.size() + "&to=" + latest.size(), null)
                .body());
    MerkleProofs.verifyConsistency(
        first.size(), latest.size(), root(first), root(latest), hashes(proof.get("proof")));
  }

  private Checkpoint checkpoint(NoteVerifier key) throws Exception {
    HttpResponse<String> r = get("/api/audit/checkpoint", null);
    assertEquals(200, r.statusCode(), r.body());
    return Checkpoint.open(r.body().getBytes(StandardCharsets.UTF_8), key.name(), key);
  }

  @Test
  void theEntriesRebuildTheSignedRootAndAreForAdminsOnly() throws Exception {
    addAdmin("root");
    addUser("alice");
    String admin = session("root");
    String alice = session("alice");
    NoteVerifier key = logKey();
    upload(alice, "to=alice", Ages.encrypt(random, new byte[10], X25519Identity.generate(random)));
    Checkpoint c = checkpoint(key);
    assertProblem(get("/api/audit/entries?start=0&end=10", alice), 403, "not_admin");
    CompactRange range = new CompactRange();
    List<String> types = new ArrayList<>();
    while (range.size() < c.size()) {
      JsonNode page =
          json(get("/api/audit/entries?start=" + range.size() + "&end=" + c.size(), admin).body());
      assertEquals(range.size(), page.get("start").asLong());
      assertTrue(page.get("entries").size() > 0);
      for (JsonNode e : page.get("entries")) {
        byte[] bytes = Base64.getDecoder().decode(e.asText());
        range.append(MerkleHash.leaf(bytes));
        types.add(JSON.readTree(bytes).get("type").asText());
      }
    }
    assertEquals(root(c), range.root());
    assertEquals("server.start", types.getFirst());
    assertTrue(types.contains("envelope.upload"), types.toString());
    assertProblem(
        get("/api/audit/proof/inclusion?index=5&size=" + (c.size() + 1), null), 400, "bad_range");
    assertProblem(get("/api/audit/proof/consistency?from=2&to=1", null), 400, "bad_range");
  }

  @Test
  void aWitnessCosignatureIsCheckedKeptAndServed() throws Exception {
    NoteVerifier key = logKey();
    HttpResponse<String> r = get("/api/audit/checkpoint", null);
    // The server.start entry is sequenced just after the start.
    for (int i = 0; i < 100 && r.statusCode() == 404; i++) {
      Thread.sleep(100);
      r = get("/api/audit/checkpoint", null);
    }
    Checkpoint c = Checkpoint.open(r.body().getBytes(StandardCharsets.UTF_8), key.name(), key);
    assertProblem(get("/api/audit/checkpoint?witness=witness.example", null), 404, "not_witnessed");

    NoteSignature cosig = Cosigner.of(WITNESS).cosign(c, clock);
    String cosigned = r.body() + cosig.line();
    HttpResponse<String> posted =
        call("POST", "/api/audit/cosignatures", null, cosigned.getBytes(StandardCharsets.UTF_8));
    assertEquals(204, posted.statusCode(), posted.body());

    HttpResponse<String> witnessed = get("/api/audit/checkpoint?witness=witness.example", null);
    assertEquals(200, witnessed.statusCode(), witnessed.body());
    SignedNote note = SignedNote.open(witnessed.body(), Verifiers.of(key));
    assertTrue(Cosigner.of(WITNESS).verifier().find(note).isPresent());

    // Another key's cosignature, or one over another text, is refused.
    NoteSigner stranger = NoteSigner.generate("witness.example", random);
    assertProblem(
        call(
            "POST",
            "/api/audit/cosignatures",
            null,
            (r.body() + Cosigner.of(stranger).cosign(c, clock).line())
                .getBytes(StandardCharsets.UTF_8)),
        400,
        "bad_cosignature");
    Checkpoint forged =
        new Checkpoint(c.origin(), c.size(), io.valise.tlog.note.RootHash.of(new byte[32]));
    assertNotEquals(c, forged);
    assertProblem(
        call(
            "POST",
            "/api/audit/cosignatures",
            null,
            (r.body() + Cosigner.of(WITNESS).cosign(forged, clock).line())
                .getBytes(StandardCharsets.UTF_8)),
        400,
        "bad_cosignature");
  }
}
