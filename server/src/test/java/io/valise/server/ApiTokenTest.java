package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.valise.age.Age;
import io.valise.age.x25519.X25519Identity;
import io.valise.core.auth.TokenScope;
import io.valise.server.http.Route;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ApiTokenTest extends ServerTest {
  private final X25519Identity bobKey = X25519Identity.generate(random);

  private HttpResponse<String> issue(String bearer, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri("/api/tokens"))
            .header("Authorization", "Bearer " + bearer)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> revoke(String bearer, String id) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri("/api/tokens/" + id))
            .header("Authorization", "Bearer " + bearer)
            .DELETE()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode token(String session, String scopes, int days) throws Exception {
    HttpResponse<String> r =
        issue(session, "{\"scopes\":[" + scopes + "],\"lifetimeDays\":" + days + "}");
    assertEquals(201, r.statusCode(), r.body());
    JsonNode t = json(r.body());
    assertTrue(t.get("token").asText().startsWith("vlt_"), r.body());
    return t;
  }

  private byte[] ageFile() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream enc = Age.encryptingStream(out, List.of(bobKey.recipient()), random)) {
      enc.write("lab results".getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  @Test
  void scopedTokensSendAndReceive() throws Exception {
    addUser("lab");
    addUser("bob");
    String sender = token(session("lab"), "\"send\"", 90).get("token").asText();
    String receiver = token(session("bob"), "\"receive\"", 90).get("token").asText();
    byte[] file = ageFile();

    HttpResponse<String> up = upload(sender, "to=bob", file);
    assertEquals(201, up.statusCode(), up.body());
    String id = json(up.body()).get("id").asText();
    assertProblem(upload(receiver, "to=bob", file), 403, "insufficient_scope");
    assertProblem(get("/api/inbox", sender), 403, "insufficient_scope");
    assertEquals(200, get("/api/outbox", sender).statusCode());

    HttpResponse<String> inbox = get("/api/inbox", receiver);
    assertEquals(200, inbox.statusCode(), inbox.body());
    assertTrue(inbox.body().contains(id), inbox.body());
    HttpResponse<byte[]> down = getBytes("/api/envelopes/" + id + "/file", receiver, null);
    assertEquals(200, down.statusCode());
    assertArrayEquals(file, down.body());

    // Session-only routes refuse tokens: a token cannot mint another or act as a session.
    assertProblem(get("/api/me", receiver), 403, "insufficient_scope");
    assertProblem(
        issue(receiver, "{\"scopes\":[\"send\"],\"lifetimeDays\":1}"), 403, "insufficient_scope");
  }

  @Test
  void theApiDocumentNamesTheScopeOfEveryRoute() throws Exception {
    JsonNode paths = json(get("/api/openapi.json", null).body()).get("paths");
    for (Route r : server().router().routes()) {
      JsonNode op = paths.get(r.template()).get(r.method().toLowerCase(Locale.ROOT));
      TokenScope scope = r.scope();
      String documented = op.has("x-valise-scope") ? op.get("x-valise-scope").asText() : null;
      assertEquals(scope == null ? null : scope.label(), documented, r.template());
    }
  }

  @Test
  void tokensExpireAndAreRevoked() throws Exception {
    addUser("bob");
    String session = session("bob");
    JsonNode shortLived = token(session, "\"receive\"", 1);
    JsonNode revoked = token(session, "\"receive\"", 30);
    String bearer = revoked.get("token").asText();
    assertEquals(200, get("/api/inbox", bearer).statusCode());

    HttpResponse<String> list = get("/api/tokens", session);
    assertEquals(200, list.statusCode(), list.body());
    assertEquals(2, json(list.body()).get("tokens").size());
    assertFalse(list.body().contains("vlt_"), "values are shown once only");

    assertEquals(200, revoke(session, revoked.get("id").asText()).statusCode());
    assertProblem(get("/api/inbox", bearer), 401, "bad_token");
    assertProblem(revoke(session, revoked.get("id").asText()), 404, "not_found");

    clock.advance(Duration.ofDays(1));
    assertProblem(get("/api/inbox", shortLived.get("token").asText()), 401, "token_expired");
  }

  @Test
  void anotherAccountCannotRevokeMyToken() throws Exception {
    addUser("bob");
    addUser("eve");
    JsonNode t = token(session("bob"), "\"receive\"", 30);
    assertProblem(revoke(session("eve"), t.get("id").asText()), 404, "not_found");
    assertEquals(200, get("/api/inbox", t.get("token").asText()).statusCode());
  }

  @Test
  void badRequestsAreRefused() throws Exception {
    addUser("bob");
    String s = session("bob");
    assertProblem(issue(s, "{\"scopes\":[],\"lifetimeDays\":1}"), 400, "bad_scopes");
    assertProblem(
        issue(s, "{\"scopes\":[\"send\",\"send\"],\"lifetimeDays\":1}"), 400, "bad_scopes");
    assertProblem(issue(s, "{\"scopes\":[\"root\"],\"lifetimeDays\":1}"), 400, "bad_scopes");
    assertProblem(issue(s, "{\"scopes\":[\"send\"],\"lifetimeDays\":0}"), 400, "bad_lifetime");
    assertProblem(issue(s, "{\"scopes\":[\"send\"],\"lifetimeDays\":367}"), 400, "bad_lifetime");
    assertProblem(issue(s, "{\"scopes\":[\"admin\"],\"lifetimeDays\":1}"), 403, "not_admin");
  }

  @Test
  void badTokensAreScoredUntilTheSourceIsBanned() throws Exception {
    String unknown = "vlt_" + "A".repeat(43);
    HttpResponse<String> last = get("/api/inbox", unknown);
    assertProblem(last, 401, "bad_token");
    for (int i = 0; i < 8; i++) {
      last = get("/api/inbox", i % 2 == 0 ? "vlt_short" : unknown);
      if (last.statusCode() == 429) {
        break;
      }
      assertProblem(last, 401, "bad_token");
    }
    assertProblem(last, 429, "banned");
  }

  @Test
  void theDatabaseHoldsNoTokenValue() throws Exception {
    addUser("bob");
    String value = token(session("bob"), "\"receive\"", 30).get("token").asText();
    try (Stream<Path> files = Files.walk(data())) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        String text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        assertFalse(text.contains(value.substring(4)), p.toString());
      }
    }
  }
}
