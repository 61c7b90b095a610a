package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.valise.age.x25519.X25519Identity;
import io.valise.core.auth.Totp;
import io.valise.core.auth.TotpParameters;
import io.valise.core.auth.TotpSecret;
import io.valise.server.config.ServerConfig;
import io.valise.server.wiring.LocalAdmin;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Every security action leaves its docs/audit.md entry in {@code audit_entry}, committed with the
 * action; a refused or rolled-back action leaves none; no entry holds a file name or a password.
 */
class AuditEntriesTest extends ServerTest {
  private static final String FILE_NAME = "resultats-covid-2026-03-01.csv";
  private static final String LINK_PASSWORD = "link secret 4711";
  private static final String WRONG_PASSWORD = "wrong guess 1234";

  final X25519Identity bobKey = X25519Identity.generate(random);
  final X25519Identity carolKey = X25519Identity.generate(random);
  final X25519Identity linkKey = X25519Identity.generate(random);

  // --- reading the log ---

  /** Every entry in append order, sequenced or not, as stored. */
  private List<byte[]> rawEntries() throws Exception {
    ServerConfig c = Objects.requireNonNull(config);
    List<byte[]> out = new ArrayList<>();
    try (Connection conn = DriverManager.getConnection(c.database());
        PreparedStatement s =
            conn.prepareStatement("SELECT entry FROM audit_entry ORDER BY pending_id");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.add(r.getBytes(1));
      }
    }
    return out;
  }

  private List<JsonNode> entries(String type) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (byte[] e : rawEntries()) {
      JsonNode n = JSON.readTree(e);
      if (n.get("type").asText().equals(type)) {
        out.add(n);
      }
    }
    return out;
  }

  /** The one entry of {@code type}. */
  private JsonNode only(String type) throws Exception {
    List<JsonNode> found = entries(type);
    assertEquals(1, found.size(), type + ": " + found);
    return found.getFirst();
  }

  /** Asserts the common keys of an entry made for a caller over HTTP. */
  private static void byCaller(JsonNode e, @Nullable String actorName, String via) {
    assertEquals(1, e.get("v").asInt());
    assertTrue(e.get("v").isIntegralNumber());
    assertEquals("2026-03-01T09:00:00.000Z", e.get("time").asText(), e.toString());
    assertEquals("127.0.0.1", e.get("from").asText(), e.toString());
    assertEquals(via, e.get("via").asText(), e.toString());
    if (actorName == null) {
      assertNull(e.get("actor"), e.toString());
      assertNull(e.get("actorName"), e.toString());
    } else {
      assertEquals(actorName, e.get("actorName").asText(), e.toString());
      assertFalse(e.get("actor").asText().isEmpty(), e.toString());
    }
  }

  /** No stored entry holds any of these strings, in any of the bytes of the table. */
  private void assertNowhere(String... secrets) throws Exception {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] e : rawEntries()) {
      all.write(e);
    }
    String text = all.toString(StandardCharsets.UTF_8);
    for (String s : secrets) {
      assertFalse(text.contains(s), "the audit log holds [" + s + "]");
    }
  }

  /** The account id the admin-cli {@code account.create} entry gave {@code name}. */
  private String accountId(String name) throws Exception {
    for (JsonNode e : entries("account.create")) {
      if (e.get("accountName").asText().equals(name)) {
        return e.get("account").asText();
      }
    }
    throw new AssertionError("no account.create for " + name);
  }

  // --- helpers for actions ---

  private String send(String session, String to, String extra) throws Exception {
    byte[] plain = (FILE_NAME + "\n1,2,3\n").getBytes(StandardCharsets.UTF_8);
    byte[] file = Ages.encrypt(random, plain, bobKey);
    HttpResponse<String> up = upload(session, "to=" + to + extra, file);
    assertEquals(201, up.statusCode(), up.body());
    return json(up.body()).get("id").asText();
  }

  private String token(String session, String scopes) throws Exception {
    HttpResponse<String> r =
        callJson(
            "POST", "/api/tokens", session, "{\"scopes\":[" + scopes + "],\"lifetimeDays\":30}");
    assertEquals(201, r.statusCode(), r.body());
    return r.body();
  }

  // --- tests ---

  @Test
  void loginsSessionsAndTokens() throws Exception {
    addUser("alice");
    JsonNode created = only("account.create");
    assertEquals("admin-cli", created.get("via").asText());
    assertNull(created.get("actor"));
    assertNull(created.get("from"));
    assertEquals("alice", created.get("accountName").asText());
    assertEquals("false", created.get("admin").asText());
    assertEquals("PERSON", created.get("kind").asText());
    String aliceId = accountId("alice");

    assertEquals(401, login("alice", WRONG_PASSWORD).statusCode());
    JsonNode failed = only("login.failure");
    byCaller(failed, null, "session");
    assertEquals("alice", failed.get("name").asText());
    assertEquals("bad_credentials", failed.get("reason").asText());
    String longName = "x".repeat(100);
    assertEquals(401, login(longName, WRONG_PASSWORD).statusCode());
    assertEquals("x".repeat(64), entries("login.failure").get(1).get("name").asText());
    // Cut by characters, never through a surrogate pair (which would not survive UTF-8).
    assertEquals(401, login("y".repeat(63) + "\uD83D\uDE00z", WRONG_PASSWORD).statusCode());
    assertEquals("y".repeat(63), entries("login.failure").get(2).get("name").asText());

    String session = session("alice");
    JsonNode ok = only("login.success");
    byCaller(ok, "alice", "session");
    assertEquals(aliceId, ok.get("account").asText());
    assertEquals(aliceId, ok.get("actor").asText());
    assertEquals("alice", ok.get("accountName").asText());
    assertEquals("password", ok.get("method").asText());

    JsonNode issued = json(token(session, "\"send\",\"receive\""));
    JsonNode tc = only("token.create");
    byCaller(tc, "alice", "session");
    assertEquals(aliceId, tc.get("account").asText());
    assertEquals(issued.get("id").asText(), tc.get("token").asText());
    assertEquals("receive send", tc.get("scopes").asText());

    String path = "/api/tokens/" + issued.get("id").asText();
    assertEquals(200, call("DELETE", path, session, null).statusCode());
    assertEquals(404, call("DELETE", path, session, null).statusCode());
    JsonNode tr = only("token.revoke"); // the refused second revoke left nothing
    assertEquals(issued.get("id").asText(), tr.get("token").asText());
    assertNull(tr.get("scopes"));

    assertEquals(200, call("POST", "/api/logout", session, null).statusCode());
    JsonNode end = only("session.end");
    byCaller(end, "alice", "session");
    assertEquals(aliceId, end.get("account").asText());

    assertNowhere(PASSWORD, WRONG_PASSWORD, session, issued.get("token").asText());
  }

  @Test
  void envelopeReadsAndChanges() throws Exception {
    addUser("alice");
    addUser("bob");
    addUser("carol");
    String alice = session("alice");
    String bob = session("bob");
    String id = send(alice, "bob", "&maxDownloads=2");

    HttpResponse<byte[]> header = getBytes("/api/envelopes/" + id + "/header", bob, null);
    assertEquals(200, header.statusCode());
    JsonNode h = only("envelope.header");
    byCaller(h, "bob", "session");
    assertEquals(id, h.get("envelope").asText());

    assertEquals(206, getBytes("/api/envelopes/" + id + "/file", bob, "bytes=0-9").statusCode());
    assertEquals(200, getBytes("/api/envelopes/" + id + "/file", bob, null).statusCode());
    // Used up: refused, and the refusal is not recorded as a download.
    assertEquals(410, getBytes("/api/envelopes/" + id + "/file", bob, null).statusCode());
    List<JsonNode> downloads = entries("envelope.download");
    assertEquals(2, downloads.size(), downloads.toString());
    assertEquals("0-9", downloads.get(0).get("range").asText());
    assertEquals("all", downloads.get(1).get("range").asText());
    assertEquals(id, downloads.get(1).get("envelope").asText());
    assertNull(downloads.get(1).get("link"));
    byCaller(downloads.get(1), "bob", "session");

    String other = send(alice, "bob", "");
    byte[] stored = getBytes("/api/envelopes/" + other + "/header", bob, null).body();
    byte[] rewrapped = Ages.rewrap(random, stored, bobKey, carolKey);
    HttpResponse<String> added =
        call("POST", "/api/envelopes/" + other + "/recipients?to=carol", bob, rewrapped);
    assertEquals(200, added.statusCode(), added.body());
    JsonNode rw = only("envelope.rewrap");
    byCaller(rw, "bob", "session");
    assertEquals(other, rw.get("envelope").asText());
    assertEquals(accountId("carol"), rw.get("added").asText());
    assertEquals(
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(rewrapped)),
        rw.get("headerSha256").asText());

    assertEquals(
        404,
        call("DELETE", "/api/envelopes/" + other + "/recipients/nobody", alice, null).statusCode());
    assertEquals(
        200,
        call("DELETE", "/api/envelopes/" + other + "/recipients/carol", alice, null).statusCode());
    JsonNode rm = only("envelope.recipient.remove");
    byCaller(rm, "alice", "session");
    assertEquals(other, rm.get("envelope").asText());
    assertEquals(accountId("carol"), rm.get("account").asText());

    assertEquals(403, call("DELETE", "/api/envelopes/" + other, bob, null).statusCode());
    assertEquals(204, call("DELETE", "/api/envelopes/" + other, alice, null).statusCode());
    JsonNode w = only("envelope.withdraw");
    byCaller(w, "alice", "session");
    assertEquals(other, w.get("envelope").asText());

    assertNowhere(FILE_NAME, PASSWORD);
  }

  @Test
  void shareLinks() throws Exception {
    addUser("alice");
    addUser("bob");
    String alice = session("alice");
    String bob = session("bob");
    String id = send(alice, "bob", "&maxDownloads=2");
    byte[] stored = getBytes("/api/envelopes/" + id + "/header", bob, null).body();
    String header =
        Base64.getEncoder().encodeToString(Ages.linkHeader(random, stored, bobKey, linkKey));

    String body =
        JSON.createObjectNode()
            .put("header", header)
            .put("maxDownloads", 5)
            .put("password", LINK_PASSWORD)
            .toString();
    HttpResponse<String> made = callJson("POST", "/api/envelopes/" + id + "/links", bob, body);
    assertEquals(201, made.statusCode(), made.body());
    String link = json(made.body()).get("id").asText();
    JsonNode lc = only("link.create");
    byCaller(lc, "bob", "session");
    assertEquals(id, lc.get("envelope").asText());
    assertEquals(link, lc.get("link").asText());
    assertEquals(5, lc.get("maxDownloads").asInt());
    assertTrue(lc.get("maxDownloads").isIntegralNumber());
    assertEquals("true", lc.get("password").asText());
    assertEquals("2026-03-08T09:00:00.000Z", lc.get("expiresAt").asText());

    String file = "/api/links/" + link + "/file";
    assertEquals(401, call("GET", file, null, null).statusCode());
    assertEquals(
        401, call("GET", file, null, null, "Valise-Link-Password", WRONG_PASSWORD).statusCode());
    List<JsonNode> failures = entries("link.failure");
    assertEquals(2, failures.size(), failures.toString());
    assertEquals("password_required", failures.get(0).get("reason").asText());
    assertEquals("bad_password", failures.get(1).get("reason").asText());
    byCaller(failures.get(1), null, "link");
    assertEquals(link, failures.get(1).get("link").asText());
    assertTrue(entries("envelope.download").isEmpty());

    HttpResponse<String> got =
        call("GET", file, null, null, "Valise-Link-Password", LINK_PASSWORD, "Range", "bytes=5-");
    assertEquals(206, got.statusCode());
    JsonNode d = only("envelope.download");
    byCaller(d, null, "link");
    assertEquals(id, d.get("envelope").asText());
    assertEquals(link, d.get("link").asText());
    assertTrue(d.get("range").asText().matches("5-[0-9]+"), d.toString());

    // The envelope's last download goes to bob; the link's reservation is then rolled back.
    assertEquals(200, getBytes("/api/envelopes/" + id + "/file", bob, null).statusCode());
    assertEquals(
        410, call("GET", file, null, null, "Valise-Link-Password", LINK_PASSWORD).statusCode());
    assertEquals("unavailable", entries("link.failure").get(2).get("reason").asText());
    assertEquals(1, entries("envelope.download").stream().filter(e -> e.has("link")).count());
    JsonNode links = json(get("/api/envelopes/" + id + "/links", alice).body()).get("links");
    assertEquals(1, links.get(0).get("downloads").asInt(), "the use was rolled back");

    assertEquals(
        204, call("DELETE", "/api/envelopes/" + id + "/links/" + link, alice, null).statusCode());
    JsonNode lr = only("link.revoke");
    byCaller(lr, "alice", "session");
    assertEquals(id, lr.get("envelope").asText());
    assertEquals(link, lr.get("link").asText());

    // Guessing the password gets the source banned; the guess that starts it and the refusals
    // under it are link failures.
    int status = 0;
    for (int i = 0; i < 30 && status != 429; i++) {
      status = call("GET", file, null, null, "Valise-Link-Password", WRONG_PASSWORD).statusCode();
    }
    assertEquals(429, status);
    JsonNode ban = only("ban");
    byCaller(ban, null, "link");
    assertEquals("source:127.0.0.1", ban.get("subject").asText());
    assertTrue(
        ban.get("until").asText().matches("2026-03-01T09:[0-9:]{5}\\.[0-9]{3}Z"), ban.toString());
    assertEquals("bad_password", entries("link.failure").getLast().get("reason").asText());
    assertEquals(
        429, call("GET", file, null, null, "Valise-Link-Password", LINK_PASSWORD).statusCode());
    assertEquals("banned", entries("link.failure").getLast().get("reason").asText());

    assertNowhere(LINK_PASSWORD, WRONG_PASSWORD, PASSWORD, FILE_NAME, header);
  }

  @Test
  void administration() throws Exception {
    addAdmin("root");
    addUser("bob");
    String root = session("root");
    String bob = session("bob");
    String body =
        JSON.createObjectNode()
            .put("name", "lab1")
            .put("password", "lab1 password 99")
            .put("kind", "SYSTEM")
            .toString();
    assertEquals(201, callJson("POST", "/api/accounts", root, body).statusCode());
    assertEquals(409, callJson("POST", "/api/accounts", root, body).statusCode());
    List<JsonNode> made =
        entries("account.create").stream()
            .filter(e -> e.get("accountName").asText().equals("lab1"))
            .toList();
    assertEquals(1, made.size(), "the refused duplicate left no entry");
    byCaller(made.getFirst(), "root", "session");
    assertEquals("SYSTEM", made.getFirst().get("kind").asText());
    assertEquals("false", made.getFirst().get("admin").asText());
    assertEquals("true", entries("account.create").getFirst().get("admin").asText());

    assertEquals(200, call("POST", "/api/accounts/lab1/disable", root, null).statusCode());
    JsonNode dis = only("account.disable");
    byCaller(dis, "root", "session");
    assertEquals("lab1", dis.get("accountName").asText());
    assertEquals(made.getFirst().get("account").asText(), dis.get("account").asText());

    assertEquals(201, callJson("POST", "/api/groups", root, "{\"name\":\"ars\"}").statusCode());
    assertEquals(409, callJson("POST", "/api/groups", root, "{\"name\":\"bob\"}").statusCode());
    JsonNode gc = only("group.create");
    byCaller(gc, "root", "session");
    assertEquals("ars", gc.get("groupName").asText());
    String group = gc.get("group").asText();
    assertEquals(200, call("PUT", "/api/groups/ars/members/bob", root, null).statusCode());
    assertEquals(200, call("DELETE", "/api/groups/ars/members/bob", root, null).statusCode());
    JsonNode add = only("group.member.add");
    JsonNode remove = only("group.member.remove");
    for (JsonNode m : List.of(add, remove)) {
      assertEquals(group, m.get("group").asText());
      assertEquals("ars", m.get("groupName").asText());
      assertEquals(accountId("bob"), m.get("account").asText());
      assertEquals("bob", m.get("accountName").asText());
    }
    assertEquals(204, call("DELETE", "/api/groups/ars", root, null).statusCode());
    assertEquals(group, only("group.delete").get("group").asText());

    // The same through the local admin commands: via admin-cli, no actor, no address.
    ServerConfig c = Objects.requireNonNull(config);
    LocalAdmin.addGroup(c, "cpam", clock, random);
    LocalAdmin.changeMembers(c, "cpam", List.of("bob"), true, clock);
    LocalAdmin.changeMembers(c, "cpam", List.of("bob"), false, clock);
    LocalAdmin.deleteGroup(c, "cpam", clock);
    LocalAdmin.enrolTotp(c, "bob", clock, random);
    for (String type :
        List.of("group.create", "group.member.add", "group.member.remove", "group.delete")) {
      JsonNode e = entries(type).get(1);
      assertEquals("admin-cli", e.get("via").asText(), e.toString());
      assertNull(e.get("actor"));
      assertNull(e.get("from"));
      assertEquals("cpam", e.get("groupName").asText());
    }
    JsonNode totp = only("account.totp");
    assertEquals("admin-cli", totp.get("via").asText());
    assertEquals("bob", totp.get("accountName").asText());

    // Key revocation (the key's publication is recorded by the upload work, not here).
    String recipient = bobKey.recipient().encode();
    HttpResponse<String> pub =
        callJson(
            "POST",
            "/api/keys",
            bob,
            JSON.createObjectNode().put("recipient", recipient).toString());
    assertEquals(201, pub.statusCode(), pub.body());
    String key = json(pub.body()).get("id").asText();
    assertEquals(404, call("DELETE", "/api/keys/" + key, root, null).statusCode());
    assertEquals(200, call("DELETE", "/api/keys/" + key, bob, null).statusCode());
    JsonNode kr = only("key.revoke");
    byCaller(kr, "bob", "session");
    assertEquals(key, kr.get("key").asText());
    assertEquals(accountId("bob"), kr.get("account").asText());
    assertEquals("bob", kr.get("accountName").asText());

    assertNowhere(PASSWORD, "lab1 password 99");
  }

  @Test
  void sshKeys() throws Exception {
    addAdmin("root");
    addUser("lab");
    String root = session("root");
    String lab = session("lab");
    String labId = accountId("lab");
    String line = SshKeyTest.ED25519;
    HttpResponse<String> r =
        callJson(
            "POST",
            "/api/ssh-keys",
            lab,
            JSON.createObjectNode().put("publicKey", line).toString());
    assertEquals(201, r.statusCode(), r.body());
    String key = json(r.body()).get("id").asText();
    // Refused adds (taken, not a key) leave no entry.
    assertEquals(
        409,
        callJson(
                "POST",
                "/api/ssh-keys",
                root,
                JSON.createObjectNode().put("publicKey", line).toString())
            .statusCode());
    assertEquals(
        400,
        callJson(
                "POST",
                "/api/ssh-keys",
                lab,
                JSON.createObjectNode().put("publicKey", "ssh-rsa AAAA").toString())
            .statusCode());
    JsonNode added = only("sshkey.add");
    byCaller(added, "lab", "session");
    assertEquals(labId, added.get("account").asText());
    assertEquals("lab", added.get("accountName").asText());
    assertEquals(key, added.get("key").asText());
    assertEquals(SshKeyTest.ED25519_FINGERPRINT, added.get("fingerprint").asText());
    assertEquals("ssh-ed25519", added.get("algorithm").asText());

    assertEquals(404, call("DELETE", "/api/ssh-keys/" + key, root, null).statusCode());
    assertEquals(entries("sshkey.remove"), List.of(), "a refused remove leaves no entry");
    assertEquals(204, call("DELETE", "/api/accounts/lab/ssh-keys/" + key, root, null).statusCode());
    JsonNode removed = only("sshkey.remove");
    byCaller(removed, "root", "session");
    assertEquals(labId, removed.get("account").asText());
    assertEquals("lab", removed.get("accountName").asText());
    assertEquals(key, removed.get("key").asText());
    assertEquals(SshKeyTest.ED25519_FINGERPRINT, removed.get("fingerprint").asText());
    assertEquals("ssh-ed25519", removed.get("algorithm").asText());

    // The local admin command: via admin-cli, no actor, no address.
    ServerConfig c = Objects.requireNonNull(config);
    var k = LocalAdmin.addSshKey(c, "lab", SshKeyTest.ECDSA256, "enrolled", clock, random);
    LocalAdmin.removeSshKey(c, "lab", k.fingerprint(), clock, random);
    for (String type : List.of("sshkey.add", "sshkey.remove")) {
      JsonNode e = entries(type).get(1);
      assertEquals("admin-cli", e.get("via").asText(), e.toString());
      assertNull(e.get("actor"));
      assertNull(e.get("from"));
      assertEquals(labId, e.get("account").asText());
      assertEquals(k.id().text(), e.get("key").asText());
      assertEquals(SshKeyTest.ECDSA256_FINGERPRINT, e.get("fingerprint").asText());
      assertEquals("ecdsa-sha2-nistp256", e.get("algorithm").asText());
    }
  }

  @Test
  void theSweeperRecordsEachPurgeWithItsReason() throws Exception {
    addUser("alice");
    addUser("bob");
    String alice = session("alice");
    String bob = session("bob");
    String exhausted = send(alice, "bob", "&maxDownloads=1");
    String expired = send(alice, "bob", "&expires=1h");
    String kept = send(alice, "bob", "");
    assertEquals(200, getBytes("/api/envelopes/" + exhausted + "/file", bob, null).statusCode());
    clock.advance(Duration.ofHours(2));
    assertEquals(2, server().sweeper().sweepOnce());
    assertEquals(0, server().sweeper().sweepOnce());
    List<JsonNode> purges = entries("envelope.purge");
    assertEquals(2, purges.size(), purges.toString());
    for (JsonNode p : purges) {
      assertEquals("server", p.get("via").asText());
      assertNull(p.get("actor"));
      assertNull(p.get("from"));
      String e = p.get("envelope").asText();
      assertFalse(e.equals(kept));
      assertEquals(e.equals(exhausted) ? "exhausted" : "expired", p.get("reason").asText(), e);
      assertTrue(e.equals(exhausted) || e.equals(expired));
    }
  }

  @Test
  void aBanIsRecordedWhenItStartsAndItsRefusalsAfter() throws Exception {
    addUser("alice");
    int status = 0;
    int attempts = 0;
    while (status != 429 && attempts < 30) {
      status = login("alice", WRONG_PASSWORD).statusCode();
      attempts++;
    }
    assertEquals(429, status);
    JsonNode ban = only("ban");
    byCaller(ban, null, "session");
    assertEquals("source:127.0.0.1", ban.get("subject").asText());
    assertTrue(ban.get("until").asText().compareTo(START.toString()) > 0, ban.toString());
    List<JsonNode> failures = entries("login.failure");
    assertEquals(attempts, failures.size(), "the failure that started the ban is recorded too");

    assertEquals(429, login("alice", PASSWORD).statusCode());
    assertEquals("banned", entries("login.failure").getLast().get("reason").asText());
    assertEquals(1, entries("ban").size(), "a refusal under a ban starts no new ban");
    assertTrue(entries("login.success").isEmpty());
    assertNowhere(PASSWORD, WRONG_PASSWORD);
  }

  @Test
  void secondFactorTokenCallersAndBadTokens() throws Exception {
    addUser("alice");
    addUser("bob");
    ServerConfig c = Objects.requireNonNull(config);
    Matcher m =
        Pattern.compile("[?&]secret=([A-Z2-7]+)")
            .matcher(LocalAdmin.enrolTotp(c, "alice", clock, random));
    assertTrue(m.find());
    Totp totp = new Totp(TotpParameters.DEFAULT, clock);
    String code;
    try (TotpSecret secret = TotpSecret.fromBase32(m.group(1))) {
      code = totp.code(secret, totp.stepAt(clock.instant()));
    }
    assertEquals(401, login("alice", PASSWORD).statusCode());
    String body =
        JSON.createObjectNode()
            .put("name", "alice")
            .put("password", PASSWORD)
            .put("totp", code)
            .toString();
    HttpResponse<String> ok = callJson("POST", "/api/login", null, body);
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals(401, callJson("POST", "/api/login", null, body).statusCode()); // a replay
    List<JsonNode> failures = entries("login.failure");
    assertEquals(2, failures.size(), failures.toString());
    assertEquals("second_factor_required", failures.get(0).get("reason").asText());
    assertEquals("second_factor_invalid", failures.get(1).get("reason").asText());
    assertEquals("password+totp", only("login.success").get("method").asText());

    // An API token's caller is recorded via token.
    String alice = json(ok.body()).get("token").asText();
    String apiToken = json(token(alice, "\"receive\"")).get("token").asText();
    String id = send(session("bob"), "alice", "");
    assertEquals(200, getBytes("/api/envelopes/" + id + "/header", apiToken, null).statusCode());
    JsonNode h = only("envelope.header");
    byCaller(h, "alice", "token");

    // Bad bearer tokens are scored against the source; the one that starts the ban records it.
    int status = 0;
    for (int i = 0; i < 30 && status != 429; i++) {
      status = get("/api/inbox", "vlt_" + "A".repeat(40)).statusCode();
    }
    assertEquals(429, status);
    JsonNode ban = only("ban");
    byCaller(ban, null, "token");
    assertEquals("source:127.0.0.1", ban.get("subject").asText());

    String all = new String(concatenated(), StandardCharsets.UTF_8);
    assertFalse(all.contains("\"" + code + "\""), "a TOTP code is in the log");
    assertNowhere(PASSWORD, alice, apiToken);
  }

  private byte[] concatenated() throws Exception {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] e : rawEntries()) {
      all.write(e);
    }
    return all.toByteArray();
  }
}
