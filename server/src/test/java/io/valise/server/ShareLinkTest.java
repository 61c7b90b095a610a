package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.age.x25519.X25519Identity;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Share links: created by accounts, used by anyone holding the link and its identity. */
class ShareLinkTest extends ServerTest {
  final X25519Identity bobKey = X25519Identity.generate(random);
  final X25519Identity linkKey = X25519Identity.generate(random);
  final byte[] plaintext = new byte[70_000];

  private String alice = "";
  private String bob = "";
  private String id = "";
  private byte[] linkHeader = new byte[0];

  /** Alice sends to bob; bob makes the header of a link identity the test keeps. */
  private void sent(String query) throws Exception {
    addUser("alice");
    addUser("bob");
    alice = session("alice");
    bob = session("bob");
    random.nextBytes(plaintext);
    byte[] file = Ages.encrypt(random, plaintext, bobKey);
    HttpResponse<String> up =
        http.send(
            HttpRequest.newBuilder(uri("/api/envelopes?to=bob" + query))
                .header("Authorization", "Bearer " + alice)
                .header("Valise-Metadata", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}))
                .POST(HttpRequest.BodyPublishers.ofByteArray(file))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(201, up.statusCode(), up.body());
    id = json(up.body()).get("id").asText();
    linkHeader = Ages.linkHeader(random, Ages.header(file).encode(), bobKey, linkKey);
  }

  private HttpResponse<String> createLink(String session, ObjectNode extra) throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.put("header", Base64.getEncoder().encodeToString(linkHeader));
    body.setAll(extra);
    return callJson("POST", "/api/envelopes/" + id + "/links", session, body.toString());
  }

  private String link(String session, ObjectNode extra) throws Exception {
    HttpResponse<String> r = createLink(session, extra);
    assertEquals(201, r.statusCode(), r.body());
    return json(r.body()).get("id").asText();
  }

  private HttpResponse<byte[]> fetch(String link, @Nullable String password) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri("/api/links/" + link + "/file")).GET();
    if (password != null) {
      b.header("Valise-Link-Password", password);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<String> meta(String link, @Nullable String password) throws Exception {
    return password == null
        ? get("/api/links/" + link, null)
        : call("GET", "/api/links/" + link, null, null, "Valise-Link-Password", password);
  }

  @Test
  void aLinkDownloadDecryptsWithTheLinkIdentityAlone() throws Exception {
    sent("&maxDownloads=10");
    HttpResponse<String> made = createLink(bob, JSON.createObjectNode().put("maxDownloads", 2));
    assertEquals(201, made.statusCode(), made.body());
    JsonNode l = json(made.body());
    String link = l.get("id").asText();
    assertEquals("/s/" + link, l.get("path").asText());
    assertEquals(START.plus(Duration.ofDays(7)).toString(), l.get("expiresAt").asText());
    assertEquals(2, l.get("maxDownloads").asInt());
    assertEquals(0, l.get("downloads").asInt());
    assertFalse(l.get("passwordRequired").asBoolean());
    assertFalse(l.get("revoked").asBoolean());

    HttpResponse<String> m = meta(link, null);
    assertEquals(200, m.statusCode(), m.body());
    JsonNode md = json(m.body());
    assertEquals(link, md.get("id").asText());
    assertEquals("AQID", md.get("metadata").asText());
    assertFalse(md.get("passwordRequired").asBoolean());
    assertEquals(2, md.get("downloadsLeft").asInt(), "the link's 2 uses, under the envelope's 10");

    HttpResponse<byte[]> down = fetch(link, null);
    assertEquals(200, down.statusCode());
    assertEquals(md.get("size").asLong(), down.body().length);
    assertArrayEquals(plaintext, Ages.decrypt(down.body(), linkKey));

    HttpResponse<byte[]> part =
        http.send(
            HttpRequest.newBuilder(uri("/api/links/" + link + "/file"))
                .header("Range", "bytes=0-9")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(206, part.statusCode());
    assertArrayEquals("age-encryp".getBytes(StandardCharsets.US_ASCII), part.body());
    assertProblem(meta(link, null), 410, "link_unavailable");
    assertEquals(2, json(get("/api/envelopes/" + id, alice).body()).get("downloads").asInt());

    // The sender sees the link on the envelope; the recipient does not.
    assertEquals(1, json(get("/api/envelopes/" + id, alice).body()).get("links").size());
    assertEquals(0, json(get("/api/envelopes/" + id, bob).body()).get("links").size());
    assertEquals(1, json(get("/api/envelopes/" + id + "/links", alice).body()).get("links").size());
    assertProblem(get("/api/envelopes/" + id + "/links", bob), 403, "not_sender");
    // A link without a limit of its own shows what the envelope has left.
    String open = link(alice, JSON.createObjectNode());
    assertEquals(8, json(meta(open, null).body()).get("downloadsLeft").asInt());

    // The link's path is the web app's page, which opens it in the browser.
    HttpResponse<String> page = get("/s/" + link, null);
    assertEquals(200, page.statusCode());
    assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(page.body().contains("<script type=\"module\""), page.body());
  }

  @Test
  void theLinkHeaderIsServedWithoutCountingADownload() throws Exception {
    sent("");
    String link = link(bob, JSON.createObjectNode().put("maxDownloads", 1));
    HttpResponse<byte[]> h =
        http.send(
            HttpRequest.newBuilder(uri("/api/links/" + link + "/header")).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, h.statusCode());
    assertArrayEquals(linkHeader, h.body());
    assertEquals(200, fetch(link, null).statusCode(), "the link's one use was still there");
    assertProblem(get("/api/links/" + link + "/header", null), 410, "link_unavailable");
    // Without a limit on the link or the envelope there is no count to show.
    String open = link(bob, JSON.createObjectNode());
    assertTrue(json(meta(open, null).body()).get("downloadsLeft").isNull());
  }

  @Test
  void theUseLimitIsExactUnderConcurrency() throws Exception {
    sent("");
    String link = link(alice, JSON.createObjectNode().put("maxDownloads", 3));
    List<Callable<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      calls.add(() -> fetch(link, null).statusCode());
    }
    int ok = 0;
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Future<Integer> f : pool.invokeAll(calls)) {
        int status = f.get();
        assertTrue(status == 200 || status == 410, "status " + status);
        ok += status == 200 ? 1 : 0;
      }
    }
    assertEquals(3, ok);
    assertEquals(3, json(get("/api/envelopes/" + id, alice).body()).get("downloads").asInt());
  }

  @Test
  void aLinkUseAndAnEnvelopeDownloadAreReservedTogether() throws Exception {
    sent("&maxDownloads=2");
    String link = link(alice, JSON.createObjectNode().put("maxDownloads", 5));
    assertEquals(2, json(meta(link, null).body()).get("downloadsLeft").asInt(), "the envelope's");
    assertEquals(200, fetch(link, null).statusCode());
    assertEquals(1, json(meta(link, null).body()).get("downloadsLeft").asInt());
    assertEquals(200, fetch(link, null).statusCode());
    assertProblem(meta(link, null), 410, "link_unavailable");
    assertEquals(410, fetch(link, null).statusCode());
    JsonNode l = json(get("/api/envelopes/" + id + "/links", alice).body()).get("links").get(0);
    assertEquals(2, l.get("downloads").asInt(), "the refused use was rolled back");
  }

  @Test
  void linksExpireWithTheClockAndCannotOutliveTheirEnvelope() throws Exception {
    sent("&expires=2d");
    String link = link(bob, JSON.createObjectNode().put("expires", "1h"));
    assertEquals(200, meta(link, null).statusCode());
    clock.advance(Duration.ofMinutes(61));
    assertProblem(meta(link, null), 410, "link_unavailable");
    assertEquals(410, fetch(link, null).statusCode());

    bob = session("bob"); // the first session went idle while the clock moved
    HttpResponse<String> tooLong = createLink(bob, JSON.createObjectNode().put("expires", "3d"));
    assertProblem(tooLong, 400, "bad_expiry");
    assertTrue(tooLong.body().contains("2026-03-03T09:00:00Z"), tooLong.body());
    // The 7-day default is cut to the envelope's own expiry, which an explicit ask may not pass.
    HttpResponse<String> byDefault = createLink(bob, JSON.createObjectNode());
    assertEquals(201, byDefault.statusCode(), byDefault.body());
    assertEquals("2026-03-03T09:00:00Z", json(byDefault.body()).get("expiresAt").asText());
  }

  @Test
  void revokedLinksAreGoneAndOnlyTheirOwnersRevoke() throws Exception {
    sent("");
    addUser("carol");
    String byBob = link(bob, JSON.createObjectNode().put("expires", "1d"));
    String path = "/api/envelopes/" + id + "/links/" + byBob;
    assertProblem(call("DELETE", path, session("carol"), null), 404, "not_found");
    assertEquals(204, call("DELETE", path, bob, null).statusCode());
    assertProblem(meta(byBob, null), 410, "link_unavailable");
    assertEquals(410, fetch(byBob, null).statusCode());

    String byAlice = link(alice, JSON.createObjectNode().put("expires", "1d"));
    assertProblem(
        call("DELETE", "/api/envelopes/" + id + "/links/" + byAlice, bob, null), 404, "not_found");
    assertEquals(
        204,
        call("DELETE", "/api/envelopes/" + id + "/links/" + byAlice, alice, null).statusCode());
    JsonNode links = json(get("/api/envelopes/" + id + "/links", alice).body()).get("links");
    assertTrue(links.get(0).get("revoked").asBoolean());
    assertTrue(links.get(1).get("revoked").asBoolean());
    assertProblem(get("/api/links/not-an-id", null), 404, "not_found");
    assertProblem(get("/api/links/" + id, null), 404, "not_found");
  }

  @Test
  void badLinkRequestsAreRefusedAndMakeNothing() throws Exception {
    sent("");
    byte[] two = Ages.header(Ages.encrypt(random, plaintext, bobKey, linkKey)).encode();
    String twoStanzas = Base64.getEncoder().encodeToString(two);
    String path = "/api/envelopes/" + id + "/links";
    assertProblem(
        callJson("POST", path, bob, "{\"header\":\"" + twoStanzas + "\"}"), 400, "bad_link_header");
    assertProblem(callJson("POST", path, bob, "{\"header\":\"%%%\"}"), 400, "bad_link_header");
    assertProblem(callJson("POST", path, bob, "{\"header\":\"bm90IGFnZQ==\"}"), 400, "not_age");
    assertProblem(
        createLink(bob, JSON.createObjectNode().put("maxDownloads", 0)), 400, "bad_max_downloads");
    assertProblem(
        createLink(bob, JSON.createObjectNode().put("expires", "soon")), 400, "bad_expiry");
    assertProblem(
        createLink(bob, JSON.createObjectNode().put("password", "")), 400, "bad_password");
    assertProblem(createLink(bob, JSON.createObjectNode().put("owner", "x")), 400, "bad_json");
    addUser("carol");
    assertProblem(createLink(session("carol"), JSON.createObjectNode()), 404, "not_found");
    assertEquals(0, json(get(path, alice).body()).get("links").size());
  }

  @Test
  void wrongPasswordsAreRefusedAndEndInABan() throws Exception {
    sent("");
    String link =
        link(bob, JSON.createObjectNode().put("expires", "1d").put("password", "s3cret link"));
    assertProblem(meta(link, null), 401, "link_password_required");
    assertEquals(401, fetch(link, null).statusCode());
    assertTrue(json(meta(link, "s3cret link").body()).get("passwordRequired").asBoolean());
    HttpResponse<byte[]> down = fetch(link, "s3cret link");
    assertEquals(200, down.statusCode());
    assertArrayEquals(plaintext, Ages.decrypt(down.body(), linkKey));

    HttpResponse<String> last = meta(link, "guess 0");
    assertProblem(last, 401, "bad_link_password");
    for (int i = 1; i < 30 && last.statusCode() == 401; i++) {
      last = meta(link, "guess " + i);
    }
    assertProblem(last, 429, "banned");
    assertTrue(last.headers().firstValue("Retry-After").isPresent());
    // Banned before the password is looked at: even the right one is refused now.
    assertProblem(meta(link, "s3cret link"), 429, "banned");
    assertEquals(429, fetch(link, "s3cret link").statusCode());
  }
}
