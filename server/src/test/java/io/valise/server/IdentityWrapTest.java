package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.age.Age;
import io.valise.age.FileKey;
import io.valise.age.Recipient;
import io.valise.age.Stanza;
import io.valise.age.scrypt.ScryptIdentity;
import io.valise.age.scrypt.ScryptRecipient;
import io.valise.age.secret.Passphrase;
import io.valise.age.x25519.X25519Identity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Identity wraps: the account's age identity kept only as an age file the server cannot open. */
class IdentityWrapTest extends PasskeyServerTest {
  private static final String PASSPHRASE = "wrap passphrase 2026";

  private final X25519Identity identity = X25519Identity.generate(random);

  /** A stand-in for the page's fido2prf recipient: a stanza type the server does not know. */
  private static final class Fido2PrfStandIn implements Recipient {
    @Override
    public List<Stanza> wrap(FileKey fileKey, SecureRandom random) {
      byte[] body = new byte[32];
      random.nextBytes(body);
      return List.of(new Stanza(List.of("fido2prf", "c2FsdA"), body));
    }

    @Override
    public Set<String> labels() {
      return Set.of();
    }
  }

  private byte[] seal(Recipient to) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream enc = Age.encryptingStream(out, List.of(to), random)) {
      enc.write(identity.toString().getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private byte[] byPassphrase() throws Exception {
    try (Passphrase p = Passphrase.of(PASSPHRASE.toCharArray())) {
      return seal(new ScryptRecipient(p, 10));
    }
  }

  private String publish(String session) throws Exception {
    String recipient = identity.recipient().encode();
    HttpResponse<String> r =
        callJson(
            "POST",
            "/api/keys",
            session,
            JSON.createObjectNode().put("recipient", recipient).toString());
    assertEquals(201, r.statusCode(), r.body());
    return recipient;
  }

  private HttpResponse<String> add(
      String session, String kind, @Nullable String passkeyId, String recipient, String wrapped)
      throws Exception {
    ObjectNode body = JSON.createObjectNode().put("kind", kind);
    if (passkeyId != null) {
      body.put("passkeyId", passkeyId);
    }
    body.put("recipient", recipient).put("wrapped", wrapped);
    return callJson("POST", "/api/identity-wraps", session, body.toString());
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  private JsonNode wraps(String session) throws Exception {
    HttpResponse<String> r = get("/api/identity-wraps", session);
    assertEquals(200, r.statusCode(), r.body());
    return json(r.body()).get("wraps");
  }

  @Test
  void wrapsAreStoredListedAndOpenedOnlyByTheirOwner() throws Exception {
    addUser("alice");
    String alice = session("alice");
    String recipient = publish(alice);
    String passkey = passkey(alice, authenticator(), "phone").get("id").asText();
    byte[] file = byPassphrase();

    HttpResponse<String> made = add(alice, "passphrase", null, recipient, b64(file));
    assertEquals(201, made.statusCode(), made.body());
    JsonNode w = json(made.body());
    assertEquals("passphrase", w.get("kind").asText());
    assertTrue(w.get("passkeyId").isNull());
    assertEquals(recipient, w.get("recipient").asText());
    assertEquals("2026-03-01T09:00:00Z", w.get("createdAt").asText());
    clock.advance(Duration.ofSeconds(1));
    byte[] prfFile = seal(new Fido2PrfStandIn());
    HttpResponse<String> second = add(alice, "passkey", passkey, recipient, b64(prfFile));
    assertEquals(201, second.statusCode(), second.body());

    JsonNode listed = wraps(alice);
    assertEquals(2, listed.size());
    assertEquals(w.get("id"), listed.get(0).get("id"), "oldest first");
    assertEquals(passkey, listed.get(1).get("passkeyId").asText());
    assertEquals("passkey", listed.get(1).get("kind").asText());
    byte[] back = Base64.getDecoder().decode(listed.get(0).get("wrapped").asText());
    assertArrayEquals(file, back);
    try (Passphrase p = Passphrase.of(PASSPHRASE.toCharArray());
        InputStream in =
            Age.decryptingStream(new ByteArrayInputStream(back), List.of(new ScryptIdentity(p)))) {
      assertEquals(identity.toString(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    addUser("bob");
    String bob = session("bob");
    assertEquals(0, wraps(bob).size());
    String id = w.get("id").asText();
    assertProblem(call("DELETE", "/api/identity-wraps/" + id, bob, null), 404, "not_found");
    assertEquals(204, call("DELETE", "/api/identity-wraps/" + id, alice, null).statusCode());
    assertProblem(call("DELETE", "/api/identity-wraps/" + id, alice, null), 404, "not_found");
    assertEquals(1, wraps(alice).size());

    JsonNode a = entries("identitywrap.add").getFirst();
    assertEquals(id, a.get("wrap").asText());
    assertEquals("passphrase", a.get("kind").asText());
    assertEquals("alice", a.get("accountName").asText());
    assertEquals(passkey, entries("identitywrap.add").get(1).get("passkey").asText());
    assertEquals(id, entries("identitywrap.remove").getFirst().get("wrap").asText());
    for (String type : List.of("identitywrap.add", "identitywrap.remove")) {
      for (JsonNode e : entries(type)) {
        assertFalse(e.toString().contains(b64(file)), "no wrapped bytes in the log");
        assertFalse(e.toString().contains(b64(prfFile)), "no wrapped bytes in the log");
      }
    }
  }

  @Test
  void badWrapsAreRefusedAndChangeNothing() throws Exception {
    addUser("alice");
    addUser("bob");
    String alice = session("alice");
    String bob = session("bob");
    String recipient = publish(alice);
    String bobsPasskey = passkey(bob, authenticator(), "bob's").get("id").asText();
    String good = b64(byPassphrase());

    assertProblem(
        add(alice, "passphrase", null, recipient, b64("not age".getBytes(StandardCharsets.UTF_8))),
        400,
        "not_age");
    assertProblem(add(alice, "passphrase", null, recipient, "***"), 400, "not_age");
    byte[] file = byPassphrase();
    int header = Ages.header(file).encode().length;
    for (int cut : List.of(header - 5, header + 10, header + 16)) {
      byte[] truncated = java.util.Arrays.copyOf(file, cut);
      assertProblem(add(alice, "passphrase", null, recipient, b64(truncated)), 400, "not_age");
    }
    byte[] big = new byte[16 * 1024 + 1];
    System.arraycopy(file, 0, big, 0, file.length);
    assertProblem(add(alice, "passphrase", null, recipient, b64(big)), 400, "not_age");
    assertProblem(add(alice, "passkey", bobsPasskey, recipient, good), 400, "bad_passkey");
    assertProblem(add(alice, "passkey", null, recipient, good), 400, "bad_passkey");
    assertProblem(add(alice, "passkey", "not-an-id", recipient, good), 400, "bad_passkey");
    assertProblem(add(alice, "passphrase", bobsPasskey, recipient, good), 400, "bad_passkey");
    assertProblem(add(alice, "pin", null, recipient, good), 400, "bad_kind");
    String unpublished = X25519Identity.generate(random).recipient().encode();
    assertProblem(add(alice, "passphrase", null, unpublished, good), 400, "key_not_published");
    assertProblem(add(bob, "passphrase", null, recipient, good), 400, "key_not_published");
    assertEquals(0, wraps(alice).size());
    assertTrue(entries("identitywrap.add").isEmpty());

    for (int i = 0; i < 20; i++) {
      assertEquals(201, add(alice, "passphrase", null, recipient, good).statusCode());
    }
    assertProblem(add(alice, "passphrase", null, recipient, good), 409, "too_many_wraps");
    assertEquals(20, wraps(alice).size());
  }

  @Test
  void removingAPasskeyRemovesItsWraps() throws Exception {
    addUser("alice");
    String alice = session("alice");
    String recipient = publish(alice);
    String gone = passkey(alice, authenticator(), "lost phone").get("id").asText();
    String kept = passkey(alice, authenticator(), "laptop").get("id").asText();
    String prf = b64(seal(new Fido2PrfStandIn()));
    String w1 = json(add(alice, "passkey", gone, recipient, prf).body()).get("id").asText();
    String w2 = json(add(alice, "passkey", kept, recipient, prf).body()).get("id").asText();
    String w3 =
        json(add(alice, "passphrase", null, recipient, b64(byPassphrase())).body())
            .get("id")
            .asText();

    assertEquals(204, call("DELETE", "/api/passkeys/" + gone, alice, null).statusCode());
    JsonNode left = wraps(alice);
    assertEquals(2, left.size());
    List<String> ids = List.of(left.get(0).get("id").asText(), left.get(1).get("id").asText());
    assertFalse(ids.contains(w1));
    assertTrue(ids.contains(w2) && ids.contains(w3));
    JsonNode removed = entries("identitywrap.remove").getFirst();
    assertEquals(w1, removed.get("wrap").asText());
    assertEquals(gone, removed.get("passkey").asText());
    assertEquals(1, entries("passkey.remove").getFirst().get("wraps").asInt());
  }
}
