package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.valise.age.pq.MlKem768X25519Identity;
import io.valise.age.x25519.X25519Identity;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The key directory routes: publish, list, revoke, and their refusals. */
class KeyDirectoryTest extends ServerTest {
  private HttpResponse<String> publish(String bearer, String recipient) throws Exception {
    String body = JSON.createObjectNode().put("recipient", recipient).toString();
    return http.send(
        HttpRequest.newBuilder(uri("/api/keys"))
            .header("Authorization", "Bearer " + bearer)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> revoke(String bearer, String id) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri("/api/keys/" + id))
            .header("Authorization", "Bearer " + bearer)
            .DELETE()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String token(String session, String scope) throws Exception {
    String body = "{\"scopes\":[\"" + scope + "\"],\"lifetimeDays\":30}";
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri("/api/tokens"))
                .header("Authorization", "Bearer " + session)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(201, r.statusCode(), r.body());
    return json(r.body()).get("token").asText();
  }

  private JsonNode keysOf(String name, String bearer) throws Exception {
    HttpResponse<String> r = get("/api/accounts/" + name + "/keys", bearer);
    assertEquals(200, r.statusCode(), r.body());
    return json(r.body()).get("keys");
  }

  @Test
  void publishListAndRevokeBothKinds() throws Exception {
    addUser("bob");
    addUser("alice");
    String bob = session("bob");
    String classic = X25519Identity.generate(random).recipient().encode();
    String pq = MlKem768X25519Identity.generate(random).recipient().encode();

    HttpResponse<String> r1 = publish(bob, classic);
    assertEquals(201, r1.statusCode(), r1.body());
    JsonNode k1 = json(r1.body());
    assertEquals(classic, k1.get("recipient").asText());
    assertEquals("x25519", k1.get("kind").asText());
    assertEquals(START.toString(), k1.get("publishedAt").asText());
    clock.advance(Duration.ofSeconds(1)); // so that "oldest first" has one answer
    HttpResponse<String> r2 = publish(bob, "  " + pq + "\n");
    assertEquals(201, r2.statusCode(), r2.body());
    JsonNode k2 = json(r2.body());
    assertEquals(pq, k2.get("recipient").asText(), "stored in canonical form");
    assertEquals("mlkem768x25519", k2.get("kind").asText());

    JsonNode listed = keysOf("bob", session("alice"));
    assertEquals(2, listed.size());
    assertEquals(classic, listed.get(0).get("recipient").asText());
    assertEquals(pq, listed.get(1).get("recipient").asText());

    assertProblem(publish(bob, classic), 409, "already_published");

    assertEquals(200, revoke(bob, k1.get("id").asText()).statusCode());
    JsonNode after = keysOf("bob", bob);
    assertEquals(1, after.size());
    assertEquals(pq, after.get(0).get("recipient").asText());
    assertProblem(revoke(bob, k1.get("id").asText()), 404, "not_found");
  }

  @Test
  void badRecipientsNameTheProblemWithoutEchoingTheKey() throws Exception {
    addUser("bob");
    String bob = session("bob");
    String identity = X25519Identity.generate(random).encode();
    HttpResponse<String> secret = publish(bob, identity);
    assertProblem(secret, 400, "bad_recipient");
    assertFalse(secret.body().contains(identity.substring(20)), secret.body());

    String garbage = "xyz1" + "q".repeat(60);
    HttpResponse<String> unknown = publish(bob, garbage);
    assertProblem(unknown, 400, "bad_recipient");
    assertFalse(unknown.body().contains(garbage.substring(0, 20)), unknown.body());

    String broken = "age1" + "1".repeat(10) + "q".repeat(50);
    HttpResponse<String> malformed = publish(bob, broken);
    assertProblem(malformed, 400, "bad_recipient");
    assertFalse(malformed.body().contains(broken.substring(0, 20)), malformed.body());

    assertProblem(
        http.send(
            HttpRequest.newBuilder(uri("/api/keys"))
                .header("Authorization", "Bearer " + bob)
                .POST(HttpRequest.BodyPublishers.ofString("{\"recipient\":42}"))
                .build(),
            HttpResponse.BodyHandlers.ofString()),
        400,
        "bad_recipient");
    assertEquals(0, keysOf("bob", bob).size());
  }

  @Test
  void tokensNeedTheirScope() throws Exception {
    addUser("bob");
    String bob = session("bob");
    String keys = token(bob, "keys");
    String send = token(bob, "send");
    String receive = token(bob, "receive");
    String recipient = X25519Identity.generate(random).recipient().encode();

    assertProblem(publish(send, recipient), 403, "insufficient_scope");
    HttpResponse<String> ok = publish(keys, recipient);
    assertEquals(201, ok.statusCode(), ok.body());
    assertEquals(1, keysOf("bob", send).size());
    assertProblem(get("/api/accounts/bob/keys", receive), 403, "insufficient_scope");
    String id = json(ok.body()).get("id").asText();
    assertProblem(revoke(send, id), 403, "insufficient_scope");
    assertEquals(200, revoke(keys, id).statusCode());
  }

  @Test
  void unknownAccountsAndOtherAccountsKeysAreNotFound() throws Exception {
    addUser("bob");
    addUser("eve");
    String bob = session("bob");
    String eve = session("eve");
    HttpResponse<String> r = publish(bob, X25519Identity.generate(random).recipient().encode());
    String id = json(r.body()).get("id").asText();

    assertProblem(get("/api/accounts/nobody/keys", bob), 404, "not_found");
    assertProblem(revoke(eve, id), 404, "not_found");
    assertProblem(revoke(eve, "not-an-id"), 404, "not_found");
    assertTrue(keysOf("bob", eve).get(0).get("id").asText().equals(id), "still current");
    assertProblem(get("/api/accounts/bob/keys", null), 401, "unauthenticated");
  }
}
