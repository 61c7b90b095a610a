package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.core.auth.Totp;
import io.valise.core.auth.TotpParameters;
import io.valise.core.auth.TotpSecret;
import io.valise.server.config.ServerConfig;
import io.valise.server.wiring.LocalAdmin;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** With auth.require-second-factor, TOTP cannot be removed (passkeys are not counted yet). */
class TotpRemovalPolicyTest extends ServerTest {
  @Override
  ServerConfig configure(ServerConfig c) {
    return c.withRequireSecondFactor(true);
  }

  @Test
  void thePolicyKeepsTheSecondFactor() throws Exception {
    addUser("alice");
    String uri = LocalAdmin.enrolTotp(Objects.requireNonNull(config), "alice", clock, random);
    Matcher m = Pattern.compile("[?&]secret=([A-Z2-7]+)").matcher(uri);
    assertTrue(m.find(), uri);
    TotpSecret secret = TotpSecret.fromBase32(m.group(1));
    Totp totp = new Totp(TotpParameters.DEFAULT, clock);
    HttpResponse<String> in =
        callJson(
            "POST",
            "/api/login",
            null,
            JSON.createObjectNode()
                .put("name", "alice")
                .put("password", PASSWORD)
                .put("totp", totp.code(secret, totp.stepAt(clock.instant())))
                .toString());
    assertEquals(200, in.statusCode(), in.body());
    String s = json(in.body()).get("token").asText();
    assertTrue(json(get("/api/policy", s).body()).get("secondFactorRequired").asBoolean());
    clock.advance(Duration.ofSeconds(30));
    String body =
        JSON.createObjectNode()
            .put("password", PASSWORD)
            .put("code", totp.code(secret, totp.stepAt(clock.instant())))
            .toString();
    assertProblem(
        callJson("DELETE", "/api/me/totp", s, body), 403, "second_factor_required_by_policy");
    assertTrue(json(get("/api/me", s).body()).get("secondFactor").asBoolean());
  }
}
