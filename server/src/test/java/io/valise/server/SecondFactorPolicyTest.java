package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.core.auth.Totp;
import io.valise.core.auth.TotpParameters;
import io.valise.core.auth.TotpSecret;
import io.valise.server.config.ServerConfig;
import io.valise.server.wiring.LocalAdmin;
import java.net.http.HttpResponse;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** auth.require-second-factor: a right password alone no longer opens a session. */
class SecondFactorPolicyTest extends ServerTest {
  @Override
  ServerConfig configure(ServerConfig c) {
    return c.withRequireSecondFactor(true);
  }

  @Test
  void anAccountWithoutTotpIsRefusedUntilItEnrols() throws Exception {
    addUser("alice");
    assertProblem(login("alice", PASSWORD), 403, "second_factor_enrolment_required");
    assertProblem(login("alice", "wrong password"), 401, "bad_credentials");

    String uri = LocalAdmin.enrolTotp(Objects.requireNonNull(config), "alice", clock, random);
    Matcher m = Pattern.compile("[?&]secret=([A-Z2-7]+)").matcher(uri);
    assertTrue(m.find(), uri);
    Totp totp = new Totp(TotpParameters.DEFAULT, clock);
    String code = totp.code(TotpSecret.fromBase32(m.group(1)), totp.stepAt(clock.instant()));
    String body =
        JSON.createObjectNode()
            .put("name", "alice")
            .put("password", PASSWORD)
            .put("totp", code)
            .toString();
    HttpResponse<String> ok = callJson("POST", "/api/login", null, body);
    assertEquals(200, ok.statusCode(), ok.body());
  }
}
