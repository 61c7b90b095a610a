package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.envelope.Envelope;
import io.valise.core.id.AccountId;
import io.valise.core.id.BlobId;
import io.valise.core.id.EnvelopeId;
import io.valise.server.config.ServerConfig;
import io.valise.server.envelope.EnvelopePolicy;
import io.valise.server.retention.RetentionJson;
import io.valise.server.wiring.LocalAdmin;
import io.valise.store.sql.SqlStore;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/policy} for every caller, {@code GET /api/admin/retention} for administrators.
 */
class PolicyRetentionTest extends ServerTest {
  @Override
  ServerConfig configure(ServerConfig c) {
    return c.withPolicy(new EnvelopePolicy(Duration.ofHours(12), Duration.ofDays(30), 5000, 9000))
        .withRequireSecondFactor(false);
  }

  private String token(String session, String scopes) throws Exception {
    HttpResponse<String> r =
        callJson(
            "POST", "/api/tokens", session, "{\"scopes\":[" + scopes + "],\"lifetimeDays\":1}");
    assertEquals(201, r.statusCode(), r.body());
    return json(r.body()).get("token").asText();
  }

  @Test
  void everySessionAndTokenReadsThePolicy() throws Exception {
    addUser("alice");
    String s = session("alice");
    for (String caller : List.of(s, token(s, "\"receive\""), token(s, "\"keys\""))) {
      HttpResponse<String> r = get("/api/policy", caller);
      assertEquals(200, r.statusCode(), r.body());
      JsonNode p = json(r.body());
      assertEquals("PT12H", p.get("expiryDefault").asText());
      assertEquals("P30D", p.get("expiryMax").asText());
      assertEquals(5000, p.get("maxUploadBytes").asLong());
      assertEquals(9000, p.get("quotaBytesPerAccount").asLong());
      assertFalse(p.get("secondFactorRequired").asBoolean());
    }
    assertProblem(get("/api/policy", null), 401, "unauthenticated");
  }

  @Test
  void administratorsReadTheRetentionReportTheCommandPrints() throws Exception {
    addAdmin("root");
    addUser("alice");
    addUser("bob");
    ServerConfig c = Objects.requireNonNull(config);
    try (SqlStore store = SqlStore.open(c.database(), null, null, clock)) {
      AccountId alice = store.accounts().findByName("alice").orElseThrow().id();
      AccountId bob = store.accounts().findByName("bob").orElseThrow().id();
      store
          .envelopes()
          .create(
              new Envelope(
                  EnvelopeId.random(random),
                  alice,
                  clock.instant(),
                  clock.instant().plus(Duration.ofHours(3)),
                  2,
                  0,
                  BlobId.random(random),
                  700,
                  OpaqueBytes.of(new byte[] {'a', 'g', 'e'}),
                  OpaqueBytes.of(new byte[] {7}),
                  List.of(bob)));
    }
    String root = session("root");
    HttpResponse<String> r = get("/api/admin/retention", root);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(json(RetentionJson.of(LocalAdmin.retention(c, clock)).toString()), json(r.body()));
    assertEquals(703, json(r.body()).get("totalBytes").asLong());
    assertEquals(200, get("/api/admin/retention", token(root, "\"admin\"")).statusCode());

    String alice = session("alice");
    assertProblem(get("/api/admin/retention", alice), 403, "not_admin");
    assertProblem(get("/api/admin/retention", token(root, "\"send\"")), 403, "insufficient_scope");
  }
}
