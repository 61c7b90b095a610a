package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.core.auth.Totp;
import io.valise.core.auth.TotpParameters;
import io.valise.core.auth.TotpSecret;
import io.valise.server.config.ServerConfig;
import io.valise.server.wiring.LocalAdmin;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TotpLoginTest extends ServerTest {
  private static final Pattern SECRET = Pattern.compile("[?&]secret=([A-Z2-7]+)");

  private final Totp totp = new Totp(TotpParameters.DEFAULT, clock);

  private TotpSecret enrol(String name) throws Exception {
    String uri = LocalAdmin.enrolTotp(Objects.requireNonNull(config), name, clock, random);
    assertTrue(uri.startsWith("otpauth://totp/Valise:" + name + "?"), uri);
    Matcher m = SECRET.matcher(uri);
    assertTrue(m.find(), uri);
    return TotpSecret.fromBase32(m.group(1));
  }

  private String codeNow(TotpSecret secret) {
    return totp.code(secret, totp.stepAt(clock.instant()));
  }

  private HttpResponse<String> login(String name, String password, String code) throws Exception {
    String body =
        JSON.createObjectNode()
            .put("name", name)
            .put("password", password)
            .put("totp", code)
            .toString();
    return http.send(
        HttpRequest.newBuilder(uri("/api/login"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aValidCodeLogsInOnceAndAReplayIsRefused() throws Exception {
    addUser("alice");
    TotpSecret secret = enrol("alice");
    assertProblem(login("alice", PASSWORD), 401, "second_factor_required");
    String code = codeNow(secret);
    HttpResponse<String> ok = login("alice", PASSWORD, code);
    assertEquals(200, ok.statusCode(), ok.body());
    assertProblem(login("alice", PASSWORD, code), 401, "second_factor_invalid");
    clock.advance(Duration.ofSeconds(30));
    assertEquals(200, login("alice", PASSWORD, codeNow(secret)).statusCode());
  }

  @Test
  void aWrongPasswordIsRefusedBeforeTheCode() throws Exception {
    addUser("alice");
    TotpSecret secret = enrol("alice");
    assertProblem(login("alice", "wrong", codeNow(secret)), 401, "bad_credentials");
  }

  @Test
  void wrongCodesAreScoredUntilTheSourceIsBanned() throws Exception {
    addUser("alice");
    TotpSecret secret = enrol("alice");
    String right = codeNow(secret);
    String wrong = right.equals("000000") ? "111111" : "000000";
    HttpResponse<String> last = login("alice", PASSWORD, wrong);
    assertProblem(last, 401, "second_factor_invalid");
    for (int i = 0; i < 12 && last.statusCode() != 429; i++) {
      last = login("alice", PASSWORD, wrong);
    }
    assertProblem(last, 429, "banned");
    assertProblem(login("alice", PASSWORD, right), 429, "banned");
  }

  @Test
  void theDatabaseAndDataDirectoryDoNotHoldTheSeed() throws Exception {
    addUser("alice");
    TotpSecret secret = enrol("alice");
    String base32 = secret.revealBase32();
    ServerConfig c = Objects.requireNonNull(config);
    try (Stream<Path> files = Files.walk(c.dataDir())) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        String text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        assertFalse(text.contains(base32), p.toString());
      }
    }
  }
}
