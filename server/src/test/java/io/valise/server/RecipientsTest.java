package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.valise.age.x25519.X25519Identity;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The header route, adding recipients by a re-wrapped header, removing one, withdrawing. */
class RecipientsTest extends ServerTest {
  final X25519Identity bobKey = X25519Identity.generate(random);
  final X25519Identity carolKey = X25519Identity.generate(random);
  final byte[] plaintext = "nom;nir\nDurand;185077512345678\n".getBytes(StandardCharsets.UTF_8);

  private String send(String session, String to, byte[] file, String extra) throws Exception {
    HttpResponse<String> up = upload(session, "to=" + to + extra, file);
    assertEquals(201, up.statusCode(), up.body());
    return json(up.body()).get("id").asText();
  }

  private byte[] headerOf(String id, String session) throws Exception {
    HttpResponse<byte[]> h = getBytes("/api/envelopes/" + id + "/header", session, null);
    assertEquals(200, h.statusCode());
    return h.body();
  }

  private static List<String> recipients(HttpResponse<String> r) throws Exception {
    List<String> out = new ArrayList<>();
    json(r.body()).get("recipients").forEach(n -> out.add(n.asText()));
    return out.stream().sorted().toList();
  }

  @Test
  void theHeaderRouteDoesNotCountADownload() throws Exception {
    addUser("alice");
    addUser("bob");
    String alice = session("alice");
    String bob = session("bob");
    byte[] file = Ages.encrypt(random, plaintext, bobKey);
    String id = send(alice, "bob", file, "&maxDownloads=1");
    byte[] header = Ages.header(file).encode();
    assertArrayEquals(header, headerOf(id, bob));
    assertArrayEquals(header, headerOf(id, alice));
    assertEquals(0, json(get("/api/envelopes/" + id, bob).body()).get("downloads").asInt());
    HttpResponse<byte[]> down = getBytes("/api/envelopes/" + id + "/file", bob, null);
    assertEquals(200, down.statusCode());
    assertArrayEquals(plaintext, Ages.decrypt(down.body(), bobKey));
    assertProblem(get("/api/envelopes/" + id + "/header", bob), 410, "unavailable");
  }

  @Test
  void aRewrappedHeaderAddsARecipientWhoThenDecrypts() throws Exception {
    addUser("alice");
    addUser("bob");
    addUser("carol");
    String alice = session("alice");
    String bob = session("bob");
    String carol = session("carol");
    byte[] file = Ages.encrypt(random, plaintext, bobKey);
    String id = send(alice, "bob", file, "");
    assertProblem(get("/api/envelopes/" + id, carol), 404, "not_found");

    // Bob, a recipient, re-wraps the file key for carol; the payload is never sent again.
    byte[] rewrapped = Ages.rewrap(random, headerOf(id, bob), bobKey, carolKey);
    HttpResponse<String> added =
        call("POST", "/api/envelopes/" + id + "/recipients?to=carol", bob, rewrapped);
    assertEquals(200, added.statusCode(), added.body());
    assertEquals(List.of("bob", "carol"), recipients(added));

    HttpResponse<byte[]> down = getBytes("/api/envelopes/" + id + "/file", carol, null);
    assertEquals(200, down.statusCode());
    assertArrayEquals(rewrapped, Arrays.copyOf(down.body(), rewrapped.length));
    assertArrayEquals(plaintext, Ages.decrypt(down.body(), carolKey));
    assertArrayEquals(plaintext, Ages.decrypt(down.body(), bobKey), "bob's stanza kept");
  }

  @Test
  void aHeaderThatDropsOrChangesAStanzaIsRefusedAndChangesNothing() throws Exception {
    addUser("alice");
    addUser("bob");
    addUser("carol");
    String alice = session("alice");
    String bob = session("bob");
    byte[] file = Ages.encrypt(random, plaintext, bobKey);
    String id = send(alice, "bob", file, "");
    byte[] stored = headerOf(id, bob);
    String good = new String(Ages.rewrap(random, stored, bobKey, carolKey), StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(List.of(good.split("\n", -1)));

    // Dropped: bob's stanza (its "->" line and its body line) is gone, only carol's remains.
    List<String> dropped = new ArrayList<>(lines);
    dropped.remove(1);
    dropped.remove(1);
    // Changed: one character of bob's stanza argument differs.
    List<String> changed = new ArrayList<>(lines);
    String arrow = changed.get(1);
    int at = "-> X25519 ".length() + 5;
    char c = arrow.charAt(at) == 'A' ? 'B' : 'A';
    changed.set(1, arrow.substring(0, at) + c + arrow.substring(at + 1));
    // A fresh file key for carol alone: a different file, not a re-wrap.
    byte[] other = Ages.header(Ages.encrypt(random, plaintext, carolKey)).encode();

    for (byte[] bad :
        List.of(
            String.join("\n", dropped).getBytes(StandardCharsets.UTF_8),
            String.join("\n", changed).getBytes(StandardCharsets.UTF_8),
            other)) {
      assertProblem(
          call("POST", "/api/envelopes/" + id + "/recipients?to=carol", bob, bad),
          400,
          "header_mismatch");
    }
    assertProblem(
        call(
            "POST",
            "/api/envelopes/" + id + "/recipients?to=carol",
            bob,
            "not age".getBytes(StandardCharsets.UTF_8)),
        400,
        "not_age");
    assertProblem(
        call(
            "POST",
            "/api/envelopes/" + id + "/recipients?to=nobody",
            bob,
            good.getBytes(StandardCharsets.UTF_8)),
        400,
        "unknown_recipient");
    byte[] withPayload = Arrays.copyOf(file, file.length);
    assertProblem(
        call("POST", "/api/envelopes/" + id + "/recipients?to=carol", bob, withPayload),
        400,
        "not_age");

    assertArrayEquals(stored, headerOf(id, bob), "header unchanged");
    assertEquals(List.of("bob"), recipients(get("/api/envelopes/" + id, alice)));
    assertProblem(get("/api/envelopes/" + id, session("carol")), 404, "not_found");
  }

  @Test
  void aRemovedRecipientLosesAccessAtOnce() throws Exception {
    addUser("alice");
    addUser("bob");
    addUser("carol");
    String alice = session("alice");
    String bob = session("bob");
    String carol = session("carol");
    String id = send(alice, "bob,carol", Ages.encrypt(random, plaintext, bobKey, carolKey), "");
    assertEquals(200, getBytes("/api/envelopes/" + id + "/file", bob, null).statusCode());

    assertProblem(
        call("DELETE", "/api/envelopes/" + id + "/recipients/bob", carol, null), 403, "not_sender");
    HttpResponse<String> removed =
        call("DELETE", "/api/envelopes/" + id + "/recipients/bob", alice, null);
    assertEquals(200, removed.statusCode(), removed.body());
    assertEquals(List.of("carol"), recipients(removed));
    assertProblem(get("/api/envelopes/" + id, bob), 404, "not_found");
    assertProblem(get("/api/envelopes/" + id + "/file", bob), 404, "not_found");
    assertProblem(get("/api/envelopes/" + id + "/header", bob), 404, "not_found");
    assertEquals(200, getBytes("/api/envelopes/" + id + "/file", carol, null).statusCode());
    assertProblem(
        call("DELETE", "/api/envelopes/" + id + "/recipients/bob", alice, null), 404, "not_found");
  }

  @Test
  void theSenderWithdrawsAndEverythingGoesAtOnce() throws Exception {
    addUser("alice");
    addUser("bob");
    String alice = session("alice");
    String bob = session("bob");
    String id = send(alice, "bob", Ages.encrypt(random, plaintext, bobKey), "");
    assertEquals(1, blobs().size());

    assertProblem(call("DELETE", "/api/envelopes/" + id, bob, null), 403, "not_sender");
    assertEquals(1, blobs().size());
    HttpResponse<String> gone = call("DELETE", "/api/envelopes/" + id, alice, null);
    assertEquals(204, gone.statusCode(), gone.body());
    assertEquals(List.of(), blobs());
    assertProblem(get("/api/envelopes/" + id, bob), 404, "not_found");
    assertProblem(get("/api/envelopes/" + id, alice), 404, "not_found");
    JsonNode outbox = json(get("/api/outbox", alice).body()).get("envelopes");
    assertEquals(0, outbox.size());
    assertProblem(call("DELETE", "/api/envelopes/" + id, alice, null), 404, "not_found");
  }
}
