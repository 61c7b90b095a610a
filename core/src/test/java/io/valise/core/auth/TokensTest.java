package io.valise.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokensTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void apiTokensLookLikeTheirPrefixAndRoundTrip() {
    try (ApiToken token = ApiToken.generate(random)) {
      String text = token.reveal();
      assertTrue(Pattern.matches("vlt_[A-Za-z0-9_-]{43}", text), "shape");
      ApiToken parsed = ApiToken.parse(text);
      assertEquals(token, parsed);
      assertEquals(token.hash(), parsed.hash());
      assertEquals("ApiToken[REDACTED]", token.toString());
    }
  }

  @Test
  void knownHashIsSha256OfPrefixAndBytes() {
    // 32 zero bytes: "vlt_" + 43 'A'. SHA-256("vlt_" || 0x00*32), computed with
    // printf 'vlt_' | cat - <(head -c 32 /dev/zero) | sha256sum
    ApiToken zero = ApiToken.parse("vlt_" + "A".repeat(43));
    assertEquals(
        "a43c63dd8a193e38c173f0a0c7842364cba8d6bfa2f33385f6887284bd9476f1", zero.hash().toHex());
    assertEquals(zero.hash(), TokenHash.fromHex(zero.hash().toHex()));
    assertEquals(zero.hash(), TokenHash.of(zero.hash().bytes()));
  }

  @Test
  void kindsNeverShareAHash() {
    String body = "A".repeat(43);
    assertNotEquals(ApiToken.parse("vlt_" + body).hash(), SessionToken.parse("vls_" + body).hash());
    assertNotEquals(ApiToken.parse("vlt_" + body), SessionToken.parse("vls_" + body));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "vlt_",
        "vls_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "VLT_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "vlt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "vlt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "vlt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB",
        "vlt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+",
        "vlt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        " vlt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      })
  void malformedTokensAreRefusedWithoutEcho(String text) {
    AuthFormatException e = assertThrows(AuthFormatException.class, () -> ApiToken.parse(text));
    String message = String.valueOf(e.getMessage());
    assertFalse(message.contains("AAAAAAAA"), message);
  }

  @Test
  void parsingIsExactOverRandomTokens() {
    long seed = 424242L;
    Random r = new Random(seed);
    for (int i = 0; i < 1000; i++) {
      byte[] raw = new byte[32];
      r.nextBytes(raw);
      String text = "vlt_" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
      ApiToken parsed = ApiToken.parse(text);
      assertEquals(text, parsed.reveal(), "seed " + seed + " case " + i);
      char[] mutated = text.toCharArray();
      int at = 4 + r.nextInt(43);
      mutated[at] = mutated[at] == 'A' ? 'B' : 'A';
      String other = new String(mutated);
      boolean canonical;
      try {
        canonical = !ApiToken.parse(other).equals(parsed);
      } catch (AuthFormatException e) {
        canonical = true;
      }
      assertTrue(
          canonical, "seed " + seed + " case " + i + ": a changed token equals the original");
    }
  }

  @Test
  void destroyedTokensNoLongerRevealOrHash() {
    ApiToken token = ApiToken.generate(random);
    token.close();
    assertThrows(IllegalStateException.class, token::reveal);
    assertThrows(IllegalStateException.class, token::hash);
  }

  @Test
  void tokenHashChecksItsInput() {
    assertThrows(AuthFormatException.class, () -> TokenHash.of(new byte[31]));
    assertThrows(AuthFormatException.class, () -> TokenHash.fromHex("ab"));
    assertThrows(AuthFormatException.class, () -> TokenHash.fromHex("AB".repeat(32)));
    assertThrows(AuthFormatException.class, () -> TokenHash.fromHex("zz".repeat(32)));
    TokenHash h = TokenHash.fromHex("0123456789abcdef".repeat(4));
    assertEquals("TokenHash[01234567…]", h.toString());
    assertEquals(HexFormat.of().parseHex("0123456789abcdef".repeat(4)).length, h.bytes().length);
  }

  @Test
  void scopesParseStrictlyAndFormatCanonically() {
    assertEquals(
        EnumSet.of(TokenScope.SEND, TokenScope.RECEIVE), TokenScope.parseList("receive,send"));
    assertEquals(
        "send,receive", TokenScope.formatList(Set.of(TokenScope.RECEIVE, TokenScope.SEND)));
    for (String bad :
        new String[] {
          "",
          "send,",
          ",send",
          "send,,keys",
          "SEND",
          "send, keys",
          "root",
          "send,send",
          "x".repeat(10_000)
        }) {
      assertThrows(
          AuthFormatException.class,
          () -> TokenScope.parseList(bad),
          bad.length() > 40 ? "long" : bad);
    }
    for (TokenScope s : TokenScope.values()) {
      assertEquals(Set.of(s), TokenScope.parseList(s.label()));
    }
  }

  @Test
  void issuedTokensExpireAndGrantOnlyTheirScopes() {
    TestClock clock = TestClock.at(1_700_000_000L);
    ApiTokens tokens = new ApiTokens(clock, random);
    IssuedApiToken issued = tokens.issue(Set.of(TokenScope.SEND), Duration.ofDays(30));
    ApiTokenRecord record = issued.record();
    assertEquals(issued.token().hash(), record.hash());
    assertTrue(tokens.permits(record, TokenScope.SEND));
    assertFalse(tokens.permits(record, TokenScope.RECEIVE));
    assertFalse(tokens.permits(record, TokenScope.ADMIN));
    clock.advance(Duration.ofDays(30).minusSeconds(1));
    assertTrue(tokens.permits(record, TokenScope.SEND));
    clock.advance(Duration.ofSeconds(1));
    assertFalse(tokens.permits(record, TokenScope.SEND));
    assertThrows(IllegalArgumentException.class, () -> tokens.issue(Set.of(), Duration.ofDays(1)));
    assertThrows(
        IllegalArgumentException.class, () -> tokens.issue(Set.of(TokenScope.KEYS), Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class,
        () -> tokens.issue(Set.of(TokenScope.KEYS), ApiTokens.MAX_LIFETIME.plusSeconds(1)));
  }
}
