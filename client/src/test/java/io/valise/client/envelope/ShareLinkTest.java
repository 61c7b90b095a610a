package io.valise.client.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.age.x25519.X25519Identity;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class ShareLinkTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void formatThenParse() {
    try (X25519Identity id = X25519Identity.generate(RANDOM)) {
      String url = ShareLink.format("https://valise.example.org", "Ab3_x-9", id);
      assertTrue(url.startsWith("https://valise.example.org/s/Ab3_x-9#AGE-SECRET-KEY-1"), url);
      try (ShareLink link = ShareLink.parse(url)) {
        assertEquals("https://valise.example.org", link.server());
        assertEquals("Ab3_x-9", link.id());
        assertEquals(id.recipient().encode(), link.identity().recipient().encode());
        assertFalse(link.toString().contains("AGE-SECRET"), link.toString());
      }
    }
  }

  @Test
  void portAndPathPrefixAreKept() {
    try (X25519Identity id = X25519Identity.generate(RANDOM);
        ShareLink link = ShareLink.parse("http://127.0.0.1:7443/valise/s/abc#" + id.encode())) {
      assertEquals("http://127.0.0.1:7443/valise", link.server());
      assertEquals("abc", link.id());
    }
  }

  @Test
  void badLinksAreRefusedWithoutEchoingTheSecret() {
    String secret;
    try (X25519Identity id = X25519Identity.generate(RANDOM)) {
      secret = id.encode();
    }
    String[] bad = {
      "https://h/s/abc", // no fragment
      "https://h/s/abc#",
      "https://h/s/abc#" + secret.substring(0, 30), // cut short
      "ftp://h/s/abc#" + secret,
      "https://h/x/abc#" + secret,
      "https://h/s/../etc#" + secret,
      "https://h/s/abc?x=1#" + secret,
      "https://h/s/a%2Fb#" + secret,
      "not a url at all #" + secret,
    };
    for (String url : bad) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ShareLink.parse(url), url);
      assertFalse(String.valueOf(e.getMessage()).contains(secret.substring(16)), e.getMessage());
    }
  }

  @Test
  void urlsAreToldFromIds() {
    assertTrue(ShareLink.looksLikeUrl("HTTPS://h/s/x#y"));
    assertFalse(ShareLink.looksLikeUrl("3q2z7x5k4c"));
  }
}
