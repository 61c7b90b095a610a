package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.server.config.ServerConfig;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Helpers of the passkey tests: ceremonies against the running server, and its audit entries. */
abstract class PasskeyServerTest extends ServerTest {
  /** The origin a browser on the server's loopback address reports, with the relying party id. */
  String origin() {
    return "http://localhost:" + server().port();
  }

  SoftAuthenticator authenticator() throws Exception {
    return new SoftAuthenticator(random, origin());
  }

  /** {@code POST /api/passkeys/register/options}, expecting 200. */
  JsonNode registrationOptions(String session) throws Exception {
    HttpResponse<String> r = call("POST", "/api/passkeys/register/options", session, null);
    assertEquals(200, r.statusCode(), r.body());
    return json(r.body());
  }

  /** {@code POST /api/passkeys} with an answer to {@code options}. */
  HttpResponse<String> register(String session, JsonNode options, JsonNode credential, String name)
      throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.put("challengeId", options.get("challengeId").asText());
    body.put("name", name);
    body.set("credential", credential);
    return callJson("POST", "/api/passkeys", session, body.toString());
  }

  /** A whole registration ceremony, bent as asked. */
  HttpResponse<String> register(
      String session, SoftAuthenticator a, String name, SoftAuthenticator.Bend bend)
      throws Exception {
    JsonNode options = registrationOptions(session);
    return register(session, options, a.register(options.get("publicKey"), bend), name);
  }

  /** A passkey registered for the session's account; returns its JSON. */
  JsonNode passkey(String session, SoftAuthenticator a, String name) throws Exception {
    HttpResponse<String> r = register(session, a, name, SoftAuthenticator.Bend.none());
    assertEquals(201, r.statusCode(), r.body());
    return json(r.body());
  }

  JsonNode loginOptions() throws Exception {
    HttpResponse<String> r = call("POST", "/api/login/passkey/options", null, null);
    assertEquals(200, r.statusCode(), r.body());
    return json(r.body());
  }

  HttpResponse<String> login(String challengeId, JsonNode credential, boolean cookie)
      throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.put("challengeId", challengeId);
    body.set("credential", credential);
    body.put("cookie", cookie);
    return callJson("POST", "/api/login/passkey", null, body.toString());
  }

  /** A whole sign-in ceremony, bent as asked. */
  HttpResponse<String> login(SoftAuthenticator a, SoftAuthenticator.Bend bend) throws Exception {
    JsonNode options = loginOptions();
    return login(
        options.get("challengeId").asText(), a.assertion(options.get("publicKey"), bend), false);
  }

  /** The entries of {@code type} in append order, sequenced or not. */
  List<JsonNode> entries(String type) throws Exception {
    ServerConfig c = Objects.requireNonNull(config);
    List<JsonNode> out = new ArrayList<>();
    try (Connection conn = DriverManager.getConnection(c.database());
        PreparedStatement s =
            conn.prepareStatement("SELECT entry FROM audit_entry ORDER BY pending_id");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        JsonNode n = JSON.readTree(r.getBytes(1));
        if (n.get("type").asText().equals(type)) {
          out.add(n);
        }
      }
    }
    return out;
  }

  /** How many rows {@code table} holds. */
  long rows(String table) throws Exception {
    ServerConfig c = Objects.requireNonNull(config);
    // The table name is one of the test's own constants, never input.
    try (Connection conn = DriverManager.getConnection(c.database());
        PreparedStatement s = conn.prepareStatement("SELECT COUNT(*) FROM " + table);
        ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }
}
