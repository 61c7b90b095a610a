package io.valise.core.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdTest {
  @Test
  void textRoundTripsForManyValues() {
    Random seeded = new Random(42);
    for (int i = 0; i < 2000; i++) {
      EnvelopeId id = new EnvelopeId(seeded.nextLong(), seeded.nextLong());
      String text = id.text();
      assertEquals(26, text.length());
      assertTrue(text.matches("[a-z2-7]{26}"), text);
      assertEquals(id, EnvelopeId.parse(text));
    }
  }

  @Test
  void extremesEncodeAsExpected() {
    assertEquals("a".repeat(26), new BlobId(0, 0).text());
    assertEquals("7".repeat(25) + "4", new BlobId(-1, -1).text());
    assertEquals(new BlobId(-1, -1), BlobId.parse("7".repeat(25) + "4"));
  }

  @Test
  void randomIdsComeFromTheInjectedRandom() {
    SecureRandom random = new SecureRandom();
    assertNotEquals(ShareId.random(random), ShareId.random(random));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "../../etc/passwd",
        "aaaaaaaaaaaaaaaaaaaaaaaaa", // 25
        "aaaaaaaaaaaaaaaaaaaaaaaaaaa", // 27
        "AAAAAAAAAAAAAAAAAAAAAAAAAA", // upper case is another spelling
        "aaaaaaaaaaaaaaaaaaaaaaaaab", // padding bits set
        "aaaaaaaaaaaaaaaaaaaaaaaaa=",
        "aaaaaaaaaaaa/aaaaaaaaaaaaa",
        "aaaaaaaaaaaaaaaaaaaaaaaa01",
        "aaaaaaaaaaaaaaaaaaaaaaaa\u0000a"
      })
  void parsingIsStrict(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AccountId.parse(text));
    String message = String.valueOf(e.getMessage());
    assertTrue(message.startsWith("AccountId ["), message);
  }

  @Test
  void messagesNeverEchoControlCharactersOrLongInput() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KeyId.parse("x\n".repeat(100)));
    String message = String.valueOf(e.getMessage());
    assertTrue(!message.contains("\n") && message.length() < 120, message);
  }
}
