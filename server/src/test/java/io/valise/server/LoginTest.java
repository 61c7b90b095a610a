package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginTest extends ServerTest {
  @Test
  void loginGivesASessionThatLogoutEnds() throws Exception {
    addUser("alice");
    String token = session("alice");
    assertTrue(token.startsWith("vls_"));
    HttpResponse<String> me = get("/api/me", token);
    assertEquals(200, me.statusCode());
    assertEquals("alice", json(me.body()).get("account").asText());

    HttpResponse<String> out =
        http.send(
            HttpRequest.newBuilder(uri("/api/logout"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, out.statusCode());
    assertProblem(get("/api/me", token), 401, "bad_token");
  }

  @Test
  void sessionsExpireWhenIdle() throws Exception {
    addUser("alice");
    String token = session("alice");
    clock.advance(Duration.ofMinutes(31));
    assertProblem(get("/api/me", token), 401, "session_expired");
  }

  @Test
  void anEmptyPasswordIsABadRequestNotAnInternalError() throws Exception {
    addUser("alice");
    assertProblem(login("alice", ""), 400, "bad_password");
    assertTrue(session("alice").startsWith("vls_"), "and it was not scored against anyone");
  }

  @Test
  void wrongPasswordsAreRefusedThenTheSourceIsBanned() throws Exception {
    addUser("alice");
    assertProblem(login("alice", "wrong"), 401, "bad_credentials");
    assertProblem(login("nobody", "wrong"), 401, "bad_credentials");
    HttpResponse<String> last = login("alice", "wrong again");
    for (int i = 0; i < 10; i++) {
      last = login("alice", "wrong " + i);
      if (last.statusCode() == 429) {
        break;
      }
      assertProblem(last, 401, "bad_credentials");
    }
    assertProblem(last, 429, "banned");
    // Banned: even the right password is refused before it is checked.
    HttpResponse<String> right = login("alice", PASSWORD);
    assertProblem(right, 429, "banned");
    long retry = Long.parseLong(right.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retry >= 1 && retry <= 60, "Retry-After " + retry);

    clock.advance(Duration.ofMinutes(2));
    assertEquals(200, login("alice", PASSWORD).statusCode());
  }
}
