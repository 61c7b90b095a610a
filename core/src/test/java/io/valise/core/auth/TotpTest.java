package io.valise.core.auth;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class TotpTest {
  private static final TotpSecret SHA1_SEED =
      TotpSecret.ofBytes("12345678901234567890".getBytes(US_ASCII));

  private static TotpSecret seed(TotpAlgorithm algorithm) {
    String digits = "1234567890".repeat(7);
    int length =
        switch (algorithm) {
          case SHA1 -> 20;
          case SHA256 -> 32;
          case SHA512 -> 64;
        };
    return TotpSecret.ofBytes(digits.substring(0, length).getBytes(US_ASCII));
  }

  @TestFactory
  Stream<DynamicTest> rfc6238AppendixB() throws IOException {
    List<String> lines;
    try (InputStream in =
        Objects.requireNonNull(getClass().getResourceAsStream("rfc6238-appendix-b.txt"))) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    return lines.stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .map(
            line -> {
              String[] f = line.trim().split("\\s+", -1);
              long time = Long.parseLong(f[0]);
              long step = Long.parseLong(f[1], 16);
              TotpAlgorithm algorithm = TotpAlgorithm.valueOf(f[3]);
              return DynamicTest.dynamicTest(
                  f[3] + " at " + time,
                  () -> {
                    TestClock clock = TestClock.at(time);
                    Totp totp =
                        new Totp(
                            new TotpParameters(algorithm, 8, Duration.ofSeconds(30), 1), clock);
                    assertEquals(step, totp.stepAt(clock.instant()));
                    assertEquals(f[2], totp.code(seed(algorithm), step));
                    assertEquals(
                        OptionalLong.of(step),
                        totp.verify(seed(algorithm), f[2], OptionalLong.empty()));
                  });
            });
  }

  @Test
  void sixDigitsAreTheLastSixOfTheEightDigitCode() {
    Totp totp = new Totp(TotpParameters.DEFAULT, TestClock.at(59));
    assertEquals("287082", totp.code(SHA1_SEED, 1));
  }

  @Test
  void acceptsOneStepEitherSideAndNoMore() {
    TestClock clock = TestClock.at(1_111_111_109L);
    Totp totp = new Totp(TotpParameters.DEFAULT, clock);
    long now = totp.stepAt(clock.instant());
    for (long delta = -3; delta <= 3; delta++) {
      String code = totp.code(SHA1_SEED, now + delta);
      OptionalLong got = totp.verify(SHA1_SEED, code, OptionalLong.empty());
      if (Math.abs(delta) <= 1) {
        assertEquals(OptionalLong.of(now + delta), got, "delta " + delta);
      } else {
        assertTrue(got.isEmpty(), "delta " + delta);
      }
    }
  }

  @Test
  void refusesReplayOfTheLastUsedStepAndEarlierOnes() {
    TestClock clock = TestClock.at(1_234_567_890L);
    Totp totp = new Totp(TotpParameters.DEFAULT, clock);
    long now = totp.stepAt(clock.instant());
    String code = totp.code(SHA1_SEED, now);
    OptionalLong used = totp.verify(SHA1_SEED, code, OptionalLong.empty());
    assertEquals(OptionalLong.of(now), used);
    assertTrue(totp.verify(SHA1_SEED, code, used).isEmpty(), "same code again");
    assertTrue(totp.verify(SHA1_SEED, totp.code(SHA1_SEED, now - 1), used).isEmpty());
    clock.advance(Duration.ofSeconds(30));
    assertEquals(
        OptionalLong.of(now + 1), totp.verify(SHA1_SEED, totp.code(SHA1_SEED, now + 1), used));
  }

  @Test
  void malformedCodesFail() {
    Totp totp = new Totp(TotpParameters.DEFAULT, TestClock.at(59));
    for (String bad : List.of("", "28708", "2870822", " 287082", "28708a", "２８７０８２")) {
      assertTrue(totp.verify(SHA1_SEED, bad, OptionalLong.empty()).isEmpty(), bad);
    }
  }

  @Test
  void provisioningUri() {
    Totp totp = new Totp(TotpParameters.DEFAULT, TestClock.at(0));
    assertEquals(
        "otpauth://totp/Valise:alice%40lab.example?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Valise",
        totp.provisioningUri("alice@lab.example", SHA1_SEED));
    Totp other =
        new Totp(
            new TotpParameters(TotpAlgorithm.SHA256, 8, Duration.ofSeconds(60), 1),
            TestClock.at(0));
    assertEquals(
        "otpauth://totp/Valise:J%C3%BCrgen%20M?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            + "&issuer=Valise&algorithm=SHA256&digits=8&period=60",
        other.provisioningUri("Jürgen M", SHA1_SEED));
    assertThrows(IllegalArgumentException.class, () -> totp.provisioningUri("a:b", SHA1_SEED));
    assertThrows(IllegalArgumentException.class, () -> totp.provisioningUri("", SHA1_SEED));
    assertThrows(IllegalArgumentException.class, () -> totp.provisioningUri("a\nb", SHA1_SEED));
  }

  @Test
  void generatedSecretsRoundTripThroughBase32() {
    TotpSecret secret = TotpSecret.generate(new SecureRandom());
    String b32 = secret.revealBase32();
    assertEquals(32, b32.length());
    assertEquals(secret, TotpSecret.fromBase32(b32));
    assertNotEquals(secret, TotpSecret.generate(new SecureRandom()));
    assertEquals("TotpSecret[REDACTED]", secret.toString());
    secret.close();
    assertThrows(IllegalStateException.class, secret::revealBase32);
    assertFalse(secret.equals(TotpSecret.fromBase32(b32)));
  }

  @Test
  void secretsAreBoundedAndCanonical() {
    assertThrows(AuthFormatException.class, () -> TotpSecret.fromBase32("GEZDGNBVGY3TQOJQ"));
    assertThrows(
        AuthFormatException.class, () -> TotpSecret.fromBase32("gezdgnbvgy3tqojqgezdgnbv"));
    assertThrows(AuthFormatException.class, () -> TotpSecret.fromBase32("A".repeat(200)));
  }

  @Test
  void stepsBeforeTheEpochRoundDown() {
    Totp totp = new Totp(TotpParameters.DEFAULT, TestClock.at(0));
    assertEquals(-1, totp.stepAt(Instant.ofEpochSecond(-1)));
  }
}
