package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.valise.core.auth.SessionRecord;
import io.valise.core.auth.SessionToken;
import io.valise.server.config.ServerConfig;
import io.valise.store.sql.SqlStore;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** A person lists and ends their own sessions (issue 5). */
class SessionListTest extends ServerTest {
  private List<JsonNode> sessions(String token) throws Exception {
    HttpResponse<String> r = get("/api/sessions", token);
    assertEquals(200, r.statusCode(), r.body());
    List<JsonNode> out = new ArrayList<>();
    json(r.body()).get("sessions").forEach(out::add);
    return out;
  }

  private static JsonNode current(List<JsonNode> list) {
    return list.stream().filter(s -> s.get("current").asBoolean()).findFirst().orElseThrow();
  }

  @Test
  void myListShowsEachSessionNewestFirstWithoutItsToken() throws Exception {
    addUser("alice");
    addUser("bob");
    String first = session("alice");
    clock.advance(Duration.ofMinutes(2));
    String second = session("alice");
    String bob = session("bob");

    List<JsonNode> list = sessions(first);
    assertEquals(2, list.size(), list.toString());
    JsonNode newest = list.get(0);
    JsonNode oldest = list.get(1);
    assertEquals(START.plus(Duration.ofMinutes(2)).toString(), newest.get("createdAt").asText());
    assertEquals(START.toString(), oldest.get("createdAt").asText());
    assertTrue(oldest.get("current").asBoolean());
    assertFalse(newest.get("current").asBoolean());
    assertEquals(
        START.plus(Duration.ofMinutes(32)).toString(), newest.get("expiresAt").asText(), "idle");
    for (JsonNode s : list) {
      assertTrue(s.get("id").asText().matches("[a-z2-7]{26}"), s.toString());
      assertEquals("password", s.get("method").asText());
      assertEquals("127.0.0.1", s.get("source").asText());
      assertTrue(s.has("lastSeenAt"), s.toString());
      String text = s.toString();
      for (String token : List.of(first, second)) {
        assertFalse(text.contains(token.substring(4, 20)), "no token in " + text);
        try (SessionToken t = SessionToken.parse(token)) {
          String hash = t.hash().toHex();
          assertFalse(text.contains(hash.substring(0, 16)), "no token hash in " + text);
        }
      }
    }
    assertEquals(newest.get("id"), current(sessions(second)).get("id"));
    assertEquals(1, sessions(bob).size());
  }

  @Test
  void iEndOneSessionByIdButNotAnotherAccounts() throws Exception {
    addUser("alice");
    addUser("mallory");
    String laptop = session("alice");
    clock.advance(Duration.ofSeconds(1));
    String phone = session("alice");
    String mallory = session("mallory");
    String phoneId = current(sessions(phone)).get("id").asText();
    String laptopId = current(sessions(laptop)).get("id").asText();

    assertProblem(call("DELETE", "/api/sessions/" + phoneId, mallory, null), 404, "not_found");
    assertProblem(call("DELETE", "/api/sessions/nonsense", laptop, null), 404, "not_found");
    assertEquals(200, get("/api/me", phone).statusCode());

    HttpResponse<String> ended = call("DELETE", "/api/sessions/" + phoneId, laptop, null);
    assertEquals(204, ended.statusCode(), ended.body());
    assertProblem(get("/api/me", phone), 401, "bad_token");
    assertProblem(call("DELETE", "/api/sessions/" + phoneId, laptop, null), 404, "not_found");
    assertEquals(1, sessions(laptop).size());

    JsonNode entry = StoredEntries.ofType(Objects.requireNonNull(config), "session.end").getFirst();
    assertEquals(phoneId, entry.get("session").asText(), entry.toString());
    assertEquals(laptopId, entry.get("by").asText(), entry.toString());
    assertEquals("user", entry.get("reason").asText(), entry.toString());
    assertEquals("alice", entry.get("actorName").asText(), entry.toString());

    // Ending the current session is a logout.
    assertEquals(204, call("DELETE", "/api/sessions/" + laptopId, laptop, null).statusCode());
    assertProblem(get("/api/me", laptop), 401, "bad_token");
  }

  @Test
  void iEndEveryOtherSession() throws Exception {
    addUser("alice");
    addUser("bob");
    List<String> others = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      others.add(session("alice"));
      clock.advance(Duration.ofSeconds(1));
    }
    String mine = session("alice");
    String bob = session("bob");
    HttpResponse<String> r = call("DELETE", "/api/sessions", mine, null);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(3, json(r.body()).get("ended").asInt());
    for (String t : others) {
      assertProblem(get("/api/me", t), 401, "bad_token");
    }
    assertEquals(200, get("/api/me", mine).statusCode());
    assertEquals(200, get("/api/me", bob).statusCode());
    assertEquals(0, json(call("DELETE", "/api/sessions", mine, null).body()).get("ended").asInt());
    assertEquals(3, StoredEntries.ofType(Objects.requireNonNull(config), "session.end").size());
  }

  @Test
  void aSessionFromBeforeIdsGetsOneWhenListed() throws Exception {
    addUser("alice");
    String mine = session("alice");
    ServerConfig c = Objects.requireNonNull(config);
    try (SqlStore store = SqlStore.open(c.database(), null, null, clock);
        SessionToken legacy = SessionToken.generate(random)) {
      var alice = store.accounts().findByName("alice").orElseThrow().id();
      store.sessions().create(alice, new SessionRecord(legacy.hash(), START, START));
    }
    List<JsonNode> list = sessions(mine);
    assertEquals(2, list.size(), list.toString());
    JsonNode legacy = list.stream().filter(s -> !s.has("method")).findFirst().orElseThrow();
    assertTrue(legacy.get("id").asText().matches("[a-z2-7]{26}"), legacy.toString());
    JsonNode again =
        sessions(mine).stream().filter(x -> !x.has("method")).findFirst().orElseThrow();
    assertEquals(legacy.get("id"), again.get("id"), "the same id next time");
  }

  @Test
  void endedSessionsAreNotListedAndTokensMayNotList() throws Exception {
    addUser("alice");
    String old = session("alice");
    clock.advance(Duration.ofMinutes(29));
    String mine = session("alice");
    clock.advance(Duration.ofMinutes(2)); // old is idle for 31 minutes
    assertEquals(1, sessions(mine).size());
    HttpResponse<String> issued =
        callJson("POST", "/api/tokens", mine, "{\"scopes\":[\"receive\"],\"lifetimeDays\":1}");
    String token = json(issued.body()).get("token").asText();
    assertProblem(get("/api/sessions", token), 403, "insufficient_scope");
    assertProblem(call("DELETE", "/api/sessions", token, null), 403, "insufficient_scope");
    assertProblem(get("/api/me", old), 401, "session_expired");
  }
}
