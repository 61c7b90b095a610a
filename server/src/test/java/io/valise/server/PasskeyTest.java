package io.valise.server;

import static io.valise.server.SoftAuthenticator.UP;
import static io.valise.server.SoftAuthenticator.UV;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.valise.server.SoftAuthenticator.Bend;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Passkeys end to end: real WebAuthn ceremonies against the running server, the authenticator's
 * answers built in the test with a P-256 key, on SQLite and PostgreSQL.
 */
class PasskeyTest extends PasskeyServerTest {
  @Test
  void registerThenSignInWithoutAPassword() throws Exception {
    addUser("alice");
    String alice = session("alice");
    JsonNode options = registrationOptions(alice);
    JsonNode pk = options.get("publicKey");
    assertEquals(26, options.get("challengeId").asText().length());
    assertEquals("localhost", pk.at("/rp/id").asText());
    assertEquals("Valise", pk.at("/rp/name").asText());
    assertEquals("alice", pk.at("/user/name").asText());
    assertEquals("alice", pk.at("/user/displayName").asText());
    assertEquals(16, SoftAuthenticator.fromUrl(pk.at("/user/id").asText()).length);
    assertEquals(32, SoftAuthenticator.fromUrl(pk.get("challenge").asText()).length);
    assertFalse(pk.get("challenge").asText().contains("="), "base64url without padding");
    assertEquals(
        List.of(-8, -7, -257),
        java.util.stream.StreamSupport.stream(pk.get("pubKeyCredParams").spliterator(), false)
            .map(p -> p.get("alg").asInt())
            .toList());
    assertEquals("public-key", pk.at("/pubKeyCredParams/0/type").asText());
    assertEquals(300000, pk.get("timeout").asLong());
    assertEquals("none", pk.get("attestation").asText());
    assertEquals("required", pk.at("/authenticatorSelection/residentKey").asText());
    assertEquals("required", pk.at("/authenticatorSelection/userVerification").asText());
    assertEquals(0, pk.get("excludeCredentials").size());
    assertTrue(pk.at("/extensions/prf").isObject());

    SoftAuthenticator phone = authenticator();
    HttpResponse<String> made =
        register(alice, options, phone.register(pk, Bend.none()), "  Alice's phone ");
    assertEquals(201, made.statusCode(), made.body());
    JsonNode passkey = json(made.body());
    assertEquals("Alice's phone", passkey.get("name").asText());
    assertTrue(passkey.get("prf").asBoolean());
    assertTrue(passkey.get("lastUsedAt").isNull());
    assertEquals("2026-03-01T09:00:00Z", passkey.get("createdAt").asText());
    assertArrayEquals(
        phone.credentialId,
        SoftAuthenticator.fromUrl(passkey.get("credentialId").asText()),
        "the owner's page needs the credential id to ask for its PRF output");
    JsonNode mine = json(get("/api/passkeys", alice).body());
    assertEquals("localhost", mine.get("rpId").asText());
    assertEquals(passkey.get("credentialId"), mine.at("/passkeys/0/credentialId"));
    JsonNode again = registrationOptions(alice).get("publicKey");
    assertArrayEquals(
        phone.credentialId,
        SoftAuthenticator.fromUrl(again.at("/excludeCredentials/0/id").asText()),
        "the next registration excludes it");

    JsonNode request = loginOptions();
    JsonNode rk = request.get("publicKey");
    assertEquals("localhost", rk.get("rpId").asText());
    assertEquals("required", rk.get("userVerification").asText());
    assertEquals(0, rk.get("allowCredentials").size());
    assertEquals(300000, rk.get("timeout").asLong());
    clock.advance(Duration.ofMinutes(1));
    HttpResponse<String> in =
        login(request.get("challengeId").asText(), phone.assertion(rk, Bend.none()), false);
    assertEquals(200, in.statusCode(), in.body());
    JsonNode session = json(in.body());
    assertEquals("alice", session.get("account").asText());
    HttpResponse<String> me = get("/api/me", session.get("token").asText());
    assertEquals(200, me.statusCode(), me.body());
    assertEquals("alice", json(me.body()).get("account").asText());
    JsonNode mySessions = json(get("/api/sessions", session.get("token").asText()).body());
    assertEquals("passkey", mySessions.at("/sessions/0/method").asText(), mySessions.toString());

    JsonNode listed = json(get("/api/passkeys", alice).body()).get("passkeys");
    assertEquals(1, listed.size());
    assertEquals(passkey.get("id"), listed.get(0).get("id"));
    assertEquals("2026-03-01T09:01:00Z", listed.get(0).get("lastUsedAt").asText());

    JsonNode success = entries("login.success").getLast();
    assertEquals("passkey", success.get("method").asText());
    assertEquals(passkey.get("id").asText(), success.get("passkey").asText());
    JsonNode added = entries("passkey.add").getFirst();
    assertEquals(passkey.get("id").asText(), added.get("passkey").asText());
    assertEquals("alice", added.get("accountName").asText());
    assertEquals("true", added.get("prf").asText());
    assertFalse(added.toString().contains("Alice's phone"), "the name stays out of the log");
  }

  @Test
  void anEd25519PasskeySignsInToo() throws Exception {
    addUser("alice");
    SoftAuthenticator key = new SoftAuthenticator(random, origin(), true);
    passkey(session("alice"), key, "security key");
    assertEquals(200, login(key, Bend.none()).statusCode());
    assertRefused(login(key, Bend.none().badSignature()), "signature");
  }

  @Test
  void aBrowserSignsInWithCookiesOnly() throws Exception {
    addUser("alice");
    SoftAuthenticator key = authenticator();
    passkey(session("alice"), key, "key");
    JsonNode request = loginOptions();
    HttpResponse<String> in =
        login(
            request.get("challengeId").asText(),
            key.assertion(request.get("publicKey"), Bend.none()),
            true);
    assertEquals(200, in.statusCode(), in.body());
    assertFalse(json(in.body()).has("token"), "no token where scripts can read it");
    List<String> cookies = in.headers().allValues("Set-Cookie");
    assertTrue(cookies.stream().anyMatch(c -> c.startsWith("__Host-valise-session=vls_")));
    assertTrue(cookies.stream().anyMatch(c -> c.startsWith("__Host-valise-csrf=")));

    JsonNode again = loginOptions();
    HttpResponse<String> crossSite =
        callJson(
            "POST",
            "/api/login/passkey",
            null,
            JSON.createObjectNode()
                .put("challengeId", again.get("challengeId").asText())
                .put("cookie", true)
                .set("credential", key.assertion(again.get("publicKey"), Bend.none()))
                .toString());
    assertEquals(200, crossSite.statusCode(), "no Origin header: not marked cross-site");
  }

  @Test
  void everyCheckOfASignInRefuses() throws Exception {
    addUser("alice");
    SoftAuthenticator key = authenticator();
    passkey(session("alice"), key, "key");

    assertRefused(login(key, Bend.none().origin("https://evil.example")), "origin");
    assertRefused(login(key, Bend.none().origin("http://127.0.0.1:1")), "origin");
    assertRefused(login(key, Bend.none().rpId("evil.example")), "rp_id");
    assertRefused(login(key, Bend.none().badSignature()), "signature");
    assertRefused(login(key, Bend.none().flags(UP)), "user_verification");
    assertRefused(login(key, Bend.none().flags(UV)), "user_presence");
    assertRefused(login(key, Bend.none().userHandle(new byte[16])), "user_handle");

    // A stranger's credential: unknown, scored against the source only.
    assertRefused(login(authenticator(), Bend.none()), "unknown_passkey");

    // After all that, the right answer still works.
    assertEquals(200, login(key, Bend.none()).statusCode());
    List<JsonNode> failures = entries("login.failure");
    assertEquals(8, failures.size(), failures.toString());
    assertEquals("alice", failures.getFirst().get("name").asText());
    assertEquals("passkey", failures.getFirst().get("method").asText());
  }

  @Test
  void aChallengeServesOneCeremonyForFiveMinutes() throws Exception {
    addUser("alice");
    SoftAuthenticator key = authenticator();
    passkey(session("alice"), key, "key");

    JsonNode request = loginOptions();
    String id = request.get("challengeId").asText();
    JsonNode answer = key.assertion(request.get("publicKey"), Bend.none());
    assertEquals(200, login(id, answer, false).statusCode());
    assertRefused(login(id, answer, false), "challenge");

    JsonNode late = loginOptions();
    clock.advance(Duration.ofMinutes(5));
    assertRefused(
        login(
            late.get("challengeId").asText(),
            key.assertion(late.get("publicKey"), Bend.none()),
            false),
        "challenge_expired");

    // A challenge of another ceremony, or an id never issued.
    JsonNode other = loginOptions();
    Bend wrongChallenge = Bend.none();
    wrongChallenge.challenge = other.at("/publicKey/challenge").asText();
    JsonNode mine = loginOptions();
    assertRefused(
        login(
            mine.get("challengeId").asText(),
            key.assertion(mine.get("publicKey"), wrongChallenge),
            false),
        "challenge");
    assertRefused(
        login(
            "aaaaaaaaaaaaaaaaaaaaaaaaaa", key.assertion(mine.get("publicKey"), Bend.none()), false),
        "challenge");
    JsonNode registration = registrationOptions(session("alice"));
    assertRefused(
        login(
            registration.get("challengeId").asText(),
            key.assertion(registration.get("publicKey"), Bend.none()),
            false),
        "challenge");

    // Unused challenges are swept once expired.
    assertTrue(rows("webauthn_challenge") > 0);
    clock.advance(Duration.ofMinutes(5));
    server().sweeper().sweep();
    assertEquals(0, rows("webauthn_challenge"));
  }

  @Test
  void aCounterThatGoesBackwardsIsRefusedAndRecorded() throws Exception {
    addUser("alice");
    SoftAuthenticator key = authenticator();
    passkey(session("alice"), key, "key");
    assertEquals(200, login(key, Bend.none().counter(5)).statusCode());
    assertRefused(login(key, Bend.none().counter(5)), "counter");
    assertRefused(login(key, Bend.none().counter(3)), "counter");
    assertRefused(login(key, Bend.none().counter(0)), "counter");
    assertEquals(200, login(key, Bend.none().counter(6)).statusCode());

    // An authenticator that keeps no counter (synced passkeys) always says 0.
    SoftAuthenticator synced = authenticator();
    addUser("bob");
    passkey(session("bob"), synced, "synced");
    assertEquals(200, login(synced, Bend.none().counter(0)).statusCode());
    assertEquals(200, login(synced, Bend.none().counter(0)).statusCode());
  }

  @Test
  void aDisabledAccountIsRefusedLikeAnUnknownPasskey() throws Exception {
    addAdmin("root");
    addUser("alice");
    SoftAuthenticator key = authenticator();
    passkey(session("alice"), key, "key");
    assertEquals(
        200, call("POST", "/api/accounts/alice/disable", session("root"), null).statusCode());
    HttpResponse<String> disabled = login(key, Bend.none());
    assertRefused(disabled, "account_disabled");
    HttpResponse<String> unknown = login(authenticator(), Bend.none());
    assertRefused(unknown, "unknown_passkey");
    assertEquals(json(unknown.body()).get("detail"), json(disabled.body()).get("detail"));
  }

  @Test
  void failuresEndInABanLikeWrongPasswords() throws Exception {
    addUser("alice");
    SoftAuthenticator key = authenticator();
    passkey(session("alice"), key, "key");
    JsonNode kept = loginOptions();
    int status = 0;
    for (int i = 0; i < 30 && status != 429; i++) {
      status = login(key, Bend.none().badSignature()).statusCode();
    }
    assertEquals(429, status);
    HttpResponse<String> banned =
        login(
            kept.get("challengeId").asText(),
            key.assertion(kept.get("publicKey"), Bend.none()),
            false);
    assertProblem(banned, 429, "banned");
    assertTrue(banned.headers().firstValue("Retry-After").isPresent());
    assertEquals("banned", entries("login.failure").getLast().get("reason").asText());
    assertEquals("source:127.0.0.1", entries("ban").getFirst().get("subject").asText());
    assertProblem(call("POST", "/api/login/passkey/options", null, null), 429, "banned");
  }

  @Test
  void registrationRefusals() throws Exception {
    addUser("alice");
    addUser("bob");
    String alice = session("alice");
    String bob = session("bob");
    SoftAuthenticator key = authenticator();

    assertProblem(register(alice, key, "", Bend.none()), 400, "bad_name");
    assertProblem(register(alice, key, "x".repeat(65), Bend.none()), 400, "bad_name");
    assertProblem(register(alice, key, "tab\there", Bend.none()), 400, "bad_name");
    assertProblem(
        register(alice, key, "key", Bend.none().origin("https://evil.example")),
        400,
        "bad_passkey");
    assertProblem(
        register(alice, key, "key", Bend.none().rpId("evil.example")), 400, "bad_passkey");
    assertProblem(register(alice, key, "key", Bend.none().flags(UP)), 400, "bad_passkey");

    // Bob answers alice's challenge: refused, and it is used up for alice too.
    JsonNode aliceOptions = registrationOptions(alice);
    JsonNode stolen = key.register(aliceOptions.get("publicKey"), Bend.none());
    assertProblem(register(bob, aliceOptions, stolen, "key"), 400, "bad_passkey");
    assertProblem(register(alice, aliceOptions, stolen, "key"), 400, "bad_passkey");
    // A sign-in challenge does not register.
    JsonNode request = loginOptions();
    JsonNode fake = JSON.createObjectNode().put("challengeId", request.get("challengeId").asText());
    assertProblem(
        register(
            alice,
            fake,
            key.register(registrationOptions(alice).get("publicKey"), Bend.none()),
            "k"),
        400,
        "bad_passkey");
    // Not a credential at all.
    assertProblem(
        register(alice, registrationOptions(alice), JSON.createObjectNode().put("id", "x"), "k"),
        400,
        "bad_passkey");
    assertEquals(0, json(get("/api/passkeys", alice).body()).get("passkeys").size());
    assertTrue(entries("passkey.add").isEmpty());

    passkey(alice, key, "key");
    HttpResponse<String> taken = register(bob, key, "mine now", Bend.none());
    assertProblem(taken, 409, "passkey_taken");
    assertEquals(0, json(get("/api/passkeys", bob).body()).get("passkeys").size());

    for (int i = 1; i < 10; i++) {
      clock.advance(Duration.ofSeconds(1));
      passkey(alice, authenticator(), "key " + i);
    }
    assertProblem(
        call("POST", "/api/passkeys/register/options", alice, null), 409, "too_many_passkeys");
    JsonNode passkeys = json(get("/api/passkeys", alice).body()).get("passkeys");
    assertEquals(10, passkeys.size());
    assertEquals("key", passkeys.get(0).get("name").asText(), "oldest first");
  }

  @Test
  void onlyTheOwnerRemovesAPasskeyAndItNoLongerSignsIn() throws Exception {
    addUser("alice");
    addUser("bob");
    String alice = session("alice");
    String bob = session("bob");
    SoftAuthenticator key = authenticator();
    String id = passkey(alice, key, "key").get("id").asText();

    assertProblem(call("DELETE", "/api/passkeys/" + id, bob, null), 404, "not_found");
    assertProblem(call("DELETE", "/api/passkeys/nonsense", alice, null), 404, "not_found");
    assertEquals(200, login(key, Bend.none()).statusCode(), "still there");
    assertTrue(entries("passkey.remove").isEmpty());

    assertEquals(204, call("DELETE", "/api/passkeys/" + id, alice, null).statusCode());
    assertProblem(call("DELETE", "/api/passkeys/" + id, alice, null), 404, "not_found");
    assertRefused(login(key, Bend.none()), "unknown_passkey");
    JsonNode removed = entries("passkey.remove").getFirst();
    assertEquals(id, removed.get("passkey").asText());
    assertEquals(0, removed.get("wraps").asInt());
  }

  @Test
  void apiTokensCannotRegisterPasskeys() throws Exception {
    addUser("alice");
    String alice = session("alice");
    HttpResponse<String> issued =
        callJson(
            "POST", "/api/tokens", alice, "{\"scopes\":[\"send\",\"keys\"],\"lifetimeDays\":1}");
    String token = json(issued.body()).get("token").asText();
    assertProblem(
        call("POST", "/api/passkeys/register/options", token, null), 403, "insufficient_scope");
    assertProblem(get("/api/passkeys", token), 403, "insufficient_scope");
    assertProblem(get("/api/identity-wraps", token), 403, "insufficient_scope");
  }

  /** A refused sign-in: 401 bad_passkey, recorded with {@code reason}. */
  private void assertRefused(HttpResponse<String> r, String reason) throws Exception {
    assertProblem(r, 401, "bad_passkey");
    JsonNode last = entries("login.failure").getLast();
    assertEquals(reason, last.get("reason").asText(), last.toString());
    assertEquals("passkey", last.get("method").asText());
  }
}
