package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.valise.core.auth.Totp;
import io.valise.core.auth.TotpParameters;
import io.valise.core.auth.TotpSecret;
import io.valise.server.config.ServerConfig;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** A person enrols, confirms and removes their own TOTP second factor (issue 5). */
class TotpEnrolmentTest extends ServerTest {
  private final Totp totp = new Totp(TotpParameters.DEFAULT, clock);

  private HttpResponse<String> enrol(String session, String password) throws Exception {
    return callJson(
        "POST",
        "/api/me/totp",
        session,
        JSON.createObjectNode().put("password", password).toString());
  }

  private HttpResponse<String> confirm(String session, String id, String code) throws Exception {
    return callJson(
        "POST",
        "/api/me/totp/confirm",
        session,
        JSON.createObjectNode().put("enrolmentId", id).put("code", code).toString());
  }

  private HttpResponse<String> remove(String session, String password, String code)
      throws Exception {
    return callJson(
        "DELETE",
        "/api/me/totp",
        session,
        JSON.createObjectNode().put("password", password).put("code", code).toString());
  }

  private HttpResponse<String> loginWith(String name, String code) throws Exception {
    return callJson(
        "POST",
        "/api/login",
        null,
        JSON.createObjectNode()
            .put("name", name)
            .put("password", PASSWORD)
            .put("totp", code)
            .toString());
  }

  private String code(TotpSecret secret) {
    return totp.code(secret, totp.stepAt(clock.instant()));
  }

  private static String wrong(String right) {
    return right.equals("000000") ? "111111" : "000000";
  }

  /** A started enrolment: its answer, checked for form. */
  private JsonNode started(String session) throws Exception {
    HttpResponse<String> r = enrol(session, PASSWORD);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
    return json(r.body());
  }

  @Test
  void enrolmentShowsTheSecretOnceAndAFirstCodeMakesItTheFactor() throws Exception {
    addUser("alice");
    String other = session("alice");
    clock.advance(Duration.ofSeconds(1));
    String mine = session("alice");
    JsonNode me = json(get("/api/me", mine).body());
    assertEquals("alice", me.get("name").asText());
    assertEquals("alice", me.get("account").asText());
    assertFalse(me.get("admin").asBoolean());
    assertFalse(me.get("secondFactor").asBoolean());

    JsonNode e = started(mine);
    String secretText = e.get("secret").asText();
    assertTrue(secretText.matches("[A-Z2-7]{32}"), secretText);
    assertEquals(
        "otpauth://totp/Valise:alice?secret=" + secretText + "&issuer=Valise",
        e.get("uri").asText());
    assertEquals(START.plus(Duration.ofSeconds(1 + 600)).toString(), e.get("expiresAt").asText());
    TotpSecret secret = TotpSecret.fromBase32(secretText);
    // Not active yet: the password alone still signs in.
    assertEquals(200, login("alice", PASSWORD).statusCode());
    assertFalse(json(get("/api/me", mine).body()).get("secondFactor").asBoolean());

    String first = code(secret);
    HttpResponse<String> ok = confirm(mine, e.get("enrolmentId").asText(), first);
    assertEquals(200, ok.statusCode(), ok.body());
    assertTrue(json(ok.body()).get("secondFactor").asBoolean());
    assertTrue(json(get("/api/me", mine).body()).get("secondFactor").asBoolean());
    assertProblem(get("/api/me", other), 401, "bad_token"); // every other session ended
    assertProblem(login("alice", PASSWORD), 401, "second_factor_required");
    assertProblem(loginWith("alice", first), 401, "second_factor_invalid"); // used once
    clock.advance(Duration.ofSeconds(30));
    assertEquals(200, loginWith("alice", code(secret)).statusCode());
    assertProblem(
        confirm(mine, e.get("enrolmentId").asText(), code(secret)), 404, "not_found"); // used up
    assertProblem(enrol(mine, PASSWORD), 409, "totp_already_enrolled");
  }

  @Test
  void aWrongPasswordIsCountedLikeAFailedLoginAndChangesNothing() throws Exception {
    addUser("alice");
    String s = session("alice");
    HttpResponse<String> last = enrol(s, "wrong password");
    assertProblem(last, 401, "bad_credentials");
    for (int i = 0; i < 12 && last.statusCode() != 429; i++) {
      last = enrol(s, "wrong password");
    }
    assertProblem(last, 429, "banned");
    // The address is banned: even its session is refused until the ban ends.
    assertProblem(enrol(s, PASSWORD), 429, "banned");
    assertProblem(login("alice", PASSWORD), 429, "banned");
    assertEquals(0, pendingRows());
    List<JsonNode> failures = StoredEntries.ofType(Objects.requireNonNull(config), "totp.failure");
    assertEquals(10, failures.size(), failures.toString());
    for (JsonNode f : failures) {
      assertEquals("enrol", f.get("action").asText());
      assertEquals("bad_credentials", f.get("reason").asText());
      assertEquals("alice", f.get("accountName").asText());
    }
    assertEquals(
        "source:127.0.0.1", StoredEntries.ofType(config, "ban").getFirst().get("subject").asText());
  }

  @Test
  void wrongCodesAreCountedAndTheEnrolmentWaitsForARightOne() throws Exception {
    addUser("alice");
    String s = session("alice");
    JsonNode e = started(s);
    TotpSecret secret = TotpSecret.fromBase32(e.get("secret").asText());
    String id = e.get("enrolmentId").asText();
    assertProblem(confirm(s, id, wrong(code(secret))), 400, "second_factor_invalid");
    assertProblem(confirm(s, id, "12345"), 400, "second_factor_invalid");
    assertFalse(json(get("/api/me", s).body()).get("secondFactor").asBoolean());
    assertEquals(200, confirm(s, id, code(secret)).statusCode());
    List<JsonNode> failures = StoredEntries.ofType(Objects.requireNonNull(config), "totp.failure");
    assertEquals(2, failures.size(), failures.toString());
    assertEquals("confirm", failures.getFirst().get("action").asText());
    assertEquals("second_factor_invalid", failures.getFirst().get("reason").asText());
  }

  @Test
  void anEnrolmentLastsTenMinutesAndBelongsToItsAccount() throws Exception {
    addUser("alice");
    addUser("mallory");
    String alice = session("alice");
    String mallory = session("mallory");
    JsonNode e = started(alice);
    TotpSecret secret = TotpSecret.fromBase32(e.get("secret").asText());
    String id = e.get("enrolmentId").asText();
    assertProblem(confirm(mallory, id, code(secret)), 404, "not_found");
    assertProblem(confirm(alice, "not-an-id", code(secret)), 404, "not_found");
    JsonNode again = started(alice); // replaces the first
    assertProblem(confirm(alice, id, code(secret)), 404, "not_found");
    clock.advance(Duration.ofMinutes(10));
    alice = session("alice");
    TotpSecret later = TotpSecret.fromBase32(again.get("secret").asText());
    assertProblem(confirm(alice, again.get("enrolmentId").asText(), code(later)), 404, "not_found");
    assertFalse(json(get("/api/me", alice).body()).get("secondFactor").asBoolean());
    assertEquals(0, pendingRows());
  }

  @Test
  void theSweeperDeletesEnrolmentsNobodyConfirmed() throws Exception {
    addUser("alice");
    var unused = started(session("alice"));
    clock.advance(Duration.ofMinutes(9));
    var unusedFirst = server().sweeper().sweep();
    assertEquals(1, pendingRows());
    clock.advance(Duration.ofMinutes(1));
    var unusedSecond = server().sweeper().sweep();
    assertEquals(0, pendingRows());
  }

  @Test
  void removalNeedsPasswordAndCode() throws Exception {
    addUser("alice");
    String s = session("alice");
    assertProblem(remove(s, PASSWORD, "123456"), 409, "totp_not_enrolled");
    JsonNode e = started(s);
    TotpSecret secret = TotpSecret.fromBase32(e.get("secret").asText());
    assertEquals(200, confirm(s, e.get("enrolmentId").asText(), code(secret)).statusCode());
    clock.advance(Duration.ofSeconds(30));
    assertProblem(remove(s, "wrong password", code(secret)), 401, "bad_credentials");
    assertProblem(remove(s, PASSWORD, wrong(code(secret))), 400, "second_factor_invalid");
    assertTrue(json(get("/api/me", s).body()).get("secondFactor").asBoolean());
    HttpResponse<String> ok = remove(s, PASSWORD, code(secret));
    assertEquals(200, ok.statusCode(), ok.body());
    assertFalse(json(ok.body()).get("secondFactor").asBoolean());
    assertEquals(200, login("alice", PASSWORD).statusCode());

    ServerConfig c = Objects.requireNonNull(config);
    JsonNode enrolled = StoredEntries.ofType(c, "totp.enrol").getFirst();
    JsonNode removed = StoredEntries.ofType(c, "totp.remove").getFirst();
    for (JsonNode entry : List.of(enrolled, removed)) {
      assertEquals("alice", entry.get("accountName").asText(), entry.toString());
      assertEquals("alice", entry.get("actorName").asText(), entry.toString());
      assertEquals("session", entry.get("via").asText(), entry.toString());
      assertEquals("127.0.0.1", entry.get("from").asText(), entry.toString());
    }
    String all = String.join("\n", StoredEntries.texts(c));
    assertFalse(all.contains(secret.revealBase32()), "no secret in the log");
    assertFalse(all.contains(PASSWORD), "no password in the log");
    assertFalse(all.contains("\"code\""), "no code in the log");
  }

  @Test
  void onlyASessionMayChangeTheSecondFactor() throws Exception {
    addUser("alice");
    String s = session("alice");
    HttpResponse<String> issued =
        callJson("POST", "/api/tokens", s, "{\"scopes\":[\"send\",\"keys\"],\"lifetimeDays\":1}");
    String token = json(issued.body()).get("token").asText();
    String body = JSON.createObjectNode().put("password", PASSWORD).toString();
    assertProblem(callJson("POST", "/api/me/totp", token, body), 403, "insufficient_scope");
    assertProblem(enrol(s, ""), 401, "bad_credentials");
    assertProblem(callJson("POST", "/api/me/totp", s, "{\"password\":1}"), 400, "bad_json");
    assertProblem(callJson("POST", "/api/me/totp", s, "{\"pw\":\"x\"}"), 400, "bad_json");
    assertEquals(0, pendingRows());
  }

  @Test
  void theStoreHoldsThePendingSecretSealed() throws Exception {
    addUser("alice");
    String secret = started(session("alice")).get("secret").asText();
    ServerConfig c = Objects.requireNonNull(config);
    try (Connection conn = DriverManager.getConnection(c.database());
        PreparedStatement s = conn.prepareStatement("SELECT secret FROM totp_enrolment");
        ResultSet r = s.executeQuery()) {
      assertTrue(r.next());
      String stored = new String(r.getBytes(1), StandardCharsets.ISO_8859_1);
      assertFalse(stored.contains(secret));
      assertFalse(r.next());
    }
  }

  private int pendingRows() throws Exception {
    ServerConfig c = Objects.requireNonNull(config);
    try (Connection conn = DriverManager.getConnection(c.database());
        PreparedStatement s = conn.prepareStatement("SELECT COUNT(*) FROM totp_enrolment");
        ResultSet r = s.executeQuery()) {
      r.next();
      return r.getInt(1);
    }
  }
}
